import Foundation
import Testing
@testable import CareData

/// Cross-check with the CareData readers and validation (CareDataInputs): the clean synthetic files pass every
/// rule, and injected problems are flagged by the matching rule exactly as often as they were injected
/// (counts from truth.json and from the files).
@Suite struct SyntheticValidationTests {
    private func issues(_ v: Validation) -> [ValidationRule: Int] {
        var out: [ValidationRule: Int] = [:]
        for issue in v.issues { out[issue.rule, default: 0] += 1 }
        return out
    }

    @Test func cleanFilesPassTheValidation() throws {
        let dir = try SyntheticTestData.standard.get().0
        for year in [2009, 2016, 2024] {
            let inputs = CareDataInputs(ssda903Path: dir + "/" + SyntheticFileFormat.episodes,
                                        headerPath: dir + "/" + SyntheticFileFormat.header,
                                        cinPath: dir + "/" + SyntheticFileFormat.cinCensus(year: year))
            let v = try inputs.validate()
            #expect(v.issues.isEmpty, "\(year): \(issues(v)) e.g. \(v.issues.prefix(3).map(\.detail))")
            #expect(v.episodes.count > 1000 && v.cinEpisodes.count > 1000)
        }
    }

    @Test func injectedProblemsAreFlagged() throws {
        let dir = SyntheticTestData.freshDirectory("validation-injected")
        let problems = SyntheticQualityProblems(missingChildIDRate: 0.03, overlappingEpisodeRate: 0.1,
                                                missingClosureDateRate: 0.2)
        _ = try SyntheticTestData.small(seed: 31, problems: problems).generate(into: dir)
        let episodes = try SyntheticTestData.read(dir, SyntheticFileFormat.episodes).rows
        let blankEpisodeIDs = episodes.filter { ($0["CHILD"] ?? "").isEmpty }.count
        let cin = try SyntheticTestData.read(dir, SyntheticFileFormat.cinCensus(year: 2020)).rows
        let blankCINIDs = cin.filter { ($0["LAchildID"] ?? "").isEmpty }.count
        let noClosure = cin.filter { !($0["ReasonForClosure"] ?? "").isEmpty && ($0["CINclosureDate"] ?? "").isEmpty }.count
        let inputs = CareDataInputs(ssda903Path: dir + "/" + SyntheticFileFormat.episodes,
                                    headerPath: dir + "/" + SyntheticFileFormat.header,
                                    cinPath: dir + "/" + SyntheticFileFormat.cinCensus(year: 2020))
        let found = issues(try inputs.validate())
        #expect(blankEpisodeIDs + blankCINIDs > 0 && noClosure > 0)
        #expect(found[.missingID] == blankEpisodeIDs + blankCINIDs)
        #expect(found[.missingClosureDate] == noClosure)
        #expect((found[.overlappingEpisodes] ?? 0) > 0)
    }

    @Test func injectedOverlapsAreFlaggedOncePerInjection() throws {
        let dir = SyntheticTestData.freshDirectory("validation-overlaps")
        _ = try SyntheticTestData.small(seed: 32, problems: SyntheticQualityProblems(overlappingEpisodeRate: 0.3))
            .generate(into: dir)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + SyntheticFileFormat.truth))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let problems = try #require(json["quality_problems"] as? [String: Any])
        let injected = Int((problems["overlapping_episode"] as? [String: Any])?["injected"] as? Double ?? -1)
        let inputs = CareDataInputs(ssda903Path: dir + "/" + SyntheticFileFormat.episodes,
                                    headerPath: dir + "/" + SyntheticFileFormat.header)
        let found = issues(try inputs.validate())
        #expect(injected > 20)
        #expect(found[.overlappingEpisodes] == injected, "\(found)")
    }
}
