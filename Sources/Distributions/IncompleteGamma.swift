internal import Foundation

extension SpecialFunctions {
    /// The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a) = (1/Γ(a)) ∫₀ˣ t^{a−1} e^{−t} dt.
    ///
    /// Conventions (as R's `pgamma(x, a)`): P(a, x ≤ 0) = 0; a = 0 is the point mass at 0 (P = 1 for x > 0);
    /// P(a, +∞) = 1; P(+∞, x) = 0 for finite x. NaN for NaN arguments or a < 0.
    /// See `IncompleteGamma` for the method. Complexity: O(1) for x ≪ a or x ≫ a, O(√a) iterations at most
    /// in between for a < ~200, O(1) (uniform asymptotic expansion) for larger a.
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        IncompleteGamma.evaluate(a, x, upper: false, log: false)
    }

    /// The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), computed directly (never as
    /// 1 − P) so that it keeps its relative accuracy in the right tail. Conventions as `regularizedGammaP`.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        IncompleteGamma.evaluate(a, x, upper: true, log: false)
    }

    /// log P(a, x), accurate also where P underflows (e.g. log P(100, 1) ≈ −363.7, log P(1e6, 1e5) ≈ −1.3e6).
    public static func logRegularizedGammaP(_ a: Double, _ x: Double) -> Double {
        IncompleteGamma.evaluate(a, x, upper: false, log: true)
    }

    /// log Q(a, x), accurate also where Q underflows.
    public static func logRegularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        IncompleteGamma.evaluate(a, x, upper: true, log: true)
    }
}

/// The regularized incomplete gamma functions P(a, x) and Q(a, x) and their logarithms.
///
/// The region split and the series are those of Morten Welinder's algorithm in R's `pgamma.c` (2005),
/// which avoids computing either tail as 1 − (the other) where that other is close to 1:
/// - x < 1: P = x^a/Γ(a+1) · (1 + a Σ_{n≥1} (−x)ⁿ/((a+n) n!)), and Q = −(s + g + s·g) with s the sum and
///   g = expm1(log(x^a/Γ(a+1))), which is accurate when P ≈ 1 (small a).
/// - 1 ≤ x ≤ a − 1 and x < 0.8(a + 50) (left of the mode): P = f(a, x) · Σ_{k≥1} x^k / (a(a+1)⋯(a+k−1)),
///   f(a, x) = x^{a−1}e^{−x}/Γ(a) in Loader's saddle-point form; a series of positive terms with ratio ≤ 0.8
///   or ending after O(√a) terms.
/// - x > a − 1 and a < 0.8(x + 50) (right of the mode): Q = f(a, x) · x · K, K Legendre's continued fraction
///   1/(x+1−a− 1(1−a)/(x+3−a− 2(2−a)/(x+5−a− ⋯))) (Abramowitz & Stegun 6.5.31), evaluated by the modified
///   Lentz method.
/// - otherwise (a ≳ 200 and |x − a| ≲ 0.2a): the uniform asymptotic expansion of Temme (1979) in the form
///   of I. Smith used by R's `ppois_asymp`: with k = a − 1, η² = −2k·log1pmx((x − k)/k) and s = sign(x − k)·η,
///   Q = Φ̄(s)-type normal term + φ(s)·C(s, k), where C is a 7-term series in 1/k whose coefficients are
///   Ramanujan's median series (2/3, −4/135, 8/2835, …) and the Stirling series of Γ (1/12, 1/288, …).
/// The tail that is not computed directly is 1 − (computed tail), which is then ≥ ~0.4, or, for logs,
/// log1p(−p) / log(−expm1(log p)), so both tails and both logs keep their relative accuracy.
enum IncompleteGamma {
    static func evaluate(_ a: Double, _ x: Double, upper: Bool, log logP: Bool) -> Double {
        if a.isNaN || x.isNaN || a < 0 { return .nan }
        let zero = logP ? -Double.infinity : 0
        let one = logP ? 0.0 : 1
        if x <= 0 { return upper ? one : zero }
        if a == 0 || x == .infinity { return upper ? zero : one }
        if a == .infinity { return upper ? one : zero }
        if x < 1 { return smallX(a, x, upper: upper, log: logP) }
        if x <= a - 1 && x < 0.8 * (a + 50) {
            let s = lowerSeries(a, x)
            return combine(a, x, factor: s, primaryIsUpper: false, upper: upper, log: logP)
        }
        if a - 1 < x && a < 0.8 * (x + 50) {
            let k = x * upperContinuedFraction(a, x)
            return combine(a, x, factor: k, primaryIsUpper: true, upper: upper, log: logP)
        }
        return uniformAsymptotic(a, x, upper: upper, log: logP)
    }

    /// log(1 − e^l) for l ≤ 0 without cancellation (Mächler 2012, "Accurately computing log(1 − exp(−|a|))").
    static func log1mexp(_ l: Double) -> Double {
        l > -0.693_147_180_559_945_309_417_232_121_458 ? Foundation.log(-Foundation.expm1(l)) : Foundation.log1p(-Foundation.exp(l))
    }

    /// The tail `primary` = f(a, x)·factor, and the other tail as its complement.
    private static func combine(
        _ a: Double, _ x: Double, factor: Double, primaryIsUpper: Bool, upper: Bool, log logP: Bool
    ) -> Double {
        let logPrimary = PoissonTerm.logGammaUnit(a, x) + Foundation.log(factor)
        let primary: Double
        if logPrimary > -700 {
            primary = PoissonTerm.gammaUnit(a, x) * factor
        } else {
            primary = Foundation.exp(logPrimary)
        }
        if upper == primaryIsUpper { return logP ? logPrimary : primary }
        return logP ? log1mexp(logPrimary) : 1 - primary
    }

