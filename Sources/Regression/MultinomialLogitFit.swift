public import LinearAlgebra
public import Optimization
public import Formulas
import Foundation

/// A fitted multinomial (baseline-category) logit model (see ``MultinomialLogitSpec``). Immutable; render it
/// with ``tables()`` or ``json()``.
public struct MultinomialLogitFit: Sendable {
    /// The spec that was fitted.
    public let spec: MultinomialLogitSpec
    /// The response name and its non-empty categories; the first is the baseline.
    public let responseName: String
    public let responseLevels: [String]
    /// Design column names (with `(Intercept)` when the formula has one).
    public let terms: [String]
    /// β for each non-baseline category (``CategoricalCoefficient/responseLevel``) and design column, category
    /// by category (`vcov(multinom)` order).
    public let coefficients: [CategoricalCoefficient]
    /// The covariance behind the standard errors, in the order of ``coefficients``: ``modelCovariance`` or the
    /// sandwich that ``variance`` names; NaN if the information is not positive definite.
    public let covariance: Matrix
    /// Inverse observed information (the model-based covariance, as `summary(multinom)` uses), same order.
    public let modelCovariance: Matrix
    /// The variance used: the spec's, with `.model` turned into `.cluster(col)` by a `cluster(col)` term.
    public let variance: CategoricalVariance
    /// The number of clusters G of a cluster-robust variance (nil otherwise).
    public let clusterCount: Int?
    /// The maximised log-likelihood Σ wᵢ log P(Yᵢ = yᵢ).
    public let logLikelihood: Double
    /// −2ℓ + 2(K − 1)p (multinom's AIC).
    public let aic: Double
    /// Rows used (missing values and zero-weight rows excluded).
    public let observationCount: Int
    /// Σ wᵢ.
    public let totalWeight: Double
    /// The Newton–Raphson run.
    public let record: OptimizationRecord
    /// Design columns dropped as aliased.
    public let droppedColumns: [String]
    /// Data caveats, convergence problems and signs of separation, in plain words.
    public let warnings: [String]
    /// The rows dropped for missing values (nil when none was); its description is one of ``warnings``.
    public let missing: MissingRowReport?
    /// Rows dropped for a weight of exactly 0; when positive, one of ``warnings`` says so.
    public let zeroWeightRows: Int
    /// The people the rows used stand for (Σ wᵢ for whole-number case weights, else the rows), and whether the
    /// weights count people.
    public let peopleCount: Int
    public let weightsCountPeople: Bool
    /// For each design column of the coefficients (``coefficients`` for the ordered model, ``terms`` for the
    /// multinomial), the people at 1 when the column is a factor level's indicator; nil otherwise.
    public let indicatorCounts: [Int?]
    /// For the same columns, the people at 1 in each response category (in the order of ``responseLevels``).
    public let indicatorCells: [[Int]?]
    /// Rows with a fitted probability numerically 0 or 1 (glm.fit's rule: a sign of separation); 0 if none.
    public let extremeRows: Int
    /// Warnings other than the counted ones (rows dropped, zero weights, extreme fitted probabilities), for the
    /// summary's typed diagnostics.
    let plainWarnings: [String]

    /// The baseline (reference) category.
    public var baseline: String { responseLevels[0] }
    /// Whether Newton–Raphson met its convergence test.
    public var converged: Bool { record.converged }
    /// Number of Newton iterations.
    public var iterations: Int { record.iterations }

    init(spec: MultinomialLogitSpec, data: CategoricalOutcomeData, likelihood: MultinomialLogitLikelihood,
         result: OptimizationResult) throws(CategoricalOutcomeError) {
        self.spec = spec
        responseName = data.responseName
        responseLevels = data.levels
        terms = data.columnNames
        let beta = result.solution
        let p = data.columnCount
        var notes = data.warnings
        let (cov, covarianceNotes) = try CategoricalModelReport.covariance(fromHessian: likelihood.evaluate(beta).hessian)
        notes += covarianceNotes
        modelCovariance = cov
        let (used, chosen, clusters) = try CategoricalSandwich.chosen(
            spec: spec.variance, data: data, bread: cov, parameters: beta.count) { likelihood.scores(beta) }
        variance = used
        clusterCount = clusters
        covariance = chosen
        var rows: [CategoricalCoefficient] = []
        for k in 1..<data.categoryCount {
            for j in 0..<p {
                let idx = (k - 1) * p + j
                let v = chosen[idx, idx]
                rows.append(CategoricalCoefficient(term: data.columnNames[j], responseLevel: data.levels[k],
                                                   estimate: beta[idx], standardError: v >= 0 ? v.squareRoot() : .nan))
            }
        }
        coefficients = rows
        logLikelihood = -result.value
        aic = 2 * result.value + 2 * Double(beta.count)
        observationCount = data.rowCount
        totalWeight = data.weights.reduce(0, +)
        record = result.record
        droppedColumns = data.aliasedColumns
        missing = data.missing
        zeroWeightRows = data.zeroWeightRows
        peopleCount = data.peopleCount
        weightsCountPeople = data.weightsCountPeople
        indicatorCounts = data.indicatorCounts(Array(0..<data.columnCount))
        indicatorCells = data.indicatorCells(Array(0..<data.columnCount))
        let counted = Set([data.missing?.description, data.zeroWeightRows > 0 ? "\(data.zeroWeightRows) row(s) with zero weight dropped" : nil].compactMap { $0 })
        if !result.converged { notes += CategoricalModelReport.nonConvergenceNotes(record) }
        let eps = 10 * Double.ulpOfOne
        let extreme = likelihood.x.filter { xi in
            likelihood.probabilities(beta, row: xi).contains { $0 < eps || $0 > 1 - eps }
        }.count
        extremeRows = extreme
        plainWarnings = notes.filter { !counted.contains($0) }
        if extreme > 0 {
            notes.append("fitted probabilities numerically 0 or 1 occurred in \(extreme) row(s): possible separation "
                         + "(some estimates may be infinite)")
        }
        warnings = notes
    }

    /// The coefficient of `term` for category `level`, if the model has it.
    public func coefficient(level: String, term: String) -> CategoricalCoefficient? {
        coefficients.first { $0.responseLevel == level && $0.term == term }
    }

    /// Predicted category probabilities (baseline first) for a covariate profile given as design-column values
    /// (`["Infl=High": 1, "age": 15]`); columns not named are 0 and `(Intercept)` is 1. As
    /// `predict(multinom, newdata, type = "probs")`.
    ///
    /// - Throws: ``CategoricalOutcomeError/unknownProfileTerm(_:suggestion:)`` for a name that is not a design
    ///   column.
    public func probabilities(for profile: [String: Double]) throws(CategoricalOutcomeError) -> [Double] {
        for key in profile.keys where !terms.contains(key) {
            throw .unknownProfileTerm(key, suggestion: CategoricalModelReport.nearest(key, terms))
        }
        var eta = [0.0]
        for level in responseLevels.dropFirst() {
            var s = 0.0
            for c in coefficients where c.responseLevel == level {
                s += c.estimate * (profile[c.term] ?? (c.term == "(Intercept)" ? 1 : 0))
            }
            eta.append(s)
        }
        let m = eta.max() ?? 0
        let total = eta.reduce(0) { $0 + exp($1 - m) }
        return eta.map { exp($0 - m) / total }
    }
}
