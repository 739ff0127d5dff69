internal import Foundation

/// Density, distribution function and quantile of the standard normal N(0, 1), shared by `Normal` and by
/// the approximations of other distributions.
enum StandardNormal {
    /// 1/√(2π).
    static let oneOverSqrt2Pi = 0.398_942_280_401_432_677_939_946_059_934
    /// log √(2π).
    static let logSqrt2Pi = 0.918_938_533_204_672_741_780_329_736_406

    /// φ(x). For |x| ≥ 5, x is split as x₁ + x₂ with x₁ a multiple of 2⁻¹⁶ so that x₁² is exact and
    /// exp(−x²/2) = exp(−x₁²/2)·exp(−(x₂/2 + x₁)x₂) does not amplify the rounding of x² (as R's `dnorm`).
    static func density(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        let y = abs(x)
        if y >= 2 * Double.greatestFiniteMagnitude.squareRoot() { return 0 }
        if y < 5 { return oneOverSqrt2Pi * Foundation.exp(-0.5 * y * y) }
        if y > (-2 * Foundation.log(Double.leastNonzeroMagnitude) + 2 * logSqrt2Pi).squareRoot() { return 0 }
        let x1 = (y * 65536).rounded(.toNearestOrEven) / 65536
        let x2 = y - x1
        return oneOverSqrt2Pi * (Foundation.exp(-0.5 * x1 * x1) * Foundation.exp((-0.5 * x2 - x1) * x2))
    }

    /// log φ(x) = −x²/2 − log √(2π).
    static func logDensity(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return -(logSqrt2Pi + 0.5 * x * x)
    }

    // Cody's (1969, 1993) rational Chebyshev approximations for Φ, as in SPECFUN ANORM.
    private static let a: [Double] = [
        2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249,
        0.065682337918207449113,
    ]
    private static let b: [Double] = [
        47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956,
    ]
    private static let c: [Double] = [
        0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
        2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
        1.0765576773720192317e-8,
    ]
    private static let d: [Double] = [
        22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
        18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
    ]
    private static let p: [Double] = [
        0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
        2.9112874951168792e-5, 0.02307344176494017303,
    ]
    private static let q: [Double] = [
        1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244,
        7.29751555083966205e-5,
    ]

    /// Φ(x) (upper: false) or 1 − Φ(x) (upper: true), as a probability or its logarithm.
    ///
    /// Cody (1993) ALGORITHM 715 (SPECFUN ANORM), the method of R's `pnorm`: |x| ≤ 0.66291 a rational function
    /// for Φ − ½; 0.66291 < |x| ≤ √32 and √32 < |x| < 50 rational approximations of the smaller tail divided by
    /// φ, multiplied by exp(−x²/2) evaluated as exp(−s²/2)·exp(−(x−s)(x+s)/2), s = ⌊16x⌋/16 (no loss from
    /// rounding x²). The log of the smaller tail is formed without exponentiating, so it stays accurate far
    /// beyond underflow; the log of the larger side is log1p(−smaller). For |x| ≥ 50 the log of the smaller
    /// tail uses the asymptotic series log(Φ(−y) y√(2π) e^{y²/2}) = log(1 − 1/y² + 3/y⁴ − 15/y⁶ + …).
    ///
    /// - Complexity: O(1).
    static func cdf(_ x: Double, upper: Bool, log logP: Bool) -> Double {
        if x.isNaN { return .nan }
        let y = abs(x)
        if y <= 0.66291 {
            let xsq = y > 1.11e-16 ? x * x : 0
            var num = a[4] * xsq
            var den = xsq
            for i in 0..<3 {
                num = (num + a[i]) * xsq
                den = (den + b[i]) * xsq
            }
            let t = x * (num + a[3]) / (den + b[3])
            let v = upper ? 0.5 - t : 0.5 + t
            return logP ? Foundation.log(v) : v
        }
        // log of the smaller tail Φ(−y).
        let logSmall: Double
        if y <= 32.0.squareRoot() || y < 50 {
            let ratio: Double  // Φ(−y)/exp(−y²/2)
            if y <= 32.0.squareRoot() {
                var num = c[8] * y
                var den = y
                for i in 0..<7 {
                    num = (num + c[i]) * y
                    den = (den + d[i]) * y
                }
                ratio = (num + c[7]) / (den + d[7])
            } else {
                let xsq = 1 / (x * x)
                var num = p[5] * xsq
                var den = xsq
                for i in 0..<4 {
                    num = (num + p[i]) * xsq
                    den = (den + q[i]) * xsq
                }
                let r = xsq * (num + p[4]) / (den + q[4])
                ratio = (oneOverSqrt2Pi - r) / y
            }
            let s = (y * 16).rounded(.down) / 16
            let del = (y - s) * (y + s)
            let small = Foundation.exp(-s * s * 0.5) * Foundation.exp(-del * 0.5) * ratio
            let smallSide = (x > 0) == upper
            if !logP { return smallSide ? small : 1 - small }
            // The larger side from the (directly computed) smaller one while it has not underflowed.
            if !smallSide && small >= Double.leastNormalMagnitude { return Foundation.log1p(-small) }
            logSmall = (-s * s * 0.5) + (-del * 0.5) + Foundation.log(ratio)
        } else {
            let smallSide = (x > 0) == upper
            if !logP { return smallSide ? 0 : 1 }
            if y > 1e154 {
                logSmall = -.infinity
            } else {
                let r = 1 / (y * y)
                // 1 − r + 3r² − 15r³ + 105r⁴ − 945r⁵ + 10395r⁶ (asymptotic; r ≤ 4e-4, error < 1e-24).
                let series = r * (-1 + r * (3 + r * (-15 + r * (105 + r * (-945 + r * 10395)))))
                logSmall = -0.5 * y * y - logSqrt2Pi - Foundation.log(y) + Foundation.log1p(series)
            }
        }
        let smallSide = (x > 0) == upper
        if smallSide { return logSmall }
        return Foundation.log1p(-Foundation.exp(logSmall))
    }

