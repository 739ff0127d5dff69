import Foundation
import LinearAlgebra
import Optimization
import Reporting
import Tabular

/// Shared pieces of the ordered- and multinomial-logit results: the covariance from the observed information,
/// warnings, and the coefficient rows of tables and JSON. Named for these models so as not to collide with the
/// GLM reporting of the same module.
enum CategoricalModelReport {
    /// The inverse of the observed information (the Hessian of −ℓ) by Cholesky, with notes when it is not
    /// positive definite (all-NaN covariance) or nearly singular (reciprocal condition number < 1e-12, a sign of
    /// estimates running off to infinity, or of covariates on very different scales).
    ///
    /// - Throws: ``CategoricalOutcomeError/optimizationFailed(_:)`` for a linear-algebra failure other than the
    ///   matrix's own condition (a bug or a limit, never swallowed).
    static func covariance(fromHessian h: Matrix) throws(CategoricalOutcomeError) -> (Matrix, [String]) {
        let n = h.rows
        guard n > 0 else { return (h, []) }
        let notPositiveDefinite = (Matrix(rows: n, columns: n, repeating: .nan),
                                   ["the observed information is not positive definite at the estimates: standard "
                                    + "errors are not available (possible separation or a non-identified parameter)"])
        guard h.isFinite else { return notPositiveDefinite }
        let chol: Cholesky, inv: Matrix, rcond: Double
        do {
            chol = try Cholesky(h)
            inv = try chol.inverse()
            rcond = try chol.reciprocalConditionNumber()
        } catch where error.isNumericalCondition {
            return notPositiveDefinite
        } catch {
            throw .optimizationFailed("the covariance could not be computed: \(error)")
        }
        var notes: [String] = []
        if rcond < 1e-12 {
            notes.append("the observed information is nearly singular (reciprocal condition number "
                         + "\(String(format: "%.3g", rcond))): possible separation (some estimates may be infinite) or "
                         + "badly scaled covariates")
        }
        return (inv, notes)
    }

    /// Plain-words account of a run that did not converge.
    static func nonConvergenceNotes(_ record: OptimizationRecord) -> [String] {
        ["Newton–Raphson did not converge (\(record.reason.rawValue)) after \(record.iterations) iteration(s)"]
            + record.notes.suffix(3)
    }

    /// The nearest name, for error messages.
    static func nearest(_ name: String, _ among: [String]) -> String? { nearestName(to: name, among: among) }

    /// Table columns for coefficients: term, estimate, SE, z, p, 95% CI and exp(estimate) under `expHeader`
    /// (omitted when nil). `levelHeader` adds a leading response-level column.
    static func coefficientColumns(levelHeader: String? = nil, expHeader: String?) -> [Column] {
        var c: [Column] = []
        if let l = levelHeader { c.append(Column(l, key: "response_level", alignment: .left)) }
        c += [Column("Term", key: "term", alignment: .left), Column("Estimate", key: "estimate"),
              Column("Std. error", key: "std_error"), Column("z", key: "statistic"), Column("p", key: "p_value"),
              Column("95% CI low", key: "conf_low"), Column("95% CI high", key: "conf_high")]
        if let e = expHeader { c.append(Column(e, key: e.lowercased().replacingOccurrences(of: " ", with: "_"))) }
        return c
    }

    /// One table row for a coefficient, matching ``coefficientColumns(levelHeader:expHeader:)``.
    static func row(_ c: CategoricalCoefficient, level: Bool, exponentiate: Bool) -> [Cell] {
        var r: [Cell] = []
        if level { r.append(.text(c.responseLevel ?? "")) }
        r += [.text(c.term), number(c.estimate), number(c.standardError), number(c.statistic),
              c.pValue.isNaN ? .missing : .pValue(c.pValue), number(c.confidenceLow), number(c.confidenceHigh)]
        if exponentiate { r.append(number(c.exponentiated)) }
        return r
    }

    static func number(_ x: Double) -> Cell { x.isNaN ? .missing : .number(x) }

    /// The JSON object of a coefficient: `term`, `estimate`, `std_error`, `statistic`, `p_value`, `conf_low`,
    /// `conf_high` (the contract), then `response_level` (multinomial) and `expKey` = exp(estimate) if given.
    static func json(_ c: CategoricalCoefficient, expKey: String?) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("term", .string(c.term)), ("estimate", .number(c.estimate)), ("std_error", .number(c.standardError)),
            ("statistic", .number(c.statistic)), ("p_value", .number(c.pValue)),
            ("conf_low", .number(c.confidenceLow)), ("conf_high", .number(c.confidenceHigh)),
        ]
        if let level = c.responseLevel { fields.append(("response_level", .string(level))) }
        if let key = expKey { fields.append((key, .number(c.exponentiated))) }
        return .object(fields)
    }

    /// The sentence on standard errors: "SEs from the observed information", "robust (HC0 sandwich) standard
    /// errors, …" or "cluster-robust standard errors (G clusters of COL; …)".
    static func varianceSentence(_ v: CategoricalVariance, clusters: Int?) -> String { v.footnote(clusters: clusters) }

    /// The JSON fields of the variance: `variance`, plus `cluster` and `clusters` when clustered.
    static func varianceJSON(_ v: CategoricalVariance, clusters: Int?) -> [(String, JSONValue)] {
        var out: [(String, JSONValue)] = [("variance", .string(v.kind))]
        if let c = v.clusterColumn {
            out.append(("cluster", .string(c)))
            out.append(("clusters", .number(Double(clusters ?? 0))))
        }
        return out
    }

    /// The fit-summary table: n, Σw (when weighted), log-likelihood, AIC, convergence, iterations, and the
    /// standard errors' variance (with the number of clusters when clustered).
    static func summaryTable(title: String, n: Int, totalWeight: Double, weighted: Bool, logLikelihood: Double,
                             aic: Double, parameters: Int, record: OptimizationRecord, warnings: [String],
                             variance: CategoricalVariance, clusters: Int?) -> Table {
        var t = Table(title: title, columns: [Column("Statistic", key: "statistic", alignment: .left),
                                              Column("Value", key: "value")])
        t.append(["n (rows used)", .integer(n)])
        if weighted { t.append(["Sum of weights", .number(totalWeight, significantDigits: 10)]) }
        t.append(["Parameters", .integer(parameters)])
        t.append(["Log-likelihood", .number(logLikelihood, significantDigits: 8)])
        t.append(["AIC", .number(aic, significantDigits: 8)])
        t.append(["Converged", .text(record.converged ? "yes" : "no (\(record.reason.rawValue))")])
        t.append(["Newton iterations", .integer(record.iterations)])
        switch variance {
        case .model: t.append(["Standard errors", .text("model-based (observed information)")])
        case .robust: t.append(["Standard errors", .text("robust (HC0 sandwich)")])
        case .cluster(let c):
            t.append(["Standard errors", .text("cluster-robust by \(c)")])
            t.append(["Clusters", .integer(clusters ?? 0)])
        }
        t.footnotes = warnings.map { "Warning: " + $0 }
        if variance != .model { t.footnotes.append(varianceSentence(variance, clusters: clusters) + ".") }
        return t
    }
}
