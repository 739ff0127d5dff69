import Testing
import TestSupport
@testable import Forecasting

/// Benchmark methods on series small enough to compute by hand.
@Suite struct BenchmarkHandComputedTests {
    /// y = 1, 3, 4, 8: differences 2, 1, 4; drift b = 7/3; deviations −1/3, −4/3, 5/3, Σ² = 42/9, so
    /// mse = 42/9/2 = 7/3 and se(b) = √(7/3)/√3 = √7/3. At h = 2: mean 8 + 14/3, se² = 2·7/3 + 4·7/9 = 70/9.
    @Test func driftIncludesTheDriftEstimateVariance() throws {
        let s = TimeSeries(name: "x", values: [1.0, 3, 4, 8], start: 2010)
        let f = try BenchmarkSpec(.drift).fit(s).forecast(horizon: 2, levels: [95])
        #expect(isClose(f.mean[1], 8 + 14.0 / 3, relative: 1e-14))
        let z = 1.959963984540054
        #expect(isClose(f.interval(at: 95)!.upper[1], 8 + 14.0 / 3 + z * (70.0 / 9).squareRoot(), relative: 1e-12))
        #expect(isClose(f.times[1], 2015, absolute: 1e-12))
    }

    /// Naive: mse = (4 + 1 + 16)/3 = 7; h = 3 gives se = √21.
    @Test func naiveVarianceGrowsLinearly() throws {
        let s = TimeSeries(name: "x", values: [1.0, 3, 4, 8], start: 2010)
        let f = try BenchmarkSpec(.naive).fit(s).forecast(horizon: 3, levels: [80])
        #expect(isClose(f.mean[2], 8, absolute: 1e-14))
        let z = 1.2815515655446004
        #expect(isClose(f.interval(at: 80)!.lower[2], 8 - z * 21.0.squareRoot(), relative: 1e-12))
    }

    @Test func tooShortIsStated() {
        let s = TimeSeries(name: "E1", values: [5.0, 6], start: 2010)
        #expect(throws: ForecastError.tooShort(series: "E1", count: 2, needed: 3, model: "Random walk with drift")) {
            try BenchmarkSpec(.drift).fit(s)
        }
    }

    /// log with a zero is refused, naming the time; log1p takes it and never gives a negative bound.
    @Test func logRefusesZerosLog1pTakesThem() throws {
        let s = TimeSeries(name: "E1", values: [0.0, 2, 1, 0, 3], start: 2010)
        #expect(throws: ForecastError.self) { try TransformedSpec(BenchmarkSpec(.naive), transform: .log).fit(s) }
        let f = try TransformedSpec(BenchmarkSpec(.naive), transform: .log1p).fit(s).forecast(horizon: 5, levels: [95])
        #expect(f.interval(at: 95)!.lower.allSatisfy { $0 >= 0 })
        #expect(isClose(f.mean[0], 3, relative: 1e-12))
    }

    @Test func transformParses() throws {
        #expect(try ForecastTransform(parsing: "boxcox:0.5") == .boxCox(lambda: 0.5))
        #expect(try ForecastTransform(parsing: "boxcox:0") == .log)
        #expect(throws: ForecastError.self) { try ForecastTransform(parsing: "sqrt") }
    }
}
