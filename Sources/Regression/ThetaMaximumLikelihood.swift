internal import Foundation
import Distributions

/// Maximum-likelihood θ of the NB2 distribution for fixed means, as `MASS::theta.ml` (Venables & Ripley 2002,
/// *Modern Applied Statistics with S*, §7.4): Newton–Raphson on the score
/// U(θ) = Σ wᵢ[ψ(θ + yᵢ) − ψ(θ) + log θ + 1 − log(θ + μᵢ) − (yᵢ + θ)/(μᵢ + θ)] with the expected-minus-observed
/// information I(θ) = Σ wᵢ[−ψ′(θ + yᵢ) + ψ′(θ) − 1/θ + 2/(μᵢ + θ) − (yᵢ + θ)/(μᵢ + θ)²], started at the
/// moment estimate θ₀ = n / Σ wᵢ(yᵢ/μᵢ − 1)², using |θ| at each step, stopping when |Δθ| ≤ ε^¼ or after
/// `limit − 1` steps. The standard error is √(1/I) at the last θ *before* the final step, as MASS reports it.
///
/// ψ and ψ′ are Distributions' digamma and trigamma. Complexity O(n) per step.
enum ThetaMaximumLikelihood {
    struct Estimate {
        var theta: Double
        var standardError: Double
        var warnings: [String]
    }

    static func estimate(y: [Double], mu: [Double], weights w: [Double], limit: Int) -> Estimate {
        var n = 0.0
        for x in w { n += x }
        var denom = 0.0
        for i in y.indices { let r = y[i] / mu[i] - 1; denom += w[i] * r * r }
        var t0 = n / denom
        var it = 0
        var del = 1.0
        var info = Double.nan
        let eps = pow(Double.ulpOfOne, 0.25)
        while true {
            it += 1
            guard it < limit && Swift.abs(del) > eps else { break }
            t0 = Swift.abs(t0)
            var score = 0.0, inf = 0.0
            let dg = SpecialFunctions.digamma(t0), tg = SpecialFunctions.trigamma(t0), lt = Foundation.log(t0)
            for i in y.indices {
                let a = t0 + y[i], b = mu[i] + t0
                score += w[i] * (SpecialFunctions.digamma(a) - dg + lt + 1 - Foundation.log(b) - a / b)
                inf += w[i] * (-SpecialFunctions.trigamma(a) + tg - 1 / t0 + 2 / b - a / (b * b))
            }
            info = inf
            del = score / inf
            t0 += del
        }
        var warnings: [String] = []
        if t0 < 0 { t0 = 0; warnings.append("theta estimate truncated at zero") }
        if it == limit { warnings.append("theta iteration limit reached") }
        return Estimate(theta: t0, standardError: (1 / info).squareRoot(), warnings: warnings)
    }
}
