/// The contracts every CareStat probability distribution satisfies.
///
/// Conventions (those of R's `d*/p*/q*` functions, so results can be compared digit for digit):
/// - `cdf(x)` is P(X ≤ x); `upperTail(x)` is P(X > x) computed directly, never as `1 - cdf(x)`, so that
///   probabilities down to 1e-300 keep their relative accuracy. The `log` variants return the logarithm
///   computed without underflow (`logUpperTail(40)` of a standard normal is about −804.6, not −∞).
/// - `quantile(p)` is the smallest x with F(x) ≥ p; `upperQuantile(q)` is the smallest x with P(X > x) ≤ q,
///   accurate for q as small as 1e-300. p or q outside [0, 1] or NaN gives NaN.
/// - A NaN argument gives NaN; ±∞ arguments give the limits.
/// - Parameters are validated by the throwing initialisers: a distribution value is always valid.
public protocol ContinuousDistribution: Sendable {
    /// Lower and upper end of the support (possibly infinite).
    var support: (lower: Double, upper: Double) { get }
    var mean: Double { get }
    var variance: Double { get }
    func density(_ x: Double) -> Double
    func logDensity(_ x: Double) -> Double
    func cdf(_ x: Double) -> Double
    func upperTail(_ x: Double) -> Double
    func logCDF(_ x: Double) -> Double
    func logUpperTail(_ x: Double) -> Double
    func quantile(_ p: Double) -> Double
    func upperQuantile(_ q: Double) -> Double
}

/// A distribution on the integers. Quantiles are returned as `Double` (an integer value, +∞, or NaN),
/// as R's `qbinom`/`qpois` do, because p = 1 can map to +∞ and p = NaN to NaN.
public protocol DiscreteDistribution: Sendable {
    var mean: Double { get }
    var variance: Double { get }
    /// P(X = k).
    func probability(_ k: Int) -> Double
    func logProbability(_ k: Int) -> Double
    /// P(X ≤ k).
    func cdf(_ k: Int) -> Double
    /// P(X > k), computed directly.
    func upperTail(_ k: Int) -> Double
    func logCDF(_ k: Int) -> Double
    func logUpperTail(_ k: Int) -> Double
    /// Smallest k with P(X ≤ k) ≥ p.
    func quantile(_ p: Double) -> Double
    /// Smallest k with P(X > k) ≤ q.
    func upperQuantile(_ q: Double) -> Double
}

/// Why a distribution could not be constructed.
public enum DistributionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter is outside its domain, e.g. a standard deviation ≤ 0 or a probability outside [0, 1].
    case invalidParameter(name: String, value: Double, requirement: String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, requirement):
            return "invalid parameter \(name) = \(value): must be \(requirement)"
        }
    }
}

/// Namespace for special functions (log-gamma, digamma, incomplete gamma and beta, erf, ...).
public enum SpecialFunctions {}
