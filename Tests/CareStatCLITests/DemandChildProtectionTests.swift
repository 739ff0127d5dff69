import Foundation
import Testing

/// `carestat demand --cin` end to end on a small synthetic CIN census written by `carestat synth`: the CP tables and
/// fan chart alone and beside the looked-after model, scenarios, the backtest, user errors, and disclosure control
/// of the counts it shows (attacks: small counts, differencing a state from the total, the origin's stock shown
/// twice, the backtest's errors).
@Suite(.serialized) struct DemandChildProtectionTests {
    static let directory: String = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-cp-\(UUID().uuidString)").path
        _ = try? CareStatBinary.run(["synth", "--out", d, "--children", "30000", "--las", "3", "--years", "2012-2024", "--seed", "5"])
        return d
    }()

    private func tables(_ json: String) throws -> [String: [String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var byName: [String: [String: Any]] = [:]
        for t in object["tables"] as? [[String: Any]] ?? [] { if let name = t["name"] as? String { byName[name] = t } }
        return byName
    }

    private func base(_ extra: [String]) -> [String] {
        ["demand", "--cin", Self.directory, "--paths", "200", "--horizon", "2y", "--seed", "3"] + extra
    }

    @Test func projectsOpenEpisodesWithScenariosAndFanChart() throws {
        let plot = Self.directory + "/cp.svg"
        let r = try CareStatBinary.run(base(["--cp-scenario", "stepup:+20%", "--cp-scenario", "entry:-10%", "--plot", plot,
                                             "--format", "json", "--threads", "2"]))
        #expect(r.status == 0, "\(r.stderr)")
        let t = try tables(r.stdout)
        for name in ["cp-inputs", "cp-rates", "cp-entrants", "cp-history", "cp-projection", "cp-scenarios"] { #expect(t[name] != nil, "\(name) missing") }
        #expect(t["demand-projection"] == nil)
        let rows = try #require(t["cp-projection"]?["rows"] as? [[String: Any]])
        #expect(rows.count == 2 * 3) // months 12 and 24 × total, CIN, CPP
        for row in rows { #expect(try #require(row.values.compactMap { $0 as? Double }.min()) >= 0) }
        // The step-up scenario raises the CPP median at 24 months.
        let scen = try #require(t["cp-scenarios"]?["rows"] as? [[String: Any]])
        func median(_ s: String) -> Double? {
            scen.first { $0["scenario"] as? String == s && $0["series"] as? String == "cpp" && ($0["month"] as? Double) == 24 }?["median"] as? Double
        }
        #expect(try #require(median("stepup:+20%")) > (try #require(median("baseline"))))
        #expect(try String(contentsOfFile: plot, encoding: .utf8).contains("<svg"))
        let one = try CareStatBinary.run(base(["--cp-scenario", "stepup:+20%", "--cp-scenario", "entry:-10%", "--format", "json", "--threads", "1"]))
        #expect(one.stdout == r.stdout)
    }

    @Test func besideTheLookedAfterModel() throws {
        let r = try CareStatBinary.run(base(["--ssda903", Self.directory + "/ssda903_episodes.csv", "--header",
                                             Self.directory + "/ssda903_header.csv", "--format", "json"]))
        #expect(r.status == 0, "\(r.stderr)")
        let t = try tables(r.stdout)
        #expect(t["demand-projection"] != nil && t["cp-projection"] != nil)
    }

    @Test func backtestReportsCoverageByHorizon() throws {
        let r = try CareStatBinary.run(base(["--backtest", "--format", "json"]))
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try tables(r.stdout)["cp-backtest"]?["rows"] as? [[String: Any]])
        #expect(rows.count == 5)
        for row in rows {
            for key in ["coverage_80_total", "coverage_95_total", "coverage_80_cpp", "coverage_95_cpp"] {
                let c = try #require(row[key] as? Double)
                #expect(c >= 0 && c <= 1)
            }
        }
    }

    @Test func userErrorsExitOneWithAClearMessage() throws {
        let bad = try CareStatBinary.run(base(["--cp-scenario", "stepup:lots"]))
        #expect(bad.status == 1 && bad.stderr.contains("--cp-scenario stepup:lots"))
        let missing = try CareStatBinary.run(["demand", "--cin", Self.directory + "/no-such-file.csv"])
        #expect(missing.status == 1 && missing.stderr.contains("no-such-file.csv"))
        let o = try CareStatBinary.run(base(["--origin", "2030-01-01"]))
        #expect(o.status == 1 && o.stderr.contains("after the CIN data end"))
        let w = try CareStatBinary.run(base(["--window", "90y"]))
        #expect(w.status == 1 && w.stderr.contains("reference window"))
        // Options of the looked-after model are refused without --ssda903, never silently unused.
        let lac = try CareStatBinary.run(base(["--scenario", "entry:+10%", "--uasc", Self.directory + "/u.csv"]))
        #expect(lac.status == 1 && lac.stderr.contains("--uasc, --scenario") && lac.stderr.contains("--ssda903"), "\(lac.stderr)")
    }

    /// Attacks. (1) No count of episodes or children below the threshold is shown. (2) A withheld state's stock
    /// cannot be had as the total minus the other state, in the inputs or any month of the history. (3) The origin's
    /// stock appears in the inputs and as the history's last row: it is one set of ledger entries, so both show the
    /// same cells (a count withheld in one cannot be read in the other). (4) A rate or time at risk is never shown
    /// beside a withheld count of children it reveals.
    @Test func noWithheldCountCanBeRecovered() throws {
        let r = try CareStatBinary.run(base(["--backtest", "--format", "json"]))
        #expect(r.status == 0, "\(r.stderr)")
        let t = try tables(r.stdout)
        let countColumns: [String: [String]] = ["cp-rates": ["children"], "cp-entrants": ["entrants"], "cp-history": ["total", "cin", "cpp"]]
        for (name, columns) in countColumns {
            for row in try #require(t[name]?["rows"] as? [[String: Any]]) {
                for c in columns { if let v = row[c] as? Double { #expect(v == 0 || v >= 10, "\(name) \(c) shows \(v)") } }
            }
        }
        let history = try #require(t["cp-history"]?["rows"] as? [[String: Any]])
        for row in history {
            let shown = ["total", "cin", "cpp"].filter { row[$0] is Double }
            #expect(shown.count != 2, "\(row): two of total, CIN, CPP shown give the third")
        }
        let inputs = try #require(t["cp-inputs"]?["rows"] as? [[String: Any]])
        func input(_ prefix: String) -> Any? { inputs.first { ($0["item"] as? String)?.hasPrefix(prefix) ?? false }?["value"] ?? nil }
        let origin = [input("Open at origin: total"), input("Open at origin: CIN"), input("Open at origin: CP")]
        #expect(origin.filter { $0 is Double }.count != 2)
        let last = try #require(history.last)
        #expect(zip(origin, [last["total"], last["cin"], last["cpp"]]).allSatisfy { ($0 as? Double) == ($1 as? Double) })
        for row in try #require(t["cp-rates"]?["rows"] as? [[String: Any]]) where !(row["children"] is Double) {
            #expect(!(row["episode_months"] is Double) && !(row["step_rate"] is Double) && !(row["exit_rate"] is Double))
        }
    }
}
