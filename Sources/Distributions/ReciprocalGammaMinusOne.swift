import Foundation

extension SpecialFunctions {
    /// 1/Γ(1 + a) − 1 for −½ ≤ a ≤ 3/2, with full relative accuracy near the zeros a = 0 and a = 1
    /// (the `gam1` of Didonato & Morris 1992, TOMS 708). Computed as expm1(−ln Γ(1 + a)) for a ≤ ½, and for
    /// a > ½ from the recurrence Γ(1 + a) = a Γ(a): 1/Γ(1+a) − 1 = (g(a−1) − (a−1))/a with g this function.
    /// Outside [−½, 3/2] it still returns 1/Γ(1 + a) − 1 but without the guarantee.
    static func reciprocalGamma1pMinusOne(_ a: Double) -> Double {
        if a <= 0.5 { return expm1(-logGamma1p(a)) }
        let t = a - 1
        return (reciprocalGamma1pMinusOne(t) - t) / a
    }
}
