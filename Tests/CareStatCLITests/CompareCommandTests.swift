import Foundation
import Testing
import TestSupport

// End-to-end tests of issue 14's comparison commands on the real LA panel (shared/data/la-panel beside the
// repository), run through the built binary. Numerical references: Tests/ComparisonTests/Fixtures (R/scipy); here
// the commands' wiring, exit statuses, the gate and the figures are checked.

private let panel = sharedLAPanelPath() ?? "shared/data/la-panel/merged_data.csv (not found beside the repository)"

private func json(_ r: CareStatRun) -> [String: Any]? {
    try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
}

/// A table of the JSON output: one table is the object itself, several are under "tables".
private func table(_ o: [String: Any]?, _ name: String) -> [[String: Any]]? {
    if o?["name"] as? String == name { return o?["rows"] as? [[String: Any]] }
    return ((o?["tables"] as? [[String: Any]])?.first { $0["name"] as? String == name })?["rows"] as? [[String: Any]]
}

private func tempSVG() -> String { FileManager.default.temporaryDirectory.appendingPathComponent("cmp-\(UUID().uuidString).svg").path }

@Suite
struct CompareCommandTests {
    /// `funnel --overdispersion negbin`: the ML size matches MASS::theta.ml(y, θ0·population) on the 2022 panel,
    /// 5.70395141175124 (R 4, MASS), at 1e-6 relative.
    @Test func funnelNegativeBinomialLimits() throws {
        let r = try CareStatBinary.run(["funnel", panel, "--unit", "la_name", "--observed", "at31_cla", "--denominator", "population_0_16",
                                        "--per", "10000", "--where", "time_period=2022", "--overdispersion", "negbin", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(json(r))
        let od = try #require(o["overdispersion"] as? [String: Any])
        let k = try #require((od["size"] as? NSNumber)?.doubleValue)
        #expect(abs(k / 5.70395141175124 - 1) < 1e-6, "k = \(k)")
        #expect(od["boundary"] as? Bool == false)
        let methods = try #require((o["sensitivity"] as? [String: Any])?["methods"] as? [String])
        #expect(methods.contains("negbin"))
        // A proportion funnel with negbin is refused, naming the option.
        let bad = try CareStatBinary.run(["funnel", panel, "--unit", "la_name", "--observed", "at31_cla", "--denominator", "population_0_16",
                                          "--where", "time_period=2022", "--overdispersion", "negbin"])
        #expect(bad.status == 1 && bad.stderr.contains("betabinomial"))
    }

    @Test func funnelWithShrinkageRanksAndNeighbours() throws {
        let svg = tempSVG(), cat = tempSVG()
        defer { try? FileManager.default.removeItem(atPath: svg); try? FileManager.default.removeItem(atPath: cat) }
        let r = try CareStatBinary.run(["funnel", panel, "--unit", "la_name", "--observed", "at31_cla", "--denominator", "population_0_16",
                                        "--per", "10000", "--where", "time_period=2022", "--adjust", "~ imd19_idaci", "--ranks",
                                        "--neighbours", "5", "--on", "imd19_idaci,imd19_imd", "--plot", svg, "--caterpillar", cat,
                                        "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        // With --adjust the funnel's own JSON contract stands; the run's tables are shown in the text format.
        let text = try CareStatBinary.run(["funnel", panel, "--unit", "la_name", "--observed", "at31_cla", "--denominator", "population_0_16",
                                           "--per", "10000", "--where", "time_period=2022", "--shrinkage", "--neighbours", "3",
                                           "--on", "imd19_idaci"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Shrunken estimates") && text.stdout.contains("Statistical neighbours"))
        let caterpillar = try String(contentsOfFile: cat, encoding: .utf8)
        #expect(caterpillar.contains("<svg") && caterpillar.contains("Caterpillar"))
        #expect(FileManager.default.fileExists(atPath: svg))
    }

    @Test func shrinkageWithRanks() throws {
        let svg = tempSVG()
        defer { try? FileManager.default.removeItem(atPath: svg) }
        let r = try CareStatBinary.run(["compare", "shrinkage", panel, "--where", "time_period=2022", "--unit", "la_name",
                                        "--observed", "at31_cla", "--denominator", "population_0_16", "--covariates", "imd19_idaci",
                                        "--ranks", "--plot", svg, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(table(json(r), "shrinkage"))
        #expect(rows.count >= 140 && rows.count <= 151)   // LAs without at31_cla or IDACI in 2022 are dropped and named
        for row in rows {
            let lo = try #require((row["rank_set_low"] as? NSNumber)?.intValue), hi = try #require((row["rank_set_high"] as? NSNumber)?.intValue)
            let m = try #require((row["rank_median"] as? NSNumber)?.doubleValue)
            #expect(lo >= 1 && hi <= rows.count && lo <= hi && m >= 1 && m <= Double(rows.count))
        }
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("<svg"))
    }

    @Test func neighboursShowDistances() throws {
        let r = try CareStatBinary.run(["compare", "neighbours", panel, "--where", "time_period=2022", "--unit", "la_name",
                                        "--on", "imd19_idaci,imd19_imd", "--neighbours", "10", "--of", "Hartlepool", "--format", "json"])
        // Some LAs lack a deprivation score: a missing input is an error naming the LA (never a silent drop).
        if r.status == 1 {
            #expect(r.stderr.contains("has no value of"))
        } else {
            let rows = try #require(table(json(r), "neighbours"))
            #expect(rows.count == 10 && rows.allSatisfy { $0["distance"] is NSNumber })
        }
        let bad = try CareStatBinary.run(["compare", "neighbours", panel, "--unit", "la_name", "--on", "no_such_column"])
        #expect(bad.status == 1 && bad.stderr.contains("no such column"))
    }

    @Test func controlChartsAndTheAgreementView() throws {
        let svg = tempSVG()
        defer { try? FileManager.default.removeItem(atPath: svg) }
        let r = try CareStatBinary.run(["compare", "control-chart", panel, "--unit", "la_name", "--period", "time_period",
                                        "--observed", "at31_cla", "--denominator", "population_0_16", "--chart", "u",
                                        "--funnel", "--plot", svg, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = json(r)
        let rows = try #require(table(o, "control_chart"))
        #expect(rows.count > 1500)
        let agreement = try #require(table(o, "agreement"))
        #expect(!agreement.isEmpty)
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("Control chart"))
        let bad = try CareStatBinary.run(["compare", "control-chart", panel, "--unit", "la_name", "--period", "time_period",
                                          "--observed", "at31_cla", "--chart", "u"])
        #expect(bad.status == 1 && bad.stderr.contains("--denominator"))
    }

    /// Seed 001's "8:1 looked after, 13:1 protection plans", per year from the panel: the RII per year against
    /// Fixtures/make_inequality_fixtures.R (negative binomial) at 1e-6.
    @Test func inequalityPerYear() throws {
        let r = try CareStatBinary.run(["compare", "inequality", panel, "--unit", "new_la_code", "--period", "time_period",
                                        "--observed", "at31_cla,at31_cpp", "--population", "population_0_16",
                                        "--deprivation", "imd19_idaci", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(table(json(r), "inequality"))
        #expect(rows.count == 26)
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ComparisonTests/Fixtures/inequality_reference.json")
        let ref = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: Any]]
        for e in ref {
            let m = e["measure"] as! String, y = (e["year"] as! NSNumber).intValue
            let row = try #require(rows.first { $0["measure"] as? String == m && $0["period"] as? String == String(y) })
            let want = ((e["negbin"] as! [String: Any])["rii"] as! NSNumber).doubleValue
            let got = try #require((row["rii"] as? NSNumber)?.doubleValue)
            #expect(abs(got / want - 1) < 1e-6, "\(m) \(y): \(got) vs \(want)")
        }
    }

    @Test func laComparisonSpecRuns() throws {
        let dir = URL(fileURLWithPath: panel).deletingLastPathComponent().path
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("la-comparison-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try CareStatBinary.run(["run", "la-comparison", "--data", dir, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(files.contains { $0.hasSuffix("caterpillar.svg") } && files.contains { $0.hasSuffix("funnel.svg") })
        #expect(r.stdout.contains("at31_cla") && r.stdout.contains("Shrunken") && r.stdout.contains("Inequality"))
    }
}
