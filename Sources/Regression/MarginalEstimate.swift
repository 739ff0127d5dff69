public import LinearAlgebra
import Distributions

/// An average prediction, average marginal effect or contrast on the response scale, with its delta-method
/// standard error and 95% normal (Wald) interval: z = estimate/SE, p = 2Φ(−|z|), estimate ± 1.96·SE.
public struct MarginalEstimate: Sendable, Hashable {
    /// What is estimated, e.g. `education=6-11yrs`, `education=6-11yrs − education=0-5yrs`, `age=30`.
    public let label: String
    public let estimate: Double
    public let standardError: Double
    public let statistic: Double
    public let pValue: Double
    public let confidenceLow: Double
    public let confidenceHigh: Double

    public init(label: String, estimate: Double, standardError: Double, statistic: Double, pValue: Double,
                confidenceLow: Double, confidenceHigh: Double) {
        self.label = label
        self.estimate = estimate
        self.standardError = standardError
        self.statistic = statistic
        self.pValue = pValue
        self.confidenceLow = confidenceLow
        self.confidenceHigh = confidenceHigh
    }
}

extension MarginalEstimate {
    /// The delta-method estimate of a smooth function f(β) with value `estimate` and gradient ∇ = ∂f/∂β:
    /// Var = ∇ᵀ V ∇ for the coefficient covariance V (`covariance`, indexed as the gradient), then the Wald
    /// statistic, two-sided normal p-value and 95% interval. Complexity O(k²) for k coefficients.
    public init(label: String, estimate: Double, gradient g: [Double], covariance v: Matrix) {
        var variance = 0.0
        for i in g.indices where g[i] != 0 {
            var row = 0.0
            for j in g.indices { row += v[i, j] * g[j] }
            variance += g[i] * row
        }
        let se = variance.squareRoot()
        let z = estimate / se
        let q = Normal.standard.quantile(0.975)
        self.init(label: label, estimate: estimate, standardError: se, statistic: z,
                  pValue: 2 * Normal.standard.cdf(-Swift.abs(z)), confidenceLow: estimate - q * se,
                  confidenceHigh: estimate + q * se)
    }
}

/// A value to hold a covariate at when predicting: a number for a numeric column, a level for a factor.
public enum ProfileValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case level(String)

    public var description: String {
        switch self {
        case .number(let x): "\(x)"
        case .level(let l): l
        }
    }
}
