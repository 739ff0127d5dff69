public import Tabular

/// Where every record of a derivation went, so that no row is lost without a count: per source, the records
/// read, used, superseded (expected de-duplication) and excluded by each rule; then the periods of care built
/// and what became of them; for `return-to-care`, the at-risk exits, returns and censored follow-ups; and the
/// data's end and censoring date used. Returned by ``CareDataInputs/derive(_:options:)``; counts are of records,
/// periods and exits (so of people): the CLI publishes them under disclosure control.
public struct DerivationFlow: Sendable, Equatable {
    /// A count with its label.
    public struct Part: Sendable, Equatable {
        public var label: String
        public var count: Int
        public init(_ label: String, _ count: Int) { self.label = label; self.count = count }
    }

    /// A total and the parts it splits into exactly (their counts add up to the total).
    public struct Partition: Sendable, Equatable {
        public var label: String
        public var total: Int
        public var parts: [Part]
        /// Whether the parts add up to the total (always, unless a derivation lost track of a record).
        public var isBalanced: Bool { parts.reduce(0) { $0 + $1.count } == total }
    }

    /// The records of one source: `read` = `used` + `superseded` + the excluded counts.
    public struct SourceFlow: Sendable, Equatable {
        /// "episodes", "header" or "cin" (as in ``ValidationIssue/source``).
        public var source: String
        public var read: Int
        /// Records in the cleaned data the derivation used.
        public var used: Int
        /// Earlier copies of records repeated across returns or census years (expected de-duplication).
        public var superseded: Int
        /// Records excluded, by the first excluding rule they failed (``ValidationRule`` order); rules with no
        /// record left out are omitted.
        public var excluded: [(rule: ValidationRule, records: Int)]

        public static func == (a: SourceFlow, b: SourceFlow) -> Bool {
            a.source == b.source && a.read == b.read && a.used == b.used && a.superseded == b.superseded
                && a.excluded.map(\.rule) == b.excluded.map(\.rule) && a.excluded.map(\.records) == b.excluded.map(\.records)
        }
    }

    /// What became of the periods of care built from the cleaned episodes, at the censoring date. Every period
    /// is in exactly one part: made only of short breaks (V3/V4, never exits or returns); started after the
    /// censoring date; in care at the censoring date (open, or ending after it); ended by then with an at-risk
    /// exit (``ReasonEpisodeCeased/isAtRiskExit``); ended by then otherwise (adoption, transfer, 18th birthday,
    /// a last episode ending X1, ...).
    public struct PeriodCounts: Sendable, Equatable {
        public var periods = 0
        public var shortBreaksOnly = 0
        public var startedAfterCensor = 0
        public var inCareAtCensor = 0
        public var atRiskExits = 0
        public var otherExits = 0

        public init() {}

        /// Counts `periods` at `censorDate`. Complexity: O(periods).
        public init(_ periods: [PeriodOfCare], censorDate: CivilDate) {
            for p in periods {
                self.periods += 1
                if p.isShortBreaksOnly { shortBreaksOnly += 1 }
                else if p.start > censorDate { startedAfterCensor += 1 }
                else if let end = p.end, end <= censorDate {
                    if p.endReason?.isAtRiskExit ?? false { atRiskExits += 1 } else { otherExits += 1 }
                } else { inCareAtCensor += 1 }
            }
        }
    }

    /// What became of the at-risk exits in `return-to-care` (``ReturnToCare``): left out because the child was
    /// 18 or over at the exit, or a row that either returned or was censored at the censoring date or at the
    /// 18th birthday. `atRiskExits` = `agedEighteen` + `returned` + `censoredAtEnd` + `censoredAtEighteen`.
    public struct ReturnCounts: Sendable, Equatable {
        public var atRiskExits = 0
        public var agedEighteen = 0
        public var returned = 0
        public var censoredAtEnd = 0
        public var censoredAtEighteen = 0
        /// Rows of the dataset.
        public var rows: Int { returned + censoredAtEnd + censoredAtEighteen }
        public init() {}
    }

