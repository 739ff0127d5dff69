internal import Foundation

extension SpecialFunctions {
    /// The positive zero x₀ of ψ as a double-double (hi + lo), computed with mpmath.
    private static let digammaRootHi = 1.4616321449683622
    private static let digammaRootLo = 9.549995429965697e-17

    /// ψ⁽ᵏ⁾(x₀)/k!, k = 1…29: Taylor coefficients of ψ about its positive zero x₀ (computed with mpmath at 50
    /// digits). Used for |x − x₀| < ¼ so that ψ keeps full relative accuracy next to its zero.
    private static let digammaRootTaylor: [Double] = [
        0.9676722454476211704274, -0.4427631689835921060929, 0.2584997609556510106244,
        -0.1639427054424065275043, 0.1078240506912623657572, -0.07219956125645471092612,
        0.04880428816414310722509, -0.03316112647484735929226, 0.02259764823221810465962,
        -0.0154247659049489591388, 0.01053879161661217538812, -0.00720453438635686824097,
        0.004926781395729853446354, -0.003369801655439328082793, 0.002305126326734927836938,
        -0.001576936771430197259271, 0.001078825201916296580692, -0.000738070938996005129566,
        0.0005049532658346020351774, -0.0003454680251063076995556, 0.0002363560156402705279237,
        -0.0001617062209197480344936, 0.0001106337276874741090409, -0.00007569179582195065919238,
        0.00005178575795222080868993, -0.0000354300709476596063157, 0.00002424006611860131765268,
        -0.00001658424227185413337524, 0.0000113463845846638498067,
    ]

    /// B₂ₖ/(2k), k = 1…9, for the asymptotic series ψ(x) ~ log x − 1/(2x) − Σ B₂ₖ/(2k x^{2k}) (A&S 6.3.18).
    private static let digammaAsymptotic: [Double] = [
        1.0 / 12, -1.0 / 120, 1.0 / 252, -1.0 / 240, 1.0 / 132, -691.0 / 32760, 1.0 / 12,
        -3617.0 / 8160, 43867.0 / 14364,
    ]

    /// B₂ₖ, k = 1…9, for ψ′(x) ~ 1/x + 1/(2x²) + Σ B₂ₖ / x^{2k+1} (A&S 6.4.12).
    private static let bernoulliEven: [Double] = [
        1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6, -3617.0 / 510, 43867.0 / 798,
    ]

    /// The digamma function ψ(x) = d/dx log Γ(x).
    ///
    /// Method: for x ≥ 10 the asymptotic series (A&S 6.3.18, nine terms: error < 1e-17 relative); for
    /// 0 < x < 10 the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10; within ¼ of the positive zero
    /// x₀ = 1.46163… a Taylor series about x₀ (so relative accuracy holds next to the zero); for x < 0 the
    /// reflection ψ(x) = ψ(1 − x) − π / tan(πx) with exact argument reduction.
    ///
    /// - Returns: NaN for NaN, −∞, 0 and negative integers (the poles, as R's `digamma`); +∞ for +∞.
    /// - Complexity: O(1).
    public static func digamma(_ x: Double) -> Double {
        if x.isNaN || x == -.infinity { return .nan }
        if x == .infinity { return .infinity }
        if x <= 0 {
            if x == x.rounded(.down) { return .nan }
            // π / tan(πx) = π cot(πx); reduce x to r ∈ (−½, ½] with x = n + r exactly.
            let r = x - x.rounded(.toNearestOrEven)
            let cot = Foundation.cos(Double.pi * r) / Foundation.sin(Double.pi * r)
            return digamma(1 - x) - Double.pi * cot
        }
        let d = (x - digammaRootHi) - digammaRootLo
        if abs(d) < 0.25 {
            var sum = 0.0
            for c in digammaRootTaylor.reversed() { sum = sum * d + c }
            return sum * d
        }
        var y = x
        var shift = 0.0
        while y < 10 {
            shift += 1 / y
            y += 1
        }
        let r = 1 / (y * y)
        var series = 0.0
        for c in digammaAsymptotic.reversed() { series = series * r + c }
        return Foundation.log(y) - 0.5 / y - series * r - shift
    }

    /// The trigamma function ψ′(x) = d²/dx² log Γ(x).
    ///
    /// Method: recurrence ψ′(x) = ψ′(x + 1) + 1/x² up to x ≥ 10, then the asymptotic series (A&S 6.4.12,
    /// nine terms); for x < 0 the reflection ψ′(x) = π²/sin²(πx) − ψ′(1 − x). All terms are positive for
    /// x > 0, so the result has full relative accuracy there.
    ///
    /// - Returns: NaN for NaN and −∞; +∞ at 0 and the negative integers (poles of order 2); 0 for +∞.
    /// - Complexity: O(1).
    public static func trigamma(_ x: Double) -> Double {
        if x.isNaN || x == -.infinity { return .nan }
        if x == .infinity { return 0 }
        if x <= 0 {
            if x == x.rounded(.down) { return .infinity }
            let s = sinPiAbs(x)
            return Double.pi * Double.pi / (s * s) - trigamma(1 - x)
        }
        if x < 1e-8 { return 1 / (x * x) + trigamma(1 + x) }
        var y = x
        var shift = 0.0
        while y < 10 {
            shift += 1 / (y * y)
            y += 1
        }
        let r = 1 / (y * y)
        var series = 0.0
        for c in bernoulliEven.reversed() { series = series * r + c }
        return shift + 1 / y + 0.5 * r + series * r / y
    }
}
