internal import Foundation

extension SpecialFunctions {
    /// B₂ₖ / (2k(2k − 1)), k = 1…11: coefficients of the Stirling series log Γ(n+1) − log(√(2πn)(n/e)ⁿ)
    /// = Σ B₂ₖ / (2k(2k − 1) n^{2k−1}) (Abramowitz & Stegun 6.1.40).
    private static let stirlingSeries: [Double] = [
        1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156,
        -3617.0 / 122400, 43867.0 / 244188, -174611.0 / 125400, 77683.0 / 5796,
    ]

    /// The error of Stirling's approximation to n!,
    /// δ(n) = log Γ(n + 1) − log(√(2πn) (n/e)ⁿ) (Loader 2000, "Fast and accurate computation of binomial
    /// probabilities"), defined for real n > 0.
    ///
    /// Method: for n ≥ 10 the asymptotic series above (11 terms give < 1e-17 relative at n = 10). For
    /// ½ < n < 10 the exact recurrence δ(n) = δ(n + 1) + d(n) is applied upward until n ≥ 10, where
    /// d(n) = (n + ½) log(1 + 1/n) − 1 = Σ_{j≥1} t^{2j}/(2j + 1), t = 1/(2n + 1), a sum of positive terms, so
    /// unlike the direct formula via log Γ nothing cancels. For 0 < n ≤ ½ the direct formula
    /// `logGamma1p(n) − (n + ½) log n + n − log √(2π)` loses at most a factor ~4.
    ///
    /// - Returns: NaN for NaN or n < 0; +∞ for n = 0; 0 for n = +∞.
    /// - Complexity: O(1) (at most ten recurrence steps of ≤ 30 terms each).
    public static func stirlingError(_ n: Double) -> Double {
        if n.isNaN || n < 0 { return .nan }
        if n == 0 { return .infinity }
        if n == .infinity { return 0 }
        if n <= 0.5 {
            return logGamma1p(n) - (n + 0.5) * Foundation.log(n) + n - logSqrt2Pi
        }
        var m = n
        var sum = 0.0
        while m < 10 {
            let t = 1 / (2 * m + 1)
            let t2 = t * t
            var power = t2
            var d = 0.0
            var j = 1.0
            while j < 100 {
                let term = power / (2 * j + 1)
                d += term
                if term < 1e-17 * d { break }
                power *= t2
                j += 1
            }
            sum += d
            m += 1
        }
        let r = 1 / (m * m)
        var series = 0.0
        for c in stirlingSeries.reversed() { series = series * r + c }
        return sum + series / m
    }

    /// The deviance term bd0(x, np) = x log(x / np) + np − x of Loader (2000), computed without the
    /// cancellation of the direct formula when x ≈ np.
    ///
    /// For |x − np| < 0.1 (x + np) uses, with v = (x − np)/(x + np), the series
    /// bd0 = (x − np) v + Σ_{j≥1} 2x v^{2j+1} / (2j + 1) (from log(x/np) = 2 artanh v); every term has the sign of
    /// the first, and v² < 0.01 so the loop ends after at most ~9 terms. Otherwise the direct formula, whose
    /// terms then differ enough that the cancellation costs at most a factor ~10.
    ///
    /// - Parameters: x ≥ 0, np > 0 (np = 0 gives 0 for x = 0 and +∞ otherwise).
    /// - Returns: NaN for NaN, negative or infinite arguments.
    /// - Complexity: O(1).
    public static func bd0(_ x: Double, _ np: Double) -> Double {
        if x.isNaN || np.isNaN || x < 0 || np < 0 || !x.isFinite || !np.isFinite { return .nan }
        if x == 0 { return np }
        if np == 0 { return .infinity }
        let diff = x - np
        if abs(diff) < 0.1 * (x + np) {
            let v = diff / (x + np)
            var s = diff * v
            if abs(s) < Double.leastNormalMagnitude { return s }
            var ej = 2 * x * v
            let v2 = v * v
            var j = 1.0
            while j < 1000 {
                ej *= v2
                let s1 = s + ej / (2 * j + 1)
                if s1 == s { return s1 }
                s = s1
                j += 1
            }
            return s
        }
        if np >= 0.5 * x {
            // bd0 = −x · log1pmx(s), s = (np − x)/x: relative accuracy of a few ulps (no x·log rounding).
            let s = (np - x) / x
            if s.isFinite { return -x * log1pmx(s) }
        }
        let ratio = x / np
        let logRatio = (ratio.isFinite && ratio > 0) ? Foundation.log(ratio) : Foundation.log(x) - Foundation.log(np)
        return x * logRatio + np - x
    }
}
