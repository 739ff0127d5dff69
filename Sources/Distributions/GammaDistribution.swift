internal import Foundation

/// The gamma distribution with shape α > 0 and rate β > 0 (scale 1/β): density β^α x^{α−1} e^{−βx} / Γ(α).
///
/// - Density: Loader's (2000) saddle-point form, as R's `dgamma`: for α ≥ 1, β · p(α − 1; βx) with
///   p(k; λ) = λᵏe^{−λ}/Γ(k+1) = exp(−δ(k) − bd0(k, λ))/√(2πk); for α < 1, p(α; βx)·α/x.
/// - CDF and tails: the regularized incomplete gamma functions P(α, βx), Q(α, βx) and their logs
///   (`IncompleteGamma`), each computed directly.
/// - Quantiles: `GammaQuantile` (Halley on log F in log x, bracketed).
public struct GammaDistribution: ContinuousDistribution, Hashable {
    /// Shape α > 0.
    public let shape: Double
    /// Rate β > 0.
    public let rate: Double

    /// Creates Gamma(shape, rate).
    /// - Throws: `DistributionError.invalidParameter` unless both are finite and > 0.
    public init(shape: Double, rate: Double = 1) throws {
        guard shape.isFinite, shape > 0 else {
            throw DistributionError.invalidParameter(name: "shape", value: shape, requirement: "finite and > 0")
        }
        guard rate.isFinite, rate > 0 else {
            throw DistributionError.invalidParameter(name: "rate", value: rate, requirement: "finite and > 0")
        }
        self.shape = shape
        self.rate = rate
    }

    /// Creates Gamma(shape, rate = 1/scale).
    /// - Throws: `DistributionError.invalidParameter` unless both are finite and > 0 (and 1/scale is finite).
    public init(shape: Double, scale: Double) throws {
        guard scale.isFinite, scale > 0, (1 / scale).isFinite else {
            throw DistributionError.invalidParameter(name: "scale", value: scale, requirement: "finite and > 0")
        }
        try self.init(shape: shape, rate: 1 / scale)
    }

    /// Scale 1/β.
    public var scale: Double { 1 / rate }
    public var support: (lower: Double, upper: Double) { (0, .infinity) }
    public var mean: Double { shape / rate }
    public var variance: Double { shape / (rate * rate) }

    public func density(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 || x == .infinity { return 0 }
        if x == 0 { return shape < 1 ? .infinity : (shape == 1 ? rate : 0) }
        let y = rate * x
        if shape < 1 { return PoissonTerm.value(shape, y) * (shape / x) }
        return PoissonTerm.value(shape - 1, y) * rate
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 || x == .infinity { return -.infinity }
        if x == 0 { return shape < 1 ? .infinity : (shape == 1 ? Foundation.log(rate) : -.infinity) }
        let y = rate * x
        if shape < 1 { return PoissonTerm.log(shape, y) + Foundation.log(shape / x) }
        return PoissonTerm.log(shape - 1, y) + Foundation.log(rate)
    }

    public func cdf(_ x: Double) -> Double { IncompleteGamma.evaluate(shape, rate * x, upper: false, log: false) }
    public func upperTail(_ x: Double) -> Double { IncompleteGamma.evaluate(shape, rate * x, upper: true, log: false) }
    public func logCDF(_ x: Double) -> Double { IncompleteGamma.evaluate(shape, rate * x, upper: false, log: true) }
    public func logUpperTail(_ x: Double) -> Double {
        IncompleteGamma.evaluate(shape, rate * x, upper: true, log: true)
    }

    public func quantile(_ p: Double) -> Double { GammaQuantile.unit(shape, p, upper: false) / rate }
    public func upperQuantile(_ q: Double) -> Double { GammaQuantile.unit(shape, q, upper: true) / rate }
}
