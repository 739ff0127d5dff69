import Foundation
import Testing
import TestSupport
@testable import Forecasting

/// ETS against R forecast 8.20 (`ets`, `forecast.ets`) on 17 LA-panel series (at31_cla / at31_cpp, 2010–2022,
/// England totals), a constructed small-count series with zeros, and R's AirPassengers, UKDriverDeaths,
/// USAccDeaths and its first 30 months (where R's initial seasons come from a Fourier regression).
/// Reference: Fixtures/ets_reference.json from Fixtures/make_ets_fixtures.R.
@Suite struct ETSReferenceTests {
    static let cases: [ETSReferenceFixtures.Case] = (try? ETSReferenceFixtures.load()) ?? []

    @Test func fixturesLoad() {
        #expect(Self.cases.count == 22)
    }

    /// Evaluated at R's parameters and initial states (R prints 15 significant digits): log-likelihood, AIC, AICc,
    /// BIC within 1e-9 (relative above 1, absolute below), σ² within 1e-9 relative, residuals within 1e-9, point
    /// forecasts and 80/95% bounds within 1e-8 relative.
    @Test(arguments: ETSReferenceTests.cases.map(\.name))
    func evaluatedAtRsParametersMatchesR(name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        var references = c.fixed.compactMap(\.reference)
        references.append(c.auto)
        for ref in references {
            let fit = try ETSSpec.evaluate(c.series, model: ref.model, parameters: ref.parameters,
                                           initialStates: ref.initialStates)
            let label = "\(c.name) \(ref.model.name)"
            #expect(isClose(fit.logLikelihood, ref.loglik, relative: 1e-9, absolute: 1e-9), "\(label) loglik")
            #expect(isClose(fit.aic, ref.aic, relative: 1e-9, absolute: 1e-9), "\(label) aic")
            #expect(isClose(fit.aicc, ref.aicc, relative: 1e-9, absolute: 1e-9), "\(label) aicc")
            #expect(isClose(fit.bic, ref.bic, relative: 1e-9, absolute: 1e-9), "\(label) bic")
            #expect(isClose(fit.sigma2, ref.sigma2, relative: 1e-9), "\(label) sigma2")
            for (a, e) in zip(fit.residuals, ref.residuals) {
                #expect(isClose(a, e, relative: 1e-9, absolute: 1e-9), "\(label) residual")
            }
            let fc = fit.forecast(horizon: c.horizon, levels: [80, 95])
            let i80 = try #require(fc.interval(at: 80)), i95 = try #require(fc.interval(at: 95))
            for h in 0..<c.horizon {
                #expect(isClose(fc.mean[h], ref.mean[h], relative: 1e-8), "\(label) mean h=\(h + 1)")
                #expect(isClose(i80.lower[h], ref.lower80[h], relative: 1e-8), "\(label) lo80 h=\(h + 1)")
                #expect(isClose(i80.upper[h], ref.upper80[h], relative: 1e-8), "\(label) hi80 h=\(h + 1)")
                #expect(isClose(i95.lower[h], ref.lower95[h], relative: 1e-8), "\(label) lo95 h=\(h + 1)")
                #expect(isClose(i95.upper[h], ref.upper95[h], relative: 1e-8), "\(label) hi95 h=\(h + 1)")
            }
        }
    }

    /// Our own estimation reaches a log-likelihood no lower than R's minus 1e-6 for every fixed model R fitted;
    /// where R refused a model (multiplicative error on data with zeros) we refuse it too.
    @Test(arguments: ETSReferenceTests.cases.map(\.name))
    func ownFitLikelihoodAtLeastRs(name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        for (code, ref, error) in c.fixed {
            let spec = try ETSSpec(model: ETSModel(code: code))
            if let ref {
                let fit = try spec.fitETS(c.series)
                #expect(fit.model == ref.model)
                #expect(fit.logLikelihood >= ref.loglik - 1e-6,
                        "\(c.name) \(code): ours \(fit.logLikelihood), R \(ref.loglik)")
            } else {
                #expect(throws: ForecastError.self, "\(c.name) \(code): R said \(error ?? "")") {
                    try spec.fitETS(c.series)
                }
            }
        }
    }

    /// Automatic selection (R's `ets(y)`) reaches an AICc no worse than R's automatic choice plus 1e-6. The chosen
    /// model's name is not compared (flat likelihoods legitimately pick different models).
    @Test(arguments: ETSReferenceTests.cases.map(\.name))
    func automaticAICcNoWorseThanRs(name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let fit = try ETSSpec.automatic.fitETS(c.series)
        #expect(fit.aicc <= c.auto.aicc + 1e-6, "\(c.name): ours \(fit.model.name) \(fit.aicc), R \(c.auto.aicc)")
    }
}

/// R's own search alone (``ETSSearch/r``) follows R's path: the log-likelihood equals R's within 1e-6 for every
/// fixed model R fitted (R's search is Nelder–Mead from the same start with the same settings).
@Suite struct ETSRSearchTests {
    @Test(arguments: ETSReferenceTests.cases.map(\.name))
    func rSearchReproducesRsLikelihood(name: String) throws {
        let c = try #require(ETSReferenceTests.cases.first { $0.name == name })
        for (code, ref, _) in c.fixed {
            guard let ref else { continue }
            var spec = try ETSSpec(model: ETSModel(code: code))
            spec.search = .r
            let fit = try spec.fitETS(c.series)
            #expect(abs(fit.logLikelihood - ref.loglik) <= 1e-6,
                    "\(c.name) \(code): ours \(fit.logLikelihood), R \(ref.loglik)")
        }
    }
}
