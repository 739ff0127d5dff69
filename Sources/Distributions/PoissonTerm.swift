internal import Foundation

/// The Poisson "density" λᵏ e^{−λ} / Γ(k + 1) for real k ≥ 0, and the unit gamma density
/// x^{a−1} e^{−x} / Γ(a) built on it — the saddle-point forms of Loader (2000) that R's `dpois_raw` and
/// `dgamma` use, accurate in relative terms far into both tails.
enum PoissonTerm {
    /// log(λᵏ e^{−λ} / Γ(k + 1)).
    ///
    /// For k ≥ 1: −δ(k) − bd0(k, λ) − ½ log(2πk) (Loader 2000), with δ the Stirling error; each piece is
    /// computed without cancellation. For 0 ≤ k < 1 the direct k log λ − λ − log Γ(1 + k), whose terms have
    /// the same sign whenever they are large.
    static func log(_ k: Double, _ lambda: Double) -> Double {
        if k.isNaN || lambda.isNaN || k < 0 || lambda < 0 { return .nan }
        if lambda == 0 { return k == 0 ? 0 : -.infinity }
        if lambda == .infinity { return -.infinity }
        if k == 0 { return -lambda }
        if k == .infinity { return -.infinity }
        if k < 1 {
            return k * Foundation.log(lambda) - lambda - SpecialFunctions.logGamma1p(k)
        }
        return -SpecialFunctions.stirlingError(k) - SpecialFunctions.bd0(k, lambda)
            - 0.5 * Foundation.log(2 * Double.pi * k)
    }

    /// λᵏ e^{−λ} / Γ(k + 1) = exp(−δ(k) − bd0(k, λ)) / √(2πk) (Loader 2000).
    static func value(_ k: Double, _ lambda: Double) -> Double {
        if k.isNaN || lambda.isNaN || k < 0 || lambda < 0 { return .nan }
        if lambda == 0 { return k == 0 ? 1 : 0 }
        if lambda == .infinity || k == .infinity { return 0 }
        if k == 0 { return Foundation.exp(-lambda) }
        if k < 1 { return Foundation.exp(log(k, lambda)) }
        return Foundation.exp(-SpecialFunctions.stirlingError(k) - SpecialFunctions.bd0(k, lambda))
            / (2 * Double.pi * k).squareRoot()
    }

    /// log(x^{a−1} e^{−x} / Γ(a)), the log density of Gamma(a, rate 1) at x > 0.
    ///
    /// For a ≥ 1 this is `log(a − 1, x)` (a − 1 is exact). For a < 1, (a − 1) log x − x − log Γ(a):
    /// the absolute error of that sum is a few ulps of its largest term, which is what the exponential's
    /// relative error depends on.
    static func logGammaUnit(_ a: Double, _ x: Double) -> Double {
        if a >= 1 { return log(a - 1, x) }
        return (a - 1) * Foundation.log(x) - x - SpecialFunctions.logGamma(a)
    }

    /// x^{a−1} e^{−x} / Γ(a).
    static func gammaUnit(_ a: Double, _ x: Double) -> Double {
        if a >= 1 { return value(a - 1, x) }
        return Foundation.exp(logGammaUnit(a, x))
    }
}