    /// The standard normal quantile z with Φ(z) = p (upper: false) or 1 − Φ(z) = p (upper: true); when `log`
    /// is true the argument is log p.
    ///
    /// Wichura (1988), Algorithm AS 241 (PPND16), accurate to about 1 part in 10¹⁶, evaluated from
    /// r = √(−log min(p, 1 − p)) which is formed from log p when given (so nothing is lost to 1 − p). In the
    /// tails (r > 5) the result is polished by one Newton step on log Φ(−|z|) − log min(p, 1 − p), whose
    /// derivative is −φ/Φ(−|z|): the step uses only log-scale quantities, so it stays exact far into the tail
    /// (min(p, 1 − p) down to the smallest subnormal, or any log p when given as a log). For log p < −1e5
    /// (beyond AS 241's range) the start is the asymptotic √(−2 log p − log(−4π log p)) and several Newton
    /// steps are taken.
    ///
    /// - Returns: NaN for NaN or a probability outside [0, 1]; ∓∞ at the ends.
    /// - Complexity: O(1).
    static func quantile(_ p: Double, upper: Bool, log logP: Bool) -> Double {
        if p.isNaN { return .nan }
        // Lower-tail probability bookkeeping.
        if logP {
            if p > 0 { return .nan }
            if p == 0 { return upper ? -.infinity : .infinity }
            if p == -.infinity { return upper ? .infinity : -.infinity }
        } else {
            if p < 0 || p > 1 { return .nan }
            if p == 0 { return upper ? .infinity : -.infinity }
            if p == 1 { return upper ? -.infinity : .infinity }
        }
        // Lower-tail probability pLower (not exponentiated when tiny) and its complement.
        let pLower: Double
        if logP {
            pLower = upper ? -Foundation.expm1(p) : Foundation.exp(p)
        } else {
            pLower = upper ? (0.5 - p) + 0.5 : p
        }
        let qq = pLower - 0.5
        if abs(qq) <= 0.425 {
            let r = 0.180625 - qq * qq
            let num = (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
                + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                + 133.14166789178437745) * r + 3.387132872796366608)
            let den = (((((((r * 5226.495278852854561 + 28729.085735721942674) * r + 39307.89580009271061) * r
                + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                + 42.313330701600911252) * r + 1)
            return qq * num / den
        }
        // log of the smaller tail probability, computed from the input without cancellation.
        let lowerIsSmall = qq < 0
        let logSmall: Double
        if logP {
            // p is log(lower) if !upper, log(upper) otherwise.
            let givenIsSmall = (lowerIsSmall != upper)
            logSmall = givenIsSmall ? p : Foundation.log(-Foundation.expm1(p))
        } else {
            let givenIsSmall = (lowerIsSmall != upper)
            logSmall = givenIsSmall ? Foundation.log(p) : Foundation.log1p(-p)
        }
        let r = (-logSmall).squareRoot()
        var z: Double
        if r > 316 {
            // Far beyond AS 241: asymptotic start.
            let t = -2 * logSmall
            z = (t - Foundation.log(2 * Double.pi * t)).squareRoot()
        } else if r <= 5 {
            let s = r - 1.6
            let num = (((((((s * 7.7454501427834140764e-4 + 0.0227238449892691845833) * s
                + 0.24178072517745061177) * s + 1.27045825245236838258) * s + 3.64784832476320460504) * s
                + 5.7694972214606914055) * s + 4.6303378461565452959) * s + 1.42343711074968357734)
            let den = (((((((s * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * s
                + 0.0151986665636164571966) * s + 0.14810397642748007459) * s + 0.68976733498510000455) * s
                + 1.6763848301838038494) * s + 2.05319162663775882187) * s + 1)
            z = num / den
            return lowerIsSmall ? -z : z
        } else {
            let s = r - 5
            let num = (((((((s * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * s
                + 0.0012426609473880784386) * s + 0.026532189526576123093) * s + 0.29656057182850489123) * s
                + 1.7848265399172913358) * s + 5.4637849111641143699) * s + 6.6579046435011037772)
            let den = (((((((s * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * s
                + 1.8463183175100546818e-5) * s + 7.868691311456132591e-4) * s + 0.0148753612908506148525) * s
                + 0.13692988092273580531) * s + 0.59983220655588793769) * s + 1)
            z = num / den
        }
        // Newton polishing on log Φ(−z) = logSmall, z > 0.
        let steps = r > 316 ? 6 : 1
        for _ in 0..<steps {
            let l = cdf(-z, upper: false, log: true)
            let step = (l - logSmall) * Foundation.exp(l - logDensity(z))
            z += step
            if abs(step) <= 1e-17 * z { break }
        }
        return lowerIsSmall ? -z : z
    }
}
