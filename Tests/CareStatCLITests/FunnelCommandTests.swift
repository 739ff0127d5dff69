import Foundation
import Testing
import TestSupport

// End-to-end tests of `carestat funnel` on the real LA panel (shared/data/la-panel/merged_data.csv beside the repository): children
// looked after at 31 March 2022 (`at31_cla`) per 10,000 children aged 0–16 (`population_0_16`, the denominator
// the panel's own `at_31_cla_rate10000` uses). Reference: Tests/ComparisonTests/Fixtures/make_funnel_fixtures.py
// (scipy; its `la_cla_2022` block), compared at relative tolerance 1e-10.

/// The panel beside the repository (shared/ is cloned beside it); a missing panel fails the tests.
private let panel = sharedLAPanelPath() ?? "shared/data/la-panel/merged_data.csv (not found beside the repository)"
nonisolated(unsafe) private let reference: [String: Any] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ComparisonTests/Fixtures/funnel_reference.json")
    let o = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    return o["la_cla_2022"] as! [String: Any]
}()

private func rel(_ a: Any?, _ b: Any?, _ tol: Double = 1e-10) -> Bool {
    guard let a = (a as? NSNumber)?.doubleValue, let b = (b as? NSNumber)?.doubleValue else { return false }
    return abs(a - b) <= tol * max(1, abs(b))
}

private func funnel(_ extra: [String]) throws -> (CareStatRun, [String: Any]?) {
    let r = try CareStatBinary.run(["funnel", panel, "--unit", "la_name", "--observed", "at31_cla",
                                    "--denominator", "population_0_16", "--per", "10000", "--where", "time_period=2022",
                                    "--format", "json"] + extra)
    let o = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    return (r, o)
}

@Suite
struct FunnelCommandTests {
    @Test func claRatesPer10000MatchTheFixtureScript() throws {
        let svg = FileManager.default.temporaryDirectory.appendingPathComponent("funnel-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: svg) }
        let (r, o) = try funnel(["--plot", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try #require(o)
        #expect(out["model"] as? String == "funnel")
        #expect(rel(out["target"], reference["target_per_10000"]))
        let units = out["units"] as! [[String: Any]]
        #expect(units.count == (reference["units"] as! NSNumber).intValue)
        for e in reference["per_unit"] as! [[String: Any]] {
            let name = e["unit"] as! String
            let u = try #require(units.first { $0["unit"] as? String == name }, "\(name)")
            #expect(rel(u["estimate"], e["estimate"]), "\(name) estimate")
            #expect(rel(u["z"], e["z"]), "\(name) z")
            for level in ["95", "99.8"] {
                let got = (u["limits"] as! [String: Any])[level] as! [Any]
                let want = (e[level == "95" ? "95.0" : "99.8"] as! [String: Any])["exact"] as! [Any]
                #expect(rel(got[0], want[0]) && rel(got[1], want[1]), "\(name) \(level): \(got) vs \(want)")
            }
        }
        // Isles of Scilly (0 of 361 children) is a zero numerator with a tiny denominator: within the limits.
        let scilly = try #require(units.first { $0["unit"] as? String == "Isles of Scilly" })
        #expect(scilly["verdict"] as? String == "within")
        // ... but FunnelPlotR's χ² limits call it low: the sensitivity table lists it.
        let changing = try #require((out["sensitivity"] as? [String: Any])?["changing"] as? [[String: Any]])
        let methods = try #require((out["sensitivity"] as? [String: Any])?["methods"] as? [String])
        let s = try #require(changing.first { $0["unit"] as? String == "Isles of Scilly" })
        let verdicts = s["verdicts"] as! [String]
        #expect(verdicts[methods.firstIndex(of: "exact")!] == "within" && verdicts[methods.firstIndex(of: "gamma")!] == "low")
        let figure = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(figure.hasPrefix("<svg") || figure.contains("<svg"))
        #expect(figure.contains("Blackpool"))   // the highest CLA rate, labelled as an outlier
    }

    @Test func tau2AdjustmentMatchesDerSimonianLaird() throws {
        let (r, o) = try funnel(["--overdispersion", "tau2"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try #require(o)
        let od = out["overdispersion"] as! [String: Any]
        #expect(rel(od["tau2"], reference["tau2"]) && rel(od["phi"], reference["phi"]))
        let units = out["units"] as! [[String: Any]]
        for e in reference["per_unit"] as! [[String: Any]] {
            let u = try #require(units.first { $0["unit"] as? String == e["unit"] as? String })
            let got = (u["limits"] as! [String: Any])["99.8"] as! [Any]
            let want = (e["99.8"] as! [String: Any])["tau2"] as! [Any]
            #expect(rel(got[0], want[0]) && rel(got[1], want[1]), "\(e["unit"]!): \(got) vs \(want)")
        }
        #expect((out["sensitivity"] as? [String: Any])?["methods"] != nil)
    }

    /// `--adjust "~ imd19_idaci"`: O/E against R's glm fitted values, with exact Poisson limits (Spiegelhalter's
    /// interpolation) from Fixtures/make_adjusted_fixtures.R, at relative 1e-8 (the GLM's coefficient tolerance).
    @Test func deprivationAdjustedRatiosMatchRGlm() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ComparisonTests/Fixtures/adjusted_reference.json")
        let ref = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let pois = ref["poisson"] as! [String: Any]
        let r = try CareStatBinary.run(["funnel", panel, "--unit", "la_name", "--observed", "at31_cla",
                                        "--denominator", "population_0_16", "--adjust", "~ imd19_idaci",
                                        "--where", "time_period=2022", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(out["measure"] as? String == "ratio")
        let units = out["units"] as! [[String: Any]]
        for e in pois["units"] as! [[String: Any]] {
            let u = try #require(units.first { $0["unit"] as? String == e["unit"] as? String })
            #expect(rel(u["expected"], e["expected"], 1e-8) && rel(u["estimate"], e["estimate"], 1e-8), "\(e["unit"]!)")
            for (key, refKey) in [("95", "limits_95"), ("99.8", "limits_99.8")] {
                let got = (u["limits"] as! [String: Any])[key] as! [Any]
                let want = e[refKey] as! [Any]
                #expect(rel(got[0], want[0], 1e-8) && rel(got[1], want[1], 1e-8), "\(e["unit"]!) \(key): \(got) vs \(want)")
            }
        }
    }

    @Test func userErrorsExitWithStatusOne() throws {
        let (r1, _) = try funnel(["--method", "wilson"])   // Wilson limits are for proportions, not rates
        #expect(r1.status == 1 && r1.stderr.contains("wilson"))
        let r2 = try CareStatBinary.run(["funnel", panel, "--unit", "la_name", "--observed", "at31_clx",
                                         "--denominator", "population_0_16"])
        #expect(r2.status == 1 && r2.stderr.contains("at31_clx"))
        // Several years of one LA: duplicated units.
        let r3 = try CareStatBinary.run(["funnel", panel, "--unit", "la_name", "--observed", "at31_cla",
                                         "--denominator", "population_0_16", "--per", "10000"])
        #expect(r3.status == 1 && r3.stderr.contains("more than once"))
        #expect(r1.exitedNormally && r2.exitedNormally && r3.exitedNormally)
        // A text column as the observed counts is an error, not a unit list emptied as "missing".
        let r4 = try CareStatBinary.run(["funnel", panel, "--unit", "new_la_code", "--observed", "la_name",
                                         "--denominator", "population_0_16", "--where", "time_period=2022"])
        #expect(r4.status == 1 && r4.stderr.contains("not a numeric column"), "\(r4.stderr)")
    }
}
