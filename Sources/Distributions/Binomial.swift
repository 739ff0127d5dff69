import Foundation

/// The binomial distribution: the number of successes in n independent trials with success probability p.
///
/// - probability: Loader's (2000) saddle-point form (`SaddlePointBinomial`, R's `dbinom_raw`), accurate to
///   ~1e-15 relative for all n, including far tails.
/// - cdf: P(X ≤ k) = 1 − I_p(k+1, n−k) = I_{1−p}(n−k, k+1), computed directly on whichever side is asked
///   (Didonato & Morris 1992 incomplete beta), as R's `pbinom`.
/// - quantiles: R's semantics (smallest k with F(k) ≥ p, with R's 8ε fuzz), by `DiscreteQuantileSearch` from the
///   Cornish–Fisher start μ + σ(z + γ(z² − 1)/6), γ = (q − p)/σ.
public struct Binomial: DiscreteDistribution {
    public let trials: Int
    public let probability: Double

    /// Throws unless trials ≥ 0 and 0 ≤ probability ≤ 1. Probability 0 or 1 gives a point mass at 0 or n.
    public init(trials: Int, probability: Double) throws {
        guard trials >= 0 else {
            throw DistributionError.invalidParameter(name: "trials", value: Double(trials), requirement: ">= 0")
        }
        guard probability >= 0, probability <= 1 else {
            throw DistributionError.invalidParameter(name: "probability", value: probability, requirement: "in [0, 1]")
        }
        self.trials = trials
        self.probability = probability
    }

    public var mean: Double { Double(trials) * probability }
    public var variance: Double { Double(trials) * probability * (1 - probability) }

    public func logProbability(_ k: Int) -> Double {
        if k < 0 || k > trials { return -.infinity }
        return SaddlePointBinomial.logDensity(Double(k), Double(trials), probability, 0.5 - probability + 0.5)
    }

    public func probability(_ k: Int) -> Double { exp(logProbability(k)) }
    public func cdf(_ k: Int) -> Double { tail(k, lowerTail: true, log: false) }
    public func upperTail(_ k: Int) -> Double { tail(k, lowerTail: false, log: false) }
    public func logCDF(_ k: Int) -> Double { tail(k, lowerTail: true, log: true) }
    public func logUpperTail(_ k: Int) -> Double { tail(k, lowerTail: false, log: true) }

    /// R's `pbinom`: pbeta(p, k + 1, n − k, lower = !lowerTail).
    private func tail(_ k: Int, lowerTail: Bool, log logScale: Bool) -> Double {
        let lowerIsOne: Bool
        if k < 0 { lowerIsOne = false } else if k >= trials { lowerIsOne = true } else {
            return IncompleteBeta.pbeta(probability, Double(k) + 1, Double(trials - k), lowerTail: !lowerTail,
                                        log: logScale)
        }
        let v: Double = lowerIsOne == lowerTail ? 1 : 0
        return logScale ? Foundation.log(v) : v
    }

    public func quantile(_ p: Double) -> Double { search(p, upper: false) }
    public func upperQuantile(_ q: Double) -> Double { search(q, upper: true) }

    private func search(_ p: Double, upper: Bool) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        let n = Double(trials)
        if p == 0 { return upper ? n : 0 }
        if p == 1 { return upper ? 0 : n }
        if probability == 0 || trials == 0 { return 0 }
        if probability == 1 { return n }
        let sd = variance.squareRoot()
        let start = DiscreteQuantileSearch.cornishFisherStart(
            probability: p, upper: upper, mean: mean, sd: sd, skewness: ((1 - probability) - probability) / sd)
        let k: Int
        if upper {
            let target = DiscreteQuantileSearch.fuzzedUpper(p)
            k = DiscreteQuantileSearch.smallest(start: start, maxK: trials) { upperTail($0) < target }
        } else {
            let target = DiscreteQuantileSearch.fuzzedLower(p)
            k = DiscreteQuantileSearch.smallest(start: start, maxK: trials) { cdf($0) >= target }
        }
        return Double(k)
    }
}
