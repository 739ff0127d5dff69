/// One entry of a table, typed; `nil` (not a case of this enum) stands for a missing entry.
public enum DataValue: Sendable, Equatable, Hashable {
    case double(Double)
    case integer(Int)
    case boolean(Bool)
    case string(String)
    case date(CivilDate)
    /// A categorical entry as its level label.
    case category(String)
}

/// A read-only view of one row of a ``DataFrame``, handed to the closures of `filter` and `adding`.
///
/// Accessors take a column name and return `nil` for a missing entry, so the closure decides explicitly what a
/// missing value means (dplyr's `filter` drops rows whose condition is NA; write `?? false` for that).
/// An unknown name throws ``TabularError/unknownColumn(_:suggestion:)``; reading a column as the wrong type throws
/// ``TabularError/typeMismatch(column:expected:actual:)``. Name lookup is a hash look-up, O(1) per access.
public struct DataFrameRow: Sendable {
    let frame: DataFrame
    let positions: [String: Int]
    /// The row's index in the table.
    public let index: Int

    init(frame: DataFrame, positions: [String: Int], index: Int) {
        self.frame = frame
        self.positions = positions
        self.index = index
    }

    static func positions(of frame: DataFrame) -> [String: Int] {
        var p: [String: Int] = [:]
        for (i, c) in frame.columns.enumerated() { p[c.name] = i }
        return p
    }

    func column(_ name: String) throws(TabularError) -> DataColumn {
        guard let k = positions[name] else {
            throw .unknownColumn(name, suggestion: nearestName(to: name, among: frame.columnNames))
        }
        return frame.columns[k]
    }

    /// Whether the entry of `name` is missing.
    public func isMissing(_ name: String) throws(TabularError) -> Bool { try column(name).isMissing(index) }

    /// The entry as a number (double, integer, boolean as 0/1, date as days since 1970-01-01), nil if missing;
    /// string and categorical columns throw a type mismatch.
    public func double(_ name: String) throws(TabularError) -> Double? {
        let c = try column(name)
        guard c.isNumeric else { throw .typeMismatch(column: name, expected: "a numeric column", actual: c.kind) }
        return c.numericValue(at: index)
    }

    /// The entry of an integer column, nil if missing.
    public func integer(_ name: String) throws(TabularError) -> Int? {
        let c = try column(name)
        guard case .integer(let v) = c.values else { throw .typeMismatch(column: name, expected: "integer", actual: c.kind) }
        return c.isMissing(index) ? nil : v[index]
    }

    /// The entry of a boolean column, nil if missing.
    public func boolean(_ name: String) throws(TabularError) -> Bool? {
        let c = try column(name)
        guard case .boolean(let v) = c.values else { throw .typeMismatch(column: name, expected: "boolean", actual: c.kind) }
        return c.isMissing(index) ? nil : v[index]
    }

    /// The entry of a date column, nil if missing.
    public func date(_ name: String) throws(TabularError) -> CivilDate? {
        let c = try column(name)
        guard case .date(let v) = c.values else { throw .typeMismatch(column: name, expected: "date", actual: c.kind) }
        return c.isMissing(index) ? nil : CivilDate(daysSinceEpoch: Int(v[index]))
    }

    /// The entry as text: string values, categorical labels, and the ``DataColumn/stringValue(at:)`` rendering of
    /// other kinds; nil if missing.
    public func string(_ name: String) throws(TabularError) -> String? { try column(name).stringValue(at: index) }

    /// The typed entry, nil if missing.
    public func value(_ name: String) throws(TabularError) -> DataValue? { try column(name).value(at: index) }
}

extension DataColumn {
    /// Entry i as a typed value, or nil when missing. Precondition: `i` in `0..<count`.
    public func value(at i: Int) -> DataValue? {
        guard validity.isValid(i) else { return nil }
        switch values {
        case .double(let v): return .double(v[i])
        case .integer(let v): return .integer(v[i])
        case .boolean(let v): return .boolean(v[i])
        case .string(let v): return .string(v[i])
        case .date(let v): return .date(CivilDate(daysSinceEpoch: Int(v[i])))
        case let .categorical(codes, levels, _): return .category(levels[Int(codes[i])])
        }
    }
}
