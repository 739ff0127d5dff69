import Foundation
import Testing

/// `carestat demand` end to end on a small synthetic SSDA903 extract written by `carestat synth`: the tables and
/// figures, scenarios and costs, the same answer on one and two threads, the backtest, user errors, and disclosure
/// control of the counts it shows.
@Suite(.serialized) struct DemandCommandTests {
    static let directory: String = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-demand-\(UUID().uuidString)").path
        _ = try? CareStatBinary.run(["synth", "--out", d, "--children", "30000", "--las", "3", "--years", "2012-2024", "--seed", "5"])
        return d
    }()
    static var episodes: String { directory + "/ssda903_episodes.csv" }
    static var header: String { directory + "/ssda903_header.csv" }

    private func tables(_ json: String) throws -> [String: [String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let list = object["tables"] as? [[String: Any]] ?? []
        var byName: [String: [String: Any]] = [:]
        for t in list { if let name = t["name"] as? String { byName[name] = t } }
        return byName
    }

    private func base(_ extra: [String]) -> [String] {
        ["demand", "--ssda903", Self.episodes, "--header", Self.header, "--paths", "200", "--horizon", "2y", "--seed", "3"] + extra
    }

    @Test func projectsWithScenariosCostsAndFigures() throws {
        let costs = Self.directory + "/costs.csv"
        try "placement,weekly_cost\nfoster,900\nresidential,5000\nsupported,1500\nother,700\n".write(toFile: costs, atomically: true, encoding: .utf8)
        let plot = Self.directory + "/fan.svg"
        let r = try CareStatBinary.run(base(["--scenario", "entry:+10%", "--scenario", "mix:residential>foster:20%",
                                             "--costs", costs, "--plot", plot, "--format", "json", "--threads", "2"]))
        #expect(r.status == 0, "\(r.stderr)")
        let t = try tables(r.stdout)
        for name in ["demand-inputs", "demand-rates", "demand-entrants", "demand-history", "demand-projection", "demand-spend", "demand-scenarios"] {
            #expect(t[name] != nil, "\(name) missing")
        }
        let rows = try #require(t["demand-projection"]?["rows"] as? [[String: Any]])
        #expect(rows.count == 2 * 5) // months 12 and 24 × total and four groups
        for row in rows {
            let lo = try #require(row.values.compactMap { $0 as? Double }.min())
            #expect(lo >= 0)
        }
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.contains("<svg"))
        #expect(FileManager.default.fileExists(atPath: Self.directory + "/fan-scenarios.svg"))
        // The same seed on one thread gives the same output.
        let one = try CareStatBinary.run(base(["--scenario", "entry:+10%", "--scenario", "mix:residential>foster:20%",
                                               "--costs", costs, "--format", "json", "--threads", "1"]))
        #expect(one.stdout == r.stdout)
    }

    /// No unit costs ship with CareStat: without --costs there is no spend table and the output says so.
    @Test func withoutCostsSaysNoCostsGiven() throws {
        let r = try CareStatBinary.run(base(["--format", "json"]))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try tables(r.stdout)["demand-spend"] == nil)
        #expect(r.stdout.contains("No costs given"))
        let help = try CareStatBinary.run(["demand", "--help"])
        #expect(help.stdout.contains("no costs given"))
    }

    @Test func backtestReportsAccuracyByHorizon() throws {
        let r = try CareStatBinary.run(base(["--backtest", "--format", "json"]))
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try tables(r.stdout)["demand-backtest"]?["rows"] as? [[String: Any]])
        #expect(rows.count == 5)
    }

    @Test func userErrorsExitOneWithAClearMessage() throws {
        let bad = try CareStatBinary.run(base(["--scenario", "entry:ten"]))
        #expect(bad.status == 1 && bad.stderr.contains("--scenario entry:ten"))
        let costs = Self.directory + "/bad-costs.csv"
        try "placement,weekly_cost\nfoster,900\nresidential,lots\n".write(toFile: costs, atomically: true, encoding: .utf8)
        let c = try CareStatBinary.run(base(["--costs", costs]))
        #expect(c.status == 1 && c.stderr.contains("line 3, column weekly_cost") && c.stderr.contains("lots"))
        let h = try CareStatBinary.run(base(["--horizon", "0y"]))
        #expect(h.status == 1)
        let o = try CareStatBinary.run(base(["--origin", "2030-01-01"]))
        #expect(o.status == 1 && o.stderr.contains("after the data end"))
    }

    /// Attack: no count of people below the threshold is shown in any table, and a withheld group's stock cannot
    /// be had as the total minus the other groups.
    @Test func noSmallCountIsShown() throws {
        let r = try CareStatBinary.run(base(["--format", "json"]))
        #expect(r.status == 0, "\(r.stderr)")
        let t = try tables(r.stdout)
        let countColumns: [String: [String]] = ["demand-rates": ["children"], "demand-entrants": ["entrants", "uasc_entrants"],
                                                "demand-history": ["total", "foster", "residential", "supported", "other"]]
        for (name, columns) in countColumns {
            let rows = try #require(t[name]?["rows"] as? [[String: Any]])
            for row in rows {
                for c in columns {
                    if let v = row[c] as? Double { #expect(v == 0 || v >= 10, "\(name) \(c) shows \(v)") }
                }
            }
        }
        let inputs = try #require(t["demand-inputs"]?["rows"] as? [[String: Any]])
        let stock = inputs.filter { ($0["item"] as? String)?.hasPrefix("In care at origin") ?? false }
        let withheld = stock.filter { $0["value"] is NSNull }
        #expect(withheld.isEmpty || withheld.count >= 2)
    }
}
