import Foundation
import Testing
import TestSupport
@testable import Forecasting

/// ETS behaviour that needs no R run: model codes, R's rules for which models apply, laws (scale equivariance),
/// and the errors a caller's fallback relies on.
@Suite struct ETSBehaviourTests {
    /// England's children looked after at 31 March, 2010–2022 (the sum over the 149 LAs with complete series;
    /// Fixtures/ets_reference.json, "England:at31_cla").
    static let england: [Double] = {
        let c = (try? ETSReferenceFixtures.load())?.first { $0.name == "England:at31_cla" }
        return c?.series.values.compactMap { $0 } ?? []
    }()

    @Test func parsesRsModelCodes() throws {
        #expect(try ETSModel(code: "AAdN") == ETSModel(error: .additive, trend: .damped, season: .none))
        #expect(try ETSModel(code: "MNM") == ETSModel(error: .multiplicative, trend: .none, season: .multiplicative))
        #expect(try ETSModel(code: "aan").name == "ETS(A,A,N)")
        let all = try ETSModelPattern(code: "ZZZ")
        #expect(all.errors.count == 2 && all.trends.count == 3 && all.seasons.count == 3)
        #expect(try ETSModelPattern(code: "AZN").code == "AZN")
        #expect(throws: ForecastError.self) { try ETSModel(code: "ZZZ") }
        #expect(throws: ForecastError.self) { try ETSModelPattern(code: "MMN") }
        #expect(throws: ForecastError.self) { try ETSModelPattern(code: "AXN") }
        #expect(throws: ForecastError.self) { try ETSModelPattern(code: "AAdNN") }
    }

    /// R refuses multiplicative errors on data with zeros; automatic selection drops them and still fits.
    @Test func zerosRuleOutMultiplicativeModels() throws {
        let zeros = TimeSeries(name: "zeros", values: [3.0, 0, 1, 0, 2, 4, 1, 0, 0, 2, 3, 1, 2], start: 2010)
        #expect(throws: ForecastError.self) { try ETSSpec(code: "MNN").fitETS(zeros) }
        let fit = try ETSSpec.automatic.fitETS(zeros)
        #expect(fit.model.error == .additive)
    }

