public import Reporting
internal import Foundation

extension CoxModelTest {
    func statistics(_ key: String, _ label: String) -> [FitStatistic] {
        [.number("\(key)_statistic", "\(label) χ²", statistic), .integer("\(key)_df", "\(label) df", degreesOfFreedom),
         .number("\(key)_p_value", "\(label) p", pValue)]
    }

    var json: JSONValue {
        func num(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }
        return .object([("statistic", num(statistic)), ("df", .number(Double(degreesOfFreedom))), ("p_value", num(pValue))])
    }
}

extension CoxModelWarning {
    /// The warning as a typed diagnostic; the dropped-row count goes into the ledger, never into prose.
    func diagnostic(_ ledger: inout CountLedger) -> Diagnostic? {
        switch self {
        case .notConverged(let k): return .notConverged("ran out of iterations (\(k))")
        case .aliased(let t): return .aliased(terms: t)
        case .infiniteCoefficients: return .separation(description)
        case .rowsDropped(let k): return ledger.droppedRows(k, byColumn: [])
        case .strataWithoutEvents, .noEvents: return .warning(description)
        }
    }
}

extension CoxFit {
    /// The fit's summary in the shared inference vocabulary (issue 10): coefficients on the log-hazard scale with
    /// hazard ratios as the exponentiated scale (the SE is the robust one when the fit is robust, as
    /// `summary.coxph`); the counts of people — n, events, each indicator column's rows (its hazard ratio reveals
    /// that count), rows dropped — in the summary's ledger; statistics (log-likelihood, AIC, the null
    /// log-likelihood, the likelihood-ratio, Wald and score tests with their df, the robust score test when
    /// robust); the Newton–Raphson record; and ``CoxModelWarning``s as typed diagnostics. JSON keys follow
    /// DESIGN.md's contract (`model` "coxph", `formula`, `n`, `events`, `loglik`, `aic`, `converged`,
    /// `iterations`, `warnings`, `coefficients`), plus `ties`, `robust`, `tests` and `strata` where the model has
    /// strata.
    public func summary(title: String? = nil) -> FitSummary {
        var ledger = CountLedger()
        let nID = ledger.count(n, role: .rowsUsed, label: "rows used by the Cox model")
        let eID = ledger.count(events, role: .events, label: "events in the Cox model")
        let censored = ledger.count(max(0, n - events), role: .censored, label: "rows censored in the Cox model")
        ledger.relate(total: nID, parts: [eID, censored])
        let ones = indicatorOnes.count == terms.count ? indicatorOnes : [Int?](repeating: nil, count: terms.count)
        let levels = ledger.levelCounts(ones: ones, terms: terms, n: nID)
        // A level's events and non-events: its hazard ratio and SE give the events back (approximately).
        let cells = ledger.levelCells(
            ones: ones,
            cells: terms.indices.map { j -> [Int]? in
                guard j < indicatorEvents.count, let d = indicatorEvents[j], let o = ones[j] else { return nil }
                return [d, o - d]
            },
            outcomes: ["event", "censored"], terms: terms, n: nID)
        let ci = confidenceIntervals, se = standardErrors, z = zStatistics, p = pValues
        let table = CoefficientTable(
            rows: terms.indices.map { j in
                var row = CoefficientRow(term: terms[j], estimate: coefficients[j], standardError: se[j], statistic: z[j],
                                         pValue: p[j], confLow: ci[j].lower, confHigh: ci[j].upper, levelCount: levels[j])
                row.cellCounts = cells[j]
                return row
            },
            distribution: .normal, confidenceLevel: confidenceLevel, exponentiatedName: "hazard ratio")
        var statistics: [FitStatistic] = [
            .number("loglik", "log-likelihood", loglik),
            .number("aic", "AIC", aic),
            .number("loglik_null", "log-likelihood (null)", loglikInitial),
            FitStatistic("ties", "ties", .text(ties.rawValue)),
            FitStatistic("robust", "robust variance", .bool(isRobust)),
        ]
        statistics += likelihoodRatioTest.statistics("likelihood_ratio", "likelihood-ratio test")
        statistics += waldTest.statistics("wald", "Wald test" + (isRobust ? " (robust)" : ""))
        statistics += scoreTest.statistics("score", "score (log-rank) test")
        if let r = robustScoreTest { statistics += r.statistics("robust_score", "robust score test") }
        let c = concordance()
        statistics += [.number("concordance", "concordance (Harrell's C)", c.concordance),
                       .number("concordance_std_error", "SE of the concordance", c.standardError)]
        let diagnostics = warnings.compactMap { $0.diagnostic(&ledger) }
        var extra: [(String, JSONValue)] = []
        var tests: [(String, JSONValue)] = [("likelihood_ratio", likelihoodRatioTest.json), ("wald", waldTest.json),
                                            ("score", scoreTest.json)]
        if let r = robustScoreTest { tests.append(("robust_score", r.json)) }
        extra.append(("tests", .object(tests)))
        if !strata.isEmpty { extra.append(("strata", .array(strata.map { .string($0) }))) }
        return FitSummary(
            model: model, title: title ?? "Cox proportional hazards (\(ties.rawValue) ties): \(formula)",
            formula: formula, ledger: ledger, n: nID, events: eID, coefficients: table, residualDF: nil,
            statistics: statistics,
            convergence: FitConvergence(method: "Newton–Raphson", converged: converged, iterations: iterations),
            diagnostics: diagnostics,
            notes: ["coefficients on the log-hazard scale; hazard ratios exp(coef) with \(table.levelLabel)% Wald "
                    + "intervals" + (isRobust ? "; robust (sandwich) standard errors" : "")]
                + (strata.isEmpty ? [] : ["stratified baseline hazards: \(strata.count) strata"]),
            extraJSON: extra)
    }
}

extension CauseSpecificCoxFit {
    /// One summary per cause (``CoxFit/summary(title:)``), titled by the cause; each fit's events are that cause's.
    public func summaries() -> [FitSummary] {
        zip(causes, fits).map { cause, fit in
            var s = fit.summary(title: "Cause-specific Cox model, \(status) = \(cause): \(fit.formula)")
            s.notes.append("cause-specific hazard: \(status) = \(cause) is the event, every other value censored "
                           + "(\(status) = \(censoring) means censored)")
            s.extraJSON.append(("cause", .string(cause)))
            return s
        }
    }
}
