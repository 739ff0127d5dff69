import Distributions
import Foundation

extension FunnelLimitFormulas {
    /// Spiegelhalter's (2005, appendix A.1) interpolated quantiles of a discrete predictive distribution of the count,
    /// given its log-probabilities term by term: for each `p` (ascending), `r − α` with `r` the smallest count whose
    /// CDF `F(r) ≥ p` and `α = (F(r) − p)/(F(r) − F(r − 1))`, clamped at 0 (as the exact limits). `logPMF(k, previous)`
    /// returns `log P(Y = k)` from `log P(Y = k − 1)` (nil for `k = 0`). `maxCount` bounds the support (n for a
    /// beta-binomial); NaN is returned for a probability the CDF does not reach within 10⁸ terms.
    static func interpolatedQuantiles(_ ps: [Double], maxCount: Int,
                                      logPMF: (Int, Double?) -> Double) -> [Double] {
        var out = [Double](repeating: .nan, count: ps.count)
        let order = ps.indices.sorted { ps[$0] < ps[$1] }
        var next = 0
        var cdf = 0.0, previousCDF = 0.0
        var lp: Double? = nil
        var r = 0
        while next < order.count, r <= min(maxCount, 100_000_000) {
            let l = logPMF(r, lp)
            lp = l
            previousCDF = cdf
            cdf += exp(l)
            if r == maxCount { cdf = 1 }
            while next < order.count, cdf >= ps[order[next]] {
                let p = ps[order[next]]
                let alpha = (cdf - p) / (cdf - previousCDF)
                out[order[next]] = max(0, Double(r) - alpha)
                next += 1
            }
            r += 1
        }
        return out
    }

    /// Interpolated quantiles of the count of a beta-binomial with `n` trials, mean `nθ0` and precision `M`,
    /// divided by `n` (the proportion's limits). The pmf runs from `log P(0) = log B(a, n + b) − log B(a, b)` by the
    /// ratio `P(k + 1)/P(k) = (n − k)(k + a) / ((k + 1)(n − k − 1 + b))`, `a = θ0M`, `b = (1 − θ0)M`.
    static func betaBinomial(n: Int, target t: Double, precision m: Double, ps: [Double]) -> [Double] {
        let a = t * m, b = (1 - t) * m
        let nd = Double(n)
        let q = interpolatedQuantiles(ps, maxCount: n) { k, previous in
            guard let previous else { return SpecialFunctions.logBeta(a, nd + b) - SpecialFunctions.logBeta(a, b) }
            let j = Double(k - 1)
            return previous + log((nd - j) / (j + 1)) + log((j + a) / (nd - j - 1 + b))
        }
        return q.map { $0 / nd }
    }

    /// Interpolated quantiles of a negative-binomial count with mean `E` and size `k`, divided by `E` (the ratio's
    /// limits). `log P(0) = −k·log1p(E/k)`, `P(j + 1)/P(j) = (j + k)/(j + 1) · E/(k + E)`.
    static func negativeBinomial(expected e: Double, size k: Double, ps: [Double]) -> [Double] {
        let logRatio = log(e / (k + e))
        let q = interpolatedQuantiles(ps, maxCount: Int.max) { j, previous in
            guard let previous else { return -k * log1p(e / k) }
            let i = Double(j - 1)
            return previous + log((i + k) / (i + 1)) + logRatio
        }
        return q.map { $0 / e }
    }
}
