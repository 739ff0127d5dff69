public import Reporting
internal import Regression
public import Tabular
internal import Foundation

extension MixedModelFit {
    /// The model name in reports: `lmer` (REML/ML) or `glmer` with the family.
    public var modelName: String {
        spec.family == .gaussian ? "linear mixed model (\(method))" : "\(spec.family.rawValue) GLMM (\(method))"
    }

    /// The fit's summary in the shared inference vocabulary (DESIGN.md's model JSON: `model` "lmm" or "glmm").
    ///
    /// - Coefficients: the fixed effects with Wald z, p and 95% intervals (lme4's `confint(method = "Wald")`);
    ///   odds or rate ratios for binomial and Poisson models (conditional on the random effects).
    /// - Counts of people: n; each fixed-effect factor level's rows, and for a 0/1 binomial response its rows with
    ///   and without the event (its coefficient reveals them); each group's
    ///   rows, parts of n (the conditional SD of a group's mode gives its size back, so the modes are withheld
    ///   with a withheld group size); rows dropped. The number of groups is not a count of people and is shown;
    ///   group sizes (min, mean, max) are not shown.
    /// - Statistics: log-likelihood, AIC, BIC (reveals n), the criterion, σ, ICC; residual df n − k.
    /// - Sections: `random_effects` (variance and SD per term, the residual for a linear model), `correlations`,
    ///   and with `conditionalModes`, `conditional_modes` (one row per group and term).
    public func summary(conditionalModes: Bool = false) -> FitSummary {
        var ledger = CountLedger()
        let nID = ledger.count(n, role: .rowsUsed, label: "rows used by the model")
        let terms = coefficients.map(\.term)
        let ones = indicatorRows.count == terms.count ? indicatorRows : terms.map { _ in nil }
        let levels = ledger.levelCounts(ones: ones, terms: terms, n: nID)
        let cells = indicatorOutcomes.count == terms.count
            ? ledger.levelCells(ones: ones, cells: indicatorOutcomes, outcomes: ["event", "no event"], terms: terms, n: nID)
            : terms.map { _ in [] }
        var groupIDs: [CountID] = []
        if groupSizes.count == groupCount, groupSizes.reduce(0, +) == n {
            groupIDs = groupSizes.enumerated().map { j, k in
                ledger.count(k, role: .cell, label: "rows in \(groupName) = \(j < groupLevels.count ? groupLevels[j] : String(j + 1))")
            }
            ledger.relate(total: nID, parts: groupIDs)
        }
        let ratio: String? = switch spec.family {
        case .binomial: "odds ratio"
        case .poisson: "rate ratio"
        case .gaussian: nil
        }
        let table = CoefficientTable(
            rows: coefficients.enumerated().map { k, c in
                var r = CoefficientRow(term: c.term, estimate: c.estimate, standardError: c.standardError,
                                       statistic: c.statistic, pValue: c.pValue, confLow: c.confLow, confHigh: c.confHigh,
                                       levelCount: levels[k])
                r.cellCounts = cells[k]
                return r
            },
            distribution: .normal, exponentiatedName: ratio)
        var statistics: [FitStatistic] = [
            .number("loglik", "log-likelihood", logLikelihood),
            .number("aic", "AIC", aic),
            .number("bic", "BIC", bic, reveals: [nID]),
            .number("criterion", spec.family == .gaussian && spec.reml ? "REML criterion" : "deviance (−2ℓ)", criterion),
            FitStatistic("method", "method", .text(method)),
            FitStatistic("family", "family", .text(spec.family.rawValue)),
            .integer("nagq", "quadrature nodes (nAGQ)", spec.nAGQ),
            FitStatistic("group", "grouping factor", .text(groupName)),
            .integer("groups", "groups", groupCount),
            FitStatistic("singular", "singular fit", .bool(isSingular)),
        ]
        if let s = residualStandardDeviation { statistics.append(.number("sigma", "σ (residual SD)", s)) }
        if let icc = intraclassCorrelation { statistics.append(.number("icc", "intraclass correlation", icc)) }
        if let l = lme4AGQLogLikelihood { statistics.append(.number("loglik_lme4", "log-likelihood (glmer's nAGQ convention)", l)) }
        var diagnostics: [Diagnostic] = []
        if let missing, let d = ledger.droppedRows(missing.droppedRows,
                                                   byColumn: missing.byColumn.map { ($0.column, $0.rows) }) {
            diagnostics.append(d)
        }
        // The convergence checks' messages: a singular fit as such; when the fit did not converge, the first
        // message states it; the rest are warnings.
        func isNotConverged(_ d: Diagnostic) -> Bool { if case .notConverged = d { true } else { false } }
        for w in warnings {
            if isSingular && w.contains("singular") {
                diagnostics.append(.singularFit(w))
            } else if !converged && !diagnostics.contains(where: isNotConverged) {
                diagnostics.append(.notConverged(w))
            } else {
                diagnostics.append(.warning(w))
            }
        }
        if !converged && !diagnostics.contains(where: isNotConverged) {
            diagnostics.append(.notConverged("the optimiser stopped after \(iterations) iterations"))
        }
        var notes = ["Wald z statistics with normal p-values and 95% intervals (lme4's confint(method = \"Wald\"))."]
        if let l = lme4AGQLogLikelihood {
            notes.append("lme4's glmer(nAGQ = \(spec.nAGQ)) reports log-likelihood "
                         + NumberFormatting.human(l, significantDigits: 8) + ": it leaves out the saturated model's "
                         + "log-likelihood; the value above is the full marginal log-likelihood, comparable with the Laplace fit.")
        }
        if intraclassCorrelation != nil, spec.family == .binomial {
            notes.append("Intraclass correlation on the latent scale (residual variance π²/3).")
        }
        notes.append("\(groupCount) groups of \(groupName).")
        var sections = [randomEffectsSection()]
        if !correlations.isEmpty { sections.append(correlationsSection()) }
        if conditionalModes { sections.append(conditionalModesSection(groupIDs)) }
        return FitSummary(
            model: spec.family == .gaussian ? "lmm" : "glmm", title: "\(modelName): \(spec.formula)",
            formula: spec.formula.description, ledger: ledger, n: nID, coefficients: table,
            residualDF: n - parameterCount, statistics: statistics,
            convergence: FitConvergence(method: "optimiser", converged: converged, iterations: iterations,
                                        evaluations: functionEvaluations),
            diagnostics: diagnostics, notes: notes, sections: sections,
            extraJSON: [("variance_interval_method", .string(varianceIntervalMethod)),
                        ("theta", .array(theta.map { .number($0) }))])
    }

