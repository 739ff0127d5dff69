/// Quantiles of distributions on {0, 1, 2, …} with R's semantics (`qbinom`, `qnbinom`, R ≥ 4.2).
///
/// Lower tail: the smallest k with F(k) ≥ p (1 − 8ε); upper tail: the smallest k with P(X > k) < q (1 + 8ε)
/// (the factor only when 1 − q > 32ε). The fuzz of 8ε is R's, so that a p computed as F(k) maps back to k despite
/// rounding. The search starts from the Cornish–Fisher value k₀ = round(μ + σ (z + γ (z² − 1)/6)) and moves by
/// doubling steps until the condition changes, then bisects: O(log |k − k₀|) tail evaluations.
enum DiscreteQuantileSearch {
    static let eps = 2.220446049250313e-16

    /// Cornish–Fisher starting value for a distribution with mean μ, sd σ and skewness γ.
    static func cornishFisherStart(probability: Double, upper: Bool, mean: Double, sd: Double, skewness: Double) -> Int {
        let z = StandardNormal.quantile(probability, upper: upper, log: false)
        let y = (mean + sd * (z + skewness * (z * z - 1) / 6)).rounded()
        if !(y > 0) { return 0 }
        return y >= 1e15 ? Int(1e15) : Int(y)
    }

    /// Smallest k in [0, maxK] with `isAtOrPast(k)` true, for a predicate false…false true…true;
    /// `maxK` when it never becomes true before.
    static func smallest(start: Int, maxK: Int, _ isAtOrPast: (Int) -> Bool) -> Int {
        var k = min(max(start, 0), maxK)
        if isAtOrPast(k) {
            // Move left until false.
            var hi = k, step = 1
            var lo = -1
            while true {
                let cand = hi - step
                if cand < 0 { lo = -1; break }
                if isAtOrPast(cand) { hi = cand; step *= 2 } else { lo = cand; break }
            }
            // predicate false at lo (or lo = −1), true at hi.
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2
                if isAtOrPast(mid) { hi = mid } else { lo = mid }
            }
            return hi
        }
        var lo = k, step = 1
        var hi = maxK
        while true {
            if lo >= maxK { return maxK }
            let cand = lo > maxK - step ? maxK : lo + step
            if isAtOrPast(cand) { hi = cand; break }
            lo = cand
            if cand == maxK { return maxK }
            step = step > Int.max / 4 ? step : step * 2
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if isAtOrPast(mid) { hi = mid } else { lo = mid }
        }
        k = hi
        return k
    }

    /// R's left-continuity fuzz applied to the target of the lower tail.
    static func fuzzedLower(_ p: Double) -> Double { p * (1 - 8 * eps) }
    /// R's fuzz applied to the target of the upper tail.
    static func fuzzedUpper(_ q: Double) -> Double { 1 - q > 32 * eps ? q * (1 + 8 * eps) : q }
}
