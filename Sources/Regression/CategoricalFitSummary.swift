public import Reporting
import Optimization
import Formulas

/// The summaries of the ordered and multinomial logit fits in the shared inference vocabulary (issue 10): the
/// pieces both share — counts of people, statistics, diagnostics and the Newton record — built once here.
///
/// Counts of people: n (rows used); with case weights that are whole numbers, the people they stand for (Σ wᵢ,
/// a count shown like n); each factor level's people, which its coefficients reveal; rows dropped for missing
/// values or zero weight; rows with fitted probabilities numerically 0 or 1. Residual degrees of freedom are
/// n − parameters (ACRO's minimum-df rule for model output).
enum CategoricalFitSummary {
    /// The ledger, n, the per-column level counts and the count-bearing diagnostics of a categorical fit.
    struct Counts {
        var ledger = CountLedger()
        var n: CountID
        /// The count the level counts are parts of: Σ wᵢ when weights count people, else n.
        var people: CountID
        var levels: [CountID?]
        /// Per design column, the level's people by response category (its coefficients reveal them).
        var cells: [[CountID]]
        var diagnostics: [Diagnostic] = []
        var statistics: [FitStatistic] = []
    }

    static func counts(rows: Int, people: Int, weighted: Bool, weightsCountPeople: Bool, indicatorCounts: [Int?],
                       indicatorCells: [[Int]?], responseLevels: [String], terms: [String], missing: MissingRowReport?,
                       zeroWeightRows: Int, extremeRows: Int) -> Counts {
        var ledger = CountLedger()
        let n = ledger.count(rows, role: .rowsUsed, label: "rows used by the model")
        var total = n
        var statistics: [FitStatistic] = []
        if weighted && weightsCountPeople {
            total = ledger.count(people, role: .weightSum, label: "sum of case weights (people the rows stand for)")
            statistics.append(.integer("sum_weights", "sum of case weights", people, reveals: [total]))
        }
        let levels = ledger.levelCounts(ones: indicatorCounts, terms: terms, n: total)
        let cells = ledger.levelCells(ones: indicatorCounts, cells: indicatorCells, outcomes: responseLevels,
                                      terms: terms, n: total)
        var diagnostics: [Diagnostic] = []
        if let missing, let d = ledger.droppedRows(missing.droppedRows,
                                                   byColumn: missing.byColumn.map { ($0.column, $0.rows) }) {
            diagnostics.append(d)
        }
        if zeroWeightRows > 0 {
            let id = ledger.count(zeroWeightRows, role: .zeroWeight, label: "rows with zero weight")
            diagnostics.append(.rowsDropped(CountNote("{} rows with zero weight dropped", [id])))
        }
        if extremeRows > 0 {
            let id = ledger.count(extremeRows, role: .cell, label: "rows with fitted probabilities 0 or 1")
            diagnostics.append(.rowsDropped(CountNote(
                "fitted probabilities numerically 0 or 1 occurred in {} rows: possible separation (some estimates "
                + "may be infinite)", [id])))
        }
        return Counts(ledger: ledger, n: n, people: total, levels: levels, cells: cells, diagnostics: diagnostics,
                      statistics: statistics)
    }

    /// The fit's count-free warnings as typed diagnostics: non-convergence, separation, or a warning.
    static func diagnostics(_ warnings: [String], record: OptimizationRecord) -> [Diagnostic] {
        warnings.map { w in
            if !record.converged, w.hasPrefix("Newton–Raphson did not converge") { return .notConverged(w) }
            if w.contains("separation") { return .separation(w) }
            return .warning(w)
        }
    }

    /// A coefficient row from a categorical coefficient (numbers unchanged).
    static func row(_ c: CategoricalCoefficient, levelCount: CountID?, cells: [CountID],
                    group: String? = nil) -> CoefficientRow {
        var r = CoefficientRow(term: c.term, estimate: c.estimate, standardError: c.standardError, statistic: c.statistic,
                               pValue: c.pValue, confLow: c.confidenceLow, confHigh: c.confidenceHigh,
                               levelCount: levelCount, group: group)
        r.cellCounts = cells
        return r
    }

    /// The Newton–Raphson record as the summary's convergence.
    static func convergence(_ record: OptimizationRecord) -> FitConvergence {
        FitConvergence(method: "Newton–Raphson", converged: record.converged, iterations: record.iterations,
                       evaluations: record.functionEvaluations,
                       message: record.converged ? nil : record.reason.rawValue)
    }

