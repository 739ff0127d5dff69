import Foundation

extension SpecialFunctions {
    /// exp(x²) erfc(x) for x ≥ 0 (the `erfc1(1, x)` of TOMS 708). For x < 4 the product of `exp` and `erfc`
    /// (x² ≤ 16 so the rounding of x² costs at most ~2e-15 relative); for x ≥ 4 the Laplace continued fraction
    /// erfcx(x) = (1/√π) / (x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated bottom-up with 60 levels
    /// (converges to machine precision for x ≥ 4). Negative x uses 2 exp(x²) − erfcx(−x).
    static func scaledErfc(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 { return 2 * exp(x * x) - scaledErfc(-x) }
        if x < 4 { return exp(x * x) * erfc(x) }
        var f = x
        var k = 60.0
        while k >= 1 { f = x + (k / 2) / f; k -= 1 }
        return 1 / (f * 1.7724538509055160273)
    }
}
