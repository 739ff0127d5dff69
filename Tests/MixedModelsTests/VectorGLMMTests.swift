import Testing
import Foundation
import Tabular
import Formulas
@testable import MixedModels
import TestSupport

/// GLMMs with a random intercept and slope per group, `(1 + x | g)`, by the Laplace approximation, against
/// glmmTMB 1.1.5 (nlminb, rel.tol = 1e-15; SEs from the Hessian) and lme4 1.1.31 `glmer(nAGQ = 1)` (bobyqa,
/// rhoend = 1e-12, tolPwrss = 1e-12), from Fixtures/make-slopes-fixtures.R (simulated binomial with trials,
/// simulated Poisson with an offset, and lme4's cbpp with a slope on period). Tolerances (brief): log-likelihood
/// 1e-6 absolute, fixed effects 1e-5 (relative above 1, absolute below), SEs 1e-4 relative, SDs and the
/// correlation 1e-4; glmer's conditional modes and SDs 1e-4 (glmer's own optimum differs from glmmTMB's by up to
/// ~1e-6 in the parameters).
@Suite struct VectorGLMMTests {
    static let reference = Fixtures.load("slopes-reference.csv")
    static func value(_ model: String, _ key: String) -> Double { reference[model]?[key] ?? .nan }

    struct Case: Sendable {
        let file: String
        let formula: String
        let family: MixedModelFamily
        let prefix: String
    }
    static let cases = [
        Case(file: "binomial-slopes.csv", formula: "cbind(succ, fail) ~ x + (1 + x | g)", family: .binomial, prefix: "bin"),
        Case(file: "poisson-slopes.csv", formula: "y ~ x + offset(log(t)) + (1 + x | g)", family: .poisson, prefix: "poi"),
        Case(file: "cbpp.csv", formula: "cbind(incidence, failures) ~ period + (1 + period | herd)", family: .binomial,
             prefix: "cbpp_slopes"),
    ]

    static func fit(_ c: Case, nAGQ: Int = 1) throws -> MixedModelFit {
        try Fixtures.fit(c.file, c.formula, family: c.family, nAGQ: nAGQ)
    }

    @Test(arguments: [0, 1, 2])
    func matchesGlmmTMB(_ i: Int) throws {
        let c = Self.cases[i]
        let fit = try Self.fit(c)
        let model = c.prefix + "_tmb"
        let ll = Self.value(model, "loglik")
        #expect(abs(fit.logLikelihood - ll) <= 1e-6, "loglik \(fit.logLikelihood) vs \(ll)")
        #expect(isClose(fit.aic, Self.value(model, "AIC"), relative: 1e-6, absolute: 1e-6))
        #expect(fit.coefficients.count == 2)
        for e in fit.coefficients {
            let r = Self.value(model, "beta:" + e.term)
            #expect(isClose(e.estimate, r, relative: 1e-5, absolute: 1e-5), "\(e.term) \(e.estimate) vs \(r)")
            let s = Self.value(model, "se:" + e.term)
            #expect(abs(e.standardError - s) <= 1e-4 * s, "SE \(e.term) \(e.standardError) vs \(s)")
        }
        let v = fit.varianceComponents
        #expect(v.count == 2 && fit.correlations.count == 1)
        for k in 0..<2 {
            let sd = Self.value(model, "sd\(k + 1)")
            #expect(isClose(v[k].standardDeviation, sd, relative: 1e-4, absolute: 1e-4), "sd\(k + 1) \(v[k].standardDeviation) vs \(sd)")
            // Wald on the log-SD scale (glmmTMB's confint), through the delta method from the Λ Hessian.
            #expect(isClose(v[k].confLow, Self.value(model, "sdlo\(k + 1)"), relative: 1e-4, absolute: 1e-4), "sdlo\(k + 1) \(v[k].confLow) vs \(Self.value(model, "sdlo\(k + 1)"))")
            #expect(isClose(v[k].confHigh, Self.value(model, "sdhi\(k + 1)"), relative: 1e-4, absolute: 1e-4), "sdhi\(k + 1) \(v[k].confHigh)")
        }
        let r = fit.correlations[0]
        #expect(isClose(r.correlation, Self.value(model, "corr"), relative: 1e-4, absolute: 1e-4), "corr \(r.correlation) vs \(Self.value(model, "corr"))")
        #expect(isClose(r.confLow, Self.value(model, "corrlo"), relative: 1e-4, absolute: 1e-4), "corrlo \(r.confLow) vs \(Self.value(model, "corrlo"))")
        #expect(isClose(r.confHigh, Self.value(model, "corrhi"), relative: 1e-4, absolute: 1e-4), "corrhi \(r.confHigh) vs \(Self.value(model, "corrhi"))")
        #expect(fit.converged, "\(fit.warnings)")
        #expect(!fit.isSingular && fit.warnings.isEmpty, "\(fit.warnings)")
        #expect(fit.method == "Laplace" && fit.parameterCount == 5)
    }

