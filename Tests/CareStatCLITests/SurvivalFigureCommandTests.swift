import Testing
import Foundation
import Reporting
import Survival
import Tabular
import TestSupport

// End-to-end tests of `km --plot`, `cuminc` and `cox --cause` on the Survival test fixtures. References: the
// library's own results on the same data (KaplanMeier, AalenJohansen, CauseSpecificCox — each tested against R
// in SurvivalTests), so the CLI must reproduce them exactly (JSON numbers are shortest round-trip decimals, so
// equality is exact; SVG output byte for byte).

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("SurvivalTests").appendingPathComponent("Fixtures")

private func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-survfig-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// A plain CSV (no quoting) as columns of text.
private func columns(_ url: URL) throws -> [String: [String]] {
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var out: [String: [String]] = [:]
    for line in lines.dropFirst() {
        for (j, v) in line.split(separator: ",", omittingEmptySubsequences: false).enumerated() where j < header.count {
            out[header[j], default: []].append(String(v))
        }
    }
    return out
}

/// The library's fit of competing.csv, as `cuminc --time time --status cause --by la` asks for.
private func competingFit() throws -> CompetingRisksFit {
    let c = try columns(fixtures.appendingPathComponent("competing.csv"))
    return try AalenJohansen.fit(time: c["time", default: []].map { Double($0) ?? .nan },
                                 status: c["cause", default: []], censored: "0", causes: ["1", "2", "3"],
                                 strataLabels: c["la", default: []])
}

private func printed(_ key: String, _ x: Double) -> String { "\"\(key)\":\(NumberFormatting.roundTrip(x) ?? "null")" }

private func json(_ s: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
}

@Suite struct SurvivalFigureCommandTests {
    /// `km --plot` writes the library's figure for the same fit: curves, bands and the at-risk table under the
    /// standard policy (lung has fewer than 10 at risk late on, so [c] appears); off, the exact counts.
    @Test func kmPlotWritesTheFigureWithTheAtRiskTable() throws {
        let dir = try scratch()
        let lung = fixtures.appendingPathComponent("lung.csv")
        let svg = dir.appendingPathComponent("km.svg").path
        let run = try CareStatBinary.run(["km", lung.path, "--time", "time", "--event", "status", "--by", "sex",
                                          "--plot", svg])
        #expect(run.status == 0, "\(run.stderr)")
        let written = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(written.contains("<g class=\"table\">") && written.contains(">Number at risk<"))
        #expect(written.contains(">sex = 1<") && written.contains(">[c]<"))
        #expect(written.contains("Counts below 10 suppressed"))

        let c = try columns(lung)
        let data = try SurvivalData(time: c["time", default: []].map { Double($0) ?? .nan },
                                    event: c["status", default: []].map { $0 == "1" },
                                    strataLabels: c["sex", default: []], timefix: true)
        let fit = try KaplanMeier.fit(data)
        let expected = try fit.figure(SurvivalFigureOptions(timeLabel: "time", strataName: "sex"))
        #expect(written == expected.svg())

        // Disclosure control off, cumulative incidence, years.
        let svg2 = dir.appendingPathComponent("km2.svg").path
        let run2 = try CareStatBinary.run(["km", lung.path, "--time", "time", "--event", "status", "--by", "sex",
                                           "--plot", svg2, "--cumulative-incidence", "--time-scale", "365.25",
                                           "--time-label", "Years", "--no-disclosure-control"])
        #expect(run2.status == 0, "\(run2.stderr)")
        let written2 = try String(contentsOfFile: svg2, encoding: .utf8)
        #expect(!written2.contains("[c]") && written2.contains("Disclosure control OFF"))
        let expected2 = try fit.figure(SurvivalFigureOptions(timeLabel: "Years", timeScale: 365.25, strataName: "sex",
                                                             disclosure: .disabled), cumulativeIncidence: true)
        #expect(written2 == expected2.svg())
        #expect(written2.contains(">Cumulative incidence<"))
    }

    /// `cuminc --format json`: a summary of protected counts and, per stratum, the incidence at the --at times
    /// with the keys time, cause, incidence, std_error, conf_low, conf_high — values equal to the library's
    /// (AalenJohansen.fit, CompetingRisksFit.rows(stratum:times:)).
    @Test func cumincJSONMatchesTheLibrary() throws {
        let file = fixtures.appendingPathComponent("competing.csv")
        let dir = try scratch()
        let svg = dir.appendingPathComponent("cif.svg").path
        let run = try CareStatBinary.run(["cuminc", file.path, "--time", "time", "--status", "cause", "--by", "la",
                                          "--at", "10,20,30", "--format", "json", "--plot", svg])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try json(run.stdout)
        let tables = try #require(object["tables"] as? [[String: Any]])
        // Summary, then per stratum: incidence and the protected interval counts.
        #expect(tables.count == 1 + 2 * 2)
        let summary = tables[0]
        #expect(summary["columns"] as? [String] == ["name", "n", "events_1", "events_2", "events_3", "censored"])

        let fit = try competingFit()
        let summaryRows = try #require(summary["rows"] as? [[String: Any]])
        for (s, curve) in fit.curves.enumerated() {
            // Every count here is ≥ 10, so it is published as is (Σ events of a cause; n = rows).
            #expect(summaryRows[s]["name"] as? String == curve.name)
            #expect(summaryRows[s]["n"] as? Double == Double(curve.n))
            for k in 0..<3 {
                #expect(summaryRows[s]["events_\(k + 1)"] as? Double == curve.nEvent[k].reduce(0, +))
            }
            let table = tables[1 + 2 * s]
            #expect(table["columns"] as? [String] == ["time", "cause", "incidence", "std_error", "conf_low", "conf_high"])
            let rows = try #require(table["rows"] as? [[String: Any]])
            let reference = fit.rows(stratum: s, times: [10, 20, 30])
            #expect(rows.count == reference.count && rows.count == 9)
            for (row, r) in zip(rows, reference) {
                #expect(row["time"] as? Double == r.time)
                #expect(row["cause"] as? String == r.cause)
                #expect(isClose(row["incidence"], r.incidence, relative: 1e-15) && isClose(row["std_error"], r.standardError, relative: 1e-15))
                #expect(isClose(row["conf_low"], r.lower, relative: 1e-15) && isClose(row["conf_high"], r.upper, relative: 1e-15))
                for (key, x) in [("incidence", r.incidence), ("std_error", r.standardError), ("conf_low", r.lower),
                                 ("conf_high", r.upper)] {
                    #expect(run.stdout.contains(printed(key, x)), "\(key) \(x)")
                }
            }
        }
        let written = try String(contentsOfFile: svg, encoding: .utf8)
        let expected = try fit.figure(SurvivalFigureOptions(timeLabel: "time", strataName: "la"))
        #expect(written == expected.svg())
    }

