public import Reporting

/// The counts a competing-risks fit registered in a run's ledger.
public struct CompetingRisksCounts: Sendable {
    public var groups: [String]
    public var causes: [String]
    public var n: [CountID]
    /// `events[s][k]`: events of cause k in group s; `censored[s]`.
    public var events: [[CountID]]
    public var censored: [CountID]
    public var totalN: CountID
    public var totalEvents: [CountID]
    /// `stepNames[s][k]`: the step function of cause k in group s; `atTimesNames` likewise with chosen times.
    public var stepNames: [[String]]
    public var atTimesNames: [[String]]?
}

extension CompetingRisksFit {
    var levelLabel: String {
        let p = confidenceLevel * 100
        return p == p.rounded() ? String(Int(p)) : String(p)
    }

    /// Adds the fit's results to `run` (issue 10): a summary table (per group n, events of each cause, censored,
    /// and the totals over the groups — all related, so differencing is closed), one cumulative-incidence step
    /// function per group and cause (coarsened under disclosure control; competing events are registered in each
    /// step so its counts add up) and, with `times`, the incidence at those times. Incidences reveal their group's
    /// n and the step's events: withheld when those are.
    @discardableResult
    public func addResults(to run: inout RunOutput, name: String = "cuminc", title: String = "Competing risks",
                           times: [Double]? = nil) -> CompetingRisksCounts {
        let K = causeNames.count
        let grouped = groupName != nil || curves.count > 1
        var ns: [CountID] = [], ev: [[CountID]] = [], cens: [CountID] = []
        for c in curves {
            let label = c.name.isEmpty ? "all" : "\(groupName ?? "group") = \(c.name)"
            let n = run.ledger.count(c.n, role: .rowsUsed, label: "\(label): n")
            let e = (0..<K).map { k in
                run.ledger.count(Int(c.nEvent[k].reduce(0, +).rounded()), role: .events, label: "\(label): \(causeNames[k]) events")
            }
            let cn = run.ledger.count(Int(c.nCensor.reduce(0, +).rounded()), role: .censored, label: "\(label): censored")
            if run.ledger.value(n) == (e + [cn]).reduce(0, { $0 + run.ledger.value($1) }) {
                run.ledger.relate(total: n, parts: e + [cn])
            }
            ns.append(n); ev.append(e); cens.append(cn)
        }
        var totalN = ns[0], totalEvents = ev[0], totalCensored = cens[0]
        if grouped {
            totalN = run.ledger.count(curves.reduce(0) { $0 + $1.n }, role: .rowsUsed, label: "all groups: n")
            run.ledger.relate(total: totalN, parts: ns)
            totalEvents = (0..<K).map { k in
                let id = run.ledger.count(ev.reduce(0) { $0 + run.ledger.value($1[k]) }, role: .events,
                                          label: "all groups: \(causeNames[k]) events")
                run.ledger.relate(total: id, parts: ev.map { $0[k] })
                return id
            }
            totalCensored = run.ledger.count(cens.reduce(0) { $0 + run.ledger.value($1) }, role: .censored,
                                                 label: "all groups: censored")
            run.ledger.relate(total: totalCensored, parts: cens)
        }
        var summary = ResultTable(
            name: "\(name)-summary", title: title,
            columns: (grouped ? [Column(groupName ?? "Group", key: "name", alignment: .left)] : [])
                + [Column("n", key: "n")] + causeNames.map { Column($0, key: "events_\($0)") }
                + [Column("Censored", key: "censored")],
            footnotes: ["Events of each cause and censorings (Aalen–Johansen; standard errors "
                        + (variance == .gray ? "Gray (cmprsk::cuminc)" : "infinitesimal jackknife (R survfit)")
                        + ", \(confidenceType.rawValue) confidence intervals)."])
        for (s, c) in curves.enumerated() {
            summary.append((grouped ? [.plain(.text(c.name))] : []) + [.count(ns[s])] + ev[s].map { .count($0) }
                           + [.count(cens[s])])
        }
        if grouped {
            summary.append([.plain(.text("Total")), .count(totalN)] + totalEvents.map { .count($0) } + [.count(totalCensored)])
        }
        if droppedRows > 0,
           let d = run.ledger.droppedRows(droppedRows, byColumn: Array(zip(droppedColumns, droppedColumnRows))),
           case .rowsDropped(let note) = d {
            summary.countNotes.append(note)
        }
        run.add(summary)

        let level = levelLabel
        var stepNames: [[String]] = [], atNames: [[String]]? = times == nil ? nil : []
        for (s, c) in curves.enumerated() {
            var names: [String] = [], at: [String] = []
            for k in 0..<K {
                let suffix = (grouped ? "\(groupName ?? "group") = \(c.name), " : "") + "cause \(causeNames[k])"
                let stepName = "\(name)-table-\(s + 1)-\(k + 1)"
                names.append(stepName)
                let rows = c.time.indices.map { i in
                    StepRow(time: c.time[i], atRisk: Int(c.nRisk[i].rounded()), events: Int(c.nEvent[k][i].rounded()),
                            censored: Int(c.nCensor[i].rounded()), estimate: c.incidence[k][i],
                            standardError: c.standardError[k][i], confLow: c.lower[k][i], confHigh: c.upper[k][i],
                            otherEvents: Int((0..<K).filter { $0 != k }.reduce(0.0) { $0 + c.nEvent[$1][i] }.rounded()))
                }
                run.add(steps: StepFunction(
                    name: stepName, title: "Cumulative incidence: \(suffix)", group: c.name, estimateKey: "incidence",
                    estimateHeader: "Incidence", levelLabel: level, rows: rows, n: ns[s], events: ev[s][k],
                    footnotes: ["Events of the other causes leave the risk set too (not shown as a column)."]))
                if let times {
                    let atName = "\(name)-at-\(s + 1)-\(k + 1)"
                    at.append(atName)
                    let (rows, remaining) = intervalRows(c, cause: k, stratum: s, times: times)
                    run.add(steps: StepFunction(
                        name: atName, title: "Cumulative incidence at chosen times: \(suffix)", group: c.name,
                        estimateKey: "incidence", estimateHeader: "Incidence", levelLabel: level, rows: rows,
                        remaining: remaining, n: ns[s], events: ev[s][k],
                        footnotes: ["Each row: people at risk after the previous chosen time, events of this cause "
                                    + "and censorings up to the row's time, the incidence at that time."]))
                }
            }
            stepNames.append(names)
            atNames?.append(at)
        }
        return CompetingRisksCounts(groups: curves.map(\.name), causes: causeNames, n: ns, events: ev, censored: cens,
                                    totalN: totalN, totalEvents: totalEvents, stepNames: stepNames,
                                    atTimesNames: atNames)
    }

