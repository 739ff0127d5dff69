import Distributions
import Foundation

/// The published formulas for funnel-plot control limits, one function each (Spiegelhalter 2005; FunnelPlotR
/// `R/calculate_limits.R`; PHE Fingertips). Probabilities are lower-tail: the lower limit at level L% uses
/// `p = α/2`, the upper `p = 1 − α/2`, with `α = 1 − L/100`.
enum FunnelLimitFormulas {
    /// The two-sided standard-normal multiplier of a level in percent: `Φ⁻¹(1 − α/2)` (1.959964 at 95%, 3.090232
    /// at 99.8%).
    static func zMultiplier(levelPercent: Double) -> Double {
        Normal.standard.quantile(1 - (1 - levelPercent / 100) / 2)
    }

    /// Spiegelhalter (2005), appendix A.1.1: the `p`-quantile of a proportion with denominator `n` and target θ0,
    /// interpolated between the binomial's steps. With `r` the smallest count whose CDF `F(r) ≥ p`,
    /// `α = (F(r) − p) / (F(r) − F(r − 1))` and the limit is `(r − α)/n`. When `r = 0` the formula gives a value
    /// in (−1/n, 0]; a proportion cannot be negative, so the limit is clamped at 0 (tiny denominators).
    static func exactBinomial(n: Int, target: Double, p: Double) -> Double {
        guard let b = try? Binomial(trials: n, probability: target) else { return .nan }
        let r = Int(b.quantile(p))
        let fr = b.cdf(r)
        let frm1 = r > 0 ? b.cdf(r - 1) : 0
        let alpha = (fr - p) / (fr - frm1)
        return max(0, (Double(r) - alpha) / Double(n))
    }

    /// Spiegelhalter (2005), appendix A.1, for a Poisson count with mean `E`: as ``exactBinomial(n:target:p:)``
    /// with `F` the Poisson CDF, on the ratio scale `(r − α)/E`, clamped at 0.
    static func exactPoisson(expected e: Double, p: Double) -> Double {
        guard let d = try? Poisson(mean: e) else { return .nan }
        let r = Int(d.quantile(p))
        let fr = d.cdf(r)
        let frm1 = r > 0 ? d.cdf(r - 1) : 0
        let alpha = (fr - p) / (fr - frm1)
        return max(0, (Double(r) - alpha) / e)
    }

    /// FunnelPlotR's exact Poisson limits of an indirectly standardised ratio with expected count `E` (FunnelPlotR, PHE):
    /// lower `χ²_{p}(2E)/(2E) = qgamma(p, E)/E`, upper `χ²_{p}(2(E+1))/(2E) = qgamma(p, E + 1)/E`.
    static func exactPoissonRatio(expected e: Double, p: Double, upper: Bool) -> Double {
        let shape = upper ? e + 1 : e
        guard let g = try? GammaDistribution(shape: shape, rate: 1) else { return .nan }
        return g.quantile(p) / e
    }

    /// The Wilson score interval of a proportion θ0 observed on `n` at multiplier `z` (PHE's proportion funnels):
    /// `(2nθ0 + z² ± z·√(z² + 4nθ0(1 − θ0))) / (2(n + z²))`.
    static func wilson(n: Double, target t: Double, z: Double) -> (low: Double, high: Double) {
        let centre = 2 * n * t + z * z
        let half = z * (z * z + 4 * n * t * (1 - t)).squareRoot()
        let d = 2 * (n + z * z)
        return ((centre - half) / d, (centre + half) / d)
    }
}
