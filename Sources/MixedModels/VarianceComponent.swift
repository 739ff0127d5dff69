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
