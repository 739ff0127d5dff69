/// One exact step of a survival or cumulative-incidence curve (or one interval ending at a chosen time): the
/// people at risk at the start of the step, the events and censorings in it, and the estimate at its end.
public struct StepRow: Sendable, Equatable {
    public var time: Double
    public var atRisk: Int
    public var events: Int
    public var censored: Int
    public var estimate: Double
    public var standardError: Double
    public var confLow: Double
    public var confHigh: Double
    /// People leaving by a competing event (cumulative incidence of one cause): not shown, but registered so the
    /// step's counts add up (0 for Kaplan–Meier).
    public var otherEvents: Int

    public init(time: Double, atRisk: Int, events: Int, censored: Int, estimate: Double, standardError: Double,
                confLow: Double, confHigh: Double, otherEvents: Int = 0) {
        self.otherEvents = otherEvents
        self.time = time
        self.atRisk = atRisk
        self.events = events
        self.censored = censored
        self.estimate = estimate
        self.standardError = standardError
        self.confLow = confLow
        self.confHigh = confHigh
    }
}

/// A step function of one group (a Kaplan–Meier curve, a cumulative-incidence curve, or survival at chosen
/// times) with its exact steps, before disclosure control. ``DisclosureGate/publish(_:)`` publishes it as a
/// *coarsened* step function (``coarsenedBlocks(_:minimumLeavers:)``) whose counts all go through the run's ledger.
///
/// Why: every step of a survival curve reveals counts — S = 0.8571 with n = 7 is 6/7, and one vertex per event or
/// censoring time shows every person's time and status. ACRO (`acro_tables._rounded_survival_table`) publishes a
/// step only once at least `threshold` people have left observation since the last published step; this helper
/// applies that rule and adds two things ACRO does not do: the events and the censorings of a published step are
/// each 0 or at least the threshold (otherwise the step's estimate would reveal a small count), and the steps'
/// counts are related (n_risk(k) + entered(k) = n_event(k) + n_censor(k) + n_risk(k + 1); the group's n and events
/// are the sums of its steps') so that secondary suppression closes differencing between steps, tables and runs.
public struct StepFunction: Sendable {
    /// The table's stable name ("km-table", "km-table-2", ...).
    public var name: String
    public var title: String
    /// The group's label.
    public var group: String
    /// The estimate's JSON key and header: ("survival", "Survival") or ("incidence", "Cumulative incidence").
    public var estimateKey: String
    public var estimateHeader: String
    /// "95": the confidence level's percentage, for the interval headers.
    public var levelLabel: String
    /// The exact steps, in time order.
    public var rows: [StepRow]
    /// People still under observation after the last row (0 for a whole curve; > 0 for survival at chosen times).
    public var remaining: Int
    /// The group's n and events in the run's ledger (the steps' counts are related to them).
    public var n: CountID
    public var events: CountID
    /// Count-free notes.
    public var footnotes: [String]

    public init(name: String, title: String, group: String, estimateKey: String, estimateHeader: String,
                levelLabel: String, rows: [StepRow], remaining: Int = 0, n: CountID, events: CountID,
                footnotes: [String] = []) {
        self.name = name
        self.title = title
        self.group = group
        self.estimateKey = estimateKey
        self.estimateHeader = estimateHeader
        self.levelLabel = levelLabel
        self.rows = rows
        self.remaining = remaining
        self.n = n
        self.events = events
        self.footnotes = footnotes
    }

    /// The rows grouped into published steps: with `minimumLeavers` nil (disclosure control off) every exact row
    /// is a step; otherwise a step closes once at least `minimumLeavers` people have left observation since the
    /// last published step *and* its events and censorings are each 0 or at least `minimumLeavers`. Rows after
    /// the last closed step join it (and, if that still leaves a small count, the steps before it), so every
    /// person is in exactly one published step. Returns half-open ranges of `rows` indices.
    public static func coarsenedBlocks(_ rows: [StepRow], minimumLeavers: Int?) -> [Range<Int>] {
        guard let t = minimumLeavers else { return rows.indices.map { $0..<($0 + 1) } }
        func valid(_ r: Range<Int>) -> Bool {
            let e = rows[r].reduce(0) { $0 + $1.events }, c = rows[r].reduce(0) { $0 + $1.censored }
            let o = rows[r].reduce(0) { $0 + $1.otherEvents }
            return e + c + o >= t && (e == 0 || e >= t) && (c == 0 || c >= t) && (o == 0 || o >= t)
        }
        var blocks: [Range<Int>] = []
        var start = 0
        for i in rows.indices where valid(start..<(i + 1)) {
            blocks.append(start..<(i + 1))
            start = i + 1
        }
        if start < rows.count {
            var tail = start..<rows.count
            while let last = blocks.last, !valid(tail) {
                blocks.removeLast()
                tail = last.lowerBound..<tail.upperBound
            }
            blocks.append(tail)
        }
        return blocks
    }
}