    /// The variance statistics: `variance`, with `cluster` and `clusters` (G, not a count of people) when
    /// clustered.
    static func varianceStatistics(_ v: CategoricalVariance, clusters: Int?) -> [FitStatistic] {
        var out = [FitStatistic("variance", "standard errors", .text(v.kind))]
        if let c = v.clusterColumn {
            out.append(FitStatistic("cluster", "cluster column", .text(c)))
            out.append(.integer("clusters", "clusters", clusters ?? 0))
        }
        return out
    }

    /// The columns of a coefficient-like section (thresholds): term, estimate, SE, z, p, CI.
    static let sectionColumns = [
        Column("term", alignment: .left), Column("estimate"), Column("std. error", key: "std_error"),
        Column("z", key: "statistic"), Column("p", key: "p_value"), Column("95% CI low", key: "conf_low"),
        Column("95% CI high", key: "conf_high"),
    ]

    static func sectionRow(_ c: CategoricalCoefficient) -> [ResultCell] {
        func num(_ x: Double) -> ResultCell { .plain(x.isNaN ? .missing : .number(x)) }
        return [.plain(.text(c.term)), num(c.estimate), num(c.standardError), num(c.statistic),
                .plain(c.pValue.isNaN ? .missing : .pValue(c.pValue)), num(c.confidenceLow), num(c.confidenceHigh)]
    }

    /// Predicted probabilities, one row per profile (`predictions`); a profile that sets a factor level whose
    /// count is withheld reveals that level's coefficient, so its row reveals the level's count.
    static func predictionsSection(_ predictions: [(profile: [String: Double], label: String, probabilities: [Double])],
                                   levels: [String], terms: [String], levelCounts: [CountID?],
                                   cells: [[CountID]]) -> ResultTable {
        var t = ResultTable(name: "predictions", title: "Predicted probabilities",
                            columns: [Column("profile", alignment: .left)] + levels.map { Column($0) })
        for p in predictions {
            let reveals = p.profile.keys.flatMap { key -> [CountID] in
                guard let j = terms.firstIndex(of: key) else { return [] }
                return (levelCounts[j].map { [$0] } ?? []) + cells[j]
            }
            t.append([.plain(.text(p.label))] + p.probabilities.map {
                reveals.isEmpty ? .plain(.number($0)) : .revealing(.number($0), reveals: reveals)
            })
        }
        t.footnotes = ["Design columns not named in a profile are 0 (reference levels)."]
        return t
    }
}

extension OrderedLogitFit {
    /// The fit's summary: β as the coefficient table (odds ratios for the logit link), the thresholds as the
    /// `thresholds` section, predicted probabilities for `profiles` (design-column values, with their labels) as
    /// `predictions`, and a parallel-lines test as `parallel_lines` when given. Model name `ordered_logit`.
    ///
    /// - Throws: ``CategoricalOutcomeError/unknownProfileTerm(_:suggestion:)`` for a profile naming no column.
    public func summary(profiles: [(label: String, values: [String: Double])] = [],
                        parallelLines test: ParallelLinesTest? = nil) throws(CategoricalOutcomeError) -> FitSummary {
        let names = coefficients.map(\.term)
        var c = CategoricalFitSummary.counts(
            rows: observationCount, people: peopleCount, weighted: spec.weights != nil,
            weightsCountPeople: weightsCountPeople, indicatorCounts: indicatorCounts, indicatorCells: indicatorCells,
            responseLevels: responseLevels, terms: names, missing: missing,
            zeroWeightRows: zeroWeightRows, extremeRows: extremeRows)
        let table = CoefficientTable(
            rows: coefficients.enumerated().map { CategoricalFitSummary.row($1, levelCount: c.levels[$0], cells: c.cells[$0]) },
            distribution: .normal, exponentiatedName: spec.link == .logit ? "odds ratio" : nil)
        var thresholdTable = ResultTable(name: "thresholds", title: "Thresholds (cut-points θk)",
                                         columns: CategoricalFitSummary.sectionColumns)
        for t in thresholds { thresholdTable.append(CategoricalFitSummary.sectionRow(t)) }
        var sections = [thresholdTable]
        if !profiles.isEmpty {
            var rows: [(profile: [String: Double], label: String, probabilities: [Double])] = []
            for p in profiles { rows.append((p.values, p.label, try probabilities(for: p.values))) }
            sections.append(CategoricalFitSummary.predictionsSection(rows, levels: responseLevels, terms: names,
                                                                     levelCounts: c.levels, cells: c.cells))
        }
        if let test { sections.append(test.section()) }
        c.statistics = [.number("loglik", "log-likelihood", logLikelihood), .number("aic", "AIC", aic),
                        FitStatistic("link", "link", .text(spec.link.rawValue)),
                        FitStatistic("response", "response", .text(responseName))]
            + c.statistics
            + CategoricalFitSummary.varianceStatistics(variance, clusters: clusterCount)
        let linkTitle = switch spec.link {
        case .logit: "proportional odds, logit link"
        case .probit: "ordered probit"
        case .cloglog: "complementary log-log link"
        }
        return FitSummary(
            model: "ordered_logit", title: "Ordered regression (\(linkTitle)): \(spec.formula)",
            formula: spec.formula.description, ledger: c.ledger, n: c.n, coefficients: table,
            residualDF: observationCount - parameterCount, statistics: c.statistics,
            convergence: CategoricalFitSummary.convergence(record),
            diagnostics: c.diagnostics + CategoricalFitSummary.diagnostics(plainWarnings, record: record),
            notes: ["Model: \(spec.link.rawValue) P(\(responseName) ≤ k) = θk − xβ"
                    + (spec.formula.terms.contains { $0.kind == .offset } ? " − offset" : "")
                    + "; positive β means higher categories "
                    + "(MASS::polr / ordinal::clm convention). " + variance.footnote(clusters: clusterCount)
                    + "; 95% Wald intervals."],
            sections: sections,
            extraJSON: [("response_levels", .array(responseLevels.map { .string($0) })),
                        ("sign_convention", .string("\(spec.link.rawValue) P(Y <= k) = theta_k - x'beta"))])
    }
}