    /// x < 1 (any a > 0).
    private static func smallX(_ a: Double, _ x: Double, upper: Bool, log logP: Bool) -> Double {
        var sum = 0.0
        var c = a
        var n = 0.0
        while n < 10000 {
            n += 1
            c *= -x / n
            let term = c / (a + n)
            sum += term
            if abs(term) <= Double.ulpOfOne * abs(sum) { break }
        }
        // log(x^a / Γ(a + 1)).
        let logF = a >= 1 ? PoissonTerm.log(a, x) + x : a * Foundation.log(x) - SpecialFunctions.logGamma1p(a)
        if !upper {
            if logP { return Foundation.log1p(sum) + logF }
            return Foundation.exp(logF) * (1 + sum)
        }
        let logLower = Foundation.log1p(sum) + logF
        // When P < ½ the complement 1 − P is not small: take it from log P (exact even when P underflows).
        if logLower < -0.693_147_180_559_945_309_417 {
            return logP ? log1mexp(logLower) : -Foundation.expm1(logLower)
        }
        let g = Foundation.expm1(logF)
        let q = -(sum + g + sum * g)
        return logP ? Foundation.log(q) : q
    }

    /// Σ_{k≥1} x^k / (a(a+1)⋯(a+k−1)) = x/a + x²/(a(a+1)) + …, so that P = f(a, x)·sum (x ≤ a − 1).
    private static func lowerSeries(_ a: Double, _ x: Double) -> Double {
        var term = x / a
        var sum = term
        var y = a
        var n = 0
        // Terms fall below ½ulp after at most O(√a) steps in this region; the cap only guards the loop.
        while term > sum * Double.ulpOfOne * 0.5 && n < 10_000_000 {
            n += 1
            y += 1
            term *= x / y
            sum += term
        }
        return sum
    }

    /// Legendre's continued fraction K with Q(a, x) = x^a e^{−x}/Γ(a) · K, by the modified Lentz method
    /// (Press et al., Numerical Recipes §5.2).
    private static func upperContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        let b0 = x + 1 - a
        var f = b0 == 0 ? tiny : b0
        var c = f
        var d = 0.0
        var n = 1.0
        while n < 100_000 {
            let an = -n * (n - a)
            let bn = b0 + 2 * n
            d = bn + an * d
            if d == 0 { d = tiny }
            c = bn + an / c
            if c == 0 { c = tiny }
            d = 1 / d
            let delta = c * d
            f *= delta
            if abs(delta - 1) <= Double.ulpOfOne * 0.5 { break }
            n += 1
        }
        return 1 / f
    }

    /// Coefficients of the uniform expansion (see the type's documentation).
    private static let ramanujan: [Double] = [
        2.0 / 3, -4.0 / 135, 8.0 / 2835, 16.0 / 8505, -8992.0 / 12_629_925, -334_144.0 / 492_567_075,
        698_752.0 / 1_477_701_225,
    ]
    private static let stirling: [Double] = [
        1.0 / 12, 1.0 / 288, -139.0 / 51840, -571.0 / 2_488_320, 163_879.0 / 209_018_880,
        5_246_819.0 / 75_246_796_800, -534_703_531.0 / 902_961_561_600,
    ]

    /// φ(s)/Φ(s) (lower) or φ(s)/Φ̄(s), given log of the denominator; for the far tail (|s| > 10 on the
    /// small side) the inverse Mills-ratio asymptotic series is used instead, which never underflows.
    private static func densityOverTail(_ s: Double, lower: Bool, logTail: Double) -> Double {
        var y = s
        var lowerTail = lower
        if y < 0 {
            y = -y
            lowerTail.toggle()
        }
        if y > 10 && !lowerTail {
            var term = 1 / y
            var sum = term
            let y2 = y * y
            var i = 1.0
            repeat {
                term *= -i / y2
                sum += term
                i += 2
            } while abs(term) > Double.ulpOfOne * sum
            return 1 / sum
        }
        return StandardNormal.density(y) / Foundation.exp(logTail)
    }

    /// a ≳ 200, x within ~20% of a.
    private static func uniformAsymptotic(_ a: Double, _ x: Double, upper: Bool, log logP: Bool) -> Double {
        // Poisson form: Q(a, x) = P(N ≤ k) for N ~ Poisson(x), k = a − 1.
        let k = a - 1
        let poissonLower = upper
        let dfm = x - k
        let pt = -SpecialFunctions.log1pmx(dfm / k)
        var s = (2 * k * pt).squareRoot()
        if dfm < 0 { s = -s }
        var res12 = 0.0
        var res1Term = k.squareRoot()
        var res1 = res1Term
        var res2Term = s
        var res2 = s
        for i in 0..<7 {
            res12 += res1 * ramanujan[i] + res2 * stirling[i]
            let ii = Double(i + 1)
            res1Term *= pt / ii
            res2Term *= 2 * pt / (2 * ii + 1)
            res1 = res1 / k + res1Term
            res2 = res2 / k + res2Term
        }
        var elfb = k
        var elfbTerm = 1.0
        for i in 0..<7 {
            elfb += elfbTerm * stirling[i]
            elfbTerm /= k
        }
        if !poissonLower { elfb = -elfb }
        let f = res12 / elfb
        let normalTail = StandardNormal.cdf(s, upper: poissonLower, log: logP)
        if logP {
            let ratio = densityOverTail(s, lower: !poissonLower, logTail: normalTail)
            return normalTail + Foundation.log1p(f * ratio)
        }
        let value = normalTail + f * StandardNormal.density(s)
        // Close to underflow the sum loses relative accuracy: redo it on the log scale.
        if value < 1e-290 { return Foundation.exp(uniformAsymptotic(a, x, upper: upper, log: true)) }
        return value
    }
}
