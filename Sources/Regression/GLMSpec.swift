public import Formulas
public import Tabular
internal import LinearAlgebra
internal import Foundation

/// The specification of a generalised linear model: formula, family (with its link), optional prior-weights
/// column and IRLS settings. A Sendable value; ``fit(_:)`` turns it into a ``GLMFit``.
///
/// The formula is R's: `y ~ age + sex`, proportions or `cbind(successes, failures) ~ ...` for binomial,
/// `offset(log(exposure))` for Poisson rates, `cluster(id)` for cluster-robust standard errors by `id` (the
/// fit's coefficient table then uses them: ``GLMFit/resolvedCovariance(_:)``). `strata()` and random effects are
/// refused by name (``formulaTerms``). Rows with a missing value in any used column are dropped and reported
/// (R's `na.omit`).
public struct GLMSpec: Sendable, Hashable {
    /// The formula items a GLM fits: fixed effects, `offset()` and `cluster()`; `strata()` and `(1 | g)` are
    /// errors that say what to use instead.
    public static let formulaTerms = FormulaTermRule(
        model: "glm", accepts: [.fixedEffect, .offset, .cluster],
        advice: [.randomEffect: "random effects: use carestat glmm (MixedModelSpec); for a fixed effect write the column"])

    public var formula: Formula
    public var family: GLMFamily
    /// Name of a column of prior (case) weights, finite and ≥ 0; nil for unit weights.
    public var weights: String?
    public var control: GLMControl

    public init(formula: Formula, family: GLMFamily, weights: String? = nil, control: GLMControl = GLMControl()) {
        self.formula = formula
        self.family = family
        self.weights = weights
        self.control = control
    }

    /// Parses the formula from R syntax.
    public init(_ formula: String, family: GLMFamily, weights: String? = nil,
                control: GLMControl = GLMControl()) throws(FormulaParseError) {
        self.init(formula: try Formula(parsing: formula), family: family, weights: weights, control: control)
    }

    /// Fits the model to `data` by IRLS (``IRLS``), with glm.nb's θ alternation for the negative binomial
    /// with unknown θ. Throws ``GLMError`` for formula/data problems (a `strata()` or random-effect term among
    /// them: ``formulaTerms``) and for R's fatal IRLS failures;
    /// non-fatal problems (non-convergence, separation, step halving) become warnings in the result.
    ///
    /// Complexity: O(n·p²) per IRLS iteration; usually 4–8 iterations (times glm.nb's alternations).
    public func fit(_ data: DataFrame) throws(GLMError) -> GLMFit {
        if case .negativeBinomial(_, let t?) = family, !(t > 0 && t.isFinite) {
            throw .invalidArgument("the negative binomial θ must be a positive finite number, got \(t)")
        }
        let frame: ModelFrame
        do {
            try formula.requireTerms(Self.formulaTerms)
            frame = try ModelFrame(formula: formula, data: data, weights: weights)
        } catch { throw .formula(error) }
        guard let response = frame.response else { throw .invalidArgument("a GLM needs a response (y ~ ...)") }
        let design = frame.designMatrix()
        let n = frame.rowCount
        var setup = try FamilySetup(family: family, response: response,
                                    priorWeights: frame.weights ?? [Double](repeating: 1, count: n))
        let offset = frame.offset ?? []   // empty: no offset (IRLS.Problem.offset)
        let hasIntercept = design.columnNames.first == "(Intercept)"
        var problem = IRLS.Problem(x: design.matrix, y: setup.y, priorWeights: setup.weights, offset: offset,
                                   link: family.link, family: .gaussian, control: control)

        switch family {
        case .negativeBinomial(let link, nil):
            return try fitNegativeBinomial(link: link, frame: frame, design: design, setup: setup,
                                           problem: problem, hasIntercept: hasIntercept).withFormulaCovariance()
        default:
            break
        }
        problem.family = Self.varianceFamily(family)
        // The starting means are handed over (not kept in `setup`), so IRLS releases them once η is set.
        let mustart = setup.mustart
        setup.mustart = []
        let irls = try IRLS.fit(problem, mustart: consume mustart)
        let nullDeviance = try Self.nullDeviance(problem: problem, irls: irls, hasIntercept: hasIntercept,
                                                 hasOffset: frame.offset != nil, mustart: irls.mu)
        let aic = problem.family.aic(y: setup.y, trials: setup.trials, mu: irls.mu, weights: setup.weights,
                                     deviance: irls.deviance) + 2 * Double(irls.rank)
        let df = irls.rank + (family.estimatesDispersion ? 1 : 0)
        var separation: SeparationDiagnosis? = nil
        if case .binomial = family { separation = SeparationCheck.diagnose(problem: problem, result: irls, terms: design.columnNames) }
        var theta: Double? = nil
        if case .negativeBinomial(_, let t?) = family { theta = t }
        return try GLMFit(model: self, family: family, design: design, frame: frame, irls: irls, setup: setup,
                      nullDeviance: nullDeviance, aic: aic, logLikelihood: Double(df) - aic / 2,
                      logLikelihoodDF: df, alternations: 0, theta: theta, thetaSE: nil, separation: separation,
                      extraWarnings: []).withFormulaCovariance()
    }

    static func varianceFamily(_ f: GLMFamily) -> VarianceFamily {
        switch f {
        case .binomial: .binomial
        case .poisson: .poisson
        case .gaussian: .gaussian
        case .gamma: .gamma
        case .negativeBinomial(_, let t): .negativeBinomial(theta: t ?? .nan)
        }
    }