extension MultinomialLogitFit {
    /// The fit's summary: one coefficient row per non-baseline category and design column (grouped by the
    /// `response_level` column; relative-risk ratios exp(β)), predicted probabilities for `profiles` as the
    /// `predictions` section. Model name `multinomial_logit`.
    ///
    /// - Throws: ``CategoricalOutcomeError/unknownProfileTerm(_:suggestion:)`` for a profile naming no column.
    public func summary(profiles: [(label: String, values: [String: Double])] = [])
        throws(CategoricalOutcomeError) -> FitSummary {
        var c = CategoricalFitSummary.counts(
            rows: observationCount, people: peopleCount, weighted: spec.weights != nil,
            weightsCountPeople: weightsCountPeople, indicatorCounts: indicatorCounts, indicatorCells: indicatorCells,
            responseLevels: responseLevels, terms: terms, missing: missing,
            zeroWeightRows: zeroWeightRows, extremeRows: extremeRows)
        let table = CoefficientTable(
            rows: coefficients.map { k in
                let j = terms.firstIndex(of: k.term)
                return CategoricalFitSummary.row(k, levelCount: j.flatMap { c.levels[$0] }, cells: j.map { c.cells[$0] } ?? [],
                                                 group: k.responseLevel)
            },
            distribution: .normal, exponentiatedName: "relative-risk ratio",
            groupColumn: Column("response level", key: "response_level", alignment: .left))
        var sections: [ResultTable] = []
        if !profiles.isEmpty {
            var rows: [(profile: [String: Double], label: String, probabilities: [Double])] = []
            for p in profiles { rows.append((p.values, p.label, try probabilities(for: p.values))) }
            sections.append(CategoricalFitSummary.predictionsSection(rows, levels: responseLevels, terms: terms,
                                                                     levelCounts: c.levels, cells: c.cells))
        }
        c.statistics = [.number("loglik", "log-likelihood", logLikelihood), .number("aic", "AIC", aic),
                        FitStatistic("response", "response", .text(responseName)),
                        FitStatistic("baseline", "baseline category", .text(baseline))]
            + c.statistics
            + CategoricalFitSummary.varianceStatistics(variance, clusters: clusterCount)
        return FitSummary(
            model: "multinomial_logit",
            title: "Multinomial logit (baseline \(responseName) = \(baseline)): \(spec.formula)",
            formula: spec.formula.description, ledger: c.ledger, n: c.n, coefficients: table,
            residualDF: observationCount - coefficients.count, statistics: c.statistics,
            convergence: CategoricalFitSummary.convergence(record),
            diagnostics: c.diagnostics + CategoricalFitSummary.diagnostics(plainWarnings, record: record),
            notes: ["log(P(k)/P(\(baseline))) = xβ_k; " + variance.footnote(clusters: clusterCount)
                    + "; 95% Wald intervals."],
            sections: sections,
            extraJSON: [("response_levels", .array(responseLevels.map { .string($0) }))])
    }
}
