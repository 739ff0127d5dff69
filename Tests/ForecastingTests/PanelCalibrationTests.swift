import Testing
import TestSupport
@testable import Forecasting

/// Panel calibration uses only errors whose outcome is at or before the end of the series being fitted, so a
/// backtest of it never sees the future of its origin.
@Suite struct PanelCalibrationTests {
    static let panel = [
        TimeSeries(name: "A", values: [10.0, 12, 15, 14, 18, 21, 20, 25, 24, 28, 30, 33, 31], start: 2010),
        TimeSeries(name: "B", values: [50.0, 48, 47, 51, 45, 44, 40, 41, 38, 36, 35, 37, 33], start: 2010),
    ]

    /// Fitted to A's first six years (to 2015): training windows of 3–5 years with outcomes by 2015 give, per
    /// series, 3 errors at h = 1, 2 at h = 2, 1 at h = 3 (k = 3: h 1–3; k = 4: h 1–2; k = 5: h 1).
    @Test func usesOnlyErrorsUpToTheOrigin() throws {
        let spec = PanelCalibratedSpec(BenchmarkSpec(.naive), panel: Self.panel, horizon: 5, minimumErrors: 2)
        let truncated = TimeSeries(name: "A", values: Array(Self.panel[0].values.prefix(6)), start: 2010)
        let model = try #require(try spec.fit(truncated) as? FittedPanelCalibrated)
        #expect(model.errors.map(\.count) == [0, 6, 4, 2, 0, 0])
        let f = model.forecast(horizon: 5, levels: [80, 95])
        #expect(f.intervals.allSatisfy { $0.lower.allSatisfy { $0 >= 0 } })
        #expect(f.warnings.contains { $0.contains("scaled") })
    }
}
