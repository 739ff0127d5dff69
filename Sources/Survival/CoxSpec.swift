public import Formulas

/// A Cox proportional-hazards model specification: formula, tie handling and fitting options — a value, fitted
/// by ``fit(_:)`` into an immutable ``CoxFit``. Follows R's `coxph` (survival package, Therneau 2024):
/// `Surv(time, event) ~ terms + strata(s) + cluster(id) + offset(z)`, or `Surv(start, stop, event)` for
/// counting-process data (time-varying covariates, delayed entry).
public struct CoxSpec: Sendable {
    /// The formula items a Cox model fits: fixed effects, `offset()`, `strata()` and `cluster()` (robust
    /// standard errors by cluster). Random effects (frailties) are refused by name.
    public static let formulaTerms = FormulaTermRule(
        model: "cox", accepts: [.fixedEffect, .offset, .strata, .cluster],
        advice: [.randomEffect: "random effects (frailties) are not fitted by cox; for a separate baseline hazard "
                 + "per group write strata(g), for robust standard errors by group cluster(g), for a fixed effect "
                 + "the column"])

    /// Fitting options; defaults are `coxph.control()`'s.
    public struct Options: Sendable, Equatable {
        /// Maximum Newton–Raphson iterations. Default 20 (`iter.max`).
        public var maxIterations: Int
        /// Convergence: |1 − ℓ_old/ℓ_new| ≤ eps after an un-halved step. Default 1e-9 (`eps`).
        public var tolerance: Double
        /// Pivot tolerance for declaring a column aliased, relative to the largest diagonal of the
        /// information. Default ε^0.75 ≈ 1.8e-12 (`toler.chol`).
        public var choleskyTolerance: Double
        /// Relative tolerance of the infinite-coefficient check. Default √eps (`toler.inf`).
        public var infiniteTolerance: Double
        /// Robust (sandwich, Lin & Wei 1989) variance. nil (default) follows `coxph`: robust when the formula
        /// has a `cluster()` term or the case weights are not all integers. `true` without `cluster()` treats each
        /// row as its own cluster; `false` with a `cluster()` term is an error (R warns and ignores the term,
        /// printing model-based standard errors under a formula that asks for robust ones).
        public var robust: Bool?
        /// Column of case weights (nil: all 1).
        public var weights: String?
        /// Confidence level of the hazard-ratio intervals. Default 0.95.
        public var confidenceLevel: Double
        /// Merge times that differ only by floating-point rounding before finding ties, as R's `aeqSurv`
        /// (``SurvivalData``'s `timefix`). Default true, as `coxph.control(timefix = TRUE)`.
        public var timefix: Bool

        public init(maxIterations: Int = 20, tolerance: Double = 1e-9, choleskyTolerance: Double = 1.8189894035458617e-12,
                    infiniteTolerance: Double? = nil, robust: Bool? = nil, weights: String? = nil,
                    confidenceLevel: Double = 0.95, timefix: Bool = true) {
            self.maxIterations = maxIterations
            self.tolerance = tolerance
            self.choleskyTolerance = choleskyTolerance
            self.infiniteTolerance = infiniteTolerance ?? tolerance.squareRoot()
            self.robust = robust
            self.weights = weights
            self.confidenceLevel = confidenceLevel
            self.timefix = timefix
        }
    }

    public var formula: Formula
    public var ties: CoxTies
    public var options: Options

    public init(formula: Formula, ties: CoxTies = .efron, options: Options = Options()) {
        self.formula = formula
        self.ties = ties
        self.options = options
    }

    /// Parses `formula` (R syntax).
    public init(_ formula: String, ties: CoxTies = .efron, options: Options = Options()) throws(CoxModelError) {
        do {
            self.init(formula: try Formula(parsing: formula), ties: ties, options: options)
        } catch {
            throw .formula(error.description)
        }
    }
}
