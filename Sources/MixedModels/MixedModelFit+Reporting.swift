public import Reporting
internal import Foundation

extension MixedModelFit {
    /// The model name in reports: `lmer` (REML/ML) or `glmer` with the family.
    public var modelName: String {
        spec.family == .gaussian ? "linear mixed model (\(method))" : "\(spec.family.rawValue) GLMM (\(method))"
    }

    /// Fixed effects as a table (estimate on the linear-predictor scale, SE, Wald z, p, 95% Wald interval; for
    /// binomial and Poisson models also the odds or rate ratio exp(β) with its interval exp(CI), conditional on
    /// the random effects), with the likelihood, the random-effect variances and the convergence messages as
    /// footnotes.
    public func coefficientTable() -> Table {
        let ratio: String? = switch spec.family {
        case .binomial: "Odds ratio"
        case .poisson: "Rate ratio"
        case .gaussian: nil
        }
        var columns = [Column("Term", key: "term", alignment: .left), Column("Estimate", key: "estimate"),
                       Column("Std. error", key: "std_error"), Column("z", key: "statistic"),
                       Column("p", key: "p_value"), Column("95% low", key: "conf_low"),
                       Column("95% high", key: "conf_high")]
        if let ratio {
            columns += [Column(ratio, key: "ratio"), Column("Ratio 95% low", key: "ratio_conf_low"),
                        Column("Ratio 95% high", key: "ratio_conf_high")]
        }
        var t = Table(title: "\(modelName): \(spec.formula)", columns: columns)
        for c in coefficients {
            var row: [Cell] = [.text(c.term), .number(c.estimate), .number(c.standardError), .number(c.statistic, significantDigits: 3),
                               .pValue(c.pValue), .number(c.confLow), .number(c.confHigh)]
            if ratio != nil { row += [.number(exp(c.estimate)), .number(exp(c.confLow)), .number(exp(c.confHigh))] }
            t.append(row)
        }
        t.footnotes.append("n = \(n) in \(groupCount) groups of \(groupName); log-likelihood \(NumberFormatting.human(logLikelihood, significantDigits: 8)), AIC \(NumberFormatting.human(aic, significantDigits: 8)); \(converged ? "converged" : "NOT converged") after \(iterations) iterations.")
        if let l = lme4AGQLogLikelihood {
            t.footnotes.append("lme4's glmer(nAGQ = \(spec.nAGQ)) reports log-likelihood \(NumberFormatting.human(l, significantDigits: 8)): it leaves out the saturated model's log-likelihood; the value above is the full marginal log-likelihood, comparable with the Laplace fit.")
        }
        t.footnotes.append("Wald z statistics with normal p-values and 95% intervals (lme4's confint(method = \"Wald\")).")
        if let icc = intraclassCorrelation {
            t.footnotes.append("Intraclass correlation \(NumberFormatting.human(icc, significantDigits: 4))" + (spec.family == .binomial ? " (latent scale, residual variance π²/3)." : "."))
        }
        t.footnotes += warnings
        return t
    }

    /// Variance components (variance and SD per random-effect column, the residual for a linear model) and the
    /// within-group correlations, as lme4's `VarCorr`.
    public func randomEffectsTable() -> Table {
        var t = Table(title: "Random effects",
                      columns: [Column("Group", key: "group", alignment: .left), Column("Term", key: "term", alignment: .left),
                                Column("Variance", key: "variance"), Column("Std. dev.", key: "std_dev"),
                                Column("Correlation", key: "correlation"), Column("95% low", key: "conf_low"),
                                Column("95% high", key: "conf_high")],
                      footnotes: ["95% intervals for the standard deviations and correlations: \(varianceIntervalMethod)."])
        for v in varianceComponents {
            t.append([.text(v.group), .text(v.term), .number(v.variance), .number(v.standardDeviation), .missing,
                      .number(v.confLow), .number(v.confHigh)])
        }
        for r in correlations {
            t.append([.text(r.group), .text("\(r.term1), \(r.term2)"), .missing, .missing,
                      .number(r.correlation, significantDigits: 3), .number(r.confLow), .number(r.confHigh)])
        }
        return t
    }