    /// R's short-series rule (n ≤ npars + 4 → R leaves ETS for Holt–Winters): here `tooShort`, so the caller can
    /// fall back; the automatic spec needs 7 annual points (npars = 2).
    @Test func shortSeriesThrowTooShort() throws {
        let six = TimeSeries(name: "six", values: Array(Self.england.prefix(6)), start: 2010)
        #expect(throws: ForecastError.tooShort(series: "six", count: 6, needed: 7, model: "ETS ZZZ")) {
            try ETSSpec.automatic.fitETS(six)
        }
        let seven = TimeSeries(name: "seven", values: Array(Self.england.prefix(7)), start: 2010)
        _ = try ETSSpec.automatic.fitETS(seven)
        // A damped trend needs npars = 5, so n ≥ 10.
        let nine = TimeSeries(name: "nine", values: Array(Self.england.prefix(9)), start: 2010)
        #expect(throws: ForecastError.self) { try ETSSpec(code: "AAdN").fitETS(nine) }
    }

    /// Bounds the user sets badly are an error, not a crash (R: "Lower limits must be less than upper limits").
    @Test func badParameterBoundsAreAnError() {
        let s = TimeSeries(name: "England", values: Self.england, start: 2010)
        let short = ETSSpec(limits: ETSParameterBounds(lower: [0.1], upper: [0.9]))
        #expect(throws: ForecastError.self) { try short.fitETS(s) }
        let crossed = ETSSpec(limits: ETSParameterBounds(lower: [0.5, 0.5, 0.5, 0.9], upper: [0.4, 0.9, 0.9, 0.98]))
        #expect(throws: ForecastError.self) { try crossed.fitETS(s) }
    }

    @Test func constantSeriesIsRefusedNotSmoothed() {
        let flat = TimeSeries(name: "flat", values: [Double](repeating: 4, count: 13), start: 2010)
        #expect(throws: ForecastError.self) { try ETSSpec.automatic.fitETS(flat) }
    }

    @Test func seasonalModelOnAnnualDataIsRefused() {
        let s = TimeSeries(name: "annual", values: Self.england, start: 2010)
        #expect(throws: ForecastError.self) { try ETSSpec(code: "ANA").fitETS(s) }
    }

    /// Law: additive models are scale-equivariant. At given parameters with states ×10, the forecasts and bounds
    /// of 10y are exactly 10× those of y (1e-12 relative) and the log-likelihood drops by n·log 10 (1e-9).
    @Test(arguments: ["ANN", "AAN", "AAdN"])
    func additiveModelsAreScaleEquivariantAtFixedParameters(code: String) throws {
        let model = try ETSModel(code: code)
        let y = TimeSeries(name: "y", values: Self.england, start: 2010)
        let y10 = TimeSeries(name: "y10", values: Self.england.map { $0 * 10 }, start: 2010)
        let parameters = ETSParameters(alpha: 0.6, beta: model.trend.hasSlope ? 0.1 : nil, gamma: nil,
                                       phi: model.trend == .damped ? 0.9 : nil)
        let states: [Double] = model.trend.hasSlope ? [Self.england[0], 500] : [Self.england[0]]
        let a = try ETSSpec.evaluate(y, model: model, parameters: parameters, initialStates: states)
        let b = try ETSSpec.evaluate(y10, model: model, parameters: parameters, initialStates: states.map { $0 * 10 })
        let n = Double(Self.england.count)
        #expect(isClose(b.logLikelihood, a.logLikelihood - n * log(10), relative: 1e-9, absolute: 1e-9))
        let fa = a.forecast(horizon: 5, levels: [80, 95]), fb = b.forecast(horizon: 5, levels: [80, 95])
        for h in 0..<5 {
            #expect(isClose(fb.mean[h], 10 * fa.mean[h], relative: 1e-12))
            #expect(isClose(fb.intervals[1].upper[h], 10 * fa.intervals[1].upper[h], relative: 1e-12))
            #expect(isClose(fb.intervals[0].lower[h], 10 * fa.intervals[0].lower[h], relative: 1e-12))
        }
    }

    /// Law, through the optimiser: fitted to 10y, an additive model reaches the log-likelihood of y minus n·log 10
    /// and its forecasts are 10×. Tolerances 2e-3 in log-likelihood and 1e-2 relative in forecasts: Nelder–Mead's
    /// path is not scale-invariant (R's first simplex is 0.1·max|x| in every coordinate) and on this series the
    /// trend models' optimum lies on a flat ridge by the parameter bounds, where searches from the two scalings
    /// stop up to 1e-3 apart in log-likelihood (measured: 6.6e-4 for AAN, 1.7e-4 for AAdN).
    @Test(arguments: ["ANN", "AAN", "AAdN"])
    func additiveFitsAreScaleEquivariant(code: String) throws {
        let spec = try ETSSpec(code: code)
        let y = TimeSeries(name: "y", values: Self.england, start: 2010)
        let y10 = TimeSeries(name: "y10", values: Self.england.map { $0 * 10 }, start: 2010)
        let a = try spec.fitETS(y), b = try spec.fitETS(y10)
        let n = Double(Self.england.count)
        #expect(isClose(b.logLikelihood, a.logLikelihood - n * log(10), absolute: 2e-3),
                "\(b.logLikelihood) vs \(a.logLikelihood - n * log(10))")
        let fa = a.forecast(horizon: 5, levels: [95]), fb = b.forecast(horizon: 5, levels: [95])
        for h in 0..<5 { #expect(isClose(fb.mean[h], 10 * fa.mean[h], relative: 1e-2)) }
    }

    /// Through the shared interface: a spec fitted as `any ForecastModelSpec` gives R's label, forecast times after
    /// the data, and intervals that nest (80% inside 95%).
    @Test func worksThroughForecastModelSpec() throws {
        let spec: any ForecastModelSpec = ETSSpec.automatic
        let s = TimeSeries(name: "England", values: Self.england, start: 2010)
        let fc = try spec.fit(s).forecast(horizon: 5, levels: [95, 80])
        #expect(fc.method.hasPrefix("ETS("))
        #expect(isClose(fc.times[0], 2023, absolute: 1e-12))
        let i80 = try #require(fc.interval(at: 80)), i95 = try #require(fc.interval(at: 95))
        for h in 0..<5 { #expect(i95.lower[h] <= i80.lower[h] && i80.upper[h] <= i95.upper[h]) }
        #expect(spec.label == "ets ZZZ")
        #expect(try spec.fit(s).forecast(horizon: 0, levels: [80]).mean.isEmpty)
    }

    /// Fitted values and residuals add back to the data (additive: ŷ + e = y; multiplicative: ŷ(1 + e) = y).
    @Test func fittedAndResidualsRecoverTheData() throws {
        let s = TimeSeries(name: "England", values: Self.england, start: 2010)
        for code in ["AAdN", "MAN"] {
            let fit = try ETSSpec(code: code).fitETS(s)
            for t in 0..<Self.england.count {
                let back = fit.model.error == .additive ? fit.fittedValues[t] + fit.residuals[t]
                    : fit.fittedValues[t] * (1 + fit.residuals[t])
                #expect(isClose(back, Self.england[t], relative: 1e-12))
            }
        }
    }
}
