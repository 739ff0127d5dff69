public import Reporting

/// The counts of people a Kaplan–Meier fit registered in a run's ledger: per group and overall (when grouped).
public struct SurvivalGroupCounts: Sendable {
    public var names: [String]
    public var n: [CountID]
    public var events: [CountID]
    /// The totals over the groups (the groups' counts are related to them); the only group's counts when there is
    /// one group.
    public var totalN: CountID
    public var totalEvents: CountID
    /// The step functions' names (one per group), for figures and JSON.
    public var stepNames: [String]
    /// The survival-at-chosen-times step functions' names, when times were asked for.
    public var atTimesNames: [String]?
}

extension KaplanMeierFit {
    var levelLabel: String {
        let p = confidenceLevel * 100
        return p == p.rounded() ? String(Int(p)) : String(p)
    }

    /// Adds the fit's results to `run` (issue 10): a summary table (per group n, events, median with its
    /// confidence interval, and the total over the groups, all related so that differencing is closed), one
    /// survival step function per group (published coarsened under disclosure control, see ``StepFunction``) and,
    /// with `times`, one step function per group of survival at those times. The medians and estimates reveal
    /// their group's n and events: withheld when those are. Returns the counts registered, so other outputs of
    /// the run (a Cox model's n and events) can be related to them.
    ///
    /// - Parameters:
    ///   - name: the stem of the tables' names ("km").
    ///   - title: the summary table's title.
    ///   - timesAsIncidence: report the chosen times as the cumulative incidence 1 − S(t) (limits 1 − upper,
    ///     1 − lower) rather than S(t), as return-to-care studies do.
    @discardableResult
    public func addResults(to run: inout RunOutput, name: String = "km", title: String = "Kaplan–Meier survival",
                           times: [Double]? = nil, timesAsIncidence: Bool = false,
                           timesTitle: String = "Survival at chosen times") -> SurvivalGroupCounts {
        let level = levelLabel
        let grouped = groupName != nil || curves.count > 1
        var ns: [CountID] = [], events: [CountID] = []
        for c in curves {
            let label = c.name.isEmpty ? "all" : "\(groupName ?? "group") = \(c.name)"
            ns.append(run.ledger.count(c.n, role: .rowsUsed, label: "\(label): n"))
            events.append(run.ledger.count(Int(c.events.rounded()), role: .events, label: "\(label): events"))
        }
        var totalN = ns.first ?? run.ledger.count(0, role: .rowsUsed, label: "n")
        var totalEvents = events.first ?? run.ledger.count(0, role: .events, label: "events")
        if grouped {
            totalN = run.ledger.count(curves.reduce(0) { $0 + $1.n }, role: .rowsUsed, label: "all groups: n")
            totalEvents = run.ledger.count(events.reduce(0) { $0 + run.ledger.value($1) }, role: .events,
                                           label: "all groups: events")
            run.ledger.relate(total: totalN, parts: ns)
            run.ledger.relate(total: totalEvents, parts: events)
        }
        var summary = ResultTable(
            name: "\(name)-summary", title: title,
            columns: (grouped ? [Column(groupName ?? "Group", key: "name", alignment: .left)] : [])
                + [Column("n", key: "n"), Column("Events", key: "events"), Column("Median", key: "median"),
                   Column("\(level)% CI lower", key: "median_conf_low"),
                   Column("\(level)% CI upper", key: "median_conf_high")],
            footnotes: ["Median survival time with \(level)% confidence interval (\(confidenceType.rawValue) "
                        + "transformation), as R's survfit; blank when not reached. A group's median and estimates "
                        + "are withheld when its n or events are."])
        for (s, c) in curves.enumerated() {
            let m = c.median
            let reveals = [ns[s], events[s]]
            func stat(_ x: Double) -> ResultCell { .revealing(x.isNaN ? .missing : .number(x), reveals: reveals) }
            summary.append((grouped ? [.plain(.text(c.name))] : [])
                           + [.count(ns[s]), .count(events[s]), stat(m.estimate), stat(m.lower), stat(m.upper)])
        }
        if grouped { summary.append([.plain(.text("Total")), .count(totalN), .count(totalEvents)]) }
        if droppedRows > 0, let d = run.ledger.droppedRows(droppedRows, byColumn: droppedByColumn),
           case .rowsDropped(let note) = d {
            summary.countNotes.append(note)
        }
        run.add(summary)

        var stepNames: [String] = [], atNames: [String]? = times == nil ? nil : []
        for (s, c) in curves.enumerated() {
            let suffix = grouped ? ": \(groupName ?? "group") = \(c.name)" : ""
            let stepName = curves.count > 1 ? "\(name)-table-\(s + 1)" : "\(name)-table"
            stepNames.append(stepName)
            let rows = lifeTableRows(stratum: s).map { p in
                StepRow(time: p.time, atRisk: Int(p.nRisk.rounded()), events: Int(p.nEvent.rounded()),
                        censored: Int(p.nCensor.rounded()), estimate: p.survival, standardError: p.standardError,
                        confLow: p.lower, confHigh: p.upper)
            }
            run.add(steps: StepFunction(
                name: stepName, title: "Kaplan–Meier survival table\(suffix)", group: c.name, estimateKey: "survival",
                estimateHeader: "Survival", levelLabel: level, rows: rows, n: ns[s], events: events[s],
                footnotes: ["Std. error is that of the survival probability (Greenwood)."]))
            if let times {
                let atName = curves.count > 1 ? "\(name)-at-\(s + 1)" : "\(name)-at"
                atNames?.append(atName)
                var (rows, remaining) = Self.intervalRows(c, times: times)
                if timesAsIncidence {
                    rows = rows.map { r in
                        var r = r
                        (r.estimate, r.confLow, r.confHigh) = (1 - r.estimate, 1 - r.confHigh, 1 - r.confLow)
                        return r
                    }
                }
                run.add(steps: StepFunction(
                    name: atName, title: timesTitle + suffix, group: c.name,
                    estimateKey: timesAsIncidence ? "incidence" : "survival",
                    estimateHeader: timesAsIncidence ? "Cumulative incidence" : "Survival", levelLabel: level, rows: rows,
                    remaining: remaining, n: ns[s],
                    events: events[s],
                    footnotes: ["Each row: people at risk after the previous chosen time, events and censorings up "
                                + "to the row's time, survival at that time (R's summary(fit, times =)); times after "
                                + "the last follow-up time are not shown. Under disclosure control a time whose "
                                + "interval is too small is merged into the next row."]))
            }
        }
        return SurvivalGroupCounts(names: curves.map(\.name), n: ns, events: events, totalN: totalN,
                                   totalEvents: totalEvents, stepNames: stepNames, atTimesNames: atNames)
    }

