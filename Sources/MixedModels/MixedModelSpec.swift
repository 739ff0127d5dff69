public import Formulas

/// What to fit: a formula with one grouping factor, the response family and the integration method.
///
/// - `family == .gaussian`: a linear mixed model by REML (`reml = true`, lme4's default) or ML, with the
///   profiled deviance of Bates et al. (2015, *J. Stat. Softw.* 67(1)); one random-effect term, e.g.
///   `(1 + x | g)`.
/// - binomial / Poisson: a GLMM whose random effects are integrated out by the Laplace approximation
///   (`nAGQ = 1`, lme4's default) or adaptive Gauss–Hermite quadrature with `nAGQ` nodes (a scalar random
///   effect only, as `glmer(nAGQ = k)`); `reml` is ignored. Random slopes: `y ~ x + (1 + x | g)` (correlated)
///   or `y ~ x + (1 | g) + (0 + x | g)` (uncorrelated: several terms on the same grouping factor), Laplace
///   only (``GeneralizedMixedModel`` for a scalar effect, ``VectorGeneralizedMixedModel`` otherwise).
public struct MixedModelSpec: Sendable, Hashable {
    /// The formula items a mixed model fits: fixed effects, `offset()` and random effects. `strata()` and
    /// `cluster()` are refused by name: the random effect is the model of the grouping.
    public static let formulaTerms = FormulaTermRule(
        model: "glmm", accepts: [.fixedEffect, .offset, .randomEffect],
        advice: [.cluster: "cluster-robust standard errors are not given for mixed models: a random effect "
                 + "(1 | g) models the grouping; or use carestat glm with cluster(g)",
                 .strata: "strata() is for cox; for a fixed effect write the column, for group effects (1 | g)"])

    public var formula: Formula
    public var family: MixedModelFamily
    /// Quadrature nodes per group for a GLMM: 1 = Laplace; lme4 allows up to 25 for a scalar random effect and
    /// only 1 with random slopes (so does this module: ``MixedModelError/quadratureNeedsScalarRandomEffect(columns:)``).
    public var nAGQ: Int
    /// REML (true, lme4's default) or ML for a linear mixed model.
    public var reml: Bool

    public init(formula: Formula, family: MixedModelFamily = .gaussian, nAGQ: Int = 1, reml: Bool = true) {
        self.formula = formula
        self.family = family
        self.nAGQ = nAGQ
        self.reml = reml
    }
}
