public import Reporting
internal import Formulas
internal import Dispatch
public import Tabular

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

    /// The fit's summary in the shared inference vocabulary: the coefficient table (`covariance` chooses the
    /// standard errors), the counts of people (n; each indicator column's rows, which its coefficient reveals;
    /// rows dropped), the statistics R's `summary.glm` prints with the counts each reveals (BIC and the degrees of
    /// freedom reveal n), the IRLS record and the warnings. Renders through ``DisclosureGate`` only.
    public func summary(covariance type: GLMCovariance = .model) throws(GLMError) -> FitSummary {
        let type = try resolvedCovariance(type)
        let rows = try coefficientTable(type)
        var ledger = CountLedger()
        let n = ledger.count(observations, role: .rowsUsed, label: "rows used by the model")
        let (ones, outcomes) = indicatorCounts()
        let levels = ledger.levelCounts(ones: ones, terms: terms, n: n)
        let cells = ledger.levelCells(ones: ones, cells: outcomes, outcomes: ["event", "no event"],
                                      terms: terms, n: n)
        let distribution: ReferenceDistribution = family.estimatesDispersion ? .t(df: Double(dfResidual)) : .normal
        let table = CoefficientTable(
            rows: rows.enumerated().map { k, c in
                var r = CoefficientRow(term: c.term, estimate: c.estimate, standardError: c.standardError,
                                       statistic: c.statistic, pValue: c.pValue, confLow: c.confidenceLow,
                                       confHigh: c.confidenceHigh, levelCount: levels[k])
                r.cellCounts = cells[k]
                return r
            },
            distribution: distribution, confidenceLevel: 0.95, exponentiatedName: exponentiatedLabel)
        let isNB: Bool
        if case .negativeBinomial = family, thetaStandardError != nil { isNB = true } else { isNB = false }
        var statistics: [FitStatistic] = [
            .number("loglik", "log-likelihood", logLikelihood),
            .number("aic", "AIC", aic),
            .number("bic", "BIC", bic, reveals: [n]),
            // With an estimated dispersion (Gaussian, Gamma) the log-likelihood is a function of n and the residual
            // deviance, and the dispersion is deviance-like over n − p: either gives n back with the other.
            .number("deviance", "residual deviance", deviance, reveals: family.estimatesDispersion ? [n] : []),
            .integer("df_residual", "residual df", dfResidual, reveals: [n]),
            .number("null_deviance", "null deviance", nullDeviance, reveals: [n]),
            .integer("df_null", "null df", dfNull, reveals: [n]),
            .number("dispersion", family.estimatesDispersion ? "dispersion (Pearson χ²/df)" : "dispersion (fixed)", dispersion,
                    reveals: family.estimatesDispersion ? [n] : []),
            FitStatistic("family", "family", .text(family.name)),
            FitStatistic("link", "link", .text(family.linkName)),
            FitStatistic("covariance", "standard errors", .text(type.label)),
        ]
        if let th = theta {
            statistics.append(.number("theta", "θ", th))
            statistics.append(.number("theta_std_error", "SE of θ", thetaStandardError ?? .nan))
            if isNB { statistics.append(.integer("theta_alternations", "θ alternations", alternations)) }
        }
        var diagnostics: [Diagnostic] = []
        if let d = ledger.droppedRows(missing.droppedRows, byColumn: missing.byColumn.map { ($0.column, $0.rows) }) {
            diagnostics.append(d)
        }
        if !converged { diagnostics.append(.notConverged("IRLS stopped after \(iterations) iterations")) }
        let aliased = rows.filter(\.isAliased).map(\.term)
        if !aliased.isEmpty { diagnostics.append(.aliased(terms: aliased)) }
        diagnostics += warnings.map { w in separation.map { $0.message == w } == true ? .separation(w) : .warning(w) }
        let zeroWeight = observations - weightedObservations
        if zeroWeight > 0 {
            let id = ledger.count(zeroWeight, role: .zeroWeight, label: "rows with zero weight")
            diagnostics.append(.rowsDropped(CountNote("{} rows with zero weight (kept in n, not in the residual df)", [id])))
        }
        return FitSummary(
            model: isNB ? "glm.nb" : "glm",
            title: "Generalized linear model: \(family.name) (link: \(family.linkName)), \(model.formula)",
            formula: model.formula.description, ledger: ledger, n: n, coefficients: table,
            residualDF: dfResidual, statistics: statistics,
            convergence: FitConvergence(method: "IRLS", converged: converged, iterations: iterations,
                                        message: alternations > 0 ? "\(alternations) θ alternations" : nil),
            diagnostics: diagnostics,
            notes: ["standard errors: \(type.label); \(table.levelLabel)% confidence intervals are Wald intervals (estimate ± "
                    + (family.estimatesDispersion ? "t quantile" : "normal quantile") + " × SE)"])
    }

    /// The summary with the average marginal effects of `factor` (each level versus the reference, on the
    /// response scale, with the same covariance) as the `marginal_effects` section.
    public func summary(covariance type: GLMCovariance = .model, marginalEffectsOf factor: String,
                        data: DataFrame) throws(GLMError) -> FitSummary {
        var s = try summary(covariance: type)
        let ame = try averageMarginalEffects(of: factor, data: data, covariance: type)
        s.appendMargins(ame, name: "marginal_effects", title: "Average marginal effects of \(factor) (response scale)")
        return s
    }

    /// Each indicator column's rows (``DesignMatrix/indicatorOnes()``: nil for the intercept and columns that
    /// are not 0/1) and, for a binomial model of a 0/1 response with unit prior weights, its rows with the event and
    /// without it (a level's odds ratio and SE give them back; nil otherwise), in one branch-free pass over each
    /// column, the columns shared between two threads (at n = 10⁶ the two separate branching passes were 4% of
    /// `carestat glm`). Each column's counts are exact integers, whichever thread counts them.
    func indicatorCounts() -> (ones: [Int?], outcomes: [[Int]?]) {
        let n = design.matrix.rows, p = design.matrix.columns
        let outcomesAsked: Bool
        if case .binomial = family, response.count == n, priorWeights.allSatisfy({ $0 == 1 }),
           response.allSatisfy({ $0 == 0 || $0 == 1 }) {
            outcomesAsked = true
        } else {
            outcomesAsked = false
        }
        let ones = ThreadSlots<Int?>(repeating: nil, count: p), events = ThreadSlots<Int>(repeating: 0, count: p)
        let names = design.columnNames, x = design.matrix, y = response
        let count: @Sendable (Int) -> Void = { j in
            guard names[j] != "(Intercept)" else { return }
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeBufferPointer { yb in
                    guard let base = xb.baseAddress else { return }
                    let col = base + j * n   // column j (column-major, n rows)
                    var oneCount = 0, other = 0, eventCount = 0
                    if outcomesAsked {
                        for i in 0..<n {
                            let v = col[i]
                            oneCount &+= v == 1 ? 1 : 0
                            other &+= v != 0 && v != 1 ? 1 : 0
                            eventCount &+= v * yb[i] == 1 ? 1 : 0
                        }
                    } else {
                        for i in 0..<n {
                            let v = col[i]
                            oneCount &+= v == 1 ? 1 : 0
                            other &+= v != 0 && v != 1 ? 1 : 0
                        }
                    }
                    if other == 0 { ones[j] = oneCount; events[j] = eventCount }
                }
            }
        }
        if n * p >= 1 << 20 { DispatchQueue.concurrentPerform(iterations: p, execute: count) } else { (0..<p).forEach(count) }
        let outcomes: [[Int]?] = (0..<p).map { j in
            guard outcomesAsked, let c = ones[j] else { return nil }
            return [events[j], c - events[j]]
        }
        return (ones.all, outcomes)
    }
}
