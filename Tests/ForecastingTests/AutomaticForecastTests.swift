import Testing
import TestSupport
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
                                         calibrated: calibrated)
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
        let spec = AutomaticForecastSpec(candidates: [Failing()], calibrated: false)
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
