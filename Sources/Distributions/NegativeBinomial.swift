import Foundation

/// The negative binomial distribution: P(X = k) = Γ(k + r)/(Γ(r) k!) p^r (1 − p)^k, k = 0, 1, …, for real
/// size r > 0 — the NB2 model of MASS::glm.nb when parametrised by the mean μ = r(1 − p)/p, with variance
/// μ + μ²/r.
///
/// - probability: R's `dnbinom` / `dnbinom_mu`: (r/(r+k)) · b(r; r+k, p) with Loader's (2000) saddle-point binomial
///   term; from `init(size:mean:)` the mean form with p = r/(r+μ), 1 − p = μ/(r+μ) passed separately (no
///   cancellation for μ ≪ r), and for k < 1e-10 r the expansion k ln(μ/(1 + μ/r)) − μ − ln k! + log1p(k(k−1)/(2r)).
/// - cdf: P(X ≤ k) = I_p(r, k + 1) (Didonato & Morris 1992), both tails directly.
/// - quantiles: R's semantics via `DiscreteQuantileSearch`, Cornish–Fisher start with σ² = μ + μ²/r and
///   γ = (Q + P)/σ with P = μ/r, Q = 1 + P (as R's `qnbinom`).
public struct NegativeBinomial: DiscreteDistribution {
    public let size: Double
    public let probability: Double
    /// μ = r(1 − p)/p.
    public let mean: Double
    /// True when built from (size, mean): the mean form of the formulas is then used.
    private let fromMean: Bool

    /// Throws unless 0 < size < ∞ and 0 < probability ≤ 1 (probability 1 is a point mass at 0).
    public init(size: Double, probability: Double) throws {
        guard size > 0, size.isFinite else {
            throw DistributionError.invalidParameter(name: "size", value: size, requirement: "finite and > 0")
        }
        guard probability > 0, probability <= 1 else {
            throw DistributionError.invalidParameter(name: "probability", value: probability, requirement: "in (0, 1]")
        }
        self.size = size
        self.probability = probability
        self.mean = size * (1 - probability) / probability
        self.fromMean = false
    }

    /// The NB2 parametrisation (MASS::glm.nb): mean μ ≥ 0 and size (θ) > 0; μ = 0 is a point mass at 0.
    public init(size: Double, mean: Double) throws {
        guard size > 0, size.isFinite else {
            throw DistributionError.invalidParameter(name: "size", value: size, requirement: "finite and > 0")
        }
        guard mean >= 0, mean.isFinite else {
            throw DistributionError.invalidParameter(name: "mean", value: mean, requirement: "finite and >= 0")
        }
        self.size = size
        self.mean = mean
        self.probability = size / (size + mean)
        self.fromMean = true
    }

    public var variance: Double { mean + mean * mean / size }

    public func logProbability(_ k: Int) -> Double {
        if k < 0 { return -.infinity }
        let x = Double(k)
        let r = size
        if fromMean {
            let mu = mean
            if mu == 0 { return k == 0 ? 0 : -.infinity }
            if k == 0 { return r * (r < mu ? log(r / (r + mu)) : log1p(-mu / (r + mu))) }
            if x < 1e-10 * r {
                let p = r < mu ? log(r / (1 + r / mu)) : log(mu / (1 + mu / r))
                return x * p - mu - SpecialFunctions.logGamma(x + 1) + log1p(x * (x - 1) / (2 * r))
            }
            let ans = SaddlePointBinomial.logDensity(r, x + r, r / (r + mu), mu / (r + mu))
            return log(r / (r + x)) + ans
        }
        let ans = SaddlePointBinomial.logDensity(r, x + r, probability, 1 - probability)
        return log(r / (r + x)) + ans
    }

    public func probability(_ k: Int) -> Double { exp(logProbability(k)) }
    public func cdf(_ k: Int) -> Double { tail(k, lowerTail: true, log: false) }
    public func upperTail(_ k: Int) -> Double { tail(k, lowerTail: false, log: false) }
    public func logCDF(_ k: Int) -> Double { tail(k, lowerTail: true, log: true) }
    public func logUpperTail(_ k: Int) -> Double { tail(k, lowerTail: false, log: true) }

    /// R's `pnbinom` / `pnbinom_mu`: I_p(r, k + 1) with (p, 1 − p) = (r/(r+μ), μ/(r+μ)) in the mean form.
    private func tail(_ k: Int, lowerTail: Bool, log logScale: Bool) -> Double {
        if k < 0 || probability == 1 || mean == 0 {
            let v: Double = (k >= 0) == lowerTail ? 1 : 0
            return logScale ? Foundation.log(v) : v
        }
        let a = size, b = Double(k) + 1
        if fromMean {
            let x = size / (size + mean), y = mean / (size + mean)
            let r = logScale ? IncompleteBeta.logRatio(a, b, x, y) : IncompleteBeta.ratio(a, b, x, y, log: false)
            return lowerTail ? r.lower : r.upper
        }
        return IncompleteBeta.pbeta(probability, a, b, lowerTail: lowerTail, log: logScale)
    }

    public func quantile(_ p: Double) -> Double { search(p, upper: false) }
    public func upperQuantile(_ q: Double) -> Double { search(q, upper: true) }

    private func search(_ p: Double, upper: Bool) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return upper ? .infinity : 0 }
        if p == 1 { return upper ? 0 : .infinity }
        if probability == 1 || mean == 0 { return 0 }
        let pp = mean / size, qq = 1 + pp
        let sd = variance.squareRoot()
        let start = DiscreteQuantileSearch.cornishFisherStart(
            probability: p, upper: upper, mean: mean, sd: sd, skewness: (qq + pp) / sd)
        let maxK = Int.max / 2
        let k: Int
        if upper {
            let target = DiscreteQuantileSearch.fuzzedUpper(p)
            k = DiscreteQuantileSearch.smallest(start: start, maxK: maxK) { upperTail($0) < target }
        } else {
            let target = DiscreteQuantileSearch.fuzzedLower(p)
            k = DiscreteQuantileSearch.smallest(start: start, maxK: maxK) { cdf($0) >= target }
        }
        return k >= maxK ? .infinity : Double(k)
    }
}
