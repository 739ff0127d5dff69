/// The chi-squared distribution with k > 0 degrees of freedom, i.e. Gamma(shape k/2, rate ½).
///
/// All functions delegate to `GammaDistribution` (x/2 is exact in binary), so the accuracy statements there
/// apply: Loader's saddle-point density, the incomplete gamma functions for both tails and their logs, and
/// the bracketed Halley quantile.
public struct ChiSquared: ContinuousDistribution, Hashable {
    /// Degrees of freedom k > 0 (need not be an integer).
    public let degreesOfFreedom: Double
    private let gamma: GammaDistribution

    /// Creates χ²(k).
    /// - Throws: `DistributionError.invalidParameter` unless k is finite and > 0.
    public init(degreesOfFreedom: Double) throws {
        guard degreesOfFreedom.isFinite, degreesOfFreedom > 0 else {
            throw DistributionError.invalidParameter(
                name: "degreesOfFreedom", value: degreesOfFreedom, requirement: "finite and > 0")
        }
        self.degreesOfFreedom = degreesOfFreedom
        self.gamma = try GammaDistribution(shape: degreesOfFreedom / 2, rate: 0.5)
    }

    public var support: (lower: Double, upper: Double) { (0, .infinity) }
    public var mean: Double { degreesOfFreedom }
    public var variance: Double { 2 * degreesOfFreedom }

    public func density(_ x: Double) -> Double { gamma.density(x) }
    public func logDensity(_ x: Double) -> Double { gamma.logDensity(x) }
    public func cdf(_ x: Double) -> Double { gamma.cdf(x) }
    public func upperTail(_ x: Double) -> Double { gamma.upperTail(x) }
    public func logCDF(_ x: Double) -> Double { gamma.logCDF(x) }
    public func logUpperTail(_ x: Double) -> Double { gamma.logUpperTail(x) }
    public func quantile(_ p: Double) -> Double { gamma.quantile(p) }
    public func upperQuantile(_ q: Double) -> Double { gamma.upperQuantile(q) }
}
