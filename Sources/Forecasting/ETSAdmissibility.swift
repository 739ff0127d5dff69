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
        return PolynomialRoots.maximumModulus(coefficients) <= 1 + 1e-10
    }
}
