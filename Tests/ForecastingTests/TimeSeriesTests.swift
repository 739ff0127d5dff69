import Testing
@testable import Forecasting

@Suite struct TimeSeriesTests {
    @Test func timesFollowRsTsIndexing() {
        let quarterly = TimeSeries(name: "x", values: [1.0, 2, 3], start: 2010.25, frequency: 4)
        #expect(abs(quarterly.time(at: 2) - 2010.75) < 1e-12)
        #expect(abs(quarterly.time(at: 4) - 2011.25) < 1e-12)
    }

    @Test func missingValueIsNamed() {
        let s = TimeSeries(name: "E06000001", values: [1.0, nil, 3], start: 2010)
        #expect(throws: ForecastError.missingValues(series: "E06000001", time: 2011)) { try s.complete() }
    }
}
