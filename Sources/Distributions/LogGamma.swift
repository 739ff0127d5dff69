internal import Foundation

extension SpecialFunctions {
    /// Euler–Mascheroni constant γ.
    static let eulerGamma = 0.577_215_664_901_532_860_606_512_090_082
    /// log √(2π).
    static let logSqrt2Pi = 0.918_938_533_204_672_741_780_329_736_406

    /// (ζ(k) − 1) / k for k = 2, 3, …, 41 (computed with mpmath at 40 digits).
    private static let zetaMinusOneOverK: [Double] = [
        0.3224670334241132182362076, 0.06735230105319809513324605, 0.02058080842778454787900092,
        0.007385551028673985266273097, 0.002890510330741523285752988, 0.001192753911703260977113936,
        0.0005096695247430424223356548, 0.0002231547584535793797614188, 0.00009945751278180853371459589,
        0.0000449262367381331417002075, 0.0000205072127756706915531665, 0.000009439488275268395903987425,
        0.000004374866789907487804181793, 0.000002039215753801366236781901, 0.000000955141213040741983285718,
        0.000000449246919876456604329429, 0.0000002120718480555466586923136, 0.0000001004322482396809960872083,
        4.769810169363980565760193e-8, 2.271109460894316491031998e-8, 1.083865921489695409107492e-8,
        5.183475041970046655121249e-9, 2.483674543802478317185009e-9, 1.192140140586091207442548e-9,
        5.731367241678862013330195e-10, 2.75952288512423314517815e-10, 1.330476437424448948149716e-10,
        6.422964563838100022082448e-11, 3.104424774732227276239216e-11, 1.502138408075414217093301e-11,
        7.27597448023907966250455e-12, 3.527742476575915083615072e-12, 1.711991790559617908601084e-12,
        8.315385841420284819798358e-13, 4.042200525289440065536009e-13, 1.966475631096616490411046e-13,
        9.573630387838555763782201e-14, 4.664076026428374224576493e-14, 2.27373696006597232063328e-14,
        1.10913994708345220165832e-14,
    ]

    /// log Γ(1 + x), accurate for small |x| where Γ(1 + x) ≈ 1.
    ///
    /// For |x| ≤ ½ uses the Taylor series of log Γ(1 + x) about 0 (Abramowitz & Stegun 6.1.33),
    /// log Γ(1 + x) = −γx + Σ_{k≥2} (−x)ᵏ ζ(k)/k, rewritten as −γx − log1pmx(x) + Σ_{k≥2} (−x)ᵏ (ζ(k) − 1)/k so that
    /// the tail converges like (x/2)ᵏ (at most 40 terms for |x| = ½). Otherwise `logGamma(1 + x)`.
    ///
    /// - Returns: NaN for NaN; +∞ at the poles x = −1, −2, …
    /// - Complexity: O(1).
    public static func logGamma1p(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if abs(x) > 0.5 { return logGamma(1 + x) }
        var sum = 0.0
        // Horner evaluation of Σ_{k=2}^{41} c_k (−x)^k = (−x)² (c₂ + (−x)(c₃ + …)).
        let t = -x
        for c in zetaMinusOneOverK.reversed() { sum = sum * t + c }
        sum *= t * t
        return sum - eulerGamma * x - log1pmx(x)
    }

    /// log |Γ(x)|.
    ///
    /// Regions (chosen so that no step cancels badly):
    /// - |x| < ½: `logGamma1p(x) − log|x|` (exact behaviour −log|x| for tiny x).
    /// - ½ ≤ x < 1.5: `logGamma1p(x − 1)` (x − 1 is exact), accurate near the zero at x = 1.
    /// - 1.5 ≤ x < 10: downward recurrence Γ(x) = (x−1)⋯(y)·Γ(y) to y ∈ [1.5, 2.5), then
    ///   log Γ(y) = log1p(y − 2) + logGamma1p(y − 2), accurate near the zero at x = 2.
    /// - x ≥ 10: Stirling's formula (x − ½) log x − x + log √(2π) + `stirlingError(x)`.
    /// - x ≤ −½: the reflection formula log|Γ(x)| = log π − log|sin πx| − log Γ(1 − x) with sin πx reduced exactly.
    ///   Near a negative integer this is as accurate as the (ill-conditioned) problem allows.
    ///
    /// - Returns: NaN for NaN, +∞ for ±∞, for x = 0 and negative integers, and when the value overflows
    ///   (x > 2.5e305).
    /// - Complexity: O(1).
    public static func logGamma(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x.isInfinite { return .infinity }
        if x == 0 { return .infinity }
        let ax = abs(x)
        if ax < 0.5 { return logGamma1p(x) - Foundation.log(ax) }
        if x < 0 {
            if x == x.rounded(.down) { return .infinity }
            let sinPi = sinPiAbs(x)
            return Foundation.log(Double.pi) - Foundation.log(sinPi) - logGamma(1 - x)
        }
        if x < 1.5 { return logGamma1p(x - 1) }
        if x < 10 {
            var y = x
            var product = 1.0
            while y >= 2.5 {
                y -= 1
                product *= y
            }
            return Foundation.log(product) + Foundation.log1p(y - 2) + logGamma1p(y - 2)
        }
        if x > 2.5e305 { return .infinity }
        return (x - 0.5) * Foundation.log(x) - x + logSqrt2Pi + stirlingError(x)
    }

    /// |sin(π x)| with the argument reduced exactly (x − ⌊x⌋ is exact in binary floating point).
    static func sinPiAbs(_ x: Double) -> Double {
        let a = abs(x)
        let f = a - a.rounded(.down)
        let g = min(f, 1 - f)
        return Foundation.sin(Double.pi * g)
    }
}
