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

/// Foundation's JSONSerialization on Linux does not always parse numbers to the nearest double (observed: 1–2
/// ulp off), so parsed values are compared with relative tolerance 1e-15 (TestSupport's isClose), and the exact
/// values are checked in the text: the CLI prints shortest round-trip decimals (NumberFormatting.roundTrip).
private func near(_ a: Any?, _ b: Double) -> Bool { isClose(a, b, relative: 1e-15) }

private func printed(_ key: String, _ x: Double) -> String { "\"\(key)\":\(NumberFormatting.roundTrip(x) ?? "null")" }

/// The number of vertices of the SVG's polylines (the curves' steps).
func polylineVertices(_ svg: String) -> Int {
    svg.components(separatedBy: "<polyline points=\"").dropFirst().reduce(0) { n, rest in
        n + (rest.split(separator: "\"", maxSplits: 1).first?.split(separator: " ").count ?? 0)
    }
}

private func json(_ s: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
}

@Suite struct SurvivalFigureCommandTests {
    /// `km --plot` draws the published (coarsened) steps with the at-risk table; with control off, the library's
    /// exact curves (every event time a vertex) and the exact counts, marked not for release.
    @Test func kmPlotWritesTheFigureWithTheAtRiskTable() throws {
        let dir = try scratch()
        let lung = fixtures.appendingPathComponent("lung.csv")
        let svg = dir.appendingPathComponent("km.svg").path
        let run = try CareStatBinary.run(["km", lung.path, "--time", "time", "--event", "status", "--by", "sex",
                                          "--plot", svg])
        #expect(run.status == 0, "\(run.stderr)")
        let written = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(written.contains("<g class=\"table\">") && written.contains(">Number at risk<"))
        #expect(written.contains(">sex = 1<"))
        #expect(written.contains("below 10 suppressed"))   // the footnote wraps after "Counts"
        #expect(written.contains("Steps coarsened"))

        // Disclosure control off, cumulative incidence, years: one vertex per curve time (plus the origin).
        let svg2 = dir.appendingPathComponent("km2.svg").path
        let run2 = try CareStatBinary.run(["km", lung.path, "--time", "time", "--event", "status", "--by", "sex",
                                           "--plot", svg2, "--cumulative-incidence", "--time-scale", "365.25",
                                           "--time-label", "Years", "--no-disclosure-control"])
        #expect(run2.status == 0, "\(run2.stderr)")
        let written2 = try String(contentsOfFile: svg2, encoding: .utf8)
        #expect(!written2.contains("[c]") && written2.contains("Disclosure control OFF"))
        #expect(written2.contains(">Cumulative incidence<"))
        #expect(polylineVertices(written2) > polylineVertices(written))
    }

