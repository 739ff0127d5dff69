import Foundation

/// R forecast's parameter checks for ETS (`check.param` and `admissible`): the usual region and the admissible
/// (forecastable) region of Hyndman et al. (2008, ch. 10; Hyndman, Akram & Archibald 2008).
enum ETSAdmissibility {
    /// R's `check.param`. `beta`, `gamma`, `phi` are `nil` when the model lacks them; `period` is 1 for
    /// non-seasonal models.
    static func check(alpha: Double, beta: Double?, gamma: Double?, phi: Double?, bounds: ETSBounds,
                      limits: ETSParameterBounds, period: Int) -> Bool {
        let usual: Bool, admissibleRegion: Bool
        switch bounds {
        case .both: usual = true; admissibleRegion = true
        case .usual: usual = true; admissibleRegion = false
        case .admissible: usual = false; admissibleRegion = true
        }
        if usual {
            let lower = limits.lower, upper = limits.upper
            if alpha < lower[0] || alpha > upper[0] { return false }
            if let beta, beta < lower[1] || beta > alpha || beta > upper[1] { return false }
            if let phi, phi < lower[3] || phi > upper[3] { return false }
            if let gamma, gamma < lower[2] || gamma > 1 - alpha || gamma > upper[2] { return false }
        }
        if admissibleRegion {
            if !admissible(alpha: alpha, beta: beta, gamma: gamma, phi: phi, period: period) { return false }
        }
        return true
    }

    /// R's `admissible`: the characteristic-polynomial conditions, with its tolerances (φ ≤ 1 + 1e-8; roots of
    /// modulus ≤ 1 + 1e-10).
    static func admissible(alpha: Double, beta: Double?, gamma: Double?, phi: Double?, period m: Int) -> Bool {
        let phi = phi ?? 1
        if phi < 0 || phi > 1 + 1e-8 { return false }
        guard let gamma else {
            if alpha < 1 - 1 / phi || alpha > 1 + 1 / phi { return false }
            if let beta, beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha) { return false }
            return true
        }
        guard m > 1 else { return true }
        let beta = beta ?? 0
        let md = Double(m)
        if gamma < max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha { return false }
        if alpha < 1 - 1 / phi - gamma * (1 - md + phi + phi * md) / (2 * phi * md) { return false }
        if beta < -(1 - phi) * (gamma / md + alpha) { return false }
        // P(z) = φ(1−α−γ) + (α+β−αφ+γ−1) z + (α+β−αφ)(z² + … + z^{m−1}) + (α+β−φ) z^m + z^{m+1}.
        var coefficients = [phi * (1 - alpha - gamma), alpha + beta - alpha * phi + gamma - 1]
        for _ in 0..<(m - 2) { coefficients.append(alpha + beta - alpha * phi) }
        coefficients.append(alpha + beta - phi)
        coefficients.append(1)
        return PolynomialRoots.maximumModulus(increasing: coefficients) <= 1 + 1e-10
    }
}

/// Roots of a real polynomial by the Aberth–Ehrlich simultaneous iteration, each root then polished by Newton's
/// method on the undeflated polynomial (so a simple root on the unit circle is found to about 1e-15, as R's
/// `polyroot` finds it).
enum PolynomialRoots {
    struct Complex {
        var re: Double
        var im: Double
        static func + (a: Complex, b: Complex) -> Complex { Complex(re: a.re + b.re, im: a.im + b.im) }
        static func - (a: Complex, b: Complex) -> Complex { Complex(re: a.re - b.re, im: a.im - b.im) }
        static func * (a: Complex, b: Complex) -> Complex {
            Complex(re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re)
        }
        static func / (a: Complex, b: Complex) -> Complex {
            let d = b.re * b.re + b.im * b.im
            return Complex(re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d)
        }
        var modulus: Double { (re * re + im * im).squareRoot() }
    }

    /// The largest root modulus of c₀ + c₁z + … + c_d z^d (c_d ≠ 0). Trailing zero high-order coefficients are
    /// dropped as R's `polyroot` drops them.
    static func maximumModulus(increasing c: [Double]) -> Double {
        var c = c
        while let last = c.last, last == 0, c.count > 1 { c.removeLast() }
        let d = c.count - 1
        guard d >= 1 else { return 0 }
        let roots = self.roots(increasing: c)
        return roots.map(\.modulus).max() ?? 0
    }

    static func roots(increasing c: [Double]) -> [Complex] {
        let d = c.count - 1
        let lead = c[d]
        let a = c.map { $0 / lead }
        func evaluate(_ z: Complex) -> (p: Complex, dp: Complex) {
            var p = Complex(re: a[d], im: 0), dp = Complex(re: 0, im: 0)
            var k = d - 1
            while k >= 0 {
                dp = dp * z + p
                p = p * z + Complex(re: a[k], im: 0)
                k -= 1
            }
            return (p, dp)
        }
        // Starting points on a circle of the Cauchy-bound-ish radius, rotated off the real axis.
        var radius = 0.0
        for k in 0..<d { radius = max(radius, pow(abs(a[k]), 1 / Double(d - k))) }
        radius = max(radius, 1e-3)
        var z = (0..<d).map { k -> Complex in
            let angle = 2 * Double.pi * Double(k) / Double(d) + 0.4
            return Complex(re: radius * cos(angle), im: radius * sin(angle))
        }
        for _ in 0..<500 {
            var maxStep = 0.0
            for i in 0..<d {
                let (p, dp) = evaluate(z[i])
                if p.re == 0 && p.im == 0 { continue }
                let ratio = p / dp
                var sum = Complex(re: 0, im: 0)
                for j in 0..<d where j != i {
                    sum = sum + Complex(re: 1, im: 0) / (z[i] - z[j])
                }
                let w = ratio / (Complex(re: 1, im: 0) - ratio * sum)
                if w.re.isFinite && w.im.isFinite {
                    z[i] = z[i] - w
                    maxStep = max(maxStep, w.modulus / max(1, z[i].modulus))
                }
            }
            if maxStep < 1e-15 { break }
        }
        // Newton polish on the original polynomial.
        for i in 0..<d {
            for _ in 0..<5 {
                let (p, dp) = evaluate(z[i])
                if dp.modulus == 0 { break }
                let step = p / dp
                if !(step.re.isFinite && step.im.isFinite) { break }
                z[i] = z[i] - step
                if step.modulus <= 1e-17 * max(1, z[i].modulus) { break }
            }
        }
        return z
    }
}
