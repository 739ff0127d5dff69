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
