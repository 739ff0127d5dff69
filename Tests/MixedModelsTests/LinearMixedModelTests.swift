import Testing
import MixedModels
import TestSupport

/// Linear mixed models vs lme4::lmer (Fixtures/make-fixtures.R, bobyqa with rhoend = 1e-12).
/// Tolerances (brief): log-likelihood 1e-6, fixed effects 1e-5, variance components 1e-4 (relative above 1,
/// absolute below); SEs, conditional modes and conditional SDs 1e-4.
@Suite struct LinearMixedModelTests {
    static let cases: [(model: String, formula: String, reml: Bool)] = [
        ("sleep_slopes_reml", "Reaction ~ Days + (Days | Subject)", true),
        ("sleep_slopes_ml", "Reaction ~ Days + (Days | Subject)", false),
        ("sleep_int_reml", "Reaction ~ Days + (1 | Subject)", true),
        ("sleep_int_ml", "Reaction ~ Days + (1 | Subject)", false),
    ]

    @Test(arguments: cases.indices)
    func matchesLme4(_ c: Int) throws {
        let (model, formula, reml) = Self.cases[c]
        let fit = try Fixtures.fit("sleepstudy.csv", formula, reml: reml)
        let ref = { (k: String) in Fixtures.value(model, k) }
        #expect(isClose(fit.logLikelihood, ref("loglik"), relative: 1e-6, absolute: 1e-6), "loglik \(fit.logLikelihood) vs \(ref("loglik"))")
        #expect(isClose(fit.criterion, ref("deviance"), relative: 2e-6, absolute: 2e-6))
        #expect(isClose(fit.aic, ref("AIC"), relative: 2e-6, absolute: 2e-6))
        for e in fit.coefficients {
            #expect(isClose(e.estimate, ref("beta:" + e.term), relative: 1e-5, absolute: 1e-5), "\(e.term) \(e.estimate) vs \(ref("beta:" + e.term))")
            #expect(isClose(e.standardError, ref("se:" + e.term), relative: 1e-4, absolute: 1e-4), "SE \(e.term)")
            #expect(isClose(e.confLow, ref("lo:" + e.term), relative: 1e-4, absolute: 1e-4) && isClose(e.confHigh, ref("hi:" + e.term), relative: 1e-4, absolute: 1e-4))
        }
        #expect(isClose(fit.residualStandardDeviation ?? .nan, ref("sigma"), relative: 1e-4, absolute: 1e-4))
        for (i, t) in fit.theta.enumerated() {
            #expect(isClose(t, ref("theta\(i + 1)"), relative: 1e-4, absolute: 1e-4), "theta\(i + 1) \(t) vs \(ref("theta\(i + 1)"))")
        }
        for v in fit.varianceComponents {
            let key = v.group == "Residual" ? "Residual:NA:" : "\(v.group):\(v.term):"
            #expect(isClose(v.variance, ref("vcov:" + key), relative: 1e-4, absolute: 1e-4), "variance \(key) \(v.variance) vs \(ref("vcov:" + key))")
            #expect(isClose(v.standardDeviation, ref("sdcor:" + key), relative: 1e-4, absolute: 1e-4))
        }
        for r in fit.correlations {
            #expect(isClose(r.correlation, ref("sdcor:\(r.group):\(r.term1):\(r.term2)"), relative: 1e-4, absolute: 1e-4))
        }
        #expect(fit.conditionalModes.count == 18 * (formula.contains("Days |") ? 2 : 1))
        for m in fit.conditionalModes {
            #expect(isClose(m.mode, ref("ranef:\(m.level):\(m.term)"), relative: 1e-4, absolute: 1e-4), "ranef \(m.level) \(m.term)")
            #expect(isClose(m.conditionalSD, ref("condsd:\(m.level):\(m.term)"), relative: 1e-4, absolute: 1e-4), "condsd \(m.level) \(m.term)")
        }
        #expect(fit.converged, "\(fit.warnings)")
        #expect(!fit.isSingular)
        // Profile intervals: lme4 interpolates its profile by splines, so they are compared at 1e-4 (relative for SDs, absolute for correlations).
        for v in fit.varianceComponents {
            let key = v.group == "Residual" ? "sigma" : "sd_\(v.term)|\(v.group)"
            let lo = ref("plo:" + key), hi = ref("phi:" + key)
            #expect(abs(v.confLow - lo) <= 1e-4 * abs(lo) && abs(v.confHigh - hi) <= 1e-4 * abs(hi),
                    "profile CI \(key): [\(v.confLow), \(v.confHigh)] vs [\(lo), \(hi)]")
        }
        for r in fit.correlations {
            let key = "cor_\(r.term2).\(r.term1)|\(r.group)"
            let lo = ref("plo:" + key), hi = ref("phi:" + key)
            #expect(abs(r.confLow - lo) <= 1e-4 && abs(r.confHigh - hi) <= 1e-4,
                    "profile CI \(key): [\(r.confLow), \(r.confHigh)] vs [\(lo), \(hi)]")
        }
    }

    /// ICC of the random-intercept REML fit from lme4's variance components: σ²_b/(σ²_b + σ²).
    @Test func intraclassCorrelation() throws {
        let fit = try Fixtures.fit("sleepstudy.csv", "Reaction ~ Days + (1 | Subject)")
        let vb = Fixtures.value("sleep_int_reml", "vcov:Subject:(Intercept):")
        let ve = Fixtures.value("sleep_int_reml", "vcov:Residual:NA:")
        #expect(isClose(fit.intraclassCorrelation ?? .nan, vb / (vb + ve), relative: 1e-5, absolute: 1e-5))
    }

    /// Dyestuff2: lme4 reports a singular fit (θ = 0); the fit must say so and match the log-likelihood.
    @Test func singularFitIsReported() throws {
        let fit = try Fixtures.fit("dyestuff2.csv", "Yield ~ 1 + (1 | Batch)")
        #expect(fit.isSingular)
        #expect(fit.warnings.contains { $0.contains("singular fit") && $0.contains("over-parameterised") })
        #expect(isClose(fit.logLikelihood, Fixtures.value("dyestuff2_reml", "loglik"), relative: 1e-6, absolute: 1e-6))
        #expect(isClose(fit.coefficients[0].estimate, Fixtures.value("dyestuff2_reml", "beta:(Intercept)"), relative: 1e-5, absolute: 1e-5))
        #expect(abs(fit.theta[0] - Fixtures.value("dyestuff2_reml", "theta1")) < 1e-4)
    }
}
