public import Formulas
public import Tabular

/// A baseline-category (multinomial) logit model to be fitted: `nnet::multinom(formula, weights)`.
///
/// Model: log(P(Y = k | x) / P(Y = baseline | x)) = xᵀβₖ for each category k other than the baseline, which is
/// the first category (the factor's first level, as multinom). exp(βₖⱼ) is the relative-risk ratio of category
/// k versus the baseline per unit of xⱼ.
///
/// Fitting: maximum likelihood by Newton–Raphson on the full (K − 1)·p parameter vector with the analytic
/// Hessian (``MultinomialLogitLikelihood``, ``CategoricalNewton``), starting from β = 0. multinom instead runs
/// BFGS (nnet's neural-network optimiser, `reltol` 1e-8 by default) and so stops less precisely; its
/// `summary` SEs come from the analytic Hessian (`multinomHess`), as these do. No weight decay (multinom's
/// default `decay = 0`). `variance` chooses cluster-robust or HC0 sandwich standard errors instead
/// (``CategoricalVariance``; a `cluster(col)` term in the formula selects clustering by `col`).
public struct MultinomialLogitSpec: Sendable, Hashable {
    /// The formula items a multinomial logit fits: fixed effects and `cluster()` (cluster-robust standard
    /// errors). `offset()` (which `nnet::multinom` takes only awkwardly: one offset column per non-baseline
    /// category), `strata()` and random effects are refused by name.
    public static let formulaTerms = FormulaTermRule(
        model: "mlogit", accepts: [.fixedEffect, .cluster],
        advice: [.offset: "offset() is not fitted by mlogit (one known term cannot serve every category's "
                 + "linear predictor); for a fixed effect write the column",
                 .randomEffect: "random effects are not fitted for multinomial outcomes; for a fixed effect write "
                 + "the column, for cluster-robust standard errors by group cluster(g)"])

    /// `response ~ terms`; the response is a categorical column (declared order; the first level is the
    /// baseline), a number column (numeric order) or text (byte-wise order).
    public var formula: Formula
    /// Optional column of case (frequency) weights, as multinom's `weights`.
    public var weights: String?
    /// The covariance behind standard errors, tests and intervals: `.model` (default, the inverse observed
    /// information, as before), `.robust` (HC0 sandwich) or `.cluster(column)` (as `sandwich::vcovCL` would
    /// compute it). A `cluster(col)` term in the formula turns `.model` into `.cluster(col)`.
    public var variance: CategoricalVariance
    /// Newton–Raphson settings.
    public var options: CategoricalFitOptions

    /// Creates a spec.
    public init(formula: Formula, weights: String? = nil, variance: CategoricalVariance = .model,
                options: CategoricalFitOptions = CategoricalFitOptions()) {
        self.formula = formula
        self.weights = weights
        self.variance = variance
        self.options = options
    }

    /// Fits the model to `data`.
    ///
    /// - Throws: ``CategoricalOutcomeError`` for a response that is not one column or has fewer than 2
    ///   non-empty categories, for formula/data mismatches, and for invalid options. Non-convergence, dropped
    ///   categories or columns and signs of separation are recorded in ``MultinomialLogitFit/warnings``.
    ///   A cluster-robust variance with fewer than 2 clusters, or one that conflicts with the formula's
    ///   `cluster()` term, throws ``CategoricalOutcomeError/invalidVariance(_:)``.
    /// - Complexity: O(iterations × n × (K − 1)²p²) plus O(((K − 1)p)³) per iteration.
    public func fit(_ data: DataFrame) throws(CategoricalOutcomeError) -> MultinomialLogitFit {
        do { try formula.requireTerms(Self.formulaTerms) } catch { throw .formula(error) }
        let resolved = try variance.resolved(formulaCluster: CategoricalOutcomeData.clusterTerm(of: formula))
        let prepared = try CategoricalOutcomeData(formula: formula, data: data, weights: weights, forceIntercept: false,
                                                  cluster: resolved.clusterColumn)
        let x = (0..<prepared.rowCount).map { prepared.row($0) }
        let likelihood = MultinomialLogitLikelihood(categoryCount: prepared.categoryCount, x: x,
                                                    codes: prepared.codes, weights: prepared.weights)
        let start = [Double](repeating: 0, count: likelihood.parameterCount)
        let result = try CategoricalNewton.minimize(likelihood.evaluate, from: start, options: options)
        return try MultinomialLogitFit(spec: self, data: prepared, likelihood: likelihood, result: result)
    }
}
