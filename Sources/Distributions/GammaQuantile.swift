internal import Foundation

/// Quantiles of Gamma(a, rate 1) by safeguarded Halley iteration on the logarithm of the accurate
/// regularized incomplete gamma function.
///
/// The target is always the smaller tail (p ≤ ½ stays a lower-tail problem; p > ½ becomes the upper-tail
/// problem for 1 − p, which is exact), so the equation log F(x) = log(target) is well conditioned even for
/// targets of 1e-300. The iteration runs on u = log x, which keeps x positive and makes the far tails nearly
/// linear (log P ≈ a·u + c as x → 0). Start: the small-x inversion x = (p Γ(a+1))^{1/a} when that is below
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
        if p <= 0.5 {
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
        if u < -745.2 { return 0 }
        if u > 709.8 { u = 709.7 }
        var lo = -Double.infinity, hi = Double.infinity
        var best = u
        for _ in 0..<200 {
            let x = Foundation.exp(u)
            if x == 0 { return 0 }
            let logF = IncompleteGamma.evaluate(a, x, upper: !lowerTarget, log: true)
            let fval = logF - logTarget
            if fval == 0 { return x }
            best = u
            // h(u) = ±fval is increasing in u.
            let increasing = lowerTarget ? fval > 0 : fval < 0
            if increasing { hi = u } else { lo = u }
            let logDensity = PoissonTerm.logGammaUnit(a, x)
            let d1Magnitude = Foundation.exp(logDensity + u - logF)
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
            var next = u + du
            if !(next > lo && next < hi) || !next.isFinite {
                if hi == .infinity {
                    next = u + max(1, abs(u))
                } else if lo == -.infinity {
                    next = u - max(2, abs(u))
                } else {
                    next = 0.5 * (lo + hi)
                }
            }
            if next < -745.2 { return 0 }
            if next > 709.8 { next = 709.8 }
            if abs(next - u) <= 2e-16 * max(1, abs(u)) || (hi - lo) <= 4e-16 * max(1, abs(u)) {
                return Foundation.exp(next)
            }
            u = next
        }
        return Foundation.exp(best)
    }
}
