import Foundation
import Testing
@testable import CareData

/// Injected quality problems: the realised counts equal those reported in truth.json and lie within 4 binomial
/// standard errors (√(n·p(1 − p))) of n·p; the clean records are unchanged by injection.
@Suite struct SyntheticInjectionTests {
    private func truthCounts(_ dir: String, _ kind: String) throws -> (eligible: Int, injected: Int) {
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + SyntheticFileFormat.truth))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let problems = try #require(json["quality_problems"] as? [String: Any])
        let counts = try #require(problems[kind] as? [String: Any])
        return (Int(counts["eligible"] as? Double ?? -1), Int(counts["injected"] as? Double ?? -1))
    }

    private func withinBinomial(_ count: Int, _ n: Int, _ p: Double) -> Bool {
        abs(Double(count) - Double(n) * p) <= 4 * (Double(n) * p * (1 - p)).squareRoot()
    }

    @Test func missingChildIDsAtTheStatedRate() throws {
        let dir = SyntheticTestData.freshDirectory("inject-ids")
        _ = try SyntheticTestData.small(seed: 21, problems: SyntheticQualityProblems(missingChildIDRate: 0.05)).generate(into: dir)
        var rows = 0, blank = 0
        let episodes = try SyntheticTestData.read(dir, SyntheticFileFormat.episodes)
        rows += episodes.rows.count
        blank += episodes.rows.filter { ($0["CHILD"] ?? "").isEmpty }.count
        for year in 2009...2024 {
            let cin = try SyntheticTestData.read(dir, SyntheticFileFormat.cinCensus(year: year))
            rows += cin.rows.count
            blank += cin.rows.filter { ($0["LAchildID"] ?? "").isEmpty }.count
        }
        let truth = try truthCounts(dir, "missing_child_id")
        #expect(truth.eligible == rows && truth.injected == blank)
        #expect(rows > 3000)
        #expect(withinBinomial(blank, rows, 0.05), "\(blank) of \(rows)")
    }

    @Test func overlappingEpisodesAtTheStatedRate() throws {
        let dir = SyntheticTestData.freshDirectory("inject-overlap")
        _ = try SyntheticTestData.small(seed: 22, problems: SyntheticQualityProblems(overlappingEpisodeRate: 0.2)).generate(into: dir)
        let episodes = try SyntheticTestData.read(dir, SyntheticFileFormat.episodes).rows
        var eligible = 0, overlapping = 0
        for (i, row) in episodes.enumerated() where row["REC"] == "X1" {
            eligible += 1
            guard i + 1 < episodes.count, episodes[i + 1]["CHILD"] == row["CHILD"],
                  let end = SyntheticCalendar.parseUK(Substring(row["DEC"] ?? "")),
                  let next = SyntheticCalendar.parseUK(Substring(episodes[i + 1]["DECOM"] ?? "")) else { continue }
            if end > next { overlapping += 1 }
        }
        let truth = try truthCounts(dir, "overlapping_episode")
        #expect(truth.eligible == eligible && truth.injected == overlapping)
        #expect(eligible > 100)
        #expect(withinBinomial(overlapping, eligible, 0.2), "\(overlapping) of \(eligible)")
    }

    @Test func missingClosureDatesAtTheStatedRate() throws {
        let dir = SyntheticTestData.freshDirectory("inject-closure")
        _ = try SyntheticTestData.small(seed: 23, problems: SyntheticQualityProblems(missingClosureDateRate: 0.185)).generate(into: dir)
        var closed = 0, missing = 0
        for year in 2009...2024 {
            for row in try SyntheticTestData.read(dir, SyntheticFileFormat.cinCensus(year: year)).rows
            where !(row["ReasonForClosure"] ?? "").isEmpty {
                closed += 1
                if (row["CINclosureDate"] ?? "").isEmpty { missing += 1 }
            }
        }
        #expect(closed > 2000)
        // 18.5 %: the share of closed episodes without a closure date reported for the real census (seed 002).
        #expect(withinBinomial(missing, closed, 0.185), "\(missing) of \(closed)")
    }

    @Test func injectionLeavesTheCleanRecordsUnchanged() throws {
        let clean = SyntheticTestData.freshDirectory("inject-clean")
        let dirty = SyntheticTestData.freshDirectory("inject-dirty")
        _ = try SyntheticTestData.small(seed: 24).generate(into: clean)
        let problems = SyntheticQualityProblems(missingChildIDRate: 0.1, overlappingEpisodeRate: 0.1, missingClosureDateRate: 0.1)
        _ = try SyntheticTestData.small(seed: 24, problems: problems).generate(into: dirty)
        for name in [SyntheticFileFormat.header, SyntheticFileFormat.outcomes, SyntheticFileFormat.proceedings,
                     SyntheticFileFormat.localAuthorities] {
            let a = try Data(contentsOf: URL(fileURLWithPath: clean + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: dirty + "/" + name))
            #expect(a == b, "\(name) changed by injection")
        }
        let cleanCounts = try truthCounts(clean, "overlapping_episode")
        #expect(cleanCounts.injected == 0)
        let a = try SyntheticTestData.read(clean, SyntheticFileFormat.episodes).rows
        let b = try SyntheticTestData.read(dirty, SyntheticFileFormat.episodes).rows
        #expect(a.count == b.count)
        #expect(zip(a, b).allSatisfy { $0["DECOM"] == $1["DECOM"] && $0["PLACE"] == $1["PLACE"] })
    }
}
