import Foundation

/// A rough standard-normal quantile used only as a *starting value* for quantile searches: Abramowitz & Stegun
/// (1964) 26.2.23, absolute error < 4.5e-4. `upper` selects z with P(Z > z) = p. Works for p down to the
/// smallest positive double (the search that follows makes the final answer exact); p = 0 gives ∓∞.
enum ApproximateNormalQuantile {
    static func z(_ p: Double, upper: Bool = false) -> Double {
        if p.isNaN { return .nan }
        if p <= 0 { return upper ? .infinity : -.infinity }
        if p >= 1 { return upper ? -.infinity : .infinity }
        let small = min(p, 0.5 - p + 0.5)
        let t = (-2 * log(small)).squareRoot()
        let magnitude = t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
            / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
        // magnitude is the upper-tail z of `small`.
        let upperZ = p < 0.5 ? magnitude : -magnitude
        return upper ? upperZ : -upperZ
    }
}
