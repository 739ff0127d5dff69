internal import Foundation

/// The Poisson distribution with mean λ ≥ 0: P(X = k) = λᵏ e^{−λ} / k!.
///
/// - Probability: Loader's (2000) saddle-point form exp(−δ(k) − bd0(k, λ))/√(2πk) (as R's `dpois`), accurate
///   in relative terms far into both tails.
/// - CDF: P(X ≤ k) = Q(k + 1, λ) and P(X > k) = P(k + 1, λ), the regularized incomplete gamma functions,
///   each tail and its log computed directly.
/// - Quantiles: the smallest k with P(X ≤ k) ≥ p (or P(X > k) ≤ q), found from the Cornish–Fisher start
///   λ + √λ (z + (z² − 1)/(6√λ)) by exponential bracketing and integer bisection on the accurate CDF (or
///   upper tail). As R's `qpois`, p is first fuzzed to p(1 − 8ε) (q to q(1 + 8ε)) so that a p equal to a
///   computed CDF value returns that k despite rounding. O(log λ) CDF evaluations.
/// λ = 0 is the point mass at 0.
public struct Poisson: DiscreteDistribution, Hashable {
    /// The mean λ.
    public let lambda: Double

    /// Creates Poisson(λ).
    /// - Throws: `DistributionError.invalidParameter` unless λ is finite and ≥ 0.
    public init(mean: Double) throws {
        guard mean.isFinite, mean >= 0 else {
            throw DistributionError.invalidParameter(name: "mean", value: mean, requirement: "finite and >= 0")
        }
        self.lambda = mean
    }

    public var mean: Double { lambda }
    public var variance: Double { lambda }

    public func probability(_ k: Int) -> Double {
        if k < 0 { return 0 }
        return PoissonTerm.value(Double(k), lambda)
    }

    public func logProbability(_ k: Int) -> Double {
        if k < 0 { return -.infinity }
        return PoissonTerm.log(Double(k), lambda)
    }

    private func tail(_ k: Int, upper: Bool, log logP: Bool) -> Double {
        if k < 0 { return upper ? (logP ? 0 : 1) : (logP ? -.infinity : 0) }
        if lambda == 0 { return upper ? (logP ? -.infinity : 0) : (logP ? 0 : 1) }
        // P(X ≤ k) = Q(k + 1, λ).
        return IncompleteGamma.evaluate(Double(k) + 1, lambda, upper: !upper, log: logP)
    }

    public func cdf(_ k: Int) -> Double { tail(k, upper: false, log: false) }
    public func upperTail(_ k: Int) -> Double { tail(k, upper: true, log: false) }
    public func logCDF(_ k: Int) -> Double { tail(k, upper: false, log: true) }
    public func logUpperTail(_ k: Int) -> Double { tail(k, upper: true, log: true) }

    public func quantile(_ p: Double) -> Double { search(p, upper: false) }
    public func upperQuantile(_ q: Double) -> Double { search(q, upper: true) }

    /// Smallest k with F(k) ≥ p (upper: false) or P(X > k) < q·(1 + 8ε) (upper: true).
    private func search(_ p: Double, upper: Bool) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if lambda == 0 { return 0 }
        if upper ? p == 1 : p == 0 { return 0 }
        if upper ? p == 0 : p == 1 { return .infinity }
        let eps = 8 * Double.ulpOfOne
        let target: Double
        if upper {
            target = 1 - p > 4 * eps ? p * (1 + eps) : p
        } else {
            target = p * (1 - eps)
        }
        // Predicate "k is at or right of the answer", monotone in k. k is a Double holding an integer (above
        // 2^53 every double is one), so no conversion to Int can overflow.
        func satisfied(_ k: Double) -> Bool {
            if upper { return IncompleteGamma.evaluate(k + 1, lambda, upper: false, log: false) < target }
            return IncompleteGamma.evaluate(k + 1, lambda, upper: true, log: false) >= target
        }
        // Cornish–Fisher start.
        let sigma = lambda.squareRoot()
        let z = StandardNormal.quantile(p, upper: upper, log: false)
        var y = (lambda + sigma * (z + (z * z - 1) / (6 * sigma))).rounded()
        if !y.isFinite || y < 0 { y = 0 }
        y = min(y, Double.greatestFiniteMagnitude / 4)
        var lo: Double  // largest known k not satisfying (or −1)
        var hi: Double  // smallest known k satisfying
        var step = max(1, (sigma / 4).rounded())
        if satisfied(y) {
            hi = y
            lo = y - step
            while lo >= 0 && satisfied(lo) {
                hi = lo
                step *= 2
                lo = hi - step
            }
            lo = max(lo, -1)
        } else {
            lo = y
            while true {
                hi = lo + step
                if hi == .infinity { return .infinity }
                if satisfied(hi) { break }
                lo = hi
                step *= 2
            }
        }
        // Integer bisection; above 2^53 it stops when the midpoint can no longer be represented between.
        while hi - lo > 1 {
            let mid = (0.5 * (lo + hi)).rounded(.down)
            if mid <= lo || mid >= hi { break }
            if satisfied(mid) { hi = mid } else { lo = mid }
        }
        return hi
    }
}
