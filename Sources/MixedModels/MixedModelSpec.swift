public import Formulas

/// What to fit: a formula with one random-effect term, the response family and the integration method.
///
/// - `family == .gaussian`: a linear mixed model by REML (`reml = true`, lme4's default) or ML, with the
///   profiled deviance of Bates et al. (2015, *J. Stat. Softw.* 67(1)).
/// - binomial / Poisson: a GLMM whose random effects are integrated out by the Laplace approximation
///   (`nAGQ = 1`, lme4's default) or adaptive Gauss–Hermite quadrature with `nAGQ` nodes (random intercept only,
///   as `glmer(nAGQ = k)`); `reml` is ignored.
public struct MixedModelSpec: Sendable, Hashable {
    public var formula: Formula
    public var family: MixedModelFamily
    /// Quadrature nodes per group for a GLMM: 1 = Laplace; lme4 allows up to 25 for a scalar random effect.
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
