import Foundation
import Testing

// The JSON contracts of km, cuminc and cox (DESIGN.md, issue 10) checked on the built binary — keys and types —
// and issue 10's attacks on their text, CSV, JSON and SVG output with a group of 7 people in the data.

/// Groups A (40 people), C (30) and B (7: one event at day 10, the first, so S = 6/7 there); status 0/1 and a
/// cause 0/1/2.
private func smallGroupFile() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-survcontract-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var lines = ["t,e,cause,g,x"]
    for i in 0..<40 { lines.append("\((i + 1) * 9),\(i % 2 == 0 ? 1 : 0),\(i % 3),A,\(Double(i % 5) / 2)") }
    for i in 0..<30 { lines.append("\((i + 1) * 7),\(i % 3 == 0 ? 1 : 0),\((i + 1) % 3),C,\(Double(i % 4) / 3)") }
    for (t, e) in [(10, 1), (20, 0), (50, 0), (60, 0), (61, 0), (65, 0), (70, 0)] { lines.append("\(t),\(e),\(e),B,1") }
    let path = dir.appendingPathComponent("small.csv").path
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

private func object(_ s: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
}

private func isNumberOrNull(_ v: Any?) -> Bool { v is NSNull || v is NSNumber }

@Suite struct SurvivalCommandContractTests {
    /// `km --format json`: `strata`, each `{name, n, events, median, median_conf_low, median_conf_high, table}`,
    /// table rows `{time, n_risk, n_event, n_censor, survival, std_error, conf_low, conf_high}`, numbers or null.
    @Test func kmJSONSchema() throws {
        let file = try smallGroupFile()
        let r = try CareStatBinary.run(["km", file, "--time", "t", "--event", "e", "--by", "g", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try object(r.stdout)
        let strata = try #require(o["strata"] as? [[String: Any]])
        #expect(strata.map { $0["name"] as? String } == ["A", "B", "C"])
        for s in strata {
            #expect(Set(s.keys) == ["name", "n", "events", "median", "median_conf_low", "median_conf_high", "table"])
            for k in ["n", "events", "median", "median_conf_low", "median_conf_high"] { #expect(isNumberOrNull(s[k]), "\(k)") }
            let table = try #require(s["table"] as? [[String: Any]])
            #expect(!table.isEmpty)
            for row in table {
                #expect(Set(row.keys) == ["time", "n_risk", "n_event", "n_censor", "survival", "std_error", "conf_low", "conf_high"])
                #expect(row.values.allSatisfy(isNumberOrNull))
            }
        }
    }

    /// `cuminc --format json`: the same shape per group and cause, with `cause` and `incidence`.
    @Test func cumincJSONSchema() throws {
        let file = try smallGroupFile()
        let r = try CareStatBinary.run(["cuminc", file, "--time", "t", "--status", "cause", "--by", "g", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try object(r.stdout)
        #expect(o["causes"] as? [String] == ["1", "2"])
        let strata = try #require(o["strata"] as? [[String: Any]])
        #expect(strata.count == 6)
        for s in strata {
            #expect(Set(s.keys) == ["name", "cause", "n", "events", "median", "median_conf_low", "median_conf_high", "table"])
            for row in try #require(s["table"] as? [[String: Any]]) {
                #expect(Set(row.keys) == ["time", "n_risk", "n_event", "n_censor", "incidence", "std_error", "conf_low", "conf_high"])
                #expect(row.values.allSatisfy(isNumberOrNull))
            }
        }
    }

    /// `cox --format json`: DESIGN.md's model keys; estimates on the log-hazard scale.
    @Test func coxJSONSchema() throws {
        let file = try smallGroupFile()
        let r = try CareStatBinary.run(["cox", file, "Surv(t, e) ~ x + strata(g)", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try object(r.stdout)
        for k in ["model", "formula", "n", "events", "loglik", "aic", "converged", "iterations", "warnings", "coefficients",
                  "strata", "tests", "concordance"] {
            #expect(o.keys.contains(k), "\(k)")
        }
        #expect(o["model"] as? String == "coxph" && o["converged"] as? Bool == true)
        let c = try #require((o["coefficients"] as? [[String: Any]])?.first)
        for k in ["term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high"] { #expect(c.keys.contains(k)) }
    }

    /// Attack on `km --by` text, CSV and JSON: B's n is [c] but S = 0.8571 (6/7) would give it away, and the total
    /// minus the shown groups would give B's n and events.
    @Test func kmSmallGroupCannotBeRecovered() throws {
        let file = try smallGroupFile()
        for format in ["text", "csv", "json"] {
            let r = try CareStatBinary.run(["km", file, "--time", "t", "--event", "e", "--by", "g", "--at", "10,20,50,60",
                                            "--format", format])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stdout.contains("0.8571") && !r.stdout.contains("0.857"), "\(format)")
        }
        let o = try object(try CareStatBinary.run(["km", file, "--time", "t", "--event", "e", "--by", "g",
                                                    "--format", "json"]).stdout)
        let strata = try #require(o["strata"] as? [[String: Any]])
        for key in ["n", "events"] {
            let parts = strata.map { $0[key] as? Int }
            let hidden = parts.filter { $0 == nil }.count
            #expect(hidden != 1 || o[key] as? Int == nil, "total − shown groups gives the withheld \(key)")
        }
        let b = strata[1]
        #expect(b["n"] is NSNull && b["median"] is NSNull)
        let rows = try #require(b["table"] as? [[String: Any]])
        #expect(rows.count == 1 && rows[0].values.allSatisfy { $0 is NSNull })
    }

    /// Attack on the SVG: B's 7 times and statuses as vertices, and its at-risk steps. B is not drawn, its
    /// at-risk row is withheld, and A's curve has no vertex per person.
    @Test func kmFigureOfASmallGroup() throws {
        let file = try smallGroupFile()
        let svg = FileManager.default.temporaryDirectory.appendingPathComponent("km-\(UUID().uuidString).svg").path
        let r = try CareStatBinary.run(["km", file, "--time", "t", "--event", "e", "--by", "g", "--plot", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains("Curves withheld") && text.contains("g = B"))
        // A has 40 distinct times and C 30: per-person curves would need well over 100 vertices.
        #expect(polylineVertices(text) < 30, "\(polylineVertices(text)) vertices")
        #expect(!text.contains(">7<"), "B's n in the at-risk table")
    }

    /// Attack on `cuminc`: B's incidence 1/7 with its n shown as [c].
    @Test func cumincSmallGroupCannotBeRecovered() throws {
        let file = try smallGroupFile()
        for format in ["text", "csv", "json"] {
            let r = try CareStatBinary.run(["cuminc", file, "--time", "t", "--status", "cause", "--by", "g", "--format", format])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stdout.contains("0.1428") && !r.stdout.contains("0.142857"), "\(format)")
        }
    }

    /// `--no-disclosure-control`: the full exact table, as R's survfit, saying not for release.
    @Test func kmControlOffIsTheFullTable() throws {
        let file = try smallGroupFile()
        let r = try CareStatBinary.run(["km", file, "--time", "t", "--event", "e", "--by", "g", "--format", "json",
                                        "--no-disclosure-control"])
        let strata = try #require(try object(r.stdout)["strata"] as? [[String: Any]])
        let b = strata[1]
        let rows = try #require(b["table"] as? [[String: Any]])
        #expect(rows.count == 7 && b["n"] as? Int == 7)
        let s = try #require(rows.first { ($0["time"] as? Double) == 10 }?["survival"] as? Double)
        #expect(abs(s - 6.0 / 7.0) <= 1e-15)
        #expect((try object(r.stdout)["disclosure_control"] as? String)?.contains("not for release") == true)
    }
}
