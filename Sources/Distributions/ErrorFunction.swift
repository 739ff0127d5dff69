internal import Foundation

extension SpecialFunctions {
    // Coefficients of W. J. Cody (1969), "Rational Chebyshev approximations for the error function",
    // Math. Comp. 23, 631–637, as published in SPECFUN routine CALERF (Cody 1993, ACM TOMS 715).
    private static let erfA: [Double] = [
        3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03,
        1.85777706184603153e-1,
    ]
    private static let erfB: [Double] = [
        2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03,
    ]
    private static let erfC: [Double] = [
        5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02,
        8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03,
        2.15311535474403846e-8,
    ]
    private static let erfD: [Double] = [
        1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03,
        3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03,
    ]
    private static let erfP: [Double] = [
        3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2,
        6.58749161529837803e-4, 1.63153871373020978e-2,
    ]
    private static let erfQ: [Double] = [
        2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1, 6.05183413124413191e-2,
        2.33520497626869185e-3,
    ]
    /// 1/√π.
    private static let oneOverSqrtPi = 0.564_189_583_547_756_286_948_079_451_560_77

    /// erf(x) for |x| ≤ 0.5 by Cody's first rational approximation.
    private static func erfSmall(_ x: Double) -> Double {
        let y = abs(x)
        let ysq = y > 1.11e-16 ? y * y : 0
        var num = erfA[4] * ysq
        var den = ysq
        for i in 0..<3 {
            num = (num + erfA[i]) * ysq
            den = (den + erfB[i]) * ysq
        }
        return x * (num + erfA[3]) / (den + erfB[3])
    }

    /// erfc(y) for y > 0.46875 by Cody's second (y ≤ 4) and third (y > 4) rational approximations, with
    /// exp(−y²) evaluated as exp(−s²)·exp(−(y − s)(y + s)), s = ⌊16y⌋/16, so that the rounding of y² is not
    /// amplified in the tail. Underflows to 0 past y ≈ 27.3.
    private static func erfcLarge(_ y: Double) -> Double {
        let r: Double
        if y <= 4 {
            var num = erfC[8] * y
            var den = y
            for i in 0..<7 {
                num = (num + erfC[i]) * y
                den = (den + erfD[i]) * y
            }
            r = (num + erfC[7]) / (den + erfD[7])
        } else {
            if y > 27.3 { return 0 }
            let ysq = 1 / (y * y)
            var num = erfP[5] * ysq
            var den = ysq
            for i in 0..<4 {
                num = (num + erfP[i]) * ysq
                den = (den + erfQ[i]) * ysq
            }
            let s = ysq * (num + erfP[4]) / (den + erfQ[4])
            r = (oneOverSqrtPi - s) / y
        }
        let s = (16 * y).rounded(.down) / 16
        let del = (y - s) * (y + s)
        return Foundation.exp(-s * s) * Foundation.exp(-del) * r
    }

    /// The error function erf(x) = (2/√π) ∫₀ˣ e^{−t²} dt.
    ///
    /// Cody (1969) rational Chebyshev approximations (SPECFUN CALERF, Cody 1993): |x| ≤ 0.46875 directly,
    /// otherwise 1 − erfc(|x|) with the sign of x. Relative accuracy about 1e-16.
    ///
    /// - Returns: NaN for NaN, ±1 for ±∞.
    /// - Complexity: O(1).
    public static func erf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        let y = abs(x)
        if y <= 0.46875 { return erfSmall(x) }
        let v = 1 - erfcLarge(y)
        return x < 0 ? -v : v
    }

    /// The complementary error function erfc(x) = 1 − erf(x) = (2/√π) ∫ₓ^∞ e^{−t²} dt, computed directly so
    /// that it keeps its relative accuracy in the right tail until it underflows (x ≈ 27.3).
    ///
    /// Cody (1969) rational Chebyshev approximations (SPECFUN CALERF, Cody 1993); erfc(−x) = 2 − erfc(x).
    ///
    /// - Returns: NaN for NaN, 0 for +∞, 2 for −∞.
    /// - Complexity: O(1).
    public static func erfc(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        let y = abs(x)
        if y <= 0.46875 { return 1 - erfSmall(x) }
        let v = erfcLarge(y)
        return x < 0 ? 2 - v : v
    }
}
