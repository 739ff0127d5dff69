public import LinearAlgebra
public import Formulas

/// A fitted mixed model: estimates, variance components, conditional modes, the likelihood and how the
/// optimisation ended. Immutable; made by ``MixedModelSpec/fit(_:)``.
public struct MixedModelFit: Sendable {
    public let spec: MixedModelSpec
    /// "REML", "ML", "Laplace" or "AGHQ(k)".
    public let method: String
    /// Observations used.
    public let n: Int
    /// The grouping factor's name and its number of levels.
    public let groupName: String
    public let groupCount: Int
    /// Log-likelihood at the optimum: for REML fits the REML log-likelihood (lme4's `logLik` of a REML fit);
    /// for GLMMs the Laplace or AGHQ approximation of the marginal log-likelihood including every constant of the
    /// binomial/Poisson density (lme4's Laplace value and glmmTMB's). lme4's nAGQ > 1 value differs: see
    /// ``lme4AGQLogLikelihood``.
    public let logLikelihood: Double
    /// For nAGQ > 1 only: the value `glmer(nAGQ = k)` reports, which sums deviance residuals (it is
    /// ``logLikelihood`` minus the saturated model's log-likelihood); nil otherwise.
    public let lme4AGQLogLikelihood: Double?
    /// The criterion minimised: −2 × ``logLikelihood`` (lme4's `REMLcrit` for REML, the deviance for ML).
    public let criterion: Double
    /// −2ℓ + 2k with k = fixed effects + variance parameters (+1 for σ in a linear model), as lme4's `AIC`.
    public let aic: Double
    public let bic: Double
    /// Number of estimated parameters k.
    public let parameterCount: Int
    public let coefficients: [FixedEffect]
    /// Covariance matrix of the fixed effects (lme4's `vcov`; for GLMMs the inverse Hessian block, as glmmTMB).
    /// NaN entries if the Hessian is not positive definite (see ``warnings``).
    public let fixedEffectCovariance: Matrix
    public let varianceComponents: [VarianceComponent]
    /// How the intervals of the variance components were computed: "profile" (linear models, lme4's
    /// `confint(method = "profile")`) or "Wald on the log-SD scale" (GLMMs, glmmTMB's `confint`; with random
    /// slopes the correlation's interval is Wald on glmmTMB's scale ρ/√(1−ρ²)).
    public let varianceIntervalMethod: String
    public let correlations: [RandomEffectCorrelation]
    /// σ̂ of a linear mixed model; nil for binomial and Poisson.
    public let residualStandardDeviation: Double?
    /// Intraclass correlation σ²_b/(σ²_b + σ²) for a random-intercept linear model; for a random-intercept
    /// logistic model the latent-scale σ²_b/(σ²_b + π²/3) (Snijders & Bosker 2012, §17.3); nil otherwise.
    public let intraclassCorrelation: Double?
    /// lme4's θ: the relative covariance factor's lower triangle by columns (relative to σ for a linear model);
    /// with several terms on the grouping factor, each term's block in turn (lme4's order).
    public let theta: [Double]
    public let conditionalModes: [ConditionalMode]
    /// Whether the optimiser met its convergence test and no check below failed.
    public let converged: Bool
    public let iterations: Int
    public let functionEvaluations: Int
    /// Convergence diagnostics in plain words, with what to try (see ``ConvergenceCheck``).
    public let warnings: [String]
    /// Whether a variance parameter is at its boundary (lme4's `isSingular`).
    public let isSingular: Bool
    /// Rows of each group used by the fit (a count of people per group; the conditional SDs of the modes reveal
    /// them), in the order of the group levels.
    public internal(set) var groupSizes: [Int] = []
    /// The group levels, in the order of ``groupSizes``.
    public internal(set) var groupLevels: [String] = []
    /// For each fixed-effect column, the rows where it is 1 when it is a factor level's 0/1 indicator (its
    /// coefficient reveals this count); nil for other columns.
    public internal(set) var indicatorRows: [Int?] = []
    /// For a binomial model with one trial per row, each indicator column's rows with and without the event.
    public internal(set) var indicatorOutcomes: [[Int]?] = []
    /// The rows dropped for missing values.
    public internal(set) var missing: MissingRowReport? = nil
}