    /// Survival at `times` as intervals (previous time, t]: people at risk after the previous time, events and
    /// censorings in the interval, and the curve at t; and the people remaining after the last time.
    static func intervalRows(_ c: KaplanMeierCurve, times: [Double]) -> ([StepRow], Int) {
        let points = c.summary(at: times)
        var rows: [StepRow] = []
        var previous = -Double.infinity
        func atRiskAfter(_ t: Double) -> Int {
            guard let i = c.time.firstIndex(where: { $0 > t }) else { return 0 }
            return Int(c.nRisk[i].rounded())
        }
        for p in points {
            var e = 0.0, k = 0.0
            for i in c.time.indices where c.time[i] > previous && c.time[i] <= p.time {
                e += c.nEvent[i]
                k += c.nCensor[i]
            }
            rows.append(StepRow(time: p.time, atRisk: atRiskAfter(previous), events: Int(e.rounded()),
                                censored: Int(k.rounded()), estimate: p.survival, standardError: p.standardError,
                                confLow: p.lower, confHigh: p.upper))
            previous = p.time
        }
        return (rows, atRiskAfter(previous))
    }

    /// The JSON contract of `km --format json`: `confidence_level`, `confidence_type`, and `strata`, an array of
    /// `{name, n, events, median, median_conf_low, median_conf_high, table}` with `table` the published steps
    /// (`time, n_risk, n_event, n_censor, survival, std_error, conf_low, conf_high`) and, with chosen times,
    /// `at_times` likewise; withheld values are null.
    public func json(_ d: CountDecisions, counts: SurvivalGroupCounts) -> JSONValue {
        let strata: [JSONValue] = curves.indices.map { s in
            let c = curves[s]
            let m = c.median
            let reveals = [counts.n[s], counts.events[s]]
            func stat(_ x: Double) -> JSONValue {
                d.resolve(.revealing(x.isNaN ? .missing : .number(x), reveals: reveals)).jsonValue
            }
            var fields: [(String, JSONValue)] = [
                ("name", .string(c.name)), ("n", d.json(counts.n[s])), ("events", d.json(counts.events[s])),
                ("median", stat(m.estimate)), ("median_conf_low", stat(m.lower)), ("median_conf_high", stat(m.upper)),
                ("table", d.stepFunctions[counts.stepNames[s]]?.json(d) ?? .array([]))]
            if let at = counts.atTimesNames { fields.append(("at_times", d.stepFunctions[at[s]]?.json(d) ?? .array([]))) }
            return .object(fields)
        }
        var out: [(String, JSONValue)] = [("confidence_level", .number(confidenceLevel)),
                                          ("confidence_type", .string(confidenceType.rawValue))]
        if let formula { out.insert(("formula", .string(formula)), at: 0) }
        if counts.names.count > 1 || groupName != nil {
            out.append(("n", d.json(counts.totalN)))
            out.append(("events", d.json(counts.totalEvents)))
        }
        out.append(("strata", .array(strata)))
        out.append(("disclosure_control", .string(d.policy.footnote(secondaryApplies: true))))
        return .object(out)
    }
}
