internal import Foundation

/// Complex roots of real polynomials, for the stationarity and invertibility checks of ARIMA models (R's `polyroot`
/// in `arima`'s `arCheck` and `maInvert` and in forecast's `myarima` root check).
///
/// Aberth–Ehrlich simultaneous iteration from points on a circle of the Cauchy radius, then Newton polishing of each
/// root on the original polynomial. The checks only compare root moduli with 1 (or 1.01), so the method need not be
/// R's Jenkins–Traub; it must only be accurate, which polishing makes it to a few ulps for simple roots.
enum ARIMAPolynomialRoots {
    struct Complex: Equatable {
        var re: Double
        var im: Double
        static func + (a: Complex, b: Complex) -> Complex { Complex(re: a.re + b.re, im: a.im + b.im) }
        static func - (a: Complex, b: Complex) -> Complex { Complex(re: a.re - b.re, im: a.im - b.im) }
        static func * (a: Complex, b: Complex) -> Complex {
            Complex(re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re)
        }
        static func / (a: Complex, b: Complex) -> Complex {
            let s = abs(b.re) + abs(b.im)
            let ar = a.re / s, ai = a.im / s, br = b.re / s, bi = b.im / s
            let d = br * br + bi * bi
            return Complex(re: (ar * br + ai * bi) / d, im: (ai * br - ar * bi) / d)
        }
        var modulus: Double { hypot(re, im) }
    }

    /// Roots of c[0] + c[1] z + … + c[n] zⁿ, trailing zero coefficients dropped. Empty for a constant.
    static func roots(_ coefficients: [Double]) -> [Complex] {
        var c = coefficients
        while let last = c.last, last == 0 { c.removeLast() }
        let n = c.count - 1
        if n < 1 { return [] }
        if n == 1 { return [Complex(re: -c[0] / c[1], im: 0)] }
        // Monic, highest degree first for Horner.
        let lead = c[n]
        let a = (0...n).map { c[n - $0] / lead }  // a[0] = 1
        var radius = 0.0
        for k in 1...n { radius = max(radius, abs(a[k])) }
        radius = 1 + radius
        // Start on a circle of radius min(Cauchy radius, a geometric-mean estimate), rotated off the real axis.
        let geometric = pow(abs(a[n]), 1.0 / Double(n))
        let r0 = geometric > 0 ? min(radius, max(geometric, 1e-3)) : min(radius, 1)
        var z = (0..<n).map { k -> Complex in
            let angle = 2 * Double.pi * Double(k) / Double(n) + 0.4
            return Complex(re: r0 * cos(angle), im: r0 * sin(angle))
        }
        func evaluate(_ x: Complex) -> (Complex, Complex) {
            var pv = Complex(re: 1, im: 0)
            var dp = Complex(re: 0, im: 0)
            for k in 1...n {
                dp = dp * x + pv
                pv = pv * x + Complex(re: a[k], im: 0)
            }
            return (pv, dp)
        }
        for _ in 0..<500 {
            var maxStep = 0.0
            for i in 0..<n {
                let (pv, dp) = evaluate(z[i])
                if pv.re == 0 && pv.im == 0 { continue }
                let ratio = pv / dp
                var sum = Complex(re: 0, im: 0)
                for j in 0..<n where j != i {
                    sum = sum + Complex(re: 1, im: 0) / (z[i] - z[j])
                }
                let w = ratio / (Complex(re: 1, im: 0) - ratio * sum)
                z[i] = z[i] - w
                maxStep = max(maxStep, w.modulus / max(1, z[i].modulus))
            }
            if maxStep < 1e-15 { break }
        }
        // Newton polishing.
        for i in 0..<n {
            for _ in 0..<3 {
                let (pv, dp) = evaluate(z[i])
                if dp.re == 0 && dp.im == 0 { break }
                let step = pv / dp
                if !(step.re.isFinite && step.im.isFinite) { break }
                z[i] = z[i] - step
            }
        }
        return z
    }

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
