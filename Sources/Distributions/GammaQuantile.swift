internal import Foundation

/// Quantiles of Gamma(a, rate 1) by safeguarded Halley iteration on the logarithm of the accurate
/// regularized incomplete gamma function.
///
/// The target is always the smaller tail (p ≤ ½ stays a lower-tail problem; p > ½ becomes the upper-tail
/// problem for 1 − p, which is exact), so the equation log F(x) = log(target) is well conditioned even for
/// targets of 1e-300. The steps are taken in u = log x (x ← x·e^{du}), which keeps x positive and makes the
/// far tails nearly linear (log P ≈ a·u + c as x → 0); the iterate itself is kept as x. Start: the small-x inversion x = (p Γ(a+1))^{1/a} when that is below
/// ~a, otherwise Wilson & Hilferty (1931) x = a(1 − 1/(9a) + z/(3√a))³. Each step is Halley's
/// du = −2FF′/(2F′² − FF″) with F′ = ±x·f(x)/F and F″ = F′(a − x) − F′²; a step leaving the current bracket
/// is replaced by bisection (in u), and the bracket is widened geometrically while one side is still open.
/// Converges in 3–6 steps typically; at most 200.
enum GammaQuantile {
    /// The x with P(a, x) = p (upper: false) or Q(a, x) = p (upper: true), for 0 ≤ p ≤ 1 and a > 0.
    static func unit(_ a: Double, _ p: Double, upper: Bool) -> Double {
        if p.isNaN || a.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return upper ? .infinity : 0 }
        if p == 1 { return upper ? 0 : .infinity }
        let lowerTarget: Bool
        let logTarget: Double
        if p < 0.5 || (p == 0.5 && !upper) {
            lowerTarget = !upper
            logTarget = Foundation.log(p)
        } else {
            lowerTarget = upper
            logTarget = Foundation.log1p(-p)
        }
        let logGamma1pA = SpecialFunctions.logGamma1p(a)
        // Starting value.
        var u: Double
        let uSmall = lowerTarget ? (logTarget + logGamma1pA) / a : .nan
        if lowerTarget && uSmall < Foundation.log(max(0.3 * a, 1e-3)) {
            u = uSmall
        } else {
            let z = StandardNormal.quantile(logTarget, upper: !lowerTarget, log: true)
            let c = 1 / (9 * a)
            let wh = 1 - c + z * c.squareRoot()
            if wh > 0 {
                u = Foundation.log(a) + 3 * Foundation.log(wh)
            } else if lowerTarget {
                u = uSmall
            } else {
                u = Foundation.log(max(-logTarget, 1e-300))
            }
        }
        if u < -745.0 { u = -745.0 }
        if u > 709.7 { u = 709.7 }
        // The state is x itself (u = log x is used for steps and bisection only): storing u would limit x to a
        // relative resolution of |u|·ε, e.g. 1.5e-13 at x = 1e-300.
        var x = Foundation.exp(u)
        if x == 0 { x = Double.leastNonzeroMagnitude }
        var lo = 0.0, hi = Double.infinity
        var best = x
        for _ in 0..<200 {
            let logF = IncompleteGamma.evaluate(a, x, upper: !lowerTarget, log: true)
            let fval = logF - logTarget
            if fval == 0 { return x }
            best = x
            // h(x) = ±fval is increasing in x.
            let increasing = lowerTarget ? fval > 0 : fval < 0
            if increasing { hi = x } else { lo = x }
            let logX = Foundation.log(x)
            let d1Magnitude = Foundation.exp(PoissonTerm.logGammaUnit(a, x) + logX - logF)
            let d1 = lowerTarget ? d1Magnitude : -d1Magnitude
            var du: Double
            if d1.isFinite && d1 != 0 {
                let d2 = d1 * (a - x) - d1 * d1
                let den = 2 * d1 * d1 - fval * d2
                du = den != 0 && den.isFinite ? -2 * fval * d1 / den : -fval / d1
                if !du.isFinite || (du * fval * d1) > 0 { du = -fval / d1 }
            } else {
                du = .nan
            }
            // Converged: the relative step is below the resolution of x (tested before the bracket check,
            // because such a step can round to x itself, which is a bracket end).
            if abs(du) <= 2e-16 { return x * Foundation.exp(du) }
            var next = x * Foundation.exp(du)
            if !(next > lo && next < hi) || !next.isFinite {
                if hi == .infinity {
                    next = x * Foundation.exp(max(1, abs(logX)))
                } else if lo == 0 {
                    next = x * Foundation.exp(-max(2, abs(logX)))
                } else if hi / lo > 2 {
                    next = (lo.squareRoot() * hi.squareRoot())
                } else {
                    next = 0.5 * (lo + hi)
                }
            }
            if next == 0 {
                // Below the smallest subnormal: the answer is 0 as a double once x is already there.
                if x == Double.leastNonzeroMagnitude { return 0 }
                next = Double.leastNonzeroMagnitude
            }
            if next == .infinity { next = Double.greatestFiniteMagnitude }
            if abs(next - x) <= 2e-16 * x || (hi.isFinite && hi - lo <= 4e-16 * hi) { return next }
            x = next
        }
        return best
    }
}