    /// R's null deviance: with an intercept and an offset, the deviance of the intercept-only IRLS fit
    /// (started at `mustart`); else Σ d(yᵢ, μ̄) with μ̄ the weighted mean of y (with an intercept) or
    /// g⁻¹(offset) (without).
    static func nullDeviance(problem: IRLS.Problem, irls: IRLSResult, hasIntercept: Bool, hasOffset: Bool,
                             mustart: [Double]?) throws(GLMError) -> Double {
        let y = problem.y, w = problem.priorWeights, fam = problem.family
        if hasIntercept && hasOffset {
            var p = problem
            p.x = Matrix(rows: y.count, columns: 1, repeating: 1)
            let start = mustart ?? NullModelStart.mustart(family: fam, y: y, weights: w)
            return try IRLS.fit(p, mustart: start).deviance
        }
        // O(n) passes in two row halves on two threads at large n (RowHalves), added in row order.
        if hasIntercept {
            var sw = 0.0, swy = 0.0
            for i in y.indices { sw += w[i]; swy += w[i] * y[i] }
            let m = swy / sw
            return RowHalves.map(y.count) { rows in
                var s = 0.0
                for i in rows { s += fam.deviance(y[i], m, w[i]) }
                return s
            }.reduce(0, +)
        }
        let offset = problem.offset, link = problem.link
        return RowHalves.map(y.count) { rows in
            var s = 0.0
            for i in rows { s += fam.deviance(y[i], link.inverse(offset.isEmpty ? 0 : offset[i]), w[i]) }
            return s
        }.reduce(0, +)
    }

    /// `MASS::glm.nb`: a Poisson fit (same link), θ by ``ThetaMaximumLikelihood``, then alternate an IRLS fit
    /// with θ fixed (started at the previous μ) and a new θ (from the μ *before* that fit, as MASS does)
    /// until |ℓ₀ − ℓ|/d₁ + |Δθ|/d₂ ≤ ε (d₁ = √(2·max(1, df_residual)), d₂ = 1) or `maxIterations` alternations.
    /// The reported fit is the last IRLS fit (its θ is the one before the last update) with the last θ, as
    /// glm.nb reports; AIC = −2ℓ + 2·rank + 2.
    private func fitNegativeBinomial(link: NegativeBinomialLink, frame: ModelFrame, design: DesignMatrix,
                                     setup: FamilySetup, problem: IRLS.Problem,
                                     hasIntercept: Bool) throws(GLMError) -> GLMFit {
        var p = problem
        p.family = .poisson
        let poissonStart = setup.y.map { $0 + 0.1 }
        var fit = try IRLS.fit(p, mustart: poissonStart)
        var mu = fit.mu
        let w = setup.weights, y = setup.y
        var est = ThetaMaximumLikelihood.estimate(y: y, mu: mu, weights: w, limit: control.maxIterations)
        var th = est.theta
        var thetaWarnings = est.warnings
        var iter = 0
        let nonZero = setup.weights.filter { $0 != 0 }.count
        let d1 = (2 * Double(Swift.max(1, nonZero - fit.rank))).squareRoot()
        let d2 = 1.0
        var del = 1.0
        var lm = NegativeBinomialLikelihood.logLikelihood(theta: th, mu: mu, y: y, weights: w)
        var lm0 = lm + 2 * d1
        var lastFamily = VarianceFamily.negativeBinomial(theta: th)
        while true {
            iter += 1
            guard iter <= control.maxIterations && (Swift.abs(lm0 - lm) / d1 + Swift.abs(del) / d2) > control.epsilon else { break }
            let eta = mu.map(p.link.link)
            p.family = .negativeBinomial(theta: th)
            lastFamily = p.family
            fit = try IRLS.fit(p, etastart: eta)
            let t0 = th
            est = ThetaMaximumLikelihood.estimate(y: y, mu: mu, weights: w, limit: control.maxIterations)
            th = est.theta
            thetaWarnings = est.warnings
            mu = fit.mu
            del = t0 - th
            lm0 = lm
            lm = NegativeBinomialLikelihood.logLikelihood(theta: th, mu: mu, y: y, weights: w)
        }
        var extra = thetaWarnings
        if iter > control.maxIterations { extra.append("alternation limit reached") }
        p.family = lastFamily
        let nullDeviance: Double
        if hasIntercept && frame.offset != nil {
            nullDeviance = try Self.nullDeviance(problem: p, irls: fit, hasIntercept: true, hasOffset: true, mustart: nil)
        } else {
            nullDeviance = try Self.nullDeviance(problem: p, irls: fit, hasIntercept: hasIntercept, hasOffset: false, mustart: nil)
        }
        let aic = -2 * lm + 2 * Double(fit.rank) + 2
        return GLMFit(model: self, family: .negativeBinomial(link: link, theta: th), design: design, frame: frame,
                      irls: fit, setup: setup, nullDeviance: nullDeviance, aic: aic,
                      logLikelihood: lm, logLikelihoodDF: fit.rank + 1, alternations: iter - 1, theta: th,
                      thetaSE: est.standardError, separation: nil, extraWarnings: extra)
    }
}

/// Starting means for a null-model refit, the family's `mustart` rule on y.
enum NullModelStart {
    static func mustart(family: VarianceFamily, y: [Double], weights: [Double]) -> [Double] {
        switch family {
        case .binomial: return y.indices.map { (weights[$0] * y[$0] + 0.5) / (weights[$0] + 1) }
        case .poisson: return y.map { $0 + 0.1 }
        case .negativeBinomial: return y.map { $0 + ($0 == 0 ? 1.0 / 6 : 0) }
        case .gaussian, .gamma: return y
        }
    }
}
