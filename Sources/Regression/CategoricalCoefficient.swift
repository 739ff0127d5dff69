import Distributions
import Foundation

/// One estimated parameter of an ordered or multinomial logit model with its Wald inference.
///
/// statistic z = estimate / SE; p = 2·P(Z > |z|) (two-sided, standard normal, as `summary(polr)`/`clm`);
/// confidence interval estimate ± z₀.₉₇₅·SE (Wald, R's `confint.default`; `confint(polr)` would profile the
/// likelihood instead). A non-finite or non-positive SE gives NaN statistic, p-value and limits.
/// Named for the categorical-outcome models so as not to collide with the GLM coefficient type.
public struct CategoricalCoefficient: Sendable, Equatable {
    /// The design column (`age`, `Infl=High`) or the threshold (`Low|Medium`).
    public let term: String
    /// For a multinomial logit, the response category this coefficient belongs to (versus the baseline);
    /// nil for ordered-logit coefficients and thresholds.
    public let responseLevel: String?
    /// The estimate on the linear-predictor scale.
    public let estimate: Double
    /// Standard error from the result's covariance (model-based or sandwich, see ``CategoricalVariance``).
    public let standardError: Double
    /// Wald z statistic.
    public let statistic: Double
    /// Two-sided p-value.
    public let pValue: Double
    /// Lower 95% Wald limit.
    public let confidenceLow: Double
    /// Upper 95% Wald limit.
    public let confidenceHigh: Double

    /// exp(estimate): an odds ratio (ordered logit, logit link) or relative-risk ratio (multinomial logit).
    public var exponentiated: Double { exp(estimate) }

    /// Builds the row from an estimate and its SE with a `level` confidence interval (default 0.95).
    public init(term: String, responseLevel: String? = nil, estimate: Double, standardError: Double,
                level: Double = 0.95) {
        self.term = term
        self.responseLevel = responseLevel
        self.estimate = estimate
        self.standardError = standardError
        let usable = standardError.isFinite && standardError > 0 && estimate.isFinite
        let z = usable ? estimate / standardError : .nan
        statistic = z
        pValue = usable ? 2 * Normal.standard.upperTail(abs(z)) : .nan
        let q = Normal.standard.quantile(0.5 + level / 2)
        confidenceLow = usable ? estimate - q * standardError : .nan
        confidenceHigh = usable ? estimate + q * standardError : .nan
    }
}