    /// The summary with the average predictions over `factor`'s levels (at random effects zero) and all their
    /// pairwise contrasts as the `predictions` and `contrasts` sections; each row is withheld with a level
    /// whose count is withheld (``FitSummary/appendMargins(_:name:title:notes:)``).
    public func summary(marginsOver factor: String, data: DataFrame,
                        conditionalModes: Bool = false) throws(MixedModelError) -> FitSummary {
        var s = summary(conditionalModes: conditionalModes)
        let (p, c) = try levelMargins(of: factor, data: data)
        let scale = spec.family == .binomial ? "probability" : "mean"
        s.appendMargins(p, name: "predictions", title: "Predicted \(scale) by \(factor)",
                        notes: ["At random effects zero (a group of average effect): each row's covariates as observed, "
                                + "the level set in turn; averaged over the rows used by the fit."])
        s.appendMargins(c, name: "contrasts", title: "Differences in predicted \(scale) between levels of \(factor)",
                        notes: ["Later level minus earlier, at random effects zero."])
        return s
    }

    /// Variance components (variance and SD per random-effect column, the residual for a linear model), as
    /// lme4's `VarCorr`, with intervals.
    func randomEffectsSection() -> ResultTable {
        var t = ResultTable(name: "random_effects", title: "Random effects",
                            columns: [Column("group", alignment: .left), Column("term", alignment: .left),
                                      Column("variance"), Column("std. dev.", key: "std_dev"),
                                      Column("95% CI low", key: "conf_low"), Column("95% CI high", key: "conf_high")],
                            footnotes: ["95% intervals for the standard deviations: \(varianceIntervalMethod)."])
        for v in varianceComponents {
            t.append([.plain(.text(v.group)), .plain(v.term.isEmpty ? .missing : .text(v.term)),
                      .plain(.number(v.variance)), .plain(.number(v.standardDeviation)),
                      .plain(v.confLow.isNaN ? .missing : .number(v.confLow)),
                      .plain(v.confHigh.isNaN ? .missing : .number(v.confHigh))])
        }
        return t
    }

    /// Within-group correlations of the random effects with intervals.
    func correlationsSection() -> ResultTable {
        var t = ResultTable(name: "correlations", title: "Random-effect correlations",
                            columns: [Column("group", alignment: .left), Column("term1", alignment: .left),
                                      Column("term2", alignment: .left), Column("correlation"),
                                      Column("95% CI low", key: "conf_low"), Column("95% CI high", key: "conf_high")])
        for r in correlations {
            t.append([.plain(.text(r.group)), .plain(.text(r.term1)), .plain(.text(r.term2)),
                      .plain(.number(r.correlation, significantDigits: 3)),
                      .plain(r.confLow.isNaN ? .missing : .number(r.confLow)),
                      .plain(r.confHigh.isNaN ? .missing : .number(r.confHigh))])
        }
        return t
    }

    /// The conditional modes (BLUPs) with their conditional SDs, one row per group and term; a group's row
    /// reveals its size (the conditional SD is a function of it).
    func conditionalModesSection(_ groupIDs: [CountID]) -> ResultTable {
        var t = ResultTable(name: "conditional_modes", title: "Conditional modes of the random effects (\(groupName))",
                            columns: [Column("level", alignment: .left), Column("term", alignment: .left),
                                      Column("mode"), Column("cond. SD", key: "conditional_sd")])
        let index = Dictionary(zip(groupLevels, groupIDs), uniquingKeysWith: { a, _ in a })
        for m in conditionalModes {
            let reveals = index[m.level].map { [$0] } ?? []
            t.append([.plain(.text(m.level)), .plain(.text(m.term)), .revealing(.number(m.mode), reveals: reveals),
                      .revealing(.number(m.conditionalSD), reveals: reveals)])
        }
        t.footnotes = ["A group's conditional SD gives its size back: the modes of groups whose size is withheld are withheld."]
        return t
    }
}
