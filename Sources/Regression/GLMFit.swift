public import Formulas
internal import LinearAlgebra
internal import Distributions
internal import Foundation
internal import Reporting

/// A fitted generalised linear model: an immutable value recording the estimates, their model-based
/// covariance, the fit statistics R reports, and how the fit went (iterations, convergence, warnings).
///
/// Conventions are R's `glm` + `summary.glm` (`MASS::glm.nb` for the negative binomial with estimated θ):
/// - `dispersion` φ is 1 for binomial, Poisson and negative binomial, else the Pearson statistic
///   Σ wᵢrᵢ²/(n_ok − rank) over the working weights wᵢ and working residuals rᵢ (R's `summary.glm`);
/// - the covariance is φ·(XₑᵀWXₑ)⁻¹ with the working weights W of the final IRLS iteration (cluster-robust
///   instead when the formula has a `cluster()` term: ``resolvedCovariance(_:)``);
/// - `aic` is the family's `aic()` + 2·rank (−2ℓ + 2(rank + 1) for glm.nb); `logLikelihood` is
///   (rank + [φ estimated]) − AIC/2, R's `logLik.glm`; `bic` = −2ℓ + log(n)·df with n the rows of the fit
///   (zero-weight rows included: R's `BIC` takes n from `logLik.glm`'s "nobs", the non-NA residuals) and df the
///   log-likelihood's degrees of freedom;
/// - `deviance` Σ dᵢ(yᵢ, μᵢ); `nullDeviance` of the intercept-only model (refitted by IRLS when there is an
///   offset, as R does).
public struct GLMFit: Sendable {
    /// The specification that was fitted.
    public let model: GLMSpec
    /// The family as fitted; for glm.nb the estimated θ is filled in.
    public let family: GLMFamily
    /// Design column names, one per coefficient (aliased ones included).
    public let terms: [String]
    /// Estimates on the link scale, nil for an aliased column (R's NA).
    public let estimates: [Double?]
    /// The coefficient table with the covariance the formula asks for: model-based, or cluster-robust when the
    /// formula has a `cluster()` term (``resolvedCovariance(_:)``).
    public internal(set) var coefficients: [GLMCoefficient]
    /// Indices (into ``terms``) of the estimated columns, in the row/column order of the covariance matrices.
    public let estimableColumns: [Int]
    public let rank: Int
    /// Rows of the data used (after dropping rows with missing values).
    public let observations: Int
    /// Rows with non-zero prior weight (R's `nobs.glm`; the residual degrees of freedom count these).
    public let weightedObservations: Int
    public let dfResidual: Int
    public let dfNull: Int
    public let deviance: Double
    public let nullDeviance: Double
    public let dispersion: Double
    public let aic: Double
    public let bic: Double
    public let logLikelihood: Double
    /// Degrees of freedom of the log-likelihood (rank, + 1 for an estimated dispersion or θ).
    public let logLikelihoodDF: Int
    /// IRLS iterations of the final fit (for glm.nb: of the last IRLS run; see ``alternations``).
    public let iterations: Int
    /// Iterations of the final IRLS run solved by the cross-product/Cholesky path (the others by QR: all of
    /// them with ``GLMSolver/qr``, or after the condition check sent the fit back to QR).
    public let crossProductIterations: Int
    /// glm.nb's θ/IRLS alternations (0 for other families).
    public let alternations: Int
    public let converged: Bool
    /// True when step halving left the fit on the boundary of the valid region.
    public let boundary: Bool
    /// Warnings in R's wording (non-convergence, fitted probabilities 0/1, step halving) and CareStat's
    /// separation diagnosis.
    public let warnings: [String]
    /// Estimated θ (glm.nb) or the fixed θ (negative binomial with a given θ); nil otherwise.
    public let theta: Double?
    /// glm.nb's standard error of θ, √(1/I(θ)) from `theta.ml`; nil when θ was fixed.
    public let thetaStandardError: Double?
    /// Separation found for a binomial model (nil when none).
    public let separation: SeparationDiagnosis?
    /// Fitted means μ, linear predictor η (offset included), the response as fitted (proportions for
    /// binomial), prior weights (× trials for `cbind` responses), working weights and working residuals.
    public let fittedValues: [Double]
    public let linearPredictor: [Double]
    public let response: [Double]
    public let priorWeights: [Double]
    public let workingWeights: [Double]
    public let workingResiduals: [Double]
    /// Rows dropped for missing values.
    public let missing: MissingRowReport
    /// The design matrix the model was fitted on.
    public let design: DesignMatrix
    /// 0-based indices of the data rows used.
    public let rows: [Int]
    /// The `cluster()` grouping of the formula, if any (for cluster-robust variances).
    public let cluster: Grouping?
    /// (XₑᵀWXₑ)⁻¹ (without the dispersion) over ``estimableColumns``.
    let unscaledCovariance: Matrix

