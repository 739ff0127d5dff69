/// One row of a GLM's coefficient table, on the link scale.
///
/// For an aliased column (R's `NA`) `estimate` and everything after it are NaN. `statistic` is z = β/SE when
/// the dispersion is fixed (binomial, Poisson, negative binomial) and t = β/SE with the residual degrees of
/// freedom when it is estimated (Gaussian, Gamma), with the two-sided p-value of that distribution. The
/// confidence interval is the 95% Wald interval β ± q·SE with q the matching normal or t quantile.
public struct GLMCoefficient: Sendable, Hashable {
    /// The design column's name (`(Intercept)`, `x`, `f=level`, `f=level:x`).
    public let term: String
    public let estimate: Double
    public let standardError: Double
    public let statistic: Double
    public let pValue: Double
    public let confidenceLow: Double
    public let confidenceHigh: Double

    /// True when the column was aliased (linearly dependent on earlier columns) and not estimated.
    public var isAliased: Bool { estimate.isNaN }

    public init(term: String, estimate: Double, standardError: Double, statistic: Double, pValue: Double,
                confidenceLow: Double, confidenceHigh: Double) {
        self.term = term
        self.estimate = estimate
        self.standardError = standardError
        self.statistic = statistic
        self.pValue = pValue
        self.confidenceLow = confidenceLow
        self.confidenceHigh = confidenceHigh
    }
}
