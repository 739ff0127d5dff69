public import Formulas

/// Why a mixed model could not be fitted. Numerical trouble at the optimum (a singular fit, a large gradient) is
/// not an error: it is recorded in ``MixedModelFit/warnings``.
public enum MixedModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The formula could not be matched to the data.
    case formula(FormulaError)
    /// The model needs exactly one random-effect term `( … | g)` — or, for binomial and Poisson models, several
    /// terms on the same grouping factor (uncorrelated effects, `(1 | g) + (0 + x | g)`); `found` is how many
    /// terms the formula has.
    case needsOneRandomEffectTerm(found: Int)
    /// Adaptive Gauss–Hermite quadrature (nAGQ > 1) integrates over one scalar random effect per group; with random
    /// slopes (q > 1 columns) only the Laplace approximation (nAGQ = 1) is offered, as in lme4.
    case quadratureNeedsScalarRandomEffect(columns: Int)
    /// nAGQ must be 1 (Laplace) … 25 for a GLMM; a linear mixed model needs none.
    case invalidQuadratureOrder(Int)
    /// The response does not suit the family (e.g. negative counts, non-integer binomial counts, `Surv()`).
    case invalidResponse(String)
    /// Fewer observations than fixed effects plus variance parameters, or a rank-deficient fixed-effect design.
    case notEstimable(String)
    /// The likelihood could not be evaluated at the start (non-finite values).
    case numericalFailure(String)
    /// A post-estimation request that does not fit the model (e.g. margins over a column that is not a factor).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .formula(let e): return e.description
        case .needsOneRandomEffectTerm(let k):
            return "a mixed model needs exactly one random-effect term such as (1 | la) (binomial and Poisson models also take uncorrelated terms on one grouping factor, such as (1 | la) + (0 + x | la)); the formula has \(k)"
        case .quadratureNeedsScalarRandomEffect(let q):
            return "nAGQ > 1 needs a single random intercept per group, but the term has \(q) columns; use nAGQ = 1 (the Laplace approximation), as lme4 does for random slopes"
        case .invalidQuadratureOrder(let k): return "nAGQ must be between 1 and 25, got \(k)"
        case .invalidResponse(let m): return "invalid response: \(m)"
        case .notEstimable(let m): return "model not estimable: \(m)"
        case .numericalFailure(let m): return "numerical failure: \(m)"
        case .invalidArgument(let m): return m
        }
    }
}