    /// `cuminc --format json`: the contract (`strata`: per group and cause `{name, cause, n, events, median,
    /// median_conf_low, median_conf_high, table}`, table rows `{time, n_risk, n_event, n_censor, incidence,
    /// std_error, conf_low, conf_high}`); with control off the table is the library's fit row for row, and the
    /// incidences at the --at times are the library's (AalenJohansen.fit, CompetingRisksFit.rows).
    @Test func cumincJSONMatchesTheLibrary() throws {
        let file = fixtures.appendingPathComponent("competing.csv")
        let run = try CareStatBinary.run(["cuminc", file.path, "--time", "time", "--status", "cause", "--by", "la",
                                          "--at", "10,20,30", "--format", "json", "--no-disclosure-control"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try json(run.stdout)
        #expect(object["causes"] as? [String] == ["1", "2", "3"])
        let strata = try #require(object["strata"] as? [[String: Any]])
        let fit = try competingFit()
        #expect(strata.count == fit.curves.count * 3)
        for (s, curve) in fit.curves.enumerated() {
            for k in 0..<3 {
                let entry = strata[3 * s + k]
                #expect(entry["name"] as? String == curve.name && entry["cause"] as? String == "\(k + 1)")
                #expect(entry["n"] as? Int == curve.n)
                #expect(entry["events"] as? Double == curve.nEvent[k].reduce(0, +))
                for key in ["median", "median_conf_low", "median_conf_high"] { #expect(entry.keys.contains(key)) }
                let table = try #require(entry["table"] as? [[String: Any]])
                #expect(table.count == curve.time.count)
                for (i, row) in table.enumerated() {
                    #expect(Set(row.keys) == ["time", "n_risk", "n_event", "n_censor", "incidence", "std_error",
                                              "conf_low", "conf_high"])
                    #expect(row["time"] as? Double == curve.time[i])
                    #expect(row["n_event"] as? Double == curve.nEvent[k][i])
                    #expect(near(row["incidence"], curve.incidence[k][i]))
                }
                let at = try #require(entry["at_times"] as? [[String: Any]])
                let reference = fit.rows(stratum: s, times: [10, 20, 30]).filter { $0.cause == "\(k + 1)" }
                #expect(at.count == reference.count && at.count == 3)
                for (row, r) in zip(at, reference) {
                    #expect(row["time"] as? Double == r.time)
                    #expect(near(row["incidence"], r.incidence) && near(row["std_error"], r.standardError))
                    #expect(run.stdout.contains(printed("incidence", r.incidence)))
                }
            }
        }
    }

    /// Under control, every published cuminc step accumulates at least 10 leavers and shows each count as 0 or at
    /// least 10; at threshold 40 the small cause totals are withheld, and so is everything that reveals them.
    @Test func cumincProtectsCounts() throws {
        let file = fixtures.appendingPathComponent("competing.csv")
        let run = try CareStatBinary.run(["cuminc", file.path, "--time", "time", "--status", "cause", "--by", "la",
                                          "--format", "json", "--disclosure-threshold", "40"])
        #expect(run.status == 0, "\(run.stderr)")
        let strata = try #require(try json(run.stdout)["strata"] as? [[String: Any]])
        let fit = try competingFit()
        var small = 0
        for (s, curve) in fit.curves.enumerated() {
            for k in 0..<3 {
                let entry = strata[3 * s + k]
                let table = entry["table"] as? [[String: Any]] ?? []
                if curve.nEvent[k].reduce(0, +) < 40 {
                    small += 1
                    #expect(entry["events"] is NSNull)
                    #expect(table.allSatisfy { $0.values.allSatisfy { $0 is NSNull } }, "\(table)")
                }
                for row in table {
                    for key in ["n_event", "n_censor"] {
                        if let v = row[key] as? Int { #expect(v == 0 || v >= 40, "\(key) \(v)") }
                    }
                }
            }
        }
        #expect(small > 0)
    }

    @Test func cumincBadStatusColumnIsAUserError() throws {
        let file = fixtures.appendingPathComponent("competing.csv")
        let run = try CareStatBinary.run(["cuminc", file.path, "--time", "time", "--status", "causes"])
        #expect(run.status == 1 && run.exitedNormally)
        #expect(run.stderr.contains("no column named causes") && run.stderr.contains("did you mean cause"), "\(run.stderr)")
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
        let fit = try #require(try CoxSpec("Surv(time, status) ~ x1 + x2 + strata(g)")
            .causeSpecific(data: frame, causes: ["2"])["2"])
        #expect(coefficients.count == 2)
        for (j, row) in coefficients.enumerated() where j < 2 {
            #expect(near(row["estimate"], fit.coefficients[j]) && near(row["std_error"], fit.standardErrors[j]))
            #expect(run.stdout.contains(printed("estimate", fit.coefficients[j])))
            #expect(run.stdout.contains(printed("std_error", fit.standardErrors[j])))
        }

        let bad = try CareStatBinary.run(["cox", file.path, "Surv(time, status) ~ x1", "--cause", "7"])
        #expect(bad.status == 1 && bad.stderr.contains("cause 7 does not occur"))
    }
}
