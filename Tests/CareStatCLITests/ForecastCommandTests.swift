import Foundation
import Testing
import TestSupport

// End-to-end tests of `carestat forecast`: DESIGN.md's JSON contract on the real LA panel, agreement with R's
// naive() (Tests/ForecastingTests/Fixtures/make_benchmark_fixtures.R, tolerance 1e-10 relative), user errors, and
// disclosure attacks (a withheld count recovered from a forecast, by differencing a reconciled total, or from the
// fan chart).

private let panel = sharedLAPanelPath() ?? "shared/data/la-panel/merged_data.csv (not found beside the repository)"

private func json(_ r: CareStatRun) -> [String: Any]? {
    try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
}

private func temporary(_ name: String, _ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

private func series(_ o: [String: Any], _ name: String) -> [String: Any]? {
    (o["series"] as? [[String: Any]])?.first { $0["name"] as? String == name }
}

@Suite
struct ForecastCommandTests {
    @Test func jsonContractOnTheLAPanel() throws {
        let r = try CareStatBinary.run(["forecast", panel, "--series", "new_la_code", "--time", "time_period",
                                        "--value", "at31_cla", "--horizon", "5", "--backtest", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(json(r))
        #expect(o["model"] as? String == "forecast")
        #expect(isClose(o["horizon"], 5, absolute: 0))
        let all = try #require(o["series"] as? [[String: Any]])
        #expect(all.count == 151)
        let hartlepool = try #require(series(o, "E06000001"))
        for key in ["name", "method", "aicc", "loglik", "parameters", "warnings", "forecasts"] {
            #expect(hartlepool[key] != nil, "missing \(key)")
        }
        let rows = try #require(hartlepool["forecasts"] as? [[String: Any]])
        #expect(rows.count == 5)
        for row in rows {
            for key in ["time", "mean", "lower_80", "upper_80", "lower_95", "upper_95"] { #expect(row[key] != nil, "\(key)") }
            #expect(((row["lower_95"] as? Double) ?? -1) >= 0)
        }
        #expect(isClose(rows[4]["time"], 2027, absolute: 1e-9))
        let backtest = try #require(o["backtest"] as? [[String: Any]])
        #expect(backtest.map { $0["method"] as? String } == ["auto, panel-calibrated", "naive", "drift"])
    }

    /// R: naive(ts(at31_cla of E06000001, start = 2010), h = 5): mean 308, 80% lower at h = 1 269.61936704723604,
    /// 95% upper at h = 2 391.01166713895390 (benchmark_forecasts.csv).
    @Test func naiveMatchesR() throws {
        let r = try CareStatBinary.run(["forecast", panel, "--series", "new_la_code", "--time", "time_period",
                                        "--value", "at31_cla", "--method", "naive", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(json(r))
        let rows = try #require(series(o, "E06000001")?["forecasts"] as? [[String: Any]])
        #expect(isClose(rows[0]["mean"], 308, relative: 1e-12))
        #expect(isClose(rows[0]["lower_80"], 269.619367047236040, relative: 1e-10))
        #expect(isClose(rows[1]["upper_95"], 391.01166713895390, relative: 1e-10))
    }

    @Test func userErrorsExitOne() throws {
        let ets = try CareStatBinary.run(["forecast", panel, "--series", "new_la_code", "--time", "time_period",
                                          "--value", "at31_cla", "--method", "ets", "--model", "QQQ"])
        #expect(ets.status == 1)
        #expect(ets.stderr.contains("QQQ"), "\(ets.stderr)")
        let misplaced = try CareStatBinary.run(["forecast", panel, "--series", "new_la_code", "--time", "time_period",
                                                "--value", "at31_cla", "--method", "ets", "--order", "1,1,0"])
        #expect(misplaced.status == 1)
        #expect(misplaced.stderr.contains("--order and --drift apply with --method arima"), "\(misplaced.stderr)")
        let col = try CareStatBinary.run(["forecast", panel, "--time", "time_period", "--value", "at31_claa"])
        #expect(col.status == 1)
        #expect(col.stderr.contains("did you mean at31_cla"))
        let dup = try temporary("dup.csv", "la,year,n\nA,2010,5\nA,2010,6\n")
        let d = try CareStatBinary.run(["forecast", dup, "--series", "la", "--time", "year", "--value", "n"])
        #expect(d.status == 1)
        #expect(d.stderr.contains("data row 2") && d.stderr.contains("twice"))
    }

    /// Attack: B's last count (3) is withheld; its naive forecast equals it, so B's forecasts must be withheld in
    /// JSON, text and the figure; and with B and A summed into T, T's naive forecast minus A's would give B's last
    /// value, so they must not both be shown.
    @Test func forecastsCannotRevealAWithheldCount() throws {
        let data = try temporary("small.csv", """
            la,year,n
            A,2016,40
            A,2017,44
            A,2018,47
            A,2019,52
            A,2020,55
            B,2016,20
            B,2017,18
            B,2018,15
            B,2019,12
            B,2020,3
            """)
        let svg = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: svg) }
        let r = try CareStatBinary.run(["forecast", data, "--series", "la", "--time", "year", "--value", "n",
                                        "--method", "naive", "--format", "json", "--plot", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(json(r))
        #expect(series(o, "B")?["forecasts"] is NSNull)
        #expect(!(r.stdout.contains("\"mean\":3,") || r.stdout.contains("\"mean\":3}")))
        #expect((series(o, "A")?["forecasts"] as? [[String: Any]])?.count == 5)
        let text = try CareStatBinary.run(["forecast", data, "--series", "la", "--time", "year", "--value", "n", "--method", "naive"])
        let bRows = text.stdout.split(separator: "\n").filter { $0.hasPrefix("B ") }
        #expect(!bRows.isEmpty)
        #expect(bRows.allSatisfy { !$0.contains(" 3 ") && !$0.contains("3.0") })
        let figure = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(figure.contains("B (forecast withheld)"))
        #expect(figure.contains("<desc>"))

        let hierarchy = try temporary("h.csv", "unit,parent\nA,T\nB,T\n")
        for method in ["bottomup", "ols", "mint"] {
            let h = try CareStatBinary.run(["forecast", data, "--series", "la", "--time", "year", "--value", "n",
                                            "--method", "naive", "--reconcile", method, "--hierarchy", hierarchy, "--format", "json"])
            #expect(h.status == 0, "\(h.stderr)")
            let ho = try #require(json(h))
            #expect(series(ho, "B")?["forecasts"] is NSNull)
            let aShown = !(series(ho, "A")?["forecasts"] is NSNull)
            let tShown = !(series(ho, "T")?["forecasts"] is NSNull)
            #expect(!(aShown && tShown), "\(method): T − A would give B's withheld count")
        }
    }
}

/// `--hierarchy england-regions`: the built-in LA → region → England list (DfE codes).
@Suite
struct ForecastEnglandRegionsTests {
    /// On the real panel: every region and England forecast, England's bottom-up forecast the sum of the regions'
    /// (relative 1e-9), and the LAs outside the sums (a missing year: E06000053 Isles of Scilly, E06000059 Dorset)
    /// named in the output.
    @Test func regionsAndEnglandOnThePanel() throws {
        let r = try CareStatBinary.run(["forecast", panel, "--series", "new_la_code", "--time", "time_period",
                                        "--value", "at31_cla", "--method", "naive", "--reconcile", "bottomup",
                                        "--hierarchy", "england-regions", "--format", "json", "--no-disclosure-control"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(json(r))
        let regions = ["North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
                       "East of England", "London", "South East", "South West"]
        func reconciled(_ name: String) -> Double? {
            ((series(o, name)?["forecasts"] as? [[String: Any]])?.last?["reconciled"]) as? Double
        }
        var sum = 0.0
        for region in regions { sum += try #require(reconciled(region), "\(region)") }
        #expect(isClose(sum, try #require(reconciled("England")), relative: 1e-9))
        let text = try CareStatBinary.run(["forecast", panel, "--series", "new_la_code", "--time", "time_period",
                                           "--value", "at31_cla", "--method", "naive", "--reconcile", "bottomup",
                                           "--hierarchy", "england-regions", "--no-disclosure-control"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("E06000053") && text.stdout.contains("E06000059") && text.stdout.contains("outside the region and England sums"))
    }

    /// Attack: two LAs of one region, one with a withheld count; the region's and England's naive forecasts minus
    /// the other LA's would give it, so they must not all be shown.
    @Test func aRegionTotalCannotRevealAWithheldLA() throws {
        let data = try temporary("ne.csv", """
            la,year,n
            E06000001,2018,47
            E06000001,2019,52
            E06000001,2020,55
            E06000002,2018,15
            E06000002,2019,12
            E06000002,2020,3
            """)
        let h = try CareStatBinary.run(["forecast", data, "--series", "la", "--time", "year", "--value", "n", "--method", "naive",
                                        "--reconcile", "bottomup", "--hierarchy", "england-regions", "--format", "json"])
        #expect(h.status == 0, "\(h.stderr)")
        let o = try #require(json(h))
        #expect(series(o, "E06000002")?["forecasts"] is NSNull)
        let other = !(series(o, "E06000001")?["forecasts"] is NSNull)
        for total in ["North East", "England"] {
            let shown = !(series(o, total)?["forecasts"] is NSNull)
            #expect(!(other && shown), "\(total) − E06000001 would give E06000002's withheld count")
        }
    }
}

@Suite
struct ForecastCommandRefusalTests {
    /// log of a zero count: every series fails, so it is a user error (exit 1) naming the cure, not an empty table.
    @Test func logOfZeroIsAUserError() throws {
        let data = try temporary("zero.csv", "year,n\n2015,0\n2016,30\n2017,20\n2018,12\n")
        let r = try CareStatBinary.run(["forecast", data, "--time", "year", "--value", "n", "--method", "naive", "--transform", "log"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("log1p"))
    }
}