    /// Small event counts are withheld in the summary (threshold 40 here makes some cause totals small).
    @Test func cumincProtectsCounts() throws {
        let file = fixtures.appendingPathComponent("competing.csv")
        let run = try CareStatBinary.run(["cuminc", file.path, "--time", "time", "--status", "cause", "--by", "la",
                                          "--format", "json", "--disclosure-threshold", "40"])
        #expect(run.status == 0, "\(run.stderr)")
        let tables = try #require(try json(run.stdout)["tables"] as? [[String: Any]])
        let rows = try #require(tables[0]["rows"] as? [[String: Any]])
        // Every cause total below 40 in the library's fit is withheld (primary suppression), and some are.
        let fit = try competingFit()
        var small = 0
        for (s, curve) in fit.curves.enumerated() {
            for k in 0..<3 where curve.nEvent[k].reduce(0, +) < 40 {
                small += 1
                #expect(rows[s]["events_\(k + 1)"] is NSNull)
            }
        }
        #expect(small > 0)
        #expect(tables[0]["suppressed"] != nil)
    }

    @Test func cumincBadStatusColumnIsAUserError() throws {
        let file = fixtures.appendingPathComponent("competing.csv")
        let run = try CareStatBinary.run(["cuminc", file.path, "--time", "time", "--status", "causes"])
        #expect(run.status == 1 && run.exitedNormally)
        #expect(run.stderr.contains("no status column causes") && run.stderr.contains("did you mean cause"))
        #expect(run.stdout.isEmpty)
        let allCensored = try CareStatBinary.run(["cuminc", file.path, "--time", "time", "--status", "cause",
                                                  "--censored", "1", "--by", "la"])
        #expect(allCensored.status == 0)   // causes 0, 2, 3 with 1 as censoring: valid
        let none = try CareStatBinary.run(["cuminc", file.path, "--time", "time", "--status", "la",
                                           "--censored", "north"])
        #expect(none.status == 0)          // one cause ("south"): valid
    }

    /// `cox --cause 2` fits the cause-specific model for cause 2 of the numeric status: the coefficients equal
    /// CauseSpecificCox's (tested against R's coxph(Surv(time, status == 2) ~ ...)).
    @Test func coxCauseFitsTheCauseSpecificModel() throws {
        let file = fixtures.appendingPathComponent("causespecific").appendingPathComponent("simulated.csv")
        let run = try CareStatBinary.run(["cox", file.path, "Surv(time, status) ~ x1 + x2 + strata(g)", "--cause", "2",
                                          "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try json(run.stdout)
        #expect(object["cause"] as? String == "2")
        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        let c = try columns(file)
        // The same fit through the library: status == 2 as the event indicator.
        let status = c["status", default: []]
        let frame = try Tabular.DataFrame(columns: [
            .init(name: "time", doubles: c["time", default: []].map { Double($0) }),
            .init(name: "status", doubles: status.map { Double($0) }),
            .init(name: "x1", doubles: c["x1", default: []].map { Double($0) }),
            .init(name: "x2", doubles: c["x2", default: []].map { Double($0) }),
            .init(name: "g", strings: c["g", default: []]),
        ])
        let fit = try #require(try CoxModel("Surv(time, status) ~ x1 + x2 + strata(g)")
            .causeSpecific(data: frame, causes: ["2"])["2"])
        #expect(coefficients.count == 2)
        for (j, row) in coefficients.enumerated() where j < 2 {
            #expect(isClose(row["estimate"], fit.coefficients[j], relative: 1e-15) && isClose(row["std_error"], fit.standardErrors[j], relative: 1e-15))
            #expect(run.stdout.contains(printed("estimate", fit.coefficients[j])))
            #expect(run.stdout.contains(printed("std_error", fit.standardErrors[j])))
        }

        let bad = try CareStatBinary.run(["cox", file.path, "Surv(time, status) ~ x1", "--cause", "7"])
        #expect(bad.status == 1 && bad.stderr.contains("cause 7 does not occur"))
    }
}