    @Test(arguments: [0, 1, 2])
    func matchesGlmer(_ i: Int) throws {
        let c = Self.cases[i]
        let fit = try Self.fit(c)
        let model = c.prefix + "_glmer"
        // glmer's Poisson optimum is 3.4e-6 below glmmTMB's (its bobyqa stops earlier), hence 1e-5 here.
        #expect(abs(fit.logLikelihood - Self.value(model, "loglik")) <= 1e-5)
        #expect(fit.logLikelihood >= Self.value(model, "loglik") - 1e-8, "not below glmer's maximum")
        for (k, t) in fit.theta.enumerated() {
            #expect(isClose(t, Self.value(model, "theta\(k + 1)"), relative: 1e-4, absolute: 1e-4), "theta\(k + 1) \(t)")
        }
        #expect(fit.conditionalModes.count == 2 * fit.groupCount)
        for m in fit.conditionalModes {
            let r = Self.value(model, "ranef:\(m.level):\(m.term)")
            #expect(isClose(m.mode, r, relative: 1e-4, absolute: 1e-4), "ranef \(m.level) \(m.term) \(m.mode) vs \(r)")
            let s = Self.value(model, "condsd:\(m.level):\(m.term)")
            #expect(isClose(m.conditionalSD, s, relative: 1e-4, absolute: 1e-4), "condsd \(m.level) \(m.term) \(m.conditionalSD) vs \(s)")
        }
    }

