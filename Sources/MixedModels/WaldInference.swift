internal import Reporting

/// Wald z inference for fixed effects: z = β̂/SE, p = 2·Φ(−|z|), interval β̂ ± Φ⁻¹(0.975)·SE (lme4's
/// `confint(method = "Wald")`), computed by the shared ``CoefficientTable/wald(terms:estimates:standardErrors:distribution:confidenceLevel:exponentiatedName:levelCounts:groups:groupColumn:)``.
enum WaldInference {
    static func effects(names: [String], estimates: [Double], covariance: [Double]) -> [FixedEffect] {
        let p = estimates.count
        let se = (0..<p).map { k in covariance[k + k * p] >= 0 ? covariance[k + k * p].squareRoot() : .nan }
        return CoefficientTable.wald(terms: names, estimates: estimates, standardErrors: se, distribution: .normal).rows.map { r in
            FixedEffect(term: r.term, estimate: r.estimate, standardError: r.standardError, statistic: r.statistic,
                        pValue: r.pValue, confLow: r.confLow, confHigh: r.confHigh)
        }
    }

    /// The two-sided 95% normal quantile, Φ⁻¹(0.975), for the Wald intervals of variance components.
    static var z975: Double { ReferenceDistribution.normal.criticalValue(level: 0.95) }
}