    public var sources: [SourceFlow]
    /// Nil when the derivation builds no periods of care.
    public var periods: PeriodCounts?
    /// Set for `return-to-care` only.
    public var returns: ReturnCounts?
    /// The data's end the records were checked against (SSDA903, or CIN for a CIN-only derivation).
    public var dataEnd: DataEnd?
    /// The end of follow-up used (the data's end unless `--censor` gave an earlier date).
    public var censorDate: CivilDate?

    public init(sources: [SourceFlow], periods: PeriodCounts? = nil, returns: ReturnCounts? = nil,
                dataEnd: DataEnd? = nil, censorDate: CivilDate? = nil) {
        self.sources = sources
        self.periods = periods
        self.returns = returns
        self.dataEnd = dataEnd
        self.censorDate = censorDate
    }

    /// The records of each source in `validation` (which must be the validation whose cleaned records the
    /// derivation used). Complexity: O(issues).
    public static func sources(of validation: Validation) -> [SourceFlow] {
        // Each record's fate: the first excluding rule it failed that is not expected, else superseded.
        var fate: [ValidationIssue.RecordIdentity: (source: String, rule: ValidationRule)] = [:]
        let rank = Dictionary(uniqueKeysWithValues: ValidationRule.allCases.enumerated().map { ($1, $0) })
        for i in validation.issues where i.excluded {
            let id = i.recordIdentity
            if let f = fate[id] {
                let better = (f.rule.isExpected && !i.rule.isExpected)
                    || (f.rule.isExpected == i.rule.isExpected && (rank[i.rule] ?? 0) < (rank[f.rule] ?? 0))
                if !better { continue }
            }
            fate[id] = (i.source, i.rule)
        }
        var superseded = validation.unlistedSuperseded, excluded: [String: [ValidationRule: Int]] = [:]
        for (_, f) in fate {
            if f.rule.isExpected { superseded[f.source, default: 0] += 1 }
            else { excluded[f.source, default: [:]][f.rule, default: 0] += 1 }
        }
        let used = ["episodes": validation.episodes.count, "header": validation.children.count,
                    "cin": validation.cinEpisodes.count + validation.cinSpells.count]
        return validation.recordsBySource.compactMap { source, read in
            guard let u = used[source] else { return nil }
            let ex = ValidationRule.allCases.compactMap { r in excluded[source]?[r].map { (rule: r, records: $0) } }
            return SourceFlow(source: source, read: read, used: u, superseded: superseded[source] ?? 0, excluded: ex)
        }
    }

    /// The flow as partitions (a total and the parts that make it up), in the order a reader follows the
    /// records: each source, the periods of care, the at-risk exits.
    public var partitions: [Partition] {
        var out: [Partition] = []
        let names = ["episodes": "SSDA903 episodes read", "header": "SSDA903 header rows read", "cin": "CIN census records read"]
        for s in sources {
            var parts = [Part("used", s.used)]
            if s.superseded > 0 { parts.append(Part("superseded copies (expected de-duplication)", s.superseded)) }
            parts += s.excluded.map { Part("excluded: \($0.rule.rawValue)", $0.records) }
            out.append(Partition(label: names[s.source] ?? s.source, total: s.read, parts: parts))
        }
        if let p = periods {
            out.append(Partition(label: "Periods of care", total: p.periods, parts: [
                Part("short breaks only (V3/V4)", p.shortBreaksOnly),
                Part("started after the censor date", p.startedAfterCensor),
                Part("in care at the censor date", p.inCareAtCensor),
                Part("ended: at-risk exit", p.atRiskExits),
                Part("ended: other reason (adoption, transfer, 18, ...)", p.otherExits),
            ]))
        }
        if let r = returns {
            out.append(Partition(label: "At-risk exits", total: r.atRiskExits, parts: [
                Part("left out: aged 18 or over at exit", r.agedEighteen),
                Part("returned to care", r.returned),
                Part("censored at the censor date", r.censoredAtEnd),
                Part("censored at the 18th birthday", r.censoredAtEighteen),
            ]))
        }
        return out
    }
}
