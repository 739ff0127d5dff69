import Foundation

/// The prefactor x^a y^b / B(a, b) of the incomplete beta expansions (TOMS 708 `brcomp`, and `brcmp1`, which also
/// multiplies by e^μ to dodge underflow), after Didonato & Morris (1992), ACM TOMS 18, 360–373, §2.
///
/// For min(a, b) ≥ 8 the large-parameter form is used: with x₀ = a/(a+b) and λ = a − (a+b)x,
/// x^a y^b / B(a,b) = √(b x₀ / 2π) exp(−a φ(−λ/a) − b φ(λ/b) − Δ) where φ(t) = t − ln(1+t) and
/// Δ = δ(a) + δ(b) − δ(a+b), so the huge exponents cancel analytically. Otherwise the logarithms are combined
/// directly, with ln Γ pieces expressed through 1/Γ(1+·) − 1 for parameters below 1 so that tiny a or b keep
/// their relative accuracy.
enum IncompleteBetaPowerTerm {
    /// x − ln(1 + x) (TOMS `rlog1`).
    @inline(__always) static func rlog1(_ x: Double) -> Double { -SpecialFunctions.log1pmx(x) }

    /// e^μ · x^a y^b / B(a, b), or its logarithm. `mu` is 0 for `brcomp`.
    static func evaluate(_ a: Double, _ b: Double, _ x: Double, _ y: Double, mu: Double = 0, log logScale: Bool) -> Double {
        if x == 0 || y == 0 { return logScale ? -.infinity : 0 }
        let a0 = min(a, b)
        let gam1 = SpecialFunctions.reciprocalGamma1pMinusOne
        func scaledExp(_ z: Double) -> Double {
            // e^(μ + z) without spurious overflow/underflow (TOMS `esum`).
            if logScale { return z + mu }
            if (z > 0 && mu > 0) || (z <= 0 && mu < 0) { return exp(mu) * exp(z) }
            let w = mu + z
            if (z > 0 && w < 0) || (z <= 0 && w > 0) { return exp(mu) * exp(z) }
            return exp(w)
        }
        if a0 < 8 {
            let lnx: Double, lny: Double
            if x <= 0.375 {
                lnx = log(x); lny = log1p(-x)
            } else if y > 0.375 {
                lnx = log(x); lny = log(y)
            } else {
                lnx = log1p(-y); lny = log(y)
            }
            var z = a * lnx + b * lny
            if a0 >= 1 {
                z -= SpecialFunctions.logBeta(a, b)
                return scaledExp(z)
            }
            var b0 = max(a, b)
            if b0 >= 8 {
                let u = SpecialFunctions.logGamma1p(a0) + SpecialFunctions.logGammaRatio(a0, b0)
                return logScale ? log(a0) + scaledExp(z - u) : a0 * scaledExp(z - u)
            }
            if b0 <= 1 {
                let ez = scaledExp(z)
                if !logScale && ez == 0 { return 0 }
                let apb = a + b
                let t = apb > 1 ? (gam1(apb - 1) + 1) / apb : gam1(apb) + 1
                if logScale {
                    let c = log1p(gam1(a)) + log1p(gam1(b)) - log(t)
                    return ez + log(a0) + c - log1p(a0 / b0)
                }
                let c = (gam1(a) + 1) * (gam1(b) + 1) / t
                return ez * (a0 * c) / (a0 / b0 + 1)
            }
            // a0 < 1 < b0 < 8: reduce b0 to (0, 1] by the recurrence of Γ.
            var u = SpecialFunctions.logGamma1p(a0)
            let n = Int(b0 - 1)
            if n >= 1 {
                var c = 1.0
                for _ in 0..<n { b0 -= 1; c *= b0 / (a0 + b0) }
                u += log(c)
            }
            z -= u
            b0 -= 1
            let apb = a0 + b0
            let t = apb > 1 ? (gam1(apb - 1) + 1) / apb : gam1(apb) + 1
            if logScale { return log(a0) + scaledExp(z) + log1p(gam1(b0)) - log(t) }
            return a0 * scaledExp(z) * (gam1(b0) + 1) / t
        }
        // a, b ≥ 8.
        let h: Double, x0: Double, y0: Double, lambda: Double
        if a > b {
            h = b / a; x0 = 1 / (h + 1); y0 = h / (h + 1); lambda = (a + b) * y - b
        } else {
            h = a / b; x0 = h / (h + 1); y0 = 1 / (h + 1); lambda = a - (a + b) * x
        }
        var e = -lambda / a
        let u = abs(e) > 0.6 ? e - log(x / x0) : rlog1(e)
        e = lambda / b
        let v = abs(e) > 0.6 ? e - log(y / y0) : rlog1(e)
        let z = scaledExp(-(a * u + b * v))
        let corr = SpecialFunctions.stirlingCorrectionOfBeta(a, b)
        if logScale {
            return -SpecialFunctions.logSqrt2Pi + 0.5 * (log(b) - log1p(b / a)) + z - corr
        }
        return 0.398942280401432677939946059934 * (b * x0).squareRoot() * z * exp(-corr)
    }
}
