import Foundation

/// The binomial density b(x; n, p) for real x and n (0 ≤ x ≤ n), with q = 1 − p passed separately so that
/// p near 1 keeps its accuracy: Loader (2000), "Fast and accurate computation of binomial probabilities",
/// the saddle-point form
///   b(x; n, p) = √(n / (2π x (n − x))) · exp(δ(n) − δ(x) − δ(n−x) − D(x, np) − D(n−x, nq)),
/// with δ the Stirling error (`stirlingError`) and D(x, M) = x ln(x/M) + M − x the deviance term (`bd0`),
/// and R's `dbinom_raw` boundary forms for x = 0 and x = n. Relative accuracy ~1e-15 for all n; O(1).
enum SaddlePointBinomial {
    static func logDensity(_ x: Double, _ n: Double, _ p: Double, _ q: Double) -> Double {
        if p == 0 { return x == 0 ? 0 : -.infinity }
        if q == 0 { return x == n ? 0 : -.infinity }
        if x == 0 {
            if n == 0 { return 0 }
            return p < 0.1 ? -SpecialFunctions.bd0(n, n * q) - n * p : n * log(q)
        }
        if x == n {
            return q < 0.1 ? -SpecialFunctions.bd0(n, n * p) - n * q : n * log(p)
        }
        if x < 0 || x > n { return -.infinity }
        let lc = SpecialFunctions.stirlingError(n) - SpecialFunctions.stirlingError(x)
            - SpecialFunctions.stirlingError(n - x) - SpecialFunctions.bd0(x, n * p) - SpecialFunctions.bd0(n - x, n * q)
        let lf = 1.837877066409345483560659472811 + log(x) + log1p(-x / n)  // ln(2π) + ln x + ln(1 − x/n)
        return lc - 0.5 * lf
    }
}
