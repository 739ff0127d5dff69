import Testing
import TestSupport
@testable import Forecasting

/// Rolling-origin accuracy of the naive method on y = 1, 3, 4, 8, 9 (training from 3 points, horizons 1–2), by hand:
/// - origin k = 3 (train 1, 3, 4): forecasts 4, 4 for actuals 8, 9; naive diffs 2, 1: MAE scale 1.5, MSE scale 2.5,
///   residual mse 2.5;
/// - origin k = 4 (train 1, 3, 4, 8): forecast 8 for actual 9; diffs 2, 1, 4: scales 7/3 and 7, mse 7.
@Suite struct BacktestHandComputedTests {
    let series = TimeSeries(name: "x", values: [1.0, 3, 4, 8, 9], start: 2010)
    let z80 = 1.2815515655446004

    @Test func accuracyByHorizon() {
        let options = BacktestOptions(minimumTraining: 3, horizon: 2, levels: [80])
        let (records, failures) = ForecastBacktest.run(BenchmarkSpec(.naive), on: series, options: options)
        #expect(failures.isEmpty)
        #expect(records.count == 3)
        let acc = ForecastBacktest.accuracy(records, levels: [80])
        #expect(acc.count == 2)
        let h1 = acc[0], h2 = acc[1]
        #expect(h1.count == 2 && h2.count == 1)
        #expect(isClose(h1.mae, 2.5, relative: 1e-14))
        let mase1: Double = (4.0 / 1.5 + 3.0 / 7.0) / 2
        let rmsse1: Double = ((16.0 / 2.5 + 1.0 / 7.0) / 2).squareRoot()
        #expect(isClose(h1.mase, mase1, relative: 1e-14))
        #expect(isClose(h1.rmsse, rmsse1, relative: 1e-14))
        #expect(isClose(h2.mae, 5, relative: 1e-14))
        #expect(isClose(h2.mase, 5 / 1.5, relative: 1e-14))
        // 80%: origin 3 gives [4 ± z√2.5] (8 above it), origin 4 gives [8 ± z√7] (9 inside).
        #expect(isClose(h1.coverage[0], 50, absolute: 1e-12))
        let se3: Double = 2.5.squareRoot(), se4: Double = 7.0.squareRoot()
        let w1: Double = 2 * z80 * se3 + 10 * (8 - (4 + z80 * se3))
        let w2: Double = 2 * z80 * se4
        #expect(isClose(h1.winkler[0], (w1 + w2) / 2, relative: 1e-12))
    }

    /// A failing fit is recorded with its reason, not skipped.
    @Test func failuresAreStated() {
        let short = TimeSeries(name: "s", values: [1.0, 2, 3], start: 2010)
        let (records, failures) = ForecastBacktest.run(BenchmarkSpec(.drift), on: short,
                                                       options: BacktestOptions(minimumTraining: 2, horizon: 1, levels: [80]))
        #expect(records.isEmpty)
        #expect(failures.count == 1)
        #expect(failures.first?.reason.contains("needs at least 3") == true)
    }

    /// A constant training window has no scaled error: counted, not divided by zero.
    @Test func zeroScaleIsCounted() {
        let flat = TimeSeries(name: "f", values: [2.0, 2, 2, 2, 5], start: 2010)
        let (records, _) = ForecastBacktest.run(BenchmarkSpec(.naive), on: flat,
                                                options: BacktestOptions(minimumTraining: 3, horizon: 1, levels: [80]))
        let acc = ForecastBacktest.accuracy(records, levels: [80])
        #expect(acc[0].zeroScale == 2)
        #expect(acc[0].mase.isNaN)
    }
}
