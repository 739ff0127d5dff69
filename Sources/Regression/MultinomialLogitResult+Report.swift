public import Reporting

extension MultinomialLogitResult {
    /// Two tables: coefficients by category (estimate, SE, z, p, 95% Wald CI, relative-risk ratio) and the fit
    /// summary (n, log-likelihood, AIC, convergence) with the warnings as footnotes.
    public func tables() -> [Table] {
        var t = Table(title: "Multinomial logit (baseline \(responseName) = \(baseline)): \(spec.formula)",
                      columns: CategoricalModelReport.coefficientColumns(levelHeader: "Category", expHeader: "RRR"))
        for c in coefficients { t.append(CategoricalModelReport.row(c, level: true, exponentiate: true)) }
        let se = variance == .model ? "SEs from the observed information (summary(multinom))"
            : CategoricalModelReport.varianceSentence(variance, clusters: clusterCount)
        t.footnotes = ["log(P(category)/P(\(baseline))) = xβ; RRR = exp(β), the relative-risk ratio. " + se
                       + "; 95% Wald intervals."]
        let summary = CategoricalModelReport.summaryTable(
            title: "Fit", n: observationCount, totalWeight: totalWeight, weighted: spec.weights != nil,
            logLikelihood: logLikelihood, aic: aic, parameters: coefficients.count, record: record, warnings: warnings,
            variance: variance, clusters: clusterCount)
        return [t, summary]
    }

    /// The JSON contract: `model` ("multinomial_logit"), `formula`, `n`, `loglik`, `aic`, `converged`,
    /// `iterations`, `warnings`, `coefficients` (term, estimate, std_error, statistic, p_value, conf_low,
    /// conf_high, plus `response_level` and `relative_risk_ratio`), and the model-specific `response`,
    /// `response_levels`, `baseline`, `sum_weights`, and the variance used: `variance` ("model", "robust_hc0" or
    /// "cluster"), with `cluster` (the column) and `clusters` (G) when clustered.
    public func json() -> JSONValue {
        .object([
            ("model", .string("multinomial_logit")),
            ("formula", .string(spec.formula.description)),
            ("n", .number(Double(observationCount))),
            ("loglik", .number(logLikelihood)),
            ("aic", .number(aic)),
            ("converged", .bool(converged)),
            ("iterations", .number(Double(iterations))),
            ("warnings", .array(warnings.map { .string($0) })),
            ("coefficients", .array(coefficients.map { CategoricalModelReport.json($0, expKey: "relative_risk_ratio") })),
            ("response", .string(responseName)),
            ("response_levels", .array(responseLevels.map { .string($0) })),
            ("baseline", .string(baseline)),
            ("sum_weights", .number(totalWeight)),
        ] + CategoricalModelReport.varianceJSON(variance, clusters: clusterCount))
    }
}
