internal import Foundation

extension SpecialFunctions {
    /// log(1 + x) − x, accurate also for x near 0, where the two terms cancel.
    ///
    /// For −0.79149064 ≤ x ≤ 1 (the range used by Loader-type saddle-point formulas) the value is evaluated
    /// as r·(2y·S(y) − x) with r = x / (2 + x), y = r² and S(y) = Σ_{k≥0} yᵏ / (2k + 3), which follows from
    /// log(1 + x) = 2 artanh(r) = 2r(1 + y/3 + y²/5 + …) and x − 2r = r·x. Every term has the same sign, so
    /// nothing cancels; y ≤ 0.43 so at most ~45 terms are needed. Outside that range log1p(x) − x has no
    /// cancellation worth speaking of. The split point −0.79149064 is the one used by R's `log1pmx`.
    ///
    /// - Returns: NaN for NaN or x < −1, −∞ for x = −1 and for x = +∞.
    /// - Complexity: O(1) (a bounded series).
    public static func log1pmx(_ x: Double) -> Double {
        if x.isNaN || x < -1 { return .nan }
        if x == -1 || x == .infinity { return -.infinity }
        if x > 1 || x < -0.79149064 { return Foundation.log1p(x) - x }
        if x == 0 { return 0 }
        let r = x / (2 + x)
        let y = r * r
        if abs(x) < 1e-2 {
            // Short Horner form of the same series (y < 2.6e-5, five terms reach 1e-25 relative).
            let s = (((2.0 / 11 * y + 2.0 / 9) * y + 2.0 / 7) * y + 2.0 / 5) * y + 2.0 / 3
            return r * (y * s - x)
        }
        var sum = 0.0
        var power = 1.0
        var k = 0.0
        while k < 200 {
            let term = power / (2 * k + 3)
            sum += term
            if term < 1e-17 * sum { break }
            power *= y
            k += 1
        }
        return r * (2 * y * sum - x)
    }
}