    func intervalRows(_ c: CompetingRisksCurve, cause k: Int, stratum s: Int, times: [Double]) -> ([StepRow], Int) {
        let points = rows(stratum: s, times: times).filter { $0.cause == causeNames[k] }
        func atRiskAfter(_ t: Double) -> Int {
            guard let i = c.time.firstIndex(where: { $0 > t }) else { return 0 }
            return Int(c.nRisk[i].rounded())
        }
        var out: [StepRow] = []
        var previous = -Double.infinity
        for p in points {
            var e = 0.0, cn = 0.0, o = 0.0
            for i in c.time.indices where c.time[i] > previous && c.time[i] <= p.time {
                for j in causeNames.indices { if j == k { e += c.nEvent[j][i] } else { o += c.nEvent[j][i] } }
                cn += c.nCensor[i]
            }
            out.append(StepRow(time: p.time, atRisk: atRiskAfter(previous), events: Int(e.rounded()),
                               censored: Int(cn.rounded()), estimate: p.incidence, standardError: p.standardError,
                               confLow: p.lower, confHigh: p.upper, otherEvents: Int(o.rounded())))
            previous = p.time
        }
        return (out, atRiskAfter(previous))
    }

    /// The JSON contract of `cuminc --format json`: `causes`, and `strata`, one entry per group and cause:
    /// `{name, cause, n, events, median, median_conf_low, median_conf_high, table}` with `table` the published
    /// steps (`time, n_risk, n_event, n_censor, incidence, std_error, conf_low, conf_high`; `at_times` likewise
    /// with chosen times); `median` is the time the cause's incidence reaches 0.5 (null when not reached or
    /// withheld); withheld values are null.
    public func json(_ d: CountDecisions, counts: CompetingRisksCounts) -> JSONValue {
        var strata: [JSONValue] = []
        for (s, c) in curves.enumerated() {
            for k in causeNames.indices {
                let reveals = [counts.n[s], counts.events[s][k]]
                func stat(_ x: Double) -> JSONValue {
                    d.resolve(.revealing(x.isNaN ? .missing : .number(x), reveals: reveals)).jsonValue
                }
                // Median of the time to this cause: first time with 1 − F < 0.5, by the survfit rules.
                let med = SurvivalQuantile.printedMedian(time: c.time, curve: c.incidence[k].map { 1 - $0 })
                let lo = SurvivalQuantile.printedMedian(time: c.time, curve: c.upper[k].map { 1 - $0 })
                let hi = SurvivalQuantile.printedMedian(time: c.time, curve: c.lower[k].map { 1 - $0 })
                var fields: [(String, JSONValue)] = [
                    ("name", .string(c.name)), ("cause", .string(causeNames[k])), ("n", d.json(counts.n[s])),
                    ("events", d.json(counts.events[s][k])), ("median", stat(med)), ("median_conf_low", stat(lo)),
                    ("median_conf_high", stat(hi)),
                    ("table", d.stepFunctions[counts.stepNames[s][k]]?.json(d) ?? .array([]))]
                if let at = counts.atTimesNames {
                    fields.append(("at_times", d.stepFunctions[at[s][k]]?.json(d) ?? .array([])))
                }
                strata.append(.object(fields))
            }
        }
        var out: [(String, JSONValue)] = [
            ("confidence_level", .number(confidenceLevel)), ("confidence_type", .string(confidenceType.rawValue)),
            ("variance", .string(variance.rawValue)), ("causes", .array(causeNames.map { .string($0) }))]
        if let formula { out.insert(("formula", .string(formula)), at: 0) }
        out.append(("strata", .array(strata)))
        out.append(("disclosure_control", .string(d.policy.footnote(secondaryApplies: true))))
        return .object(out)
    }

    /// The cumulative-incidence figure of a run, drawn from its published steps only.
    public func figure(_ d: CountDecisions, counts: CompetingRisksCounts,
                       options: SurvivalFigureOptions) throws(SurvivalCurveError) -> Chart {
        var names: [String] = [], labels: [String] = []
        for (s, c) in curves.enumerated() {
            for k in causeNames.indices {
                names.append(counts.stepNames[s][k])
                labels.append((curves.count > 1 ? SurvivalFigure.stratumLabel(c.name, options: options) + ", " : "")
                              + causeNames[k])
            }
        }
        return try PublishedSurvivalFigure.chart(
            d, stepNames: names, labels: labels, options: options,
            yLabel: options.probabilityLabel ?? "Cumulative incidence", complement: false, origin: 0,
            confidenceLevel: confidenceLevel, confidenceType: confidenceType)
    }
}