    /// The conditional modes (BLUPs) with their conditional SDs, one row per group and term.
    public func conditionalModesTable() -> Table {
        var t = Table(title: "Conditional modes of the random effects (\(groupName))",
                      columns: [Column("Level", key: "level", alignment: .left), Column("Term", key: "term", alignment: .left),
                                Column("Mode", key: "mode"), Column("Cond. SD", key: "conditional_sd")])
        for m in conditionalModes { t.append([.text(m.level), .text(m.term), .number(m.mode), .number(m.conditionalSD)]) }
        return t
    }

    /// DESIGN.md's JSON contract for a fitted model: `model`, `formula`, `n`, `loglik`, `aic`, `converged`,
    /// `iterations`, `warnings`, `coefficients` [{term, estimate, std_error, statistic, p_value, conf_low,
    /// conf_high}], and the model-specific `random_effects` [{group, term, variance, std_dev}] plus `method`,
    /// `family`, `nagq`, `groups`, `bic`, `criterion`, `singular`, `sigma`, `icc`, `theta`, `correlations`
    /// [{group, term1, term2, correlation}], `conditional_modes` [{level, term, mode, conditional_sd}] and, for
    /// nAGQ > 1, `loglik_lme4` (glmer's convention). Numbers carry full precision.
    public func json() -> JSONValue {
        func num(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }
        var fields: [(String, JSONValue)] = [
            ("model", .string(spec.family == .gaussian ? "lmm" : "glmm")),
            ("formula", .string(spec.formula.description)),
            ("n", .number(Double(n))),
            ("loglik", .number(logLikelihood)),
            ("aic", .number(aic)),
            ("converged", .bool(converged)),
            ("iterations", .number(Double(iterations))),
            ("warnings", .array(warnings.map { .string($0) })),
            ("coefficients", .array(coefficients.map { c in
                .object([("term", .string(c.term)), ("estimate", .number(c.estimate)), ("std_error", .number(c.standardError)),
                         ("statistic", .number(c.statistic)), ("p_value", .number(c.pValue)),
                         ("conf_low", .number(c.confLow)), ("conf_high", .number(c.confHigh))])
            })),
            ("random_effects", .array(varianceComponents.map { v in
                .object([("group", .string(v.group)), ("term", v.term.isEmpty ? .null : .string(v.term)),
                         ("variance", .number(v.variance)), ("std_dev", .number(v.standardDeviation)),
                         ("conf_low", .number(v.confLow)), ("conf_high", .number(v.confHigh))])
            })),
            ("correlations", .array(correlations.map { r in
                .object([("group", .string(r.group)), ("term1", .string(r.term1)), ("term2", .string(r.term2)),
                         ("correlation", .number(r.correlation)), ("conf_low", .number(r.confLow)),
                         ("conf_high", .number(r.confHigh))])
            })),
            ("method", .string(method)),
            ("variance_interval_method", .string(varianceIntervalMethod)),
            ("family", .string(spec.family.rawValue)),
            ("nagq", .number(Double(spec.nAGQ))),
            ("groups", .object([("name", .string(groupName)), ("count", .number(Double(groupCount)))])),
            ("bic", .number(bic)),
            ("criterion", .number(criterion)),
            ("singular", .bool(isSingular)),
            ("sigma", num(residualStandardDeviation)),
            ("icc", num(intraclassCorrelation)),
            ("theta", .array(theta.map { .number($0) })),
        ]
        if let l = lme4AGQLogLikelihood { fields.append(("loglik_lme4", .number(l))) }
        fields.append(("conditional_modes", .array(conditionalModes.map { m in
            .object([("level", .string(m.level)), ("term", .string(m.term)), ("mode", .number(m.mode)),
                     ("conditional_sd", .number(m.conditionalSD))])
        })))
        return .object(fields)
    }
}
