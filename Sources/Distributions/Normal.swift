internal import Foundation

/// The normal distribution N(μ, σ²).
///
/// Density, distribution function and quantile are those of the standard normal applied to
/// z = (x − μ)/σ: Cody (1993) for Φ including both log tails, Wichura (1988) AS 241 with a log-scale Newton
/// polish for the quantile (see `StandardNormal`). Everything is O(1).
public struct Normal: ContinuousDistribution, Hashable {
    /// The mean μ.
    public let mean: Double
    /// The standard deviation σ > 0.
    public let sd: Double

    /// The standard normal N(0, 1).
    public static let standard = Normal(uncheckedMean: 0, sd: 1)

    /// Creates N(mean, sd²).
    /// - Throws: `DistributionError.invalidParameter` unless `mean` is finite and `sd` is finite and > 0.
    public init(mean: Double = 0, sd: Double = 1) throws {
        guard mean.isFinite else {
            throw DistributionError.invalidParameter(name: "mean", value: mean, requirement: "finite")
        }
        guard sd.isFinite, sd > 0 else {
            throw DistributionError.invalidParameter(name: "sd", value: sd, requirement: "finite and > 0")
        }
        self.mean = mean
        self.sd = sd
    }

    private init(uncheckedMean mean: Double, sd: Double) {
        self.mean = mean
        self.sd = sd
    }

    public var support: (lower: Double, upper: Double) { (-.infinity, .infinity) }
    public var variance: Double { sd * sd }

    private func standardized(_ x: Double) -> Double { (x - mean) / sd }

    public func density(_ x: Double) -> Double {
        if x.isInfinite { return 0 }
        return StandardNormal.density(standardized(x)) / sd
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isInfinite { return -.infinity }
        return StandardNormal.logDensity(standardized(x)) - Foundation.log(sd)
    }

    public func cdf(_ x: Double) -> Double { StandardNormal.cdf(standardized(x), upper: false, log: false) }
    public func upperTail(_ x: Double) -> Double { StandardNormal.cdf(standardized(x), upper: true, log: false) }
    public func logCDF(_ x: Double) -> Double { StandardNormal.cdf(standardized(x), upper: false, log: true) }
    public func logUpperTail(_ x: Double) -> Double { StandardNormal.cdf(standardized(x), upper: true, log: true) }

    public func quantile(_ p: Double) -> Double {
        mean + sd * StandardNormal.quantile(p, upper: false, log: false)
    }

    public func upperQuantile(_ q: Double) -> Double {
        mean + sd * StandardNormal.quantile(q, upper: true, log: false)
    }

    /// The quantile for a probability given as its logarithm (log p ≤ 0), accurate for any log p (e.g. −1e5).
    public func quantile(logP: Double) -> Double {
        mean + sd * StandardNormal.quantile(logP, upper: false, log: true)
    }

    /// The upper quantile for an upper-tail probability given as its logarithm.
    public func upperQuantile(logQ: Double) -> Double {
        mean + sd * StandardNormal.quantile(logQ, upper: true, log: true)
    }
}
