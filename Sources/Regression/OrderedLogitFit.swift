public import LinearAlgebra
public import Optimization
public import Formulas
import Foundation

/// A fitted cumulative-link model (see ``OrderedLogitSpec`` for the model and its sign convention,
/// logit P(Y ≤ k) = θₖ − xᵀβ for the logit link). Immutable; render it with ``tables()`` or ``json()``.
public struct OrderedLogitFit: Sendable {
    /// The spec that was fitted.
    public let spec: OrderedLogitSpec
    /// The response name and its non-empty categories, lowest first.
    public let responseName: String
    public let responseLevels: [String]
    /// θ₁…θ_{K−1}, named `lowerLevel|upperLevel` as polr and clm name them.
    public let thresholds: [CategoricalCoefficient]
    /// β, one per design column (no intercept), named as the design (`age`, `Infl=High`).
    public let coefficients: [CategoricalCoefficient]
    /// The covariance behind the standard errors, (K − 1 + p)², thresholds first then β (clm's `vcov` order):
    /// ``modelCovariance`` or the sandwich that ``variance`` names. NaN entries if the information matrix is
    /// not positive definite.
    public let covariance: Matrix
    /// Inverse observed information (the model-based covariance, `vcov(clm)`), in the same order.
    public let modelCovariance: Matrix
    /// The variance used: the spec's, with `.model` turned into `.cluster(col)` by a `cluster(col)` term.
    public let variance: CategoricalVariance
    /// The number of clusters G of a cluster-robust variance (nil otherwise).
    public let clusterCount: Int?
    /// The maximised log-likelihood Σ wᵢ log P(Yᵢ = yᵢ).
    public let logLikelihood: Double
    /// −2ℓ + 2(K − 1 + p).
    public let aic: Double
    /// Rows used (missing values and zero-weight rows excluded).
    public let observationCount: Int
    /// Σ wᵢ (= ``observationCount`` without weights); polr's `n`.
    public let totalWeight: Double
    /// The Newton–Raphson run: iterations, objective trace, stopping reason and notes.
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

    /// Whether Newton–Raphson met its convergence test.
    public var converged: Bool { record.converged }
    /// Number of Newton iterations.
    public var iterations: Int { record.iterations }
    /// Number of estimated parameters, K − 1 + p.
    public var parameterCount: Int { thresholds.count + coefficients.count }

    init(spec: OrderedLogitSpec, data: CategoricalOutcomeData, columns: [Int], fit: OrderedLogitSpec.Maximum)
        throws(CategoricalOutcomeError) {
        self.spec = spec
        responseName = data.responseName
        responseLevels = data.levels
        let psi = fit.result.solution
        let q = data.categoryCount - 1
        var notes = data.warnings
        let (cov, covarianceNotes) = try CategoricalModelReport.covariance(fromHessian: fit.evaluation.hessian)
        notes += covarianceNotes
        modelCovariance = cov
        let (used, chosen, clusters) = try CategoricalSandwich.chosen(
            spec: spec.variance, data: data, bread: cov, parameters: psi.count) { fit.likelihood.scores(psi) }
        variance = used
        clusterCount = clusters
        covariance = chosen
        let se = (0..<psi.count).map { chosen[$0, $0] >= 0 ? chosen[$0, $0].squareRoot() : .nan }
        thresholds = (0..<q).map { k in
            CategoricalCoefficient(term: data.levels[k] + "|" + data.levels[k + 1], estimate: psi[k], standardError: se[k])
        }
        coefficients = columns.enumerated().map { m, j in
            CategoricalCoefficient(term: data.columnNames[j], estimate: psi[q + m], standardError: se[q + m])
        }
        logLikelihood = -fit.result.value
        aic = 2 * fit.result.value + 2 * Double(psi.count)
        observationCount = data.rowCount
        totalWeight = data.weights.reduce(0, +)
        record = fit.result.record
        droppedColumns = data.aliasedColumns
        missing = data.missing
        zeroWeightRows = data.zeroWeightRows
        peopleCount = data.peopleCount
        weightsCountPeople = data.weightsCountPeople
        indicatorCounts = data.indicatorCounts(columns)
        indicatorCells = data.indicatorCells(columns)
        let counted = Set([data.missing?.description, data.zeroWeightRows > 0 ? "\(data.zeroWeightRows) row(s) with zero weight dropped" : nil].compactMap { $0 })
        if !fit.result.converged { notes += CategoricalModelReport.nonConvergenceNotes(record) }
        // Separation: glm.fit's rule, a fitted probability within 10ε of 0 or 1.
        let eps = 10 * Double.ulpOfOne
        var extreme = 0
        for i in 0..<data.rowCount {
            var eta = data.offset?[i] ?? 0
            for (m, j) in columns.enumerated() { eta += psi[q + m] * data.design[i, j] }
            let p = OrderedLogitFit.categoryProbabilities(thresholds: Array(psi[0..<q]), eta: eta, link: spec.link)
            if p.contains(where: { $0 < eps || $0 > 1 - eps }) { extreme += 1 }
        }
        extremeRows = extreme
        plainWarnings = notes.filter { !counted.contains($0) }
        if extreme > 0 {
            notes.append("fitted probabilities numerically 0 or 1 occurred in \(extreme) row(s): possible separation "
                         + "(some estimates may be infinite)")
        }
        warnings = notes
    }

    /// P(Y = k) for k = 1…K at linear predictor η = xᵀβ: F(θₖ − η) − F(θₖ₋₁ − η).
    public func probabilities(linearPredictor eta: Double) -> [Double] {
        OrderedLogitFit.categoryProbabilities(thresholds: thresholds.map(\.estimate), eta: eta, link: spec.link)
    }

    /// Predicted category probabilities for a covariate profile given as design-column values
    /// (`["Infl=High": 1, "Type=Terrace": 1, "age": 15]`); columns not named are 0 (the reference level of a
    /// factor, 0 for a number). As `predict(polr, newdata, type = "probs")`, at an offset of 0 for a model
    /// with `offset()` (add the offset to ``probabilities(linearPredictor:)``'s η for another).
    ///
    /// - Throws: ``CategoricalOutcomeError/unknownProfileTerm(_:suggestion:)`` for a name that is not a
    ///   coefficient.
    public func probabilities(for profile: [String: Double]) throws(CategoricalOutcomeError) -> [Double] {
        let names = coefficients.map(\.term)
        for key in profile.keys where !names.contains(key) {
            throw .unknownProfileTerm(key, suggestion: CategoricalModelReport.nearest(key, names))
        }
        let eta = coefficients.reduce(0.0) { $0 + $1.estimate * (profile[$1.term] ?? 0) }
        return probabilities(linearPredictor: eta)
    }

    static func categoryProbabilities(thresholds: [Double], eta: Double, link: OrderedLogitLink) -> [Double] {
        let k = thresholds.count + 1
        return (0..<k).map { c in
            let a = c == 0 ? -Double.infinity : thresholds[c - 1] - eta
            let b = c == k - 1 ? Double.infinity : thresholds[c] - eta
            return a < b ? link.probability(lower: a, upper: b) : 0
        }
    }
}
