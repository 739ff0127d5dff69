import Foundation
public import Reporting
public import Tabular

/// The result of validating a data set: every failed check, the number of records read per source and LA,
/// and the cleaned records (those no excluding rule removed), ready for the derivations.
///
/// Built by ``Validation/ssda903(episodes:children:referenceDate:)``, ``Validation/cin(_:referenceDate:)`` or
/// ``Validation/soscare(_:referenceDate:)``.
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
    /// Cleaned CIN episodes in ``CINSpell`` form, when the validation kept that form (``CleanedCINRecords/spells``)
    /// instead of ``cinEpisodes``.
    public var cinSpells: [CINSpell] = []
    /// Copies superseded by a later census year that are counted here, by source, instead of being listed as
    /// issues (``CleanedCINRecords/spells``); ``supersededRecordCount`` and the derivation flow include them.
    public var unlistedSuperseded: [String: Int] = [:]
    /// Cleaned SOSCARE records.
    public var soscare: SOSCAREData?
    /// The end of the SSDA903 data the episodes were checked against (nil without SSDA903 records).
    public var dataEnd: DataEnd?
    /// The end of the CIN census data the CIN records were checked against (nil without CIN records).
    public var cinDataEnd: DataEnd?
    /// The census years each LA's CIN records come from (the records that passed, before de-duplication): a
    /// CIN count for an LA and year outside these is unknown, not zero.
    public var cinCensusYears: [String: Set<Int>]

    public init(issues: [ValidationIssue] = [], recordCounts: [RecordCountKey: Int] = [:],
                episodes: [SSDA903Episode] = [], children: [SSDA903Child] = [], cinEpisodes: [CINEpisode] = [],
                soscare: SOSCAREData? = nil, dataEnd: DataEnd? = nil, cinDataEnd: DataEnd? = nil,
                cinCensusYears: [String: Set<Int>] = [:]) {
        self.issues = issues
        self.recordCounts = recordCounts
        self.episodes = episodes
        self.children = children
        self.cinEpisodes = cinEpisodes
        self.soscare = soscare
        self.dataEnd = dataEnd
        self.cinDataEnd = cinDataEnd
        self.cinCensusYears = cinCensusYears
    }

    /// Source and LA of a record count.
    public struct RecordCountKey: Sendable, Hashable, Comparable {
        public var source: String
        public var la: String
        public init(source: String, la: String) { self.source = source; self.la = la }
        public static func < (a: RecordCountKey, b: RecordCountKey) -> Bool { (a.source, a.la) < (b.source, b.la) }
    }

    /// Records left out of the cleaned data (failed records and superseded copies alike).
    public var excludedRecordCount: Int {
        Set(issues.filter(\.excluded).map(\.recordIdentity)).count
    }

    /// Records failing at least one check that is not expected de-duplication (``ValidationRule/isExpected``).
    public var failedRecordCount: Int {
        Set(issues.filter { !$0.rule.isExpected }.map(\.recordIdentity)).count
    }

    /// Failed records (see ``failedRecordCount``) left out of the cleaned data.
    public var failedExcludedRecordCount: Int {
        Set(issues.filter { !$0.rule.isExpected && $0.excluded }.map(\.recordIdentity)).count
    }

    /// Copies of records repeated across returns or census years that the latest copy superseded (expected).
    public var supersededRecordCount: Int {
        Set(issues.filter(\.rule.isExpected).map(\.recordIdentity)).count + unlistedSuperseded.values.reduce(0, +)
    }

    /// Records read per source, over all LAs, in source order (episodes, header, cin, then SOSCARE modules).
    public var recordsBySource: [(source: String, records: Int)] {
        var totals: [String: Int] = [:]
        for (k, n) in recordCounts { totals[k.source, default: 0] += n }
        return totals.sorted { (Validation.sourceRank($0.key), $0.key) < (Validation.sourceRank($1.key), $1.key) }
            .map { ($0.key, $0.value) }
    }

    static func sourceRank(_ source: String) -> Int {
        ["episodes": 0, "header": 1, "cin": 2][source] ?? 3
    }

    /// The data-quality summary: one row per source × rule with at least one failed check (all LAs together),
    /// giving the records read from the source, the distinct records failing the rule, their percentage
    /// (100 × failed / records), how many of them were excluded from the cleaned data, and the first failure
    /// in file order as an example ("line 6: DECOM = 31/02/2016"); then one "any rule" row per source.
    /// Expected de-duplication (``ValidationRule/isExpected``) is not a failure: it is stated in a footnote.
    /// The footnotes also give the records read, failed and excluded, and the data's end. Counts are of
    /// records, and go into `ledger` as counts (the disclosure gate publishes them under the run's policy; the
    /// percentage reveals its failed and records counts).
    public func summary(title: String = "Data quality", ledger: inout CountLedger) -> ResultTable {
        var t = ResultTable(name: "data-quality", title: title, columns: [
            Column("source", alignment: .left), Column("rule", alignment: .left), Column("records"), Column("failed"),
            Column("percent"), Column("excluded"), Column("example", alignment: .left),
        ])
        struct K: Hashable { var source: String; var rule: Int }
        var failed: [K: Set<ValidationIssue.RecordIdentity>] = [:], excluded: [K: Set<ValidationIssue.RecordIdentity>] = [:], example: [K: ValidationIssue] = [:]
        let order = Dictionary(uniqueKeysWithValues: ValidationRule.allCases.enumerated().map { ($1, $0) })
        let any = ValidationRule.allCases.count
        for i in issues where !i.rule.isExpected {
            let k = K(source: i.source, rule: order[i.rule] ?? 0)
            for key in [k, K(source: i.source, rule: any)] {
                failed[key, default: []].insert(i.recordIdentity)
                if i.excluded { excluded[key, default: []].insert(i.recordIdentity) }
            }
            if let e = example[k], (e.file, e.row) <= (i.file, i.row) { continue }
            example[k] = i
        }
        let read = Dictionary(recordsBySource.map { ($0.source, $0.records) }, uniquingKeysWith: +)
        let recordIDs = registerRecordsRead(&ledger)
        for k in failed.keys.sorted(by: { (Validation.sourceRank($0.source), $0.source, $0.rule) < (Validation.sourceRank($1.source), $1.source, $1.rule) }) {
            let n = read[k.source] ?? 0, f = failed[k]?.count ?? 0
            let rule = k.rule == any ? nil : ValidationRule.allCases[k.rule]
            let label = "\(k.source), \(rule?.rawValue ?? "any rule")"
            let records = recordIDs.sources[k.source] ?? ledger.count(n, role: .records, label: "\(k.source): records read")
            let failing = ledger.count(f, role: .records, label: "\(label): records failing")
            let excl = ledger.count(excluded[k]?.count ?? 0, role: .records, label: "\(label): records excluded")
            t.append([.plain(.text(k.source)), .plain(.text(rule?.rawValue ?? "any rule")), .count(records), .count(failing),
                      .revealing(n > 0 ? .number(100 * Double(f) / Double(n), significantDigits: 3) : .missing, reveals: [failing, records]),
                      .count(excl), .plain(.text(example[k].map(Validation.example) ?? ""))])
        }
        (t.footnotes, t.countNotes) = summaryNotes(recordIDs.sources, &ledger)
        return t
    }

    /// "line 6: DECOM = 31/02/2016" (with the file's name for multi-file sources), at most 70 characters.
    static func example(_ i: ValidationIssue) -> String {
        let file = i.file.split(separator: "/").last.map { "\($0), " } ?? ""
        let s = "\(file)line \(i.row + 2): \(i.detail)"
        return s.count > 70 ? String(s.prefix(69)) + "…" : s
    }

    /// The records read, as counts in the ledger, each registered once however many rows and notes quote it:
    /// per source × LA, and per source as their sum (the relation lets the gate protect an LA's count against the
    /// source total minus the other LAs), and the ledger ids of both.
    func registerRecordsRead(_ ledger: inout CountLedger)
        -> (sources: [String: CountID], cells: [RecordCountKey: CountID]) {
        var cells: [RecordCountKey: CountID] = [:]
        for (k, n) in recordCounts.sorted(by: { $0.key < $1.key }) {
            cells[k] = ledger.count(n, role: .records, label: "\(k.source), \(k.la): records read")
        }
        var sources: [String: CountID] = [:]
        for (source, n) in recordsBySource {
            let id = ledger.count(n, role: .records, label: "\(source): records read")
            ledger.relate(total: id, parts: cells.filter { $0.key.source == source }.sorted { $0.key < $1.key }.map(\.value))
            sources[source] = id
        }
        return (sources, cells)
    }

    /// The summary's footnotes: records read, failed and excluded (count notes); expected de-duplication; the
    /// data's end (plain notes).
    func summaryNotes(_ sources: [String: CountID], _ ledger: inout CountLedger) -> ([String], [CountNote]) {
        let read = recordsBySource
        let ids = read.map { sources[$0.source] ?? ledger.count($0.records, role: .records, label: "\($0.source): records read") }
        let total = ledger.count(read.reduce(0) { $0 + $1.records }, role: .records, label: "records read")
        ledger.relate(total: total, parts: ids)
        let failed = ledger.count(failedRecordCount, role: .records, label: "records failing at least one check")
        let left = ledger.count(failedExcludedRecordCount, role: .records, label: "failing records left out")
        var countNotes = [CountNote("{} records read (" + read.map { "\($0.source) {}" }.joined(separator: ", ") + "); "
            + "{} failed at least one check, {} of them left out of the cleaned data.", [total] + ids + [failed, left])]
        var notes: [String] = []
        var superseded: [String: Set<ValidationIssue.RecordIdentity>] = [:]
        for i in issues where i.rule.isExpected { superseded[i.source, default: []].insert(i.recordIdentity) }
        var supersededCounts = superseded.mapValues(\.count)
        supersededCounts.merge(unlistedSuperseded, uniquingKeysWith: +)
        if !supersededCounts.isEmpty {
            let bySource = supersededCounts.sorted { Validation.sourceRank($0.key) < Validation.sourceRank($1.key) }
            let parts = bySource.map { ledger.count($0.value, role: .records, label: "\($0.key): copies superseded") }
            let all = ledger.count(supersededRecordCount, role: .records, label: "copies superseded")
            countNotes.append(CountNote("De-duplication (expected, not a failure): {} earlier copies of records "
                + "repeated across returns or census years were superseded by the latest copy ("
                + bySource.map { "\($0.key) {}" }.joined(separator: ", ") + ").", [all] + parts))
        }
        if let end = dataEnd { notes.append("SSDA903 data end: \(end).") }
        if let end = cinDataEnd { notes.append("CIN census data end: \(end).") }
        return (notes, countNotes)
    }

    /// The data-quality table by LA (`carestat validate --by-la`): one row per source × rule × LA with at least
    /// one failure, giving the records of that source and LA, the distinct records failing the rule, their
    /// percentage (100 × failed / records) and how many of them were excluded; then one "any rule" row per
    /// source and LA, which leaves out expected de-duplication (its rows say "expected"). Sorted by source, rule
    /// (in ``ValidationRule`` order) and LA. Counts are of records, not children, and go into `ledger`.
    public func table(title: String = "Data quality by LA", ledger: inout CountLedger) -> ResultTable {
        var t = ResultTable(name: "data-quality-by-la", title: title, columns: [
            Column("source", alignment: .left), Column("rule", alignment: .left), Column("la", alignment: .left),
            Column("records"), Column("failed"), Column("percent"), Column("excluded"),
            Column("description", alignment: .left),
        ])
        struct K: Hashable { var source: String; var rule: Int; var la: String }
        var failed: [K: Set<ValidationIssue.RecordIdentity>] = [:]
        var excluded: [K: Set<ValidationIssue.RecordIdentity>] = [:]
        let order = Dictionary(uniqueKeysWithValues: ValidationRule.allCases.enumerated().map { ($1, $0) })
        for i in issues {
            let keys = [K(source: i.source, rule: order[i.rule] ?? 0, la: i.la)]
                + (i.rule.isExpected ? [] : [K(source: i.source, rule: ValidationRule.allCases.count, la: i.la)])
            for k in keys {
                failed[k, default: []].insert(i.recordIdentity)
                if i.excluded { excluded[k, default: []].insert(i.recordIdentity) }
            }
        }
        let recordIDs = registerRecordsRead(&ledger)
        for k in failed.keys.sorted(by: { ($0.source, $0.rule, $0.la) < ($1.source, $1.rule, $1.la) }) {
            let key = RecordCountKey(source: k.source, la: k.la)
            let n = recordCounts[key] ?? 0
            let f = failed[k]?.count ?? 0
            let isAny = k.rule == ValidationRule.allCases.count
            let rule = isAny ? nil : ValidationRule.allCases[k.rule]
            let label = "\(k.source), \(rule?.rawValue ?? "any rule"), \(k.la)"
            let records = recordIDs.cells[key] ?? ledger.count(n, role: .records, label: "\(k.source), \(k.la): records read")
            let failing = ledger.count(f, role: .records, label: "\(label): records failing")
            t.append([.plain(.text(k.source)), .plain(.text(rule?.rawValue ?? "any rule")), .plain(.text(k.la)),
                      .count(records), .count(failing),
                      .revealing(n > 0 ? .number(100 * Double(f) / Double(n), significantDigits: 3) : .missing, reveals: [failing, records]),
                      .count(ledger.count(excluded[k]?.count ?? 0, role: .records, label: "\(label): records excluded")),
                      .plain(.text(rule.map { $0.isExpected ? "Expected: " + $0.description : $0.description }
                                   ?? "Records failing at least one rule"))])
        }
        (t.footnotes, t.countNotes) = summaryNotes(recordIDs.sources, &ledger)
        return t
    }

    /// The quarantine table: one row per failed check (a record failing two rules appears twice), with the
    /// source, the file (for multi-file sources), the CSV line number (row + 2: header line and 1-based), LA, child, rule, field, detail, whether the
    /// record was excluded, and the record's values.
    public func quarantine() throws(CareDataError) -> DataFrame {
        try quarantineFrame(quarantineOrder[...])
    }

    /// Writes ``quarantine()`` as CSV to `path`, `rowsPerChunk` issues at a time, so that a national census's
    /// millions of issues are never one table and one text in memory (same file as ``writeCSV(_:to:)`` of
    /// ``quarantine()``).
    public func writeQuarantine(to path: String, rowsPerChunk: Int = 100_000) throws(CareDataError) {
        let order = quarantineOrder
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw .unwritableFile(path: path, reason: "cannot create the file")
        }
        defer { try? handle.close() }
        var start = 0
        repeat {
            let end = min(start + max(rowsPerChunk, 1), order.count)
            var bytes = CSVWriter.bytes(try quarantineFrame(order[start..<end]))
            if start > 0, let lf = bytes.firstIndex(of: 0x0A) { bytes.removeSubrange(...lf) } // header once
            do { try handle.write(contentsOf: bytes) } catch {
                throw .unwritableFile(path: path, reason: error.localizedDescription)
            }
            start = end
        } while start < order.count
    }

    /// Issue indices in quarantine order: source, file, row, rule (ties in issue order). Indices are sorted,
    /// not the issues: a national census has millions.
    private var quarantineOrder: [Int] {
        issues.indices.sorted { a, b in
            let x = issues[a], y = issues[b]
            return (x.source, x.file, x.row, x.rule.rawValue, a) < (y.source, y.file, y.row, y.rule.rawValue, b)
        }
    }

    private func quarantineFrame(_ order: ArraySlice<Int>) throws(CareDataError) -> DataFrame {
        func column<T>(_ value: (ValidationIssue) -> T) -> [T] { order.map { value(issues[$0]) } }
        let cols = [
            DataColumn(name: "source", strings: column(\.source)),
            DataColumn(name: "file", strings: column(\.file)),
            DataColumn(name: "line", integers: column { $0.row + 2 }),
            DataColumn(name: "la", strings: column(\.la)),
            DataColumn(name: "child", strings: column(\.child)),
            DataColumn(name: "rule", strings: column(\.rule.rawValue)),
            DataColumn(name: "field", strings: column(\.field)),
            DataColumn(name: "detail", strings: column(\.detail)),
            DataColumn(name: "excluded", values: .boolean(column(\.excluded))),
            DataColumn(name: "record", strings: column(\.record)),
        ]
        return try makeFrame(cols)
    }
}

/// A table from columns built together (equal lengths, unique names), with Tabular's error wrapped.
func makeFrame(_ columns: [DataColumn]) throws(CareDataError) -> DataFrame {
    do { return try DataFrame(columns: columns) } catch { throw .table(error) }
}

extension ValidationIssue {
    /// A record: source, file and row (a value, not a string built per issue: the sets of them over a national
    /// census's millions of issues share the issues' strings).
    struct RecordIdentity: Hashable {
        var source: String
        var file: String
        var row: Int
    }

    /// Identifies the record: source, file and row.
    var recordIdentity: RecordIdentity { RecordIdentity(source: source, file: file, row: row) }
}
