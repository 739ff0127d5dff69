public import Reporting
public import Tabular

/// The result of validating a data set: every failed check, the number of records read per source and LA,
/// and the cleaned records (those no excluding rule removed), ready for the derivations.
///
/// Built by ``Validation/ssda903(episodes:children:referenceDate:)``, ``Validation/cin(_:referenceDate:)`` or
/// ``Validation/soscare(_:)``.
public struct Validation: Sendable {
    public var issues: [ValidationIssue]
    /// Records read, by source and LA.
    public var recordCounts: [RecordCountKey: Int]
    /// Cleaned SSDA903 episodes (for an SSDA903 validation), in the order read.
    public var episodes: [SSDA903Episode]
    /// Cleaned SSDA903 header rows, one per child.
    public var children: [SSDA903Child]
    /// Cleaned CIN episodes, one per episode key (the most recent census year's record).
    public var cinEpisodes: [CINEpisode]
    /// Cleaned SOSCARE records.
    public var soscare: SOSCAREData?

    public init(issues: [ValidationIssue] = [], recordCounts: [RecordCountKey: Int] = [:],
                episodes: [SSDA903Episode] = [], children: [SSDA903Child] = [], cinEpisodes: [CINEpisode] = [],
                soscare: SOSCAREData? = nil) {
        self.issues = issues
        self.recordCounts = recordCounts
        self.episodes = episodes
        self.children = children
        self.cinEpisodes = cinEpisodes
        self.soscare = soscare
    }

    /// Source and LA of a record count.
    public struct RecordCountKey: Sendable, Hashable, Comparable {
        public var source: String
        public var la: String
        public init(source: String, la: String) { self.source = source; self.la = la }
        public static func < (a: RecordCountKey, b: RecordCountKey) -> Bool { (a.source, a.la) < (b.source, b.la) }
    }

    /// Records left out of the cleaned data.
    public var excludedRecordCount: Int {
        Set(issues.filter(\.excluded).map { "\($0.source)\u{1}\($0.row)" }).count
    }

    /// The data-quality table: one row per source × rule × LA with at least one failure, giving the records of
    /// that source and LA, the distinct records failing the rule, their percentage (100 × failed / records) and
    /// how many of them were excluded; then one "any rule" row per source and LA. Sorted by source, rule (in
    /// ``ValidationRule`` order) and LA. Counts are of records, not children; no disclosure control is applied
    /// (the CLI applies it).
    public func table(title: String = "Data quality") -> Table {
        var t = Table(title: title, columns: [
            Column("source", alignment: .left), Column("rule", alignment: .left), Column("la", alignment: .left),
            Column("records"), Column("failed"), Column("percent"), Column("excluded"),
            Column("description", alignment: .left),
        ])
        struct K: Hashable { var source: String; var rule: Int; var la: String }
        var failed: [K: Set<Int>] = [:]
        var excluded: [K: Set<Int>] = [:]
        let order = Dictionary(uniqueKeysWithValues: ValidationRule.allCases.enumerated().map { ($1, $0) })
        for i in issues {
            for k in [K(source: i.source, rule: order[i.rule] ?? 0, la: i.la),
                      K(source: i.source, rule: ValidationRule.allCases.count, la: i.la)] {
                failed[k, default: []].insert(i.row)
                if i.excluded { excluded[k, default: []].insert(i.row) }
            }
        }
        for k in failed.keys.sorted(by: { ($0.source, $0.rule, $0.la) < ($1.source, $1.rule, $1.la) }) {
            let n = recordCounts[RecordCountKey(source: k.source, la: k.la)] ?? 0
            let f = failed[k]?.count ?? 0
            let isAny = k.rule == ValidationRule.allCases.count
            let rule = isAny ? nil : ValidationRule.allCases[k.rule]
            t.append([.text(k.source), .text(rule?.rawValue ?? "any rule"), .text(k.la), .integer(n), .integer(f),
                      n > 0 ? .number(100 * Double(f) / Double(n), significantDigits: 3) : .missing,
                      .integer(excluded[k]?.count ?? 0), .text(rule?.description ?? "Records failing at least one rule")])
        }
        let total = recordCounts.values.reduce(0, +)
        t.footnotes.append("\(total) records read; \(issues.count) failed checks on "
            + "\(Set(issues.map { "\($0.source)\u{1}\($0.row)" }).count) records; \(excludedRecordCount) records excluded.")
        return t
    }

    /// The quarantine table: one row per failed check (a record failing two rules appears twice), with the
    /// source, the CSV line number (row + 2: header line and 1-based), LA, child, rule, field, detail, whether the
    /// record was excluded, and the record's values.
    public func quarantine() throws(CareDataError) -> DataFrame {
        let s = issues.sorted { ($0.source, $0.row, $0.rule.rawValue) < ($1.source, $1.row, $1.rule.rawValue) }
        let cols = [
            DataColumn(name: "source", strings: s.map(\.source)),
            DataColumn(name: "line", integers: s.map { $0.row + 2 }),
            DataColumn(name: "la", strings: s.map(\.la)),
            DataColumn(name: "child", strings: s.map(\.child)),
            DataColumn(name: "rule", strings: s.map(\.rule.rawValue)),
            DataColumn(name: "field", strings: s.map(\.field)),
            DataColumn(name: "detail", strings: s.map(\.detail)),
            DataColumn(name: "excluded", values: .boolean(s.map(\.excluded))),
            DataColumn(name: "record", strings: s.map(\.record)),
        ]
        return try makeFrame(cols)
    }
}

/// A table from columns built together (equal lengths, unique names), with Tabular's error wrapped.
func makeFrame(_ columns: [DataColumn]) throws(CareDataError) -> DataFrame {
    do { return try DataFrame(columns: columns) } catch { throw .table(error) }
}
