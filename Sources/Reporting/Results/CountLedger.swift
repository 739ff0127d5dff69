/// One count of people held in a ``CountLedger``: its position in the ledger.
public struct CountID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: CountID, b: CountID) -> Bool { a.index < b.index }
    public var description: String { "#\(index)" }
}

/// What a count of people counts: the roles every estimator and table shares (issue 10's "typed counts of
/// people"). A role names the kind; the entry's label names the population ("legal_status = V2").
public enum CountRole: String, Sendable, CaseIterable {
    /// Rows (people) used by a fit or in a group: n.
    case rowsUsed = "rows_used"
    /// People with the event.
    case events
    /// People censored (or, in a two-way split, without the event).
    case censored
    /// People at risk at a time.
    case atRisk = "at_risk"
    /// Rows dropped for missing values (in total or for one column).
    case rowsDropped = "rows_dropped"
    /// Rows with zero weight.
    case zeroWeight = "zero_weight"
    /// A sum of whole-number case (frequency) weights: the people the weighted rows stand for.
    case weightSum = "weight_sum"
    /// Rows at one level of a factor (a frequency-table cell, a coefficient's level count).
    case levelRows = "level_rows"
    /// A cell of a cross-tabulation, or any other count of people.
    case cell
    /// A count of records (episodes, referrals) rather than people; treated as a count of people, since
    /// records map to people.
    case records
}

/// The counts of people in a run's outputs — one command, or one spec run — and the linear relations between
/// them, so that disclosure control sees every output of the run at once.
///
/// A relation says that one count is the sum of others (a total and its parts); a grid says that a two-way table's
/// rows and columns add up to its margins. ``DisclosureGate`` suppresses small counts and then enough others that
/// no suppressed count can be recovered from any relation of the run, whichever output shows it — the "total
/// minus the shown parts" attack across tables (differencing) is closed by relating the counts, not by comparing
/// rendered text.
public struct CountLedger: Sendable {
    /// One count: its exact value (never rendered; only ``DisclosureGate`` reads it), what it counts and a label
    /// naming its population for the output-checking record.
    public struct Entry: Sendable, Equatable {
        public var value: Int
        public var role: CountRole
        public var label: String
        /// Whether the count is a listed level (a row of a frequency table of observed levels): being listed
        /// tells a reader the count is at least 1, which secondary suppression must take into account.
        public var isListedLevel: Bool
    }

    /// `total = Σ parts`.
    public struct Relation: Sendable, Equatable {
        public var total: CountID
        public var parts: [CountID]
    }

    /// A two-way table with its margins: `cells[i][j]`, row totals, column totals and the grand total.
    public struct Grid: Sendable, Equatable {
        public var cells: [[CountID]]
        public var rowTotals: [CountID]
        public var columnTotals: [CountID]
        public var grandTotal: CountID
    }

    public private(set) var entries: [Entry] = []
    public private(set) var relations: [Relation] = []
    public private(set) var grids: [Grid] = []

    public init() {}

    /// Adds a count of people and returns its identifier.
    /// - Precondition: `value >= 0` (a negative count is a programming error in the estimator).
    public mutating func count(_ value: Int, role: CountRole, label: String, listed: Bool = false) -> CountID {
        precondition(value >= 0, "a count of people cannot be negative: \(label) = \(value)")
        entries.append(Entry(value: value, role: role, label: label, isListedLevel: listed))
        return CountID(entries.count - 1)
    }

    /// The exact value of a count (for estimators and tests; renderers use ``DisclosureGate``'s decisions).
    public func value(_ id: CountID) -> Int { entries[id.index].value }

    /// Records that `total` is the sum of `parts`.
    /// - Precondition: the values add up (a relation that does not hold is a programming error).
    public mutating func relate(total: CountID, parts: [CountID]) {
        precondition(parts.reduce(0) { $0 + value($1) } == value(total),
                     "counts do not add up: \(entries[total.index].label)")
        relations.append(Relation(total: total, parts: parts))
    }

    /// Adds a two-way table of counts with its margins (computed here) and returns the grid of identifiers.
    public mutating func grid(_ counts: [[Int]], role: CountRole = .cell, rowLabels: [String],
                              columnLabels: [String], title: String) -> Grid {
        let r = counts.count, c = counts.first?.count ?? 0
        precondition(counts.allSatisfy { $0.count == c } && rowLabels.count == r && columnLabels.count == c,
                     "ragged grid \(title)")
        var cells: [[CountID]] = []
        for i in 0..<r {
            cells.append((0..<c).map { j in
                count(counts[i][j], role: role, label: "\(title): \(rowLabels[i]) × \(columnLabels[j])")
            })
        }
        let rowTotals = (0..<r).map { i in
            count(counts[i].reduce(0, +), role: role, label: "\(title): \(rowLabels[i]) total")
        }
        let columnTotals = (0..<c).map { j in
            count(counts.reduce(0) { $0 + $1[j] }, role: role, label: "\(title): \(columnLabels[j]) total")
        }
        let grand = count(counts.reduce(0) { $0 + $1.reduce(0, +) }, role: role, label: "\(title): total")
        let g = Grid(cells: cells, rowTotals: rowTotals, columnTotals: columnTotals, grandTotal: grand)
        grids.append(g)
        return g
    }

    /// Appends another ledger (for example a fit's) and returns the offset to add to its identifiers
    /// (``ResultTable/shifted(by:)``, ``FitSummary/shifted(by:)``).
    public mutating func append(_ other: CountLedger) -> Int {
        let offset = entries.count
        func s(_ id: CountID) -> CountID { CountID(id.index + offset) }
        entries += other.entries
        relations += other.relations.map { Relation(total: s($0.total), parts: $0.parts.map(s)) }
        grids += other.grids.map {
            Grid(cells: $0.cells.map { $0.map(s) }, rowTotals: $0.rowTotals.map(s), columnTotals: $0.columnTotals.map(s),
                 grandTotal: s($0.grandTotal))
        }
        return offset
    }
}
