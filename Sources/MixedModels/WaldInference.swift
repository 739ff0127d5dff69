internal import Foundation
internal import Distributions

/// Wald z inference for fixed effects: z = β̂/SE, p = 2·Φ(−|z|), interval β̂ ± Φ⁻¹(0.975)·SE (lme4's
/// `confint(method = "Wald")`).
enum WaldInference {
    static func effects(names: [String], estimates: [Double], covariance: [Double]) -> [FixedEffect] {
        let p = estimates.count
        let z975 = Normal.standard.quantile(0.975)
        return (0..<p).map { k in
            let se = covariance[k + k * p] >= 0 ? covariance[k + k * p].squareRoot() : .nan
            let z = estimates[k] / se
            return FixedEffect(term: names[k], estimate: estimates[k], standardError: se, statistic: z,
                               pValue: 2 * Normal.standard.cdf(-abs(z)),
                               confLow: estimates[k] - z975 * se, confHigh: estimates[k] + z975 * se)
        }
    }
}