    /// A Bernoulli data set simulated with a random intercept only: glmer finds Λ₂₂ = 0 (θ₃ = 0), i.e. a
    /// correlation of +1, and reports a singular fit. The fit must say so in words.
    @Test func singularFitIsReported() throws {
        let fit = try Fixtures.fit("singular-slopes.csv", "y ~ x + (1 + x | g)", family: .binomial)
        let model = "singular_glmer"
        #expect(Self.value(model, "singular") == 1)
        #expect(fit.isSingular)
        #expect(fit.warnings.first?.hasPrefix("singular fit: the correlation between the random effects (Intercept) and x is estimated at +1") == true,
                "\(fit.warnings)")
        #expect(fit.warnings.first?.contains("Consider dropping the random slope") == true)
        // At the boundary the optimum is still a maximum: same log-likelihood and estimates as glmer.
        #expect(abs(fit.logLikelihood - Self.value(model, "loglik")) <= 1e-6, "\(fit.logLikelihood)")
        #expect(fit.logLikelihood >= Self.value(model, "loglik") - 1e-8)
        for e in fit.coefficients {
            #expect(isClose(e.estimate, Self.value(model, "beta:" + e.term), relative: 1e-4, absolute: 1e-4), "\(e.term) \(e.estimate)")
        }
        #expect(isClose(fit.varianceComponents[0].standardDeviation, Self.value(model, "sd1"), relative: 1e-4, absolute: 1e-4))
        #expect(isClose(fit.varianceComponents[1].standardDeviation, Self.value(model, "sd2"), relative: 1e-4, absolute: 1e-4))
        #expect(isClose(fit.correlations[0].correlation, 1, relative: 1e-6, absolute: 1e-6))
    }

    /// The same data with uncorrelated terms: glmer puts the slope's SD at 0 (θ₂ = 0, singular). The message
    /// must name the zero variance; log-likelihood within 1e-6 of glmer's, β within 1e-4 (at a boundary both
    /// optimisers stop on the constraint, but glmer's bobyqa only to ~1e-6 in the free parameters).
    @Test func zeroVarianceIsReported() throws {
        let fit = try Fixtures.fit("singular-slopes.csv", "y ~ x + (1 | g) + (0 + x | g)", family: .binomial)
        let model = "singular_uncor_glmer"
        #expect(Self.value(model, "singular") == 1 && Self.value(model, "theta2") == 0)
        #expect(fit.isSingular && fit.theta.count == 2 && fit.theta[1] < 1e-4)
        #expect(fit.warnings.first?.hasPrefix("singular fit: the variance of the random effect x is estimated at zero") == true,
                "\(fit.warnings)")
        #expect(abs(fit.logLikelihood - Self.value(model, "loglik")) <= 1e-6, "\(fit.logLikelihood)")
        #expect(isClose(fit.theta[0], Self.value(model, "theta1"), relative: 1e-4, absolute: 1e-4))
        for e in fit.coefficients {
            #expect(isClose(e.estimate, Self.value(model, "beta:" + e.term), relative: 1e-4, absolute: 1e-4), "\(e.term) \(e.estimate)")
            #expect(e.standardError.isFinite && e.standardError > 0)
        }
    }

    /// Uncorrelated random intercept and slope, `(1 | g) + (0 + x | g)`: two terms on one grouping factor, so Λ is
    /// diagonal (θ = the two SDs). glmmTMB's optimum is the reference (tolerances as above); glmer's bobyqa stops
    /// 1.8e-5 below it in log-likelihood, so glmer only bounds ours from below.
    @Test func uncorrelatedTermsMatchGlmmTMB() throws {
        let fit = try Fixtures.fit("binomial-slopes.csv", "cbind(succ, fail) ~ x + (1 | g) + (0 + x | g)", family: .binomial)
        let model = "bin_uncor_tmb"
        #expect(abs(fit.logLikelihood - Self.value(model, "loglik")) <= 1e-6, "\(fit.logLikelihood)")
        #expect(fit.logLikelihood >= Self.value("bin_uncor_glmer", "loglik"))
        #expect(fit.theta.count == 2 && fit.correlations.isEmpty && fit.parameterCount == 4)
        for e in fit.coefficients {
            #expect(isClose(e.estimate, Self.value(model, "beta:" + e.term), relative: 1e-5, absolute: 1e-5), "\(e.term) \(e.estimate)")
            let s = Self.value(model, "se:" + e.term)
            #expect(abs(e.standardError - s) <= 1e-4 * s, "SE \(e.term) \(e.standardError) vs \(s)")
        }
        for k in 0..<2 {
            let v = fit.varianceComponents[k]
            #expect(isClose(v.standardDeviation, Self.value(model, "sd\(k + 1)"), relative: 1e-4, absolute: 1e-4), "sd\(k + 1) \(v.standardDeviation)")
            #expect(isClose(v.confLow, Self.value(model, "sdlo\(k + 1)"), relative: 1e-4, absolute: 1e-4), "sdlo\(k + 1) \(v.confLow)")
            #expect(isClose(v.confHigh, Self.value(model, "sdhi\(k + 1)"), relative: 1e-4, absolute: 1e-4), "sdhi\(k + 1) \(v.confHigh)")
        }
        #expect(fit.converged && fit.warnings.isEmpty, "\(fit.warnings)")
        // The Gaussian path takes one term only.
        #expect(throws: MixedModelError.needsOneRandomEffectTerm(found: 2)) {
            try Fixtures.fit("sleepstudy.csv", "Reaction ~ Days + (1 | Subject) + (0 + Days | Subject)")
        }
    }

    /// lme4 refuses nAGQ > 1 with vector random effects; so must we (not silently a Laplace fit).
    @Test func quadratureWithSlopesIsRefused() throws {
        #expect(throws: MixedModelError.quadratureNeedsScalarRandomEffect(columns: 2)) {
            try Self.fit(Self.cases[0], nAGQ: 2)
        }
    }

    /// Law: the fit does not depend on the order of the rows. The summation order changes the rounding only; the
    /// Newton polish after L-BFGS-B puts both fits at the optimum to ~1e-12, so 1e-8 (relative for the
    /// log-likelihood and SEs, absolute for β and θ) is the brief's tolerance with room.
    @Test(arguments: [0, 1, 2])
    func rowOrderDoesNotMatter(_ i: Int) throws {
        let c = Self.cases[i]
        let data = try Fixtures.data(c.file)
        let n = data.rowCount
        // A fixed permutation: i ↦ (i·7919 + 13) mod n (7919 is prime, so coprime to n = 2000 and 56).
        let perm = (0..<n).map { ($0 * 7919 + 13) % n }
        #expect(Set(perm).count == n)
        let spec = MixedModelSpec(formula: try Formula(parsing: c.formula), family: c.family)
        let a = try spec.fit(data)
        let b = try spec.fit(try data.takingRows(perm))
        #expect(abs(a.logLikelihood - b.logLikelihood) <= 1e-8 * abs(a.logLikelihood))
        for (x, y) in zip(a.coefficients, b.coefficients) {
            #expect(abs(x.estimate - y.estimate) <= 1e-8, "\(x.term) \(x.estimate - y.estimate)")
            #expect(abs(x.standardError - y.standardError) <= 1e-8 * x.standardError, "\(x.term)")
        }
        for (x, y) in zip(a.theta, b.theta) { #expect(abs(x - y) <= 1e-8, "\(x - y)") }
    }

    /// Law (sufficient statistics): the binomial data expanded into one Bernoulli row per trial give the same fit
    /// (the expanded rows collapse back onto their covariate patterns), except that the log-likelihood loses the
    /// binomial coefficients: ℓ_Bernoulli = ℓ_binomial − Σᵢ log C(nᵢ, yᵢ), computed here with lgamma. Tolerance
    /// 1e-8 (the two fits take the same path up to the summation order of the constants).
    @Test func bernoulliExpansionGivesTheSameFit() throws {
        let data = try Fixtures.data("binomial-slopes.csv")
        guard let sc = data.column(named: "succ"), let fc = data.column(named: "fail") else {
            Issue.record("columns missing"); return
        }
        var rows: [Int] = [], yb: [Double?] = [], logChoose = 0.0
        for i in 0..<data.rowCount {
            let s = sc.numericValue(at: i) ?? 0, f = fc.numericValue(at: i) ?? 0
            logChoose += lgamma(s + f + 1) - lgamma(s + 1) - lgamma(f + 1)
            for k in 0..<Int(s + f) { rows.append(i); yb.append(Double(k) < s ? 1 : 0) }
        }
        let expanded = try data.takingRows(rows).adding(DataColumn(name: "yb", doubles: yb))
        #expect(expanded.rowCount > 2 * data.rowCount)
        let a = try Self.fit(Self.cases[0])
        let b = try MixedModelSpec(formula: try Formula(parsing: "yb ~ x + (1 + x | g)"), family: .binomial).fit(expanded)
        #expect(b.n == expanded.rowCount)
        // The objective works on one row per covariate pattern: the 2,000 original rows (x is distinct per row).
        let frame = try ModelFrame(formula: try Formula(parsing: "yb ~ x + (1 + x | g)"), data: expanded)
        let obj = VectorGLMMObjective(data: try MixedModelData(frame: frame, family: .binomial), family: .binomial)
        #expect(obj.y.count == data.rowCount)
        #expect(abs(b.logLikelihood - (a.logLikelihood - logChoose)) <= 1e-8 * abs(b.logLikelihood),
                "\(b.logLikelihood) vs \(a.logLikelihood - logChoose)")
        for (x, y) in zip(a.coefficients, b.coefficients) {
            #expect(abs(x.estimate - y.estimate) <= 1e-8 && abs(x.standardError - y.standardError) <= 1e-8 * x.standardError)
        }
        for (x, y) in zip(a.theta, b.theta) { #expect(abs(x - y) <= 1e-8) }
    }

    /// The exact gradient of ``VectorGLMMObjective`` against central differences of its value (step 1e-5,
    /// truncation error ~h² relative), at a point away from the optimum with a non-zero off-diagonal of Λ.
    @Test(arguments: [0, 1, 2])
    func gradientMatchesDifferences(_ i: Int) throws {
        let c = Self.cases[i]
        let frame = try ModelFrame(formula: try Formula(parsing: c.formula), data: try Fixtures.data(c.file))
        let d = try MixedModelData(frame: frame, family: c.family)
        let obj = VectorGLMMObjective(data: d, family: c.family)
        var modes = [Double](repeating: 0, count: d.groupCount * d.q)
        let par = [-0.2, 0.3, 0.7, -0.25, 0.4]
        let e = obj.evaluate(par, modes: &modes)
        #expect(e.value.isFinite)
        for k in par.indices {
            let h = 1e-5
            var a = par, b = par
            a[k] += h; b[k] -= h
            let fd = (obj.evaluate(a, modes: &modes, wantGradient: false).value
                      - obj.evaluate(b, modes: &modes, wantGradient: false).value) / (2 * h)
            #expect(abs(e.gradient[k] - fd) <= 1e-5 * max(1, abs(fd)), "parameter \(k): \(e.gradient[k]) vs \(fd)")
        }
    }
}
