public import Reporting
internal import Foundation

extension GLMFit {
    /// The exponentiated coefficient's name where it is natural: "odds ratio" (logit), "IRR" (incidence-rate
    /// ratio: Poisson or negative binomial with log link), "ratio of means" (Gaussian or Gamma with log link);
    /// nil otherwise.
    public var exponentiatedLabel: String? {
        switch family {
        case .binomial(.logit): "odds ratio"
        case .poisson(.log), .negativeBinomial(.log, _): "IRR"
        case .gaussian(.log), .gamma(.log): "ratio of means"
        default: nil
        }
    }

    /// The coefficient table as social scientists read it: term, estimate (link scale), standard error, z or t,
    /// p, 95% Wald interval, and — where natural (``exponentiatedLabel``) — the exponentiated estimate with its
    /// interval (exp of the Wald limits). Footnotes give n, deviances, AIC/BIC, log-likelihood, dispersion, θ,
    /// convergence, the covariance used, the rows dropped and every warning.
    public func table(covariance requested: GLMCovariance = .model) throws(GLMError) -> Table {
        let type = try resolvedCovariance(requested)
        let rows = try coefficientTable(type)
        let statName = family.estimatesDispersion ? "t" : "z"
        var columns = [Column("term", alignment: .left), Column("estimate"), Column("std. error", key: "std_error"),
                       Column(statName, key: "statistic"), Column("p", key: "p_value"),
                       Column("95% CI low", key: "conf_low"), Column("95% CI high", key: "conf_high")]
        let expLabel = exponentiatedLabel
        if let e = expLabel {
            columns += [Column(e, key: "exp_estimate"), Column("\(e) 95% CI low", key: "exp_conf_low"),
                        Column("\(e) 95% CI high", key: "exp_conf_high")]
        }
        var t = Table(title: "Generalized linear model: \(family.name) (link: \(family.linkName)), \(model.formula)",
                      columns: columns)
        for c in rows {
            if c.isAliased {
                t.append([.text(c.term), .text("aliased (NA)")])
                continue
            }
            var row: [Cell] = [.text(c.term), .number(c.estimate), .number(c.standardError), .number(c.statistic, significantDigits: 3),
                               .pValue(c.pValue), .number(c.confidenceLow), .number(c.confidenceHigh)]
            if expLabel != nil {
                row += [.number(exp(c.estimate)), .number(exp(c.confidenceLow)), .number(exp(c.confidenceHigh))]
            }
            t.append(row)
        }
        func h(_ x: Double) -> String { NumberFormatting.human(x, significantDigits: 6) }
        var notes = [
            "n = \(observations)" + (missing.droppedRows > 0 ? " (\(missing))" : ""),
            "residual deviance \(h(deviance)) on \(dfResidual) df; null deviance \(h(nullDeviance)) on \(dfNull) df",
            "AIC \(h(aic)); BIC \(h(bic)); log-likelihood \(h(logLikelihood)) (df = \(logLikelihoodDF))",
            family.estimatesDispersion ? "dispersion \(h(dispersion)) (Pearson χ²/df), t tests on \(dfResidual) df"
                : "dispersion fixed at 1, z tests",
        ]
        if let th = theta {
            notes.append("θ = \(h(th))" + (thetaStandardError.map { " (SE \(h($0)), estimated by maximum likelihood as MASS::glm.nb)" } ?? " (fixed)"))
        }
        notes.append((converged ? "converged" : "did NOT converge") + " after \(iterations) IRLS iterations"
                     + (alternations > 0 ? " (\(alternations) θ alternations)" : ""))
        notes.append("standard errors: \(type.label); 95% confidence intervals are Wald intervals (estimate ± "
                     + (family.estimatesDispersion ? "t quantile" : "1.96") + " × SE)")
        if rows.contains(where: \.isAliased) {
            notes.append("aliased columns are linear combinations of earlier ones and are not estimated (R: NA)")
        }
        notes += warnings.map { "warning: " + $0 }
        t.footnotes = notes
        return t
    }

    /// The JSON contract: `model` ("glm" or "glm.nb"), `formula`, `n`, `loglik`, `aic`, `converged`,
    /// `iterations`, `warnings`, `coefficients` (array of {term, estimate (link scale), std_error, statistic,
    /// p_value, conf_low, conf_high}; NaN, as for an aliased column, is null), followed by `family`, `link`,
    /// `bic`, `deviance`, `null_deviance`, `df_residual`, `dispersion`, `covariance` and, for the negative
    /// binomial, `theta`, `theta_std_error` and (glm.nb) `theta_alternations`.
    public func json(covariance requested: GLMCovariance = .model) throws(GLMError) -> JSONValue {
        let type = try resolvedCovariance(requested)
        let rows = try coefficientTable(type)
        let isNB: Bool
        if case .negativeBinomial = family, thetaStandardError != nil { isNB = true } else { isNB = false }
        var fields: [(String, JSONValue)] = [
            ("model", .string(isNB ? "glm.nb" : "glm")),
            ("formula", .string(model.formula.description)),
            ("n", .number(Double(observations))),
            ("loglik", .number(logLikelihood)),
            ("aic", .number(aic)),
            ("converged", .bool(converged)),
            ("iterations", .number(Double(iterations))),
            ("warnings", .array(warnings.map { .string($0) })),
            ("coefficients", .array(rows.map { c in
                .object([("term", .string(c.term)), ("estimate", .number(c.estimate)),
                         ("std_error", .number(c.standardError)), ("statistic", .number(c.statistic)),
                         ("p_value", .number(c.pValue)), ("conf_low", .number(c.confidenceLow)),
                         ("conf_high", .number(c.confidenceHigh))])
            })),
            ("family", .string(family.name)),
            ("link", .string(family.linkName)),
            ("bic", .number(bic)),
            ("deviance", .number(deviance)),
            ("null_deviance", .number(nullDeviance)),
            ("df_residual", .number(Double(dfResidual))),
            ("dispersion", .number(dispersion)),
            ("covariance", .string(type.label)),
        ]
        if let th = theta {
            fields.append(("theta", .number(th)))
            fields.append(("theta_std_error", thetaStandardError.map { .number($0) } ?? .null))
            if thetaStandardError != nil { fields.append(("theta_alternations", .number(Double(alternations)))) }
        }
        return .object(fields)
    }
}
