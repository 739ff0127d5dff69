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
