internal import Distributions

/// The test of a nested model against a larger one, as R's `anova(reduced, full, test = ...)`.
public struct ModelComparison: Sendable, Hashable {
    public enum Test: String, Sendable, Hashable {
        /// Likelihood-ratio χ²: (D_reduced − D_full)/φ on Δdf degrees of freedom (R's `test = "Chisq"`), φ the
        /// full model's dispersion (1 for binomial/Poisson). For glm.nb fits (θ estimated in each model) the
        /// statistic is 2(ℓ_full − ℓ_reduced), as `MASS::anova.negbin`.
        case chiSquared = "Chisq"
        /// F = ((D_reduced − D_full)/Δdf)/φ on (Δdf, df_residual of the full model) (R's `test = "F"`), for
        /// families whose dispersion is estimated.
        case f = "F"
    }
    public let test: Test
    /// Deviance reduction D_reduced − D_full (for glm.nb, the LR statistic 2Δℓ).
    public let deviance: Double
    /// Difference in residual degrees of freedom.
    public let df: Int
    /// The χ² or F statistic.
    public let statistic: Double
    /// Denominator degrees of freedom of F (nil for χ²).
    public let denominatorDF: Int?
    public let pValue: Double

    /// Compares `reduced` with `full` (nested, fitted to the same rows). `test` defaults to F for families with
    /// an estimated dispersion (Gaussian, Gamma) and χ² otherwise. Throws when the models are fitted on different
    /// numbers of rows or families, or `reduced` does not have fewer parameters.
    public static func compare(_ reduced: GLMFit, _ full: GLMFit, test: Test? = nil) throws(GLMError) -> ModelComparison {
        guard reduced.weightedObservations == full.weightedObservations else {
            throw .invalidArgument("models are fitted to different numbers of observations (\(reduced.weightedObservations), \(full.weightedObservations))")
        }
        guard reduced.family.name == full.family.name && reduced.family.linkName == full.family.linkName else {
            throw .invalidArgument("models have different families (\(reduced.family), \(full.family))")
        }
        let df = reduced.dfResidual - full.dfResidual
        guard df > 0 else { throw .invalidArgument("the first model must have fewer parameters than the second") }
        let chosen = test ?? (full.family.estimatesDispersion ? .f : .chiSquared)
        if case .negativeBinomial = full.family, full.thetaStandardError != nil {
            let lr = 2 * (full.logLikelihood - reduced.logLikelihood)
            let chi = try? ChiSquared(degreesOfFreedom: Double(df))
            return ModelComparison(test: .chiSquared, deviance: lr, df: df, statistic: lr, denominatorDF: nil,
                                   pValue: lr >= 0 ? chi?.upperTail(lr) ?? .nan : .nan)
        }
        let dev = reduced.deviance - full.deviance
        let phi = full.dispersion
        switch chosen {
        case .chiSquared:
            let stat = dev / phi
            let chi = try? ChiSquared(degreesOfFreedom: Double(df))
            return ModelComparison(test: .chiSquared, deviance: dev, df: df, statistic: stat, denominatorDF: nil,
                                   pValue: stat >= 0 ? chi?.upperTail(stat) ?? .nan : .nan)
        case .f:
            let stat = dev / Double(df) / phi
            let denominator = phi == 1 && !full.family.estimatesDispersion ? Int.max : full.dfResidual
            let dist = try? FisherF(numeratorDF: Double(df),
                                    denominatorDF: denominator == Int.max ? .infinity : Double(denominator))
            return ModelComparison(test: .f, deviance: dev, df: df, statistic: stat,
                                   denominatorDF: denominator == Int.max ? nil : denominator,
                                   pValue: stat >= 0 ? dist?.upperTail(stat) ?? .nan : .nan)
        }
    }
}
