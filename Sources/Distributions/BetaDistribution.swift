import Foundation

/// The beta distribution on (0, 1) with density x^(α−1) (1 − x)^(β−1) / B(α, β).
///
/// - cdf/upperTail and logs: the regularised incomplete beta I_x(α, β) (Didonato & Morris 1992, TOMS 708), both
///   tails computed directly.
/// - density: for α ≤ 2 or β ≤ 2 the direct form (α−1) ln x + (β−1) ln1p(−x) − ln B(α, β); otherwise, as R's
///   `dbeta`, (α+β−1) times the binomial saddle-point density b(α−1; α+β−2, x) of Loader (2000), which avoids the
///   cancellation of large logarithms.
/// - quantiles: safeguarded Newton on the log of the smaller tail in ln x (`QuantileSearch`), started from the
///   small-x power law I_x ≈ x^α/(α B), its mirror image at 1, or the mean, whichever is closest.
public struct BetaDistribution: ContinuousDistribution {
    public let alpha: Double
    public let beta: Double

    /// Throws `DistributionError.invalidParameter` unless 0 < α < ∞ and 0 < β < ∞.
    public init(alpha: Double, beta: Double) throws {
        guard alpha > 0, alpha.isFinite else {
            throw DistributionError.invalidParameter(name: "alpha", value: alpha, requirement: "finite and > 0")
        }
        guard beta > 0, beta.isFinite else {
            throw DistributionError.invalidParameter(name: "beta", value: beta, requirement: "finite and > 0")
        }
        self.alpha = alpha
        self.beta = beta
    }

    public var support: (lower: Double, upper: Double) { (0, 1) }
    public var mean: Double { alpha / (alpha + beta) }
    public var variance: Double {
        let s = alpha + beta
        return alpha * beta / (s * s * (s + 1))
    }

    public func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 || x > 1 { return -.infinity }
        if x == 0 {
            if alpha > 1 { return -.infinity }
            if alpha < 1 { return .infinity }
            return log(beta)
        }
        if x == 1 {
            if beta > 1 { return -.infinity }
            if beta < 1 { return .infinity }
            return log(alpha)
        }
        if alpha <= 2 || beta <= 2 {
            return (alpha - 1) * log(x) + (beta - 1) * log1p(-x) - SpecialFunctions.logBeta(alpha, beta)
        }
        return log(alpha + beta - 1) + SaddlePointBinomial.logDensity(alpha - 1, alpha + beta - 2, x, 1 - x)
    }

    public func density(_ x: Double) -> Double { exp(logDensity(x)) }
    public func cdf(_ x: Double) -> Double { IncompleteBeta.pbeta(x, alpha, beta, lowerTail: true, log: false) }
    public func upperTail(_ x: Double) -> Double { IncompleteBeta.pbeta(x, alpha, beta, lowerTail: false, log: false) }
    public func logCDF(_ x: Double) -> Double { IncompleteBeta.pbeta(x, alpha, beta, lowerTail: true, log: true) }
    public func logUpperTail(_ x: Double) -> Double { IncompleteBeta.pbeta(x, alpha, beta, lowerTail: false, log: true) }

    public func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        return p <= 0.5 ? solve(target: p, lowerTail: true) : solve(target: 0.5 - p + 0.5, lowerTail: false)
    }

    public func upperQuantile(_ q: Double) -> Double {
        if q.isNaN || q < 0 || q > 1 { return .nan }
        if q == 0 { return 1 }
        if q == 1 { return 0 }
        return q <= 0.5 ? solve(target: q, lowerTail: false) : solve(target: 0.5 - q + 0.5, lowerTail: true)
    }

    /// x with (lower or upper) tail = target ≤ ½.
    private func solve(target: Double, lowerTail: Bool) -> Double {
        let logTarget = log(target)
        let lb = SpecialFunctions.logBeta(alpha, beta)
        let logTail: (Double) -> Double = lowerTail ? { logCDF($0) } : { logUpperTail($0) }
        var candidates = [mean, 0.5]
        let xLow = exp((logTarget + log(alpha) + lb) / alpha)
        let xHigh = -expm1((logTarget + log(beta) + lb) / beta)
        for c in [xLow, xHigh] where c > 0 && c < 1 { candidates.append(c) }
        let start = candidates.min { abs(logTail($0) - logTarget) < abs(logTail($1) - logTarget) } ?? mean
        return QuantileSearch.solve(target: target, lowerTail: lowerTail, start: start,
                                    tail: lowerTail ? { cdf($0) } : { upperTail($0) }, logTail: logTail, logDensity: { logDensity($0) }, upperBound: 1)
    }
}
