/// The result of ``LogRank/test(_:groups:rho:)``: R's `survdiff` object.
public struct LogRankResult: Sendable, Equatable {
    /// ρ of the Ŝ(t−)^ρ weights (0 = log-rank, 1 = Peto–Peto).
    public let rho: Double
    /// Group labels in factor-level order.
    public let groups: [String]
    /// Rows per group.
    public let n: [Int]
    /// Weighted observed events per group, summed over strata (R `rowSums(obs)`).
    public let observed: [Double]
    /// Weighted expected events per group, summed over strata.
    public let expected: [Double]
    /// Covariance matrix of O − E (R `var`), groups × groups.
    public let variance: [[Double]]
    /// The χ² statistic.
    public let chiSquare: Double
    /// Degrees of freedom: groups with E > 0, minus one.
    public let degreesOfFreedom: Int
    /// Upper-tail χ² p-value.
    public let pValue: Double
    /// Strata labels (one unnamed stratum when unstratified).
    public let strata: [String]
}
