/// A cell of a result before disclosure control: a plain value, a count of people (an entry of the run's
/// ``CountLedger``), or a statistic that reveals counts of people.
///
/// Estimators build their outputs from these; ``CountDecisions/resolve(_:)`` turns them into rendered ``Cell``s,
/// so no estimator and no command decides what to publish.
public enum ResultCell: Sendable, Equatable {
    /// A value that is not a count of people and reveals none (an estimate, a label, a p-value).
    case plain(Cell)
    /// A count of people.
    case count(CountID)
    /// A value from which the listed counts follow exactly (BIC and residual df reveal n; a survival estimate of a
    /// small group reveals its events; a factor level's estimate and SE reveal its cell): withheld unless every one
    /// of them is shown exactly.
    case revealing(Cell, reveals: [CountID])

    /// The counts this cell shows or reveals.
    public var countIDs: [CountID] {
        switch self {
        case .plain: return []
        case .count(let id): return [id]
        case .revealing(_, let ids): return ids
        }
    }

    /// The cell with its count identifiers moved by `offset` (after ``CountLedger/append(_:)``).
    public func shifted(by offset: Int) -> ResultCell {
        switch self {
        case .plain: return self
        case .count(let id): return .count(CountID(id.index + offset))
        case .revealing(let c, let ids): return .revealing(c, reveals: ids.map { CountID($0.index + offset) })
        }
    }
}

extension ResultCell: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .plain(.text(value)) }
}

/// A table of ``ResultCell``s: the shape of every output before disclosure control. ``DisclosureGate`` renders it as a
/// ``Table`` (``CountDecisions/table(_:)``), adding the policy's footnote when it shows counts.
public struct ResultTable: Sendable, Equatable {
    /// A stable name for the output-checking record, CSV labels and Excel sheet names (e.g. "coefficients",
    /// "km-summary").
    public var name: String
    public var title: String
    public var columns: [Column]
    public var rows: [[ResultCell]]
    /// Count-free notes. Counts never go into prose: a note that needs one uses ``countNotes``.
    public var footnotes: [String]
    /// Notes that quote counts: each note is text with `{}` placeholders filled by the published counts in order.
    public var countNotes: [CountNote]

    public init(name: String, title: String, columns: [Column], rows: [[ResultCell]] = [], footnotes: [String] = [],
                countNotes: [CountNote] = []) {
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footnotes = footnotes
        self.countNotes = countNotes
    }

    /// Appends a row, padded with missing cells.
    public mutating func append(_ row: [ResultCell]) {
        precondition(row.count <= columns.count, "row has \(row.count) cells for \(columns.count) columns")
        rows.append(row + Array(repeating: .plain(.missing), count: columns.count - row.count))
    }

    /// Every count the table shows or reveals.
    public var countIDs: [CountID] { rows.flatMap { $0.flatMap(\.countIDs) } + countNotes.flatMap(\.counts) }

    /// The table with its count identifiers moved by `offset`.
    public func shifted(by offset: Int) -> ResultTable {
        var t = self
        t.rows = rows.map { $0.map { $0.shifted(by: offset) } }
        t.countNotes = countNotes.map { $0.shifted(by: offset) }
        return t
    }
}

/// A note that quotes counts of people: `template` with one `{}` per count, filled with the published values
/// (or the suppression marker). For example `CountNote("{} rows dropped for missing values", [dropped])`.
public struct CountNote: Sendable, Equatable {
    public var template: String
    public var counts: [CountID]
    /// A note quoting no count, printed as written (braces included).
    public private(set) var isLiteral = false

    public init(_ template: String, _ counts: [CountID]) {
        precondition(template.components(separatedBy: "{}").count - 1 == counts.count, "placeholders ≠ counts")
        self.template = template
        self.counts = counts
    }

    /// A note that quotes no count (a file name, a seed), printed exactly as written.
    public static func literal(_ text: String) -> CountNote {
        var note = CountNote("", [])
        note.template = text
        note.isLiteral = true
        return note
    }

    func shifted(by offset: Int) -> CountNote {
        var note = self
        note.counts = counts.map { CountID($0.index + offset) }
        return note
    }
}

extension CountDecisions {
    /// A note with its counts published.
    public func text(_ note: CountNote) -> String {
        if note.isLiteral { return note.template }
        var parts = note.template.components(separatedBy: "{}")
        var out = parts.removeFirst()
        for (id, rest) in zip(note.counts, parts) { out += text(id) + rest }
        return out
    }

    /// The table as published: counts resolved, revealing statistics withheld as needed, count notes filled, and
    /// the policy's sentence appended when the table shows or reveals counts.
    public func table(_ t: ResultTable) -> Table {
        var out = Table(title: t.title, columns: t.columns, rows: t.rows.map { $0.map(resolve) },
                        footnotes: t.countNotes.map(text) + t.footnotes)
        let ids = t.countIDs
        if !ids.isEmpty {
            let secondary = ids.contains { published($0) == .suppressed(.secondary) } || !ledger.relations.isEmpty
                || !ledger.grids.isEmpty
            out.footnotes.append(policy.footnote(secondaryApplies: secondary && policy.isEnabled))
            if policy.isEnabled, t.rows.contains(where: { $0.contains { if case .revealing = $0 { isWithheld($0) } else { false } } }) {
                out.footnotes.append("Statistics from which a withheld count could be derived are withheld too ("
                                     + policy.marker + ").")
            }
        }
        return out
    }
}

extension ResultTable {
    /// A table with no counts of people, as a result table (every cell plain).
    public init(name: String, countFree t: Table) {
        self.init(name: name, title: t.title, columns: t.columns, rows: t.rows.map { $0.map { .plain($0) } },
                  footnotes: t.footnotes)
    }
}
