public import Reporting

extension OrderedLogitResult {
    /// "logit", "probit" or "cloglog" link, in words for titles.
    private var linkTitle: String {
        switch spec.link {
        case .logit: "proportional odds, logit link"
        case .probit: "ordered probit"
        case .cloglog: "complementary log-log link"
        }
    }

    /// The sign convention in one sentence, printed under the coefficient table.
    private var conventionNote: String {
        "Model: \(spec.link.rawValue) P(\(responseName) ≤ k) = θk − xβ"
            + (spec.formula.terms.contains { $0.kind == .offset } ? " − offset" : "")
            + "; positive β means higher categories "
            + "(MASS::polr / ordinal::clm convention). "
            + CategoricalModelReport.varianceSentence(variance, clusters: clusterCount) + "; 95% Wald intervals."
    }

    /// Three tables: coefficients (with odds ratios for the logit link), thresholds, and the fit summary
    /// (n, log-likelihood, AIC, convergence) with the warnings as footnotes.
    public func tables() -> [Table] {
        let odds = spec.link == .logit
        var coefficientTable = Table(
            title: "Ordered regression (\(linkTitle)): \(spec.formula)",
            columns: CategoricalModelReport.coefficientColumns(expHeader: odds ? "Odds ratio" : nil))
        for c in coefficients { coefficientTable.append(CategoricalModelReport.row(c, level: false, exponentiate: odds)) }
        coefficientTable.footnotes = [conventionNote]
        var thresholdTable = Table(title: "Thresholds (cut-points θk)",
                                   columns: CategoricalModelReport.coefficientColumns(expHeader: nil))
        for c in thresholds { thresholdTable.append(CategoricalModelReport.row(c, level: false, exponentiate: false)) }
        if variance != .model {
            thresholdTable.footnotes = [CategoricalModelReport.varianceSentence(variance, clusters: clusterCount) + "."]
        }
        let summary = CategoricalModelReport.summaryTable(
            title: "Fit", n: observationCount, totalWeight: totalWeight, weighted: spec.weights != nil,
            logLikelihood: logLikelihood, aic: aic, parameters: parameterCount, record: record, warnings: warnings,
            variance: variance, clusters: clusterCount)
        return [coefficientTable, thresholdTable, summary]
    }

    /// The JSON contract: `model` ("ordered_logit"), `link`, `formula`, `n`, `loglik`, `aic`, `converged`,
    /// `iterations`, `warnings`, `coefficients` (β: term, estimate, std_error, statistic, p_value, conf_low,
    /// conf_high, plus `odds_ratio` for the logit link), and the model-specific `thresholds` (same fields),
    /// `response`, `response_levels`, `sum_weights`, `sign_convention`, and the variance used: `variance`
    /// ("model", "robust_hc0" or "cluster"), with `cluster` (the column) and `clusters` (G) when clustered.
    public func json() -> JSONValue {
        let odds = spec.link == .logit ? "odds_ratio" : nil
        return .object([
            ("model", .string("ordered_logit")),
            ("link", .string(spec.link.rawValue)),
            ("formula", .string(spec.formula.description)),
            ("n", .number(Double(observationCount))),
            ("loglik", .number(logLikelihood)),
            ("aic", .number(aic)),
            ("converged", .bool(converged)),
            ("iterations", .number(Double(iterations))),
            ("warnings", .array(warnings.map { .string($0) })),
            ("coefficients", .array(coefficients.map { CategoricalModelReport.json($0, expKey: odds) })),
            ("thresholds", .array(thresholds.map { CategoricalModelReport.json($0, expKey: nil) })),
            ("response", .string(responseName)),
            ("response_levels", .array(responseLevels.map { .string($0) })),
            ("sum_weights", .number(totalWeight)),
            ("sign_convention", .string("\(spec.link.rawValue) P(Y <= k) = theta_k - x'beta")),
        ] + CategoricalModelReport.varianceJSON(variance, clusters: clusterCount))
    }
}