/// A published step of a ``StepFunction``: its counts in the run's ledger and its estimate, which reveals the
/// group's n and the step's events (withheld unless both are shown exactly).
public struct PublishedStep: Sendable, Equatable {
    public var time: Double
    public var atRisk: CountID
    public var events: CountID
    public var censored: CountID
    public var estimate: ResultCell
    public var standardError: ResultCell
    public var confLow: ResultCell
    public var confHigh: ResultCell
}

/// A ``StepFunction`` after coarsening: its published steps and the result table that shows them.
public struct CoarsenedStepFunction: Sendable {
    public var function: StepFunction
    public var steps: [PublishedStep]
    /// Whether steps were merged (disclosure control on).
    public var isCoarsened: Bool
    public var minimumLeavers: Int?

    /// Coarsens `function` (``StepFunction/coarsenedBlocks(_:minimumLeavers:)``) and registers every published
    /// count in `ledger` with the relations that protect them together.
    public init(_ function: StepFunction, minimumLeavers: Int?, ledger: inout CountLedger) {
        self.function = function
        self.minimumLeavers = minimumLeavers
        let rows = function.rows
        let blocks = StepFunction.coarsenedBlocks(rows, minimumLeavers: minimumLeavers)
        isCoarsened = minimumLeavers != nil
        let g = function.group.isEmpty ? "" : "\(function.group): "
        var steps: [PublishedStep] = []
        var leavers: [CountID] = []
        var eventIDs: [CountID] = []
        var inflows: [CountID] = []
        var counts: [(atRisk: Int, events: Int, censored: Int)] = []
        var others: [CountID?] = []
        for b in blocks {
            let last = rows[b.upperBound - 1]
            let e = rows[b].reduce(0) { $0 + $1.events }, c = rows[b].reduce(0) { $0 + $1.censored }
            let a = rows[b.lowerBound].atRisk
            let o = rows[b].reduce(0) { $0 + $1.otherEvents }
            counts.append((a, e, c + o))
            let label = "\(g)\(function.estimateKey) step to t = \(last.time)"
            let aID = ledger.count(a, role: .atRisk, label: label + " at risk")
            let eID = ledger.count(e, role: .events, label: label + " events")
            let cID = ledger.count(c, role: .censored, label: label + " censored")
            leavers += [eID, cID]
            let oID = o > 0 ? ledger.count(o, role: .events, label: label + " competing events") : nil
            if let oID { leavers.append(oID) }
            others.append(oID)
            eventIDs.append(eID)
            let reveals = [function.n, eID]
            func stat(_ x: Double) -> ResultCell { .revealing(x.isNaN ? .missing : .number(x), reveals: reveals) }
            steps.append(PublishedStep(time: last.time, atRisk: aID, events: eID, censored: cID,
                                       estimate: stat(last.estimate), standardError: stat(last.standardError),
                                       confLow: stat(last.confLow), confHigh: stat(last.confHigh)))
        }
        // n_risk(k) + entered(k) = n_event(k) + n_censor(k) + n_risk(k + 1) (the last step's successor is the
        // people remaining after it); without delayed entry entered(k) = 0 and the relation is direct.
        for k in steps.indices {
            let nextValue = k + 1 < steps.count ? counts[k + 1].atRisk : function.remaining
            let next: CountID = k + 1 < steps.count ? steps[k + 1].atRisk
                : ledger.count(function.remaining, role: .atRisk, label: "\(g)still under observation after the last step")
            if k + 1 == steps.count { leavers.append(next) }
            let entered = nextValue + counts[k].events + counts[k].censored - counts[k].atRisk
            if entered == 0 {
                ledger.relate(total: steps[k].atRisk,
                              parts: [steps[k].events, steps[k].censored] + [others[k]].compactMap { $0 } + [next])
            } else if entered > 0 {
                let inflow = ledger.count(entered, role: .atRisk, label: "\(g)entered during step \(k + 1)")
                inflows.append(inflow)
                let through = ledger.count(counts[k].atRisk + entered, role: .atRisk,
                                           label: "\(g)at risk during step \(k + 1)")
                ledger.relate(total: through, parts: [steps[k].atRisk, inflow])
                ledger.relate(total: through,
                              parts: [steps[k].events, steps[k].censored] + [others[k]].compactMap { $0 } + [next])
            }
        }
        if steps.isEmpty {
            let rest = ledger.count(function.remaining, role: .atRisk, label: "\(g)under observation")
            leavers.append(rest)
        }
        if ledger.value(function.n) == leavers.reduce(0, { $0 + ledger.value($1) }) {
            ledger.relate(total: function.n, parts: leavers)
        }
        // n = the first step's people at risk + everyone entering later (the same value as the sum of leavers,
        // stated as its own relation so a shown first n_risk cannot give a withheld n away).
        if let first = steps.first, ledger.value(function.n) == ledger.value(first.atRisk) + inflows.reduce(0, { $0 + ledger.value($1) }) {
            ledger.relate(total: function.n, parts: [first.atRisk] + inflows)
        }
        // Events after the last row (survival at chosen times) are registered too, so the group's events minus
        // the rows' events cannot reveal them.
        let after = ledger.value(function.events) - eventIDs.reduce(0, { $0 + ledger.value($1) })
        if after > 0 {
            eventIDs.append(ledger.count(after, role: .events, label: "\(g)events after the last row"))
        }
        if after >= 0 { ledger.relate(total: function.events, parts: eventIDs) }
        self.steps = steps
    }

