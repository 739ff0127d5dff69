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

    /// `--uasc FILE`: UASC entrants from the UASC table (here: 40 children who start a period from 2022, with LA,
    /// no DUC), the source stated; without it, the proxy; a bad DUC is a user error naming file, line, column and
    /// value.
    @Test func uascTableIsReadAndStated() throws {
        let episodes = try String(contentsOfFile: Self.episodes, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(episodes.first)
        let child = try #require(header.firstIndex(of: "CHILD")), decom = try #require(header.firstIndex(of: "DECOM"))
        let rne = try #require(header.firstIndex(of: "RNE")), la = try #require(header.firstIndex(of: "LA"))
        var chosen: [String] = []
        for row in episodes.dropFirst() where row.count == header.count && row[rne] == "S" && (Int(row[decom].suffix(4)) ?? 0) >= 2022 {
            let line = "\(row[la]),\(row[child]),1,,"
            if !chosen.contains(line) { chosen.append(line) }
            if chosen.count == 40 { break }
        }
        #expect(chosen.count == 40)
        let uasc = Self.directory + "/uasc.csv"
        try ("LA,CHILD,SEX,DOB,DUC\n" + chosen.joined(separator: "\n") + "\n").write(toFile: uasc, atomically: true, encoding: .utf8)
        let r = try CareStatBinary.run(base(["--uasc", uasc, "--format", "json"]))
        #expect(r.status == 0, "\(r.stderr)")
        let inputs = try #require(try tables(r.stdout)["demand-inputs"]?["rows"] as? [[String: Any]])
        func value(_ item: String) -> Any? { inputs.first { ($0["item"] as? String) == item }?["value"] }
        #expect(value("UASC source") as? String == "SSDA903 UASC table")
        if let n = value("UASC entrants in window") as? Double { #expect(n >= 10) }
        #expect(r.stdout.contains("from the SSDA903 UASC table"))
        let proxy = try CareStatBinary.run(base(["--format", "json"]))
        let proxyInputs = try #require(try tables(proxy.stdout)["demand-inputs"]?["rows"] as? [[String: Any]])
        #expect(proxyInputs.first { ($0["item"] as? String) == "UASC source" }?["value"] as? String == "proxy (V2 with N8, age 10+)")
        let bad = Self.directory + "/uasc-bad.csv"
        try "CHILD,SEX,DOB,DUC\nA1,1,01/01/2008,32/01/2024\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let b = try CareStatBinary.run(base(["--uasc", bad]))
        #expect(b.status == 1 && b.stderr.contains(bad) && b.stderr.contains("line 2") && b.stderr.contains("DUC") && b.stderr.contains("32/01/2024"),
                "\(b.stderr)")
    }
}
