public import Formulas
public import Tabular
import Foundation
import LinearAlgebra
import Optimization

/// A cumulative-link (ordinal regression) model to be fitted: `MASS::polr(formula, weights, method)` or
/// `ordinal::clm(formula, weights, link)`.
///
/// Model and sign convention (those of `polr` and `clm`): for response categories 1 < 2 < … < K,
/// `link(P(Y ≤ k | x)) = θₖ − xᵀβ − o`, k = 1…K−1, with o the sum of the formula's `offset()` terms (0 without
/// one), so a positive βⱼ shifts the outcome towards *higher* categories.
/// With the logit link this is the proportional-odds model (McCullagh 1980): exp(βⱼ) is the odds ratio of being
/// above any cut-point per unit of xⱼ. The design has no intercept column: the thresholds θ take its place (a
/// formula without intercept gets one back, as polr assumes it).
///
/// Fitting: maximum likelihood by Newton–Raphson with the analytic gradient and Hessian
/// (``OrderedLogitLikelihood``) and step-halving (``CategoricalNewton``), starting from the thresholds of the covariate-free fit and
/// β = 0. Standard errors are the square roots of the diagonal of the inverse observed information (the analytic
/// Hessian of −ℓ at the optimum, as `clm`'s `vcov`; `polr` uses a finite-difference Hessian, which agrees to
/// about 1e-5). `variance` chooses cluster-robust or HC0 sandwich standard errors instead
/// (``CategoricalVariance``; a `cluster(col)` term in the formula selects clustering by `col`).
public struct OrderedLogitSpec: Sendable, Hashable {
    /// The formula items an ordered logit fits: fixed effects, `offset()` (a known part of xᵀβ, as polr's
    /// and clm's) and `cluster()` (cluster-robust standard errors). `strata()` and random effects are refused.
    public static let formulaTerms = FormulaTermRule(
        model: "ologit", accepts: [.fixedEffect, .offset, .cluster],
        advice: [.randomEffect: "random effects are not fitted for ordinal outcomes; for a fixed effect write the "
                 + "column, for cluster-robust standard errors by group cluster(g)"])

    /// `response ~ terms`; the response is a categorical column (declared order), a number column (numeric
    /// order) or text (byte-wise order).
    public var formula: Formula
    /// The cumulative distribution F (default logit: proportional odds).
    public var link: OrderedLogitLink
    /// Optional column of case (frequency) weights, as polr's `weights`.
    public var weights: String?
    /// The covariance behind standard errors, tests and intervals: `.model` (default, the inverse observed
    /// information, as before), `.robust` (HC0 sandwich) or `.cluster(column)` (`sandwich::vcovCL`). A
    /// `cluster(col)` term in the formula turns `.model` into `.cluster(col)`.
    public var variance: CategoricalVariance
    /// Newton–Raphson settings.
    public var options: CategoricalFitOptions

    /// Creates a spec.
    public init(formula: Formula, link: OrderedLogitLink = .logit, weights: String? = nil,
                variance: CategoricalVariance = .model, options: CategoricalFitOptions = CategoricalFitOptions()) {
        self.formula = formula
        self.link = link
        self.weights = weights
        self.variance = variance
        self.options = options
    }

    /// The data prepared for this spec: complete cases over the formula, the weights and the cluster column.
    /// Throws ``CategoricalOutcomeError/invalidVariance(_:)`` when `variance` and the formula's `cluster()` term
    /// disagree.
    func prepare(_ data: DataFrame) throws(CategoricalOutcomeError) -> CategoricalOutcomeData {
        do { try formula.requireTerms(Self.formulaTerms) } catch { throw .formula(error) }
        let resolved = try variance.resolved(formulaCluster: CategoricalOutcomeData.clusterTerm(of: formula))
        return try CategoricalOutcomeData(formula: formula, data: data, weights: weights, forceIntercept: true,
                                          cluster: resolved.clusterColumn)
    }

    /// Fits the model to `data`.
    ///
    /// - Throws: ``CategoricalOutcomeError`` for a response that is not one column or has fewer than 2
    ///   non-empty categories, for formula/data mismatches, and for invalid options. Non-convergence, dropped
    ///   categories or columns and signs of separation are not errors: they are recorded in the result's
    ///   ``OrderedLogitFit/warnings``. A cluster-robust variance with fewer than 2 clusters, or one that
    ///   conflicts with the formula's `cluster()` term, throws ``CategoricalOutcomeError/invalidVariance(_:)``.
    /// - Complexity: O(iterations × n × P²) for n rows and P = K − 1 + p parameters, plus O(n·P + P³) for a
    ///   sandwich variance.
    public func fit(_ data: DataFrame) throws(CategoricalOutcomeError) -> OrderedLogitFit {
        let prepared = try prepare(data)
        let columns = prepared.columnNames.indices.filter { prepared.columnNames[$0] != "(Intercept)" }
        let fit = try OrderedLogitSpec.maximize(prepared, columns: columns, nominal: Set(), link: link, options: options)
        return try OrderedLogitFit(spec: self, data: prepared, columns: columns, fit: fit)
    }

    /// The outcome of one maximisation: the optimiser's result and the evaluation (value, gradient, Hessian)
    /// at its solution.
    struct Maximum {
        let likelihood: OrderedLogitLikelihood
        let result: OptimizationResult
        let evaluation: NewtonRaphson.Evaluation
    }

    /// Maximises the likelihood over the given design columns (indices into `data`'s design); `nominal` holds
    /// the positions (within `columns`) of threshold-specific effects. `start` overrides the default start.
    static func maximize(_ data: CategoricalOutcomeData, columns: [Int], nominal: Set<Int>, link: OrderedLogitLink,
                         options: CategoricalFitOptions, start: [Double]? = nil)
        throws(CategoricalOutcomeError) -> Maximum {
        var x = [Double]()
        x.reserveCapacity(data.rowCount * columns.count)
        for i in 0..<data.rowCount { for j in columns { x.append(data.design[i, j]) } }
        let likelihood = OrderedLogitLikelihood(link: link, categoryCount: data.categoryCount, x: x,
                                                columns: columns.count, codes: data.codes,
                                                weights: data.weights,
                                                nominal: columns.indices.map { nominal.contains($0) },
                                                offset: data.offset)
        let result = try CategoricalNewton.minimize(likelihood.evaluate, from: start ?? likelihood.start(), options: options)
        return Maximum(likelihood: likelihood, result: result, evaluation: likelihood.evaluate(result.solution))
    }
}
