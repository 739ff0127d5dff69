internal import Foundation

/// Complex roots of real polynomials, for the stationarity and invertibility checks of ARIMA (R's `polyroot` in
/// `arima`'s `arCheck` and `maInvert` and in forecast's `myarima` root check) and the admissibility check of ETS
/// (forecast's `admissible`).
///
/// Aberth–Ehrlich simultaneous iteration from points on a circle of the Cauchy radius, then Newton polishing of each
/// root on the original polynomial. The checks only compare root moduli with 1 (or 1.01), so the method need not be
/// R's Jenkins–Traub; it must only be accurate, which polishing makes it to a few ulps for simple roots.
/// Cost: O(n²) per sweep, at most 500 sweeps, for degree n (n ≤ a seasonal period plus 2 here).
enum PolynomialRoots {
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

    /// The largest root modulus of c₀ + c₁z + … + c_d z^d (0 for a constant), trailing zero coefficients dropped as
    /// R's `polyroot` drops them: the ETS admissibility check.
    static func maximumModulus(_ coefficients: [Double]) -> Double {
        roots(coefficients).map(\.modulus).max() ?? 0
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
                guard w.re.isFinite && w.im.isFinite else { continue }
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
}
