import Foundation
import Testing
@testable import CareData

@Suite struct SyntheticGeneratorTests {
    private func files(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
        }
        return out
    }

    @Test func sameSeedWritesByteIdenticalFiles() throws {
        let a = SyntheticTestData.freshDirectory("determinism-a")
        let b = SyntheticTestData.freshDirectory("determinism-b")
        _ = try SyntheticTestData.small(seed: 11).generate(into: a)
        _ = try SyntheticTestData.small(seed: 11).generate(into: b)
        let fa = try files(a), fb = try files(b)
        #expect(fa.count == 3 + 16 + 3)  // 903 header + episodes + proceedings, CIN 2009–2024, LA + outcomes + truth
        #expect(Set(fa.keys) == Set(fb.keys))
        for (name, data) in fa { #expect(fb[name] == data, "\(name) differs between two runs with the same seed") }
    }

    @Test func anotherSeedWritesDifferentFiles() throws {
        let a = SyntheticTestData.freshDirectory("seed-a")
        let b = SyntheticTestData.freshDirectory("seed-b")
        _ = try SyntheticTestData.small(seed: 11).generate(into: a)
        _ = try SyntheticTestData.small(seed: 12).generate(into: b)
        let fa = try files(a), fb = try files(b)
        for name in [SyntheticFileFormat.header, SyntheticFileFormat.episodes, SyntheticFileFormat.outcomes,
                     SyntheticFileFormat.cinCensus(year: 2020), SyntheticFileFormat.truth] {
            #expect(fa[name] != nil && fa[name] != fb[name], "\(name) is the same for seeds 11 and 12")
        }
        // The LA table's names and IDACI come from the panel, so only populations may differ; it must exist in both.
        #expect(fa[SyntheticFileFormat.localAuthorities] != nil && fb[SyntheticFileFormat.localAuthorities] != nil)
    }

    @Test func truthJSONParsesAndMatchesTheConfiguration() throws {
        var generator = SyntheticTestData.small(seed: 99, problems: SyntheticQualityProblems(missingChildIDRate: 0.01))
        generator.parameters.returnToCare.logHRSection20 = 0.5
        let dir = SyntheticTestData.freshDirectory("truth")
        let summary = try generator.generate(into: dir)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + SyntheticFileFormat.truth))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["seed"] as? String == "99")
        #expect(json["children"] as? Double == 4000)
        #expect(json["local_authorities"] as? Double == 12)
        #expect(json["first_year"] as? Double == 2004)
        #expect(json["last_year"] as? Double == 2024)
        #expect(json["window_start"] as? String == "2003-04-01")
        #expect(json["data_end"] as? String == "2024-03-31")
        let parameters = try #require(json["parameters"] as? [String: Any])
        let rtc = try #require(parameters["return_to_care"] as? [String: Any])
        let hr = try #require(rtc["log_hazard_ratios"] as? [String: Any])
        #expect(hr["section20"] as? Double == 0.5)
        #expect(rtc["weibull_shape"] as? Double == generator.parameters.returnToCare.weibullShape)
        let outcomes = try #require(parameters["outcomes"] as? [String: Any])
        let attainment = try #require(outcomes["attainment"] as? [String: Any])
        #expect(attainment["level"] as? [Double] == generator.parameters.outcomes.attainmentLevel)
        #expect(attainment["la_sd"] as? Double == generator.parameters.outcomes.attainmentLASD)
        let effects = try #require(json["la_random_effects"] as? [[String: Any]])
        #expect(effects.count == 12)
        let problems = try #require(json["quality_problems"] as? [String: Any])
        #expect(problems["missing_child_id_rate"] as? Double == 0.01)
        // The file list in truth.json is the summary's.
        let listed = try #require(json["files"] as? [[String: Any]])
        #expect(listed.map { $0["name"] as? String ?? "" } == summary.files.dropLast().map(\.name))
    }

    @Test func localAuthorityTableMatchesThePanelAndPopulation() throws {
        let dir = SyntheticTestData.freshDirectory("la-table")
        let generator = SyntheticTestData.small(seed: 5)
        _ = try generator.generate(into: dir)
        let la = try SyntheticTestData.read(dir, SyntheticFileFormat.localAuthorities)
        #expect(la.rows.count == 12)
        // Hand check: 12 LAs evenly spaced over the 151 panel rows sorted by code are rows ⌊12j·151/12⌋/12 = ⌊151j/12⌋.
        let expected = (0..<12).map { SyntheticLocalAuthorityPanel.rows[($0 * 151) / 12].code }
        #expect(la.rows.map { $0["LA"] ?? "" } == expected)
        // CHILD_POPULATION counts the children under 18 at the data end.
        let total = la.rows.reduce(0) { $0 + (Int($1["CHILD_POPULATION"] ?? "") ?? 0) }
        // Dates of birth are uniform over 18 + 21 years (window 2003-04-01 .. 2024-03-31 plus 18 years before):
        // the expected share under 18 at the end is 18/39 = 0.4615, binomial SD √(4000·0.4615·0.5385) ≈ 31.5.
        #expect(abs(Double(total) - 4000 * 18.0 / 39.0) < 4 * 31.5 + 5)
    }

    @Test func invalidConfigurationsThrow() {
        #expect(throws: SyntheticError.self) { try SyntheticGenerator(children: 0).validate() }
        #expect(throws: SyntheticError.self) { try SyntheticGenerator(localAuthorities: 152).validate() }
        #expect(throws: SyntheticError.self) { try SyntheticGenerator(firstYear: 2024, lastYear: 2020).validate() }
        #expect(throws: SyntheticError.self) {
            try SyntheticGenerator(qualityProblems: SyntheticQualityProblems(overlappingEpisodeRate: 1.5)).validate()
        }
        var parameters = SyntheticParameters()
        parameters.contact.probabilityCPP = [0.1, 0.2]
        #expect(throws: SyntheticError.self) { try SyntheticGenerator(parameters: parameters).validate() }
        parameters = SyntheticParameters()
        parameters.returnToCare.weibullShape = -1
        #expect(throws: SyntheticError.self) { try SyntheticGenerator(parameters: parameters).validate() }
        #expect(throws: Never.self) { try SyntheticGenerator().validate() }
    }
}