    init(model: GLMSpec, family: GLMFamily, design: DesignMatrix, frame: ModelFrame,
         irls: IRLSResult, setup: FamilySetup, nullDeviance: Double, aic: Double,
         logLikelihood: Double, logLikelihoodDF: Int, alternations: Int, theta: Double?, thetaSE: Double?,
         separation: SeparationDiagnosis?, extraWarnings: [String]) {
        self.model = model
        self.family = family
        self.design = design
        terms = design.columnNames
        estimates = irls.coefficients
        estimableColumns = irls.estimable
        rank = irls.rank
        observations = frame.rowCount
        rows = frame.rows
        missing = frame.missing
        cluster = frame.cluster
        let zeroWeights = setup.weights.filter { $0 == 0 }.count
        weightedObservations = setup.weights.count - zeroWeights
        dfResidual = weightedObservations - irls.rank
        dfNull = weightedObservations - (design.columnNames.first == "(Intercept)" ? 1 : 0)
        deviance = irls.deviance
        self.nullDeviance = nullDeviance
        if family.estimatesDispersion {
            if dfResidual > 0 {
                var s = 0.0
                for i in irls.workingWeights.indices where irls.workingWeights[i] > 0 {
                    s += irls.workingWeights[i] * irls.workingResiduals[i] * irls.workingResiduals[i]
                }
                dispersion = s / Double(dfResidual)
            } else {
                dispersion = .nan
            }
        } else {
            dispersion = 1
        }
        self.aic = aic
        self.logLikelihood = logLikelihood
        self.logLikelihoodDF = logLikelihoodDF
        bic = -2 * logLikelihood + Foundation.log(Double(frame.rowCount)) * Double(logLikelihoodDF)
        iterations = irls.iterations
        crossProductIterations = irls.crossProductIterations
        self.alternations = alternations
        converged = irls.converged
        boundary = irls.boundary
        var w = setup.warnings + irls.warnings + extraWarnings
        if let s = separation { w.append(s.message) }
        warnings = w
        self.theta = theta
        thetaStandardError = thetaSE
        self.separation = separation
        fittedValues = irls.mu
        linearPredictor = irls.eta
        response = setup.y
        priorWeights = setup.weights
        workingWeights = irls.workingWeights
        workingResiduals = irls.workingResiduals
        unscaledCovariance = irls.unscaledCovariance
        coefficients = GLMFit.table(terms: design.columnNames, estimates: irls.coefficients, estimable: irls.estimable,
                                    covariance: irls.unscaledCovariance, scale: dispersion,
                                    family: family, dfResidual: dfResidual)
    }

    /// Names of the estimated columns, in covariance order.
    public var estimableTerms: [String] { estimableColumns.map { terms[$0] } }

    /// The coefficient table for a covariance matrix over ``estimableColumns`` (scale multiplies it).
    static func table(terms: [String], estimates: [Double?], estimable: [Int], covariance: Matrix, scale: Double,
                      family: GLMFamily, dfResidual: Int) -> [GLMCoefficient] {
        var position = [Int: Int]()
        for (k, j) in estimable.enumerated() { position[j] = k }
        let b = terms.indices.map { j in position[j] == nil ? .nan : (estimates[j] ?? .nan) }
        let se = terms.indices.map { j in position[j].map { (scale * covariance[$0, $0]).squareRoot() } ?? .nan }
        let wald = CoefficientTable.wald(
            terms: terms, estimates: b, standardErrors: se,
            distribution: family.estimatesDispersion ? .t(df: Double(dfResidual)) : .normal)
        return wald.rows.map { r in
            GLMCoefficient(term: r.term, estimate: r.estimate, standardError: r.standardError, statistic: r.statistic,
                           pValue: r.pValue, confidenceLow: r.confLow, confidenceHigh: r.confHigh)
        }
    }
}

