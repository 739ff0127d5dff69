/// A variance component: the variance and standard deviation of one random-effect column within its grouping
/// factor, or the residual variance (`group == "Residual"`), as lme4's `as.data.frame(VarCorr(fit))`.
public struct VarianceComponent: Sendable, Equatable {
    public let group: String
    public let term: String
    public let variance: Double
    public let standardDeviation: Double
    /// 95% interval for the standard deviation (see ``MixedModelFit/varianceIntervalMethod``); NaN where it
    /// could not be computed.
    public let confLow: Double
    public let confHigh: Double
}

/// The correlation of two random-effect columns within a group (the off-diagonal of `VarCorr`).
public struct RandomEffectCorrelation: Sendable, Equatable {
    public let group: String
    public let term1: String
    public let term2: String
    public let correlation: Double
    /// 95% profile interval (linear models); NaN where not computed.
    public let confLow: Double
    public let confHigh: Double
}

/// A conditional mode (BLUP for a linear mixed model) of one random effect of one group, with its conditional
/// standard deviation: the square root of the diagonal of lme4's `ranef(condVar = TRUE)` `postVar`, the
/// conditional variance of b given y at the estimated θ, β and σ (uncertainty in β and θ is not included).
public struct ConditionalMode: Sendable, Equatable {
    public let level: String
    public let term: String
    public let mode: Double
    public let conditionalSD: Double
}
