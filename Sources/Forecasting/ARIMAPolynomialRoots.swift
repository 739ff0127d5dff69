internal import Foundation

/// R's ARIMA root checks on top of ``PolynomialRoots``: stationarity of the AR part, MA inversion, and the smallest
/// root modulus forecast's `myarima` compares with 1.01.
enum ARIMAPolynomialRoots {
    typealias Complex = PolynomialRoots.Complex
    static func roots(_ coefficients: [Double]) -> [Complex] { PolynomialRoots.roots(coefficients) }

    /// R's `arCheck`: the AR polynomial 1 − φ₁z − … − φ_p z^p has all roots outside the unit circle.
    static func isStationary(_ ar: [Double]) -> Bool {
        var last = -1
        for (i, v) in ar.enumerated() where v != 0 { last = i }
        if last < 0 { return true }
        let c = [1.0] + ar[0...last].map { -$0 }
        return roots(c).allSatisfy { $0.modulus > 1 }
    }

    /// R's `maInvert`: reflects roots of 1 + θ₁z + … inside the unit circle to their reciprocals, giving the
    /// invertible MA polynomial with the same autocovariances.
    static func invertMA(_ ma: [Double]) -> [Double] {
        let q = ma.count
        var q0 = 0
        for (i, v) in ma.enumerated() where v != 0 { q0 = i + 1 }
        if q0 == 0 { return ma }
        var rts = roots([1.0] + Array(ma[0..<q0]))
        let inside = rts.map { $0.modulus < 1 }
        if !inside.contains(true) { return ma }
        if q0 == 1 { return [1 / ma[0]] + [Double](repeating: 0, count: q - q0) }
        for i in rts.indices where inside[i] { rts[i] = Complex(re: 1, im: 0) / rts[i] }
        var x = [Complex(re: 1, im: 0)]
        for r in rts {
            // x <- c(x, 0) - c(0, x) / r
            var next = x + [Complex(re: 0, im: 0)]
            for k in 0..<x.count { next[k + 1] = next[k + 1] - x[k] / r }
            x = next
        }
        return x.dropFirst().map(\.re) + [Double](repeating: 0, count: q - q0)
    }

    /// forecast's `myarima` root check: the smallest root modulus of the AR (sign −) or MA (sign +) polynomial,
    /// after dropping coefficients below 1e-8 in magnitude at the end; 2 when there is none.
    static func minimumRootModulus(_ coefficients: [Double], sign: Double) -> Double {
        var last = -1
        for (i, v) in coefficients.enumerated() where abs(v) > 1e-8 { last = i }
        if last < 0 { return 2 }
        let c = [1.0] + coefficients[0...last].map { sign * $0 }
        return roots(c).reduce(2.0) { min($0, $1.modulus) }
    }
}
