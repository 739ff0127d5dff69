public import LinearAlgebra
internal import Foundation
internal import Distributions

/// A fitted Cox proportional-hazards model (immutable), as R's `coxph` object and `summary.coxph`.
///
/// Coefficients are on the log-hazard scale; aliased (collinear) columns have NaN coefficient and standard
/// errors (R's NA). When the fit is robust (a `cluster()` term or `robust: true`), `variance` is the sandwich
/// estimate and `naiveVariance` the inverse information, and z, p and the intervals use the robust standard
/// errors, as `summary.coxph` does.
public struct CoxFit: Sendable {
    /// Always "coxph".
    public var model: String { "coxph" }
    public let formula: String
    public let ties: CoxTies
    /// Design-column names (intercept removed).
    public let terms: [String]
    /// Model-term labels (`age`, `celltype`, `sex:age`) and, per design column, its 0-based term index.
    public let termLabels: [String]
    public let termIndex: [Int]
    public let coefficients: [Double]
    /// Aliased (collinear) columns, reported as missing.
    public let aliased: [Bool]
    /// The variance used for inference (robust if ``isRobust``), p×p, NaN rows/columns for aliased terms.
    public let variance: Matrix
    /// Inverse of the information at β̂, p×p.
    public let naiveVariance: Matrix
    public let isRobust: Bool
    /// Rows used.
    public let n: Int
    /// Number of events (unweighted, as `coxph`'s `nevent`).
    public let events: Int
    /// Partial log-likelihood at the start (β = 0) and at β̂.
    public let loglikInitial: Double
    public let loglik: Double
    public let iterations: Int
    public let converged: Bool
    public let warnings: [CoxModelWarning]
    public let likelihoodRatioTest: CoxModelTest
    /// Wald test of all coefficients, with the robust variance when robust.
    public let waldTest: CoxModelTest
    /// Score (log-rank for one binary covariate) test at β = 0.
    public let scoreTest: CoxModelTest
    /// Robust score test at β = 0 (only for robust fits), as `coxph`'s `rscore`.
    public let robustScoreTest: CoxModelTest?
    public let confidenceLevel: Double
    /// Case-weighted column means used to centre the covariates (`coxph`'s `means`).
    public let means: [Double]
    /// Stratum labels (empty without strata).
    public let strata: [String]

    let state: CoxFitState
    /// Per design column, the rows where it is 1 when it is a 0/1 indicator (a factor level), nil otherwise: its
    /// coefficient reveals that count (``summary()``).
    public internal(set) var indicatorOnes: [Int?] = []
    /// Per indicator column, the events among the rows where it is 1 (nil for other columns): a level's hazard
    /// ratio and its SE (≈ √(1/d₁ + 1/d₀)) give its events back approximately, so they are counts it reveals.
    public internal(set) var indicatorEvents: [Int?] = []

    /// Standard errors from ``variance`` (robust when robust).
    public var standardErrors: [Double] { (0..<terms.count).map { variance[$0, $0].squareRoot() } }
    /// Standard errors from the inverse information.
    public var naiveStandardErrors: [Double] { (0..<terms.count).map { naiveVariance[$0, $0].squareRoot() } }
    /// exp(β).
    public var hazardRatios: [Double] { coefficients.map { exp($0) } }
    /// Number of estimated (non-aliased) coefficients.
    public var rank: Int { aliased.lazy.filter { !$0 }.count }
    /// AIC = −2ℓ + 2·rank, as `AIC(coxph)`.
    public var aic: Double { -2 * loglik + 2 * Double(rank) }
    /// z = β/SE.
    public var zStatistics: [Double] { zip(coefficients, standardErrors).map { $0 / $1 } }
    /// Two-sided normal p-values 2Φ(−|z|).
    public var pValues: [Double] {
        zStatistics.map { z in z.isNaN ? .nan : 2 * Normal.standard.cdf(-abs(z)) }
    }
    /// Confidence limits for β (log-hazard scale): β ± z_{1−α/2}·SE.
    public var confidenceIntervals: [(lower: Double, upper: Double)] {
        let q = Normal.standard.quantile(0.5 + confidenceLevel / 2)
        return zip(coefficients, standardErrors).map { ($0 - q * $1, $0 + q * $1) }
    }
}

/// What a fit keeps for residuals, the PH test, concordance and prediction: the sorted kernel input and β̂
/// with aliased entries set to 0.
struct CoxFitState: Sendable {
    let kernel: CoxKernel
    let beta: [Double]
    let cluster: [Int]?
}
