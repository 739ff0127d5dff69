/// A table of equally long, uniquely named, typed columns: CareStat's in-memory data set.
public struct DataFrame: Sendable, Equatable {
    public internal(set) var columns: [DataColumn]
    public internal(set) var rowCount: Int

    /// Fails if columns differ in length or repeat a name.
    public init(columns: [DataColumn]) throws(TabularError) {
        let n = columns.first?.count ?? 0
        var seen = Set<String>()
        for c in columns {
            guard c.count == n else { throw .lengthMismatch(column: c.name, expected: n, actual: c.count) }
            guard seen.insert(c.name).inserted else { throw .duplicateColumn(c.name) }
        }
        self.columns = columns
        rowCount = n
    }

    public var columnNames: [String] { columns.map(\.name) }

    /// The column with this name, or nil.
    public func column(named name: String) -> DataColumn? { columns.first { $0.name == name } }

    /// The column with this name, or an error that suggests the nearest existing name.
    public func requireColumn(_ name: String) throws(TabularError) -> DataColumn {
        if let c = column(named: name) { return c }
        throw .unknownColumn(name, suggestion: nearestName(to: name, among: columnNames))
    }

    /// Adds a column (same length, new name) or replaces the column of that name.
    public mutating func setColumn(_ column: DataColumn) throws(TabularError) {
        if columns.isEmpty { columns = [column]; rowCount = column.count; return }
        guard column.count == rowCount else { throw .lengthMismatch(column: column.name, expected: rowCount, actual: column.count) }
        if let i = columns.firstIndex(where: { $0.name == column.name }) { columns[i] = column } else { columns.append(column) }
    }
}

/// Errors from building or querying tables.
public enum TabularError: Error, Equatable, Sendable, CustomStringConvertible {
    case lengthMismatch(column: String, expected: Int, actual: Int)
    case duplicateColumn(String)
    case unknownColumn(String, suggestion: String?)
    /// An operation needs a column of another kind (e.g. `sum` of a string column, a Double read of a date).
    case typeMismatch(column: String, expected: String, actual: ColumnKind)
    /// Join keys whose kinds differ (an integer key never silently matches a double or string key).
    case keyTypeMismatch(left: String, leftKind: ColumnKind, right: String, rightKind: ColumnKind)
    /// A row index outside `0..<rowCount`.
    case rowIndexOutOfRange(index: Int, rowCount: Int)
    /// Two rows of the long table map to the same cell of the wide table in `pivotWider`.
    case duplicateCell(id: String, name: String)
    /// An argument that makes the operation meaningless (e.g. no join keys, an empty name list).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .lengthMismatch(c, e, a): return "column \(c) has \(a) rows, expected \(e)"
        case .duplicateColumn(let c): return "column name \(c) appears more than once"
        case let .unknownColumn(c, s):
            return "no column named \(c)" + (s.map { "; did you mean \($0)?" } ?? "")
        case let .typeMismatch(c, e, a): return "column \(c) is \(a.rawValue), expected \(e)"
        case let .keyTypeMismatch(l, lk, r, rk):
            return "join key \(l) is \(lk.rawValue) but \(r) is \(rk.rawValue); convert one so that the kinds match"
        case let .rowIndexOutOfRange(i, n): return "row index \(i) is outside 0..<\(n)"
        case let .duplicateCell(id, name): return "more than one value for row \(id) in column \(name)"
        case .invalidArgument(let m): return m
        }
    }
}

/// The candidate with the smallest edit distance to `name` (case-insensitive), if it is plausibly a typo
/// (distance ≤ max(2, a third of the name's length)).
public func nearestName(to name: String, among candidates: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(1, a.count) where !a.isEmpty {
            cur[0] = i
            for j in 1...max(1, b.count) where !b.isEmpty {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return a.isEmpty ? b.count : (b.isEmpty ? a.count : prev[b.count])
    }
    let target = Array(name.lowercased())
    let scored = candidates.map { ($0, distance(target, Array($0.lowercased()))) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, name.count / 3) ? best.0 : nil
}
