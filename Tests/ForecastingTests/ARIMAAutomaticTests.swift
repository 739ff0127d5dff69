import Foundation
import Testing
import TestSupport
@testable import Forecasting

/// auto.arima and ndiffs against R forecast 8.20 on the fixture series (Fixtures/arima/make_arima_fixtures.R).
/// The chosen model's name is not tested (tools legitimately differ on flat likelihoods); its AICc must be no worse
/// than R's auto.arima AICc + 1e-6 wherever both chose the same d (issue 13), and the KPSS differencing decision
/// must equal R's `ndiffs` on every series.
@Suite struct ARIMAAutomaticTests {
    static let fixture: ARIMAReferenceFixture = (try? ARIMAReferenceFixture.load()) ?? ARIMAReferenceFixture(generator: "", cases: [])

    @Test func ndiffsEqualsRs() {
        #expect(!Self.fixture.cases.isEmpty)
        for c in Self.fixture.cases where c.frequency == 1 || c.nsdiffs == 0 {
            #expect(kpssDifferences(c.values) == c.ndiffs, "\(c.name): ndiffs \(kpssDifferences(c.values)) vs R \(c.ndiffs)")
        }
    }

    static func spec(for c: ARIMAReferenceFixture.Case) -> AutoARIMASpec { AutoARIMASpec() }

    /// forecast's `nsdiffs` (seasonal strength of an STL decomposition > 0.64) on the monthly series.
    @Test func nsdiffsEqualsRs() {
        let seasonal = Self.fixture.cases.filter { $0.frequency > 1 }
        #expect(seasonal.count >= 2)
        for c in seasonal {
            #expect(ARIMASeasonalStrength.seasonalDifferences(c.values, period: c.frequency) == c.nsdiffs, "\(c.name)")
        }
    }

    @Test func autoAICcNoWorseThanRs() throws {
        for c in Self.fixture.cases where c.frequency == 1 {
            try Self.compareAuto(c)
        }
    }

    /// The monthly series (log AirPassengers, USAccDeaths) search seasonal models whose state has ~28 elements; in a
    /// debug build that takes minutes, so this runs only with CARESTAT_SLOW_TESTS=1 (it passed on the branch:
    /// see the report).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CARESTAT_SLOW_TESTS"] != nil))
    func seasonalAutoAICcNoWorseThanRs() throws {
        for c in Self.fixture.cases where c.frequency > 1 {
            try Self.compareAuto(c)
        }
    }

    static func compareAuto(_ c: ARIMAReferenceFixture.Case) throws {
        do {
            let fit = try Self.spec(for: c).fitARIMA(c.series)
            if fit.order.d == c.auto.d {
                #expect(fit.aicc <= c.auto.aicc + 1e-6, "\(c.name): \(fit.method) AICc \(fit.aicc) vs R \(c.auto.method) \(c.auto.aicc)")
            } else {
                Issue.record("\(c.name): d = \(fit.order.d) but R chose d = \(c.auto.d)")
            }
        }
    }

    @Test func autoOnLAPanelSeriesNeverFails() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/arima/la_cla_series.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = lines[0]
        var fitted = 0
        for column in 1..<header.count {
            let values = lines.dropFirst().map { Double($0[column])! }
            let series = TimeSeries(name: String(header[column]), values: values, start: 2010)
            let fit = try AutoARIMASpec().fitARIMA(series)
            let fc = fit.forecast(horizon: 5, levels: [80, 95])
            let finite = fc.mean.allSatisfy { $0.isFinite }
            #expect(finite, "\(series.name)")
            fitted += 1
        }
        #expect(fitted >= 140)
    }

    @Test func shortSeriesNeverCrash() {
        for n in 0...6 {
            let series = TimeSeries(name: "short\(n)", values: (0..<n).map { Double(($0 * 7) % 5) + 10 }, start: 2010)
            do {
                let fit = try AutoARIMASpec().fitARIMA(series)
                #expect(fit.forecast(horizon: 5, levels: [80, 95]).mean.count == 5)
            } catch {
                guard case .tooShort = error else {
                    Issue.record("n = \(n): expected tooShort, got \(error)")
                    continue
                }
            }
        }
    }

    @Test func constantSeriesForecastsTheConstant() throws {
        let fit = try AutoARIMASpec().fitARIMA(TimeSeries(name: "flat", values: [Double](repeating: 40, count: 10), start: 2010))
        let fc = fit.forecast(horizon: 3, levels: [95])
        #expect(fc.mean.allSatisfy { isClose($0, 40, absolute: 1e-12) })
        #expect(fc.interval(at: 95)!.upper.allSatisfy { isClose($0, 40, absolute: 1e-12) })
    }

    @Test func linearSeriesUsesFixedDrift() throws {
        let fit = try AutoARIMASpec().fitARIMA(TimeSeries(name: "line", values: (0..<12).map { 5 + 3 * Double($0) }, start: 2010))
        let fc = fit.forecast(horizon: 2, levels: [80])
        #expect(isClose(fc.mean[0], 5 + 3 * 12, relative: 1e-12))
        #expect(fit.method == "ARIMA(0,1,0) with drift")
    }

    @Test func orderTextParses() throws {
        #expect(try ARIMASpec(orderText: "1, 1,0", includeDrift: true) == ARIMASpec(p: 1, d: 1, q: 0, includeDrift: true))
        #expect(try ARIMASpec(orderText: "0,1,1,0,1,1").order == ARIMAOrder(p: 0, d: 1, q: 1, seasonalP: 0, seasonalD: 1, seasonalQ: 1))
        for bad in ["1,1", "1,-1,0", "a,b,c", "", "1,1,0,"] {
            #expect(throws: ForecastError.self, "\(bad)") { try ARIMASpec(orderText: bad) }
        }
    }

    /// Drift with a mean and no differencing would need R's SVD rotation of the two regressors: an error, not a
    /// different model.
    @Test func driftWithMeanAndNoDifferencingIsAnError() {
        let s = TimeSeries(name: "x", values: (0..<12).map { Double($0 % 4) + Double($0) }, start: 2010)
        #expect(throws: ForecastError.self) { try ARIMASpec(p: 1, d: 0, q: 0, includeDrift: true).fitARIMA(s) }
    }
}