    /// The rule, in words, for the table's footnote.
    public var ruleFootnote: String {
        guard let t = minimumLeavers else {
            return "Every event and censoring time is shown (disclosure control off: not for release)."
        }
        return "Steps coarsened (as ACRO's survival rule, stricter): a step is published only once at least \(t) "
            + "people have left observation (events + censorings) since the last published step, with its events and "
            + "censorings each 0 or at least \(t); a row gives the people at risk at the start of the step, the events "
            + "and censorings since the last published row, and the estimate at the row's time. Estimates of a "
            + "group or step whose counts are withheld are withheld too."
    }

    /// Whether the whole step function is withheld: its group's n or events are withheld. (Rounded totals
    /// leave the steps' counts shown, rounded; the estimates, which reveal exact counts, are then withheld.) The steps'
    /// events add up to the group's events and their leavers to its n, and a reader who knows the coarsening rule
    /// (each published count 0 or at least the threshold) can narrow a withheld step count to a few values; so
    /// a group whose totals are withheld shows no step at all rather than steps around one withheld cell.
    public func isWithheld(_ d: CountDecisions) -> Bool {
        d.policy.isEnabled && (d.published(function.n).value == nil || d.published(function.events).value == nil)
    }

    /// The table as the gate publishes it: ``table``, or, for a withheld group (``isWithheld(_:)``), every
    /// cell withheld.
    public func table(_ d: CountDecisions) -> ResultTable {
        var t = table
        guard isWithheld(d) else { return t }
        let reveals = [function.n, function.events]
        // One row: the number of steps would tell how many people left, in steps of the threshold.
        t.rows = [t.columns.map { _ in .revealing(.text("withheld"), reveals: reveals) }]
        return t
    }

    /// The table: time, n_risk, n_event, n_censor, the estimate, its standard error and confidence limits.
    public var table: ResultTable {
        let f = function
        var t = ResultTable(
            name: f.name, title: f.title,
            columns: [Column("Time", key: "time"), Column("At risk", key: "n_risk"), Column("Events", key: "n_event"),
                      Column("Censored", key: "n_censor"), Column(f.estimateHeader, key: f.estimateKey),
                      Column("Std. error", key: "std_error"), Column("\(f.levelLabel)% CI lower", key: "conf_low"),
                      Column("\(f.levelLabel)% CI upper", key: "conf_high")],
            footnotes: f.footnotes + [ruleFootnote])
        for s in steps {
            t.append([.plain(.number(s.time, significantDigits: 8)), .count(s.atRisk), .count(s.events),
                      .count(s.censored), s.estimate, s.standardError, s.confLow, s.confHigh])
        }
        return t
    }

    /// The rows as JSON (`time`, `n_risk`, `n_event`, `n_censor`, the estimate, `std_error`, `conf_low`,
    /// `conf_high`), withheld values null; a withheld group (``isWithheld(_:)``) has one row of nulls.
    public func json(_ d: CountDecisions) -> JSONValue {
        let withheld = isWithheld(d)
        func v(_ c: ResultCell) -> JSONValue { withheld ? .null : d.resolve(c).jsonValue }
        func count(_ id: CountID) -> JSONValue { withheld ? .null : d.json(id) }
        return .array((withheld ? Array(steps.prefix(1)) : steps).map { s in
            .object([("time", withheld ? .null : .number(s.time)), ("n_risk", count(s.atRisk)),
                     ("n_event", count(s.events)), ("n_censor", count(s.censored)), (function.estimateKey, v(s.estimate)),
                     ("std_error", v(s.standardError)), ("conf_low", v(s.confLow)), ("conf_high", v(s.confHigh))])
        })
    }
}
