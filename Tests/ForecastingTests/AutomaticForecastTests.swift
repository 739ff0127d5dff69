import Testing
import TestSupport
import Tabular
@testable import Forecasting

/// The automatic forecast never fails on the short series LAs have, and says why it used a simpler model.
@Suite struct AutomaticForecastTests {
    /// A candidate that always throws (stands in for an ETS that cannot be fitted).
    struct Failing: ForecastModelSpec {
        var label: String { "failing" }
        func fit(_ series: TimeSeries) throws(ForecastError) -> any FittedForecastModel {
            throw .inapplicableModel(series: series.name, model: "failing", reason: "always")
        }
    }

    static let awkward: [(String, [Double])] = [
        ("ten", [12, 15, 14, 18, 21, 19, 25, 24, 30, 28]),
        ("zeros", [0, 3, 0, 1, 0, 0, 2, 4, 0, 1, 0, 2]),
        ("jump", [20, 21, 19, 22, 20, 80, 82, 79, 81, 83, 80]),
        ("all-zero", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        ("constant", [7, 7, 7, 7, 7, 7, 7]),
        ("two", [5, 9]),
        ("three", [5, 9, 4]),
    ]

    @Test(arguments: [true, false])
    func neverFailsOnShortSeries(calibrated: Bool) throws {
        let spec = AutomaticForecastSpec(candidates: [Failing(), BenchmarkSpec(.drift), BenchmarkSpec(.naive)],
                                         calibrated: calibrated, selection: .backtestMASE)
        for (name, y) in Self.awkward {
            let f = try spec.fit(TimeSeries(name: name, values: y, start: 2010)).forecast(horizon: 5, levels: [80, 95])
            #expect(f.mean.count == 5 && f.mean.allSatisfy(\.isFinite), "\(name)")
            for iv in f.intervals {
                for k in 0..<5 { #expect(iv.lower[k] <= f.mean[k] + 1e-9 && f.mean[k] <= iv.upper[k] + 1e-9, "\(name)") }
                if calibrated { #expect(iv.lower.allSatisfy { $0 >= 0 }, "\(name)") }
            }
            #expect(!f.warnings.isEmpty, "\(name): the choice is explained")
        }
    }

    @Test func fallsBackWithTheReason() throws {
        let spec = AutomaticForecastSpec(candidates: [Failing()], calibrated: false, selection: .backtestMASE)
        let f = try spec.fit(TimeSeries(name: "x", values: [1.0, 4, 2, 6, 5], start: 2010)).forecast(horizon: 2, levels: [80])
        #expect(f.method == "Random walk with drift")
        #expect(f.warnings.contains { $0.contains("failing not used") && $0.contains("always") })
        #expect(f.warnings.contains { $0.contains("fell back to drift") })
    }

    /// Calibration only widens: bounds are no narrower than the model's.
    @Test func calibrationOnlyWidens() throws {
        let s = TimeSeries(name: "x", values: [120, 131, 128, 150, 162, 158, 170, 190, 185, 200, 230, 226], start: 2010)
        let plain = try BenchmarkSpec(.drift).fit(s).forecast(horizon: 5, levels: [80, 95])
        let cal = try EmpiricallyCalibratedSpec(BenchmarkSpec(.drift)).fit(s).forecast(horizon: 5, levels: [80, 95])
        for (a, b) in zip(plain.intervals, cal.intervals) {
            for k in 0..<5 {
                #expect(b.lower[k] <= max(a.lower[k], 0) + 1e-9)
                #expect(b.upper[k] >= a.upper[k] - 1e-9)
            }
        }
    }

    @Test func type7QuantileMatchesR() {
        // R: quantile(c(1, 2, 4, 8), c(0.1, 0.5, 0.975)) = 1.3, 3.0, 7.7.
        let v = [1.0, 2, 4, 8]
        #expect(isClose(type7Quantile(v, 0.1), 1.3, relative: 1e-14))
        #expect(isClose(type7Quantile(v, 0.5), 3, relative: 1e-14))
        #expect(isClose(type7Quantile(v, 0.975), 7.7, relative: 1e-14))
    }
}

/// Attacks on the automatic forecast's intervals found on the LA panel (issue 13, honest intervals).
@Suite struct AutomaticForecastIntervalAttacks {
    /// A candidate that forecasts zero, as auto.arima's zero-mean ARIMA(0,0,0) did on three-point training windows.
    struct ZeroForecast: ForecastModelSpec {
        struct Fitted: FittedForecastModel {
            var method: String { "zero" }
            var fitted: [Double?]
            func forecast(horizon: Int, levels: [Double]) -> Forecast {
                let z = [Double](repeating: 0, count: horizon)
                return Forecast(series: "", method: method, times: (0..<horizon).map(Double.init), mean: z,
                                intervals: levels.map { PredictionInterval(level: $0, lower: z, upper: z) })
            }
        }
        var label: String { "zero" }
        func fit(_ series: TimeSeries) throws(ForecastError) -> any FittedForecastModel {
            Fitted(fitted: series.values.map { _ in 0 })
        }
    }

    /// A zero forecast after a positive count is refused, with the reason (it failed before the guard: the zero
    /// candidate was kept and, first in order on a short series, chosen).
    @Test func aZeroForecastOfAPositiveCountIsRefused() throws {
        let spec = AutomaticForecastSpec(candidates: [ZeroForecast(), BenchmarkSpec(.naive)], calibrated: false,
                                         selection: .backtestMASE)
        let f = try spec.fit(TimeSeries(name: "x", values: [130, 150, 142], start: 2010)).forecast(horizon: 3, levels: [95])
        #expect(f.method == "Naive method")
        #expect(f.warnings.contains { $0.contains("zero not used") && $0.contains("at or below zero") })
        // On an all-zero history a zero forecast is a forecast.
        let z = try spec.choose(TimeSeries(name: "z", values: [3, 0, 0, 0], start: 2010))
        #expect(z.spec.label == "zero")
    }

    /// The combination's point forecast is the mean of its members' (hand-computed: naive 4 and drift 4 + 1.5 k
    /// on 1, 2, 4 give 4 + 0.75 k); it carries no AICc. Tolerance 1e-12.
    @Test func combinationAveragesItsMembers() throws {
        let spec = AutomaticForecastSpec(candidates: [BenchmarkSpec(.drift), BenchmarkSpec(.naive)], calibrated: false,
                                         selection: .combination)
        let f = try spec.fit(TimeSeries(name: "x", values: [1, 2, 4], start: 2010)).forecast(horizon: 3, levels: [80])
        for k in 0..<3 { #expect(isClose(f.mean[k], 4 + 0.75 * Double(k + 1), relative: 1e-12)) }
        #expect(f.aicc == nil)
        #expect(f.method.hasPrefix("Combination of"))
    }

    /// On the real LA panel's CPP series cut at 2015 (the first backtest origin), the panel-calibrated 95% upper
    /// bound of the automatic forecast stays within a plausible multiple of the forecast (before the fix: 130 times
    /// it for the most affected LAs, Winkler-95 at h = 1 of 6,981). Bound: 3 times (the largest year-on-year
    /// ratio among the panel's CPP counts of 100 or more is about 2.3).
    @Test func earlyOriginUpperBoundsAreNotDegenerate() throws {
        let path = try #require(sharedLAPanelPath())
        var options = CSVReadOptions()
        options.nonFiniteNumbers = .read   // the panel has an "Inf" in a spending column
        let frame = try CSVReader.read(path: path, options: options).frame
        let code = try #require(frame.column(named: "new_la_code")), year = try #require(frame.column(named: "time_period"))
        let cpp = try #require(frame.column(named: "at31_cpp"))
        var rows: [String: [(Double, Double?)]] = [:]
        for i in 0..<frame.rowCount {
            guard let c = code.stringValue(at: i), let t = year.numericValue(at: i), t <= 2015 else { continue }
            rows[c, default: []].append((t, cpp.numericValue(at: i)))
        }
        let panel = rows.keys.sorted().map { c in
            let r = rows[c]!.sorted { $0.0 < $1.0 }
            return TimeSeries(name: c, values: r.map(\.1), start: r[0].0)
        }.filter { $0.values.allSatisfy { $0 != nil } }
        let base = try ForecastMethodFactory.spec(.auto, horizon: 5, calibrated: false)
        let spec = PanelCalibratedSpec(base, panel: panel, horizon: 5)
        var worst = 0.0
        for s in panel {
            let f = try spec.fit(s).forecast(horizon: 1, levels: [95])
            worst = max(worst, f.intervals[0].upper[0] / max(f.mean[0], 1))
        }
        #expect(worst < 3, "largest 95% upper bound / forecast at h = 1: \(worst)")
    }
}
