import Foundation

extension SpecialFunctions {
    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), accurate for tiny and huge arguments.
    ///
    /// With p = min(a, b) and q = max(a, b) (the case split of R's `lbeta`, after Didonato & Morris (1992),
    /// ACM TOMS 18, 360–373, `betaln`):
    /// - p ≥ 10: the Stirling form −½ ln q + ln √(2π) + δ(p) + δ(q) − δ(p+q) + (p − ½) ln(p/(p+q)) + q ln1p(−p/(p+q)),
    ///   where δ is `stirlingError` (Loader 2000), so nothing of size ln Γ is ever subtracted;
    /// - q ≥ 10 > p: ln Γ(p) + δ(q) − δ(p+q) + p − p ln(p+q) + (q − ½) ln1p(−p/(p+q));
    /// - both < 10: ln(Γ(p) Γ(q)/Γ(p+q)) from the (few-ulp) `tgamma`, or sums of `logGamma` when Γ would overflow.
    ///
    /// Returns NaN for NaN or negative arguments, +∞ when an argument is 0, and −∞ when one is +∞ (R's conventions).
    /// O(1).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        let p = min(a, b), q = max(a, b)
        if p < 0 { return .nan }
        if p == 0 { return .infinity }
        if q == .infinity { return -.infinity }
        if p >= 10 {
            let corr = stirlingError(p) + stirlingError(q) - stirlingError(p + q)
            let r = p / (p + q)
            return -0.5 * log(q) + logSqrt2Pi + corr + (p - 0.5) * log(r) + q * log1p(-r)
        }
        if q >= 10 {
            let corr = stirlingError(q) - stirlingError(p + q)
            return logGamma(p) + corr + p - p * log(p + q) + (q - 0.5) * log1p(-p / (p + q))
        }
        if p < 1e-306 { return logGamma(p) + (logGamma(q) - logGamma(p + q)) }
        return log(tgamma(p) * (tgamma(q) / tgamma(p + q)))
    }

    /// ln(Γ(b) / Γ(a + b)) for b ≥ 8 (TOMS 708 `algdiv`), written with Loader's Stirling error δ:
    /// δ(b) − δ(a+b) + a − (a + b − ½) ln1p(a/b) − a ln b. Accurate when a ≪ b.
    static func logGammaRatio(_ a: Double, _ b: Double) -> Double {
        let w = stirlingError(b) - stirlingError(a + b)
        let u = (a + b - 0.5) * log1p(a / b)
        let v = a * (log(b) - 1)
        return u > v ? (w - v) - u : (w - u) - v
    }

    /// δ(a) + δ(b) − δ(a + b) with δ the Stirling error (TOMS 708 `bcorr`); intended for a, b ≥ 8.
    static func stirlingCorrectionOfBeta(_ a: Double, _ b: Double) -> Double {
        stirlingError(a) + stirlingError(b) - stirlingError(a + b)
    }
}
