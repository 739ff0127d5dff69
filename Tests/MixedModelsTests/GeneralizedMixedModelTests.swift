import Testing
import MixedModels
import TestSupport

/// GLMMs vs lme4::glmer (bobyqa, rhoend = 1e-12, tolPwrss = 1e-12) and glmmTMB (nlminb, rel.tol = 1e-15), from
/// Fixtures/make-fixtures.R. Tolerances (brief): log-likelihood 1e-6 and fixed effects 1e-5 (relative above 1,
/// absolute below); θ, conditional modes and SEs 1e-4.
@Suite struct GeneralizedMixedModelTests {
    struct Case: Sendable {
        let file: String
        let formula: String
        let family: MixedModelFamily
        let prefix: String
        /// CareStat's coefficient name → R's.
        let rName: @Sendable (String) -> String
    }
    static let cbpp = Case(file: "cbpp.csv", formula: "cbind(incidence, failures) ~ factor(period) + (1 | herd)",
                           family: .binomial, prefix: "cbpp",
                           rName: { $0.replacingOccurrences(of: "period=", with: "factor(period)") })
    static let ticks = Case(file: "grouseticks.csv", formula: "ticks ~ factor(year) + height + (1 | location)",
                            family: .poisson, prefix: "ticks",
                            rName: { $0.replacingOccurrences(of: "year=", with: "fyear") })
    static let cases = [cbpp, ticks]

    @Test(arguments: [0, 1])
    func laplaceMatchesGlmer(_ c: Int) throws {
        let k = Self.cases[c]
        let fit = try Fixtures.fit(k.file, k.formula, family: k.family)
        let model = k.prefix + "_laplace_glmer"
        #expect(isClose(fit.logLikelihood, Fixtures.value(model, "loglik"), relative: 1e-6, absolute: 1e-6),
                "loglik \(fit.logLikelihood) vs \(Fixtures.value(model, "loglik"))")
        #expect(isClose(fit.aic, Fixtures.value(model, "AIC"), relative: 2e-6, absolute: 2e-6))
        for e in fit.coefficients {
            let r = Fixtures.value(model, "beta:" + k.rName(e.term))
            #expect(isClose(e.estimate, r, relative: 1e-5, absolute: 1e-5), "\(e.term) \(e.estimate) vs \(r)")
        }
        #expect(isClose(fit.theta[0], Fixtures.value(model, "theta1"), relative: 1e-4, absolute: 1e-4))
        #expect(fit.conditionalModes.count == fit.groupCount)
        for m in fit.conditionalModes {
            #expect(isClose(m.mode, Fixtures.value(model, "ranef:\(m.level):(Intercept)"), relative: 1e-4, absolute: 1e-4), "ranef \(m.level)")
            #expect(isClose(m.conditionalSD, Fixtures.value(model, "condsd:\(m.level):(Intercept)"), relative: 1e-4, absolute: 1e-4),
                    "condsd \(m.level) \(m.conditionalSD) vs \(Fixtures.value(model, "condsd:\(m.level):(Intercept)"))")
        }
        #expect(fit.converged, "\(fit.warnings)")
    }

    /// glmmTMB maximises the same Laplace likelihood jointly over (β, log σ); its SEs come from the Hessian.
    @Test(arguments: [0, 1])
    func laplaceMatchesGlmmTMB(_ c: Int) throws {
        let k = Self.cases[c]
        let fit = try Fixtures.fit(k.file, k.formula, family: k.family)
        let model = k.prefix + "_laplace_tmb"
        #expect(isClose(fit.logLikelihood, Fixtures.value(model, "loglik"), relative: 1e-6, absolute: 1e-6))
        for e in fit.coefficients {
            let r = Fixtures.value(model, "beta:" + k.rName(e.term))
            #expect(isClose(e.estimate, r, relative: 1e-5, absolute: 1e-5), "\(e.term) \(e.estimate) vs \(r)")
            let s = Fixtures.value(model, "se:" + k.rName(e.term))
            #expect(abs(e.standardError - s) <= 1e-4 * s, "SE \(e.term) \(e.standardError) vs \(s)")
        }
        let v = fit.varianceComponents[0]
        #expect(isClose(v.standardDeviation, Fixtures.value(model, "sd1"), relative: 1e-4, absolute: 1e-4))
        // Wald interval on the log-SD scale, as glmmTMB's confint.
        #expect(isClose(v.confLow, Fixtures.value(model, "sdlo"), relative: 1e-4, absolute: 1e-4), "\(v.confLow) vs \(Fixtures.value(model, "sdlo"))")
        #expect(isClose(v.confHigh, Fixtures.value(model, "sdhi"), relative: 1e-4, absolute: 1e-4), "\(v.confHigh) vs \(Fixtures.value(model, "sdhi"))")
    }

    /// nAGQ = 10 vs glmer(nAGQ = 10). glmer's value omits the saturated log-likelihood (its AGQ deviance sums
    /// deviance residuals), so ``MixedModelFit/lme4AGQLogLikelihood`` is compared with it, and the full value with
    /// glmer's plus R's saturated log-likelihood, and with R's integrate() at glmer's estimates (tolerance 1e-5:
    /// that check also carries the 10-node rule's own error).
    @Test(arguments: [0, 1])
    func adaptiveQuadratureMatchesGlmer(_ c: Int) throws {
        let k = Self.cases[c]
        let fit = try Fixtures.fit(k.file, k.formula, family: k.family, nAGQ: 10)
        let model = k.prefix + "_agq10_glmer"
        let lme4 = Fixtures.value(model, "loglik")
        #expect(isClose(fit.lme4AGQLogLikelihood ?? .nan, lme4, relative: 1e-6, absolute: 1e-6), "\(fit.lme4AGQLogLikelihood ?? .nan) vs \(lme4)")
        #expect(isClose(fit.logLikelihood, lme4 + Fixtures.value(model, "satloglik"), relative: 1e-6, absolute: 1e-6))
        #expect(isClose(fit.logLikelihood, Fixtures.value(model, "loglik_integrate"), relative: 1e-5, absolute: 1e-5))
        for e in fit.coefficients {
            let r = Fixtures.value(model, "beta:" + k.rName(e.term))
            #expect(isClose(e.estimate, r, relative: 1e-5, absolute: 1e-5), "\(e.term) \(e.estimate) vs \(r)")
        }
        #expect(isClose(fit.theta[0], Fixtures.value(model, "theta1"), relative: 1e-4, absolute: 1e-4))
        for m in fit.conditionalModes {
            #expect(isClose(m.mode, Fixtures.value(model, "ranef:\(m.level):(Intercept)"), relative: 1e-4, absolute: 1e-4), "ranef \(m.level)")
        }
        #expect(fit.converged, "\(fit.warnings)")
    }

    @Test func rejectsQuadratureWithRandomSlopes() throws {
        #expect(throws: MixedModelError.quadratureNeedsScalarRandomEffect(columns: 2)) {
            try Fixtures.fit("cbpp.csv", "cbind(incidence, failures) ~ period + (1 + period | herd)",
                             family: .binomial, nAGQ: 5)
        }
    }
}
