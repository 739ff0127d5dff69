/// The storage of one column: a contiguous typed buffer. Entries that are missing (see ``ValidityMask``) hold a
/// placeholder (0, false, "", or code 0) that must never be read as data.
public enum ColumnValues: Sendable, Equatable {
    case double([Double])
    case integer([Int])
    case boolean([Bool])
    case string([String])
    /// Days since 1970-01-01 (proleptic Gregorian calendar).
    case date([Int32])
    /// Codes index `levels` (0-based). `ordered` marks an ordinal factor (e.g. intervention level
    /// none < referral < CIN < CPP < CLA); the first level is the reference level of treatment contrasts.
    case categorical(codes: [Int32], levels: [String], ordered: Bool)
}

/// The type of a column, as `describe` reports it.
public enum ColumnKind: String, Sendable, Equatable, CaseIterable {
    case double, integer, boolean, string, date, categorical
}

/// A named, typed column with first-class missing values.
public struct DataColumn: Sendable, Equatable {
    public var name: String
    /// Setting the values drops the reader's text codes (``TextCodeCache``), which describe the old ones.
    public var values: ColumnValues { didSet { textCodeCache = nil } }
    public var validity: ValidityMask
    /// The CSV reader's codes of a text column's values, or nil (see ``TextCodeCache``): a faster route to
    /// ``textCodes(rows:)``, never part of the column's value (equality ignores it).
    var textCodeCache: TextCodeCache? = nil

    /// Equal names, values and validity (the text code cache is a derived index, not part of the value).
    public static func == (a: DataColumn, b: DataColumn) -> Bool {
        a.name == b.name && a.values == b.values && a.validity == b.validity
    }

    public init(name: String, values: ColumnValues, validity: ValidityMask? = nil) {
        self.name = name
        self.values = values
        let n = DataColumn.count(of: values)
        if let v = validity {
            precondition(v.count == n, "validity mask has \(v.count) entries for \(n) values in column \(name)")
            self.validity = v
        } else {
            self.validity = ValidityMask(count: n)
        }
    }

    /// A numeric column from optional values (nil = missing).
    public init(name: String, doubles: [Double?]) {
        self.init(name: name, values: .double(doubles.map { $0 ?? 0 }), validity: ValidityMask(doubles.map { $0 != nil }))
    }

    /// An integer column from optional values (nil = missing).
    public init(name: String, integers: [Int?]) {
        self.init(name: name, values: .integer(integers.map { $0 ?? 0 }), validity: ValidityMask(integers.map { $0 != nil }))
    }

    /// A string column from optional values (nil = missing).
    public init(name: String, strings: [String?]) {
        self.init(name: name, values: .string(strings.map { $0 ?? "" }), validity: ValidityMask(strings.map { $0 != nil }))
    }

    /// A categorical column; `levels` fixes the level order (the first is the reference), otherwise the distinct
    /// values in byte-wise sort order, as DESIGN.md's contract says. Values not in `levels` are a programming error.
    public init(name: String, categories: [String?], levels: [String]? = nil, ordered: Bool = false) {
        let lv = levels ?? Array(Set(categories.compactMap { $0 })).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var index: [String: Int32] = [:]
        for (i, l) in lv.enumerated() { index[l] = Int32(i) }
        let codes: [Int32] = categories.map { c in
            guard let c else { return 0 }
            guard let k = index[c] else { preconditionFailure("value \(c) is not among the declared levels of \(name)") }
            return k
        }
        self.init(name: name, values: .categorical(codes: codes, levels: lv, ordered: ordered),
                  validity: ValidityMask(categories.map { $0 != nil }))
    }

    public var count: Int { validity.count }
    public var missingCount: Int { validity.missingCount }
    @inlinable public func isMissing(_ i: Int) -> Bool { !validity.isValid(i) }

    public var kind: ColumnKind {
        switch values {
        case .double: .double
        case .integer: .integer
        case .boolean: .boolean
        case .string: .string
        case .date: .date
        case .categorical: .categorical
        }
    }

    /// Whether the column enters a model as a number (double, integer, boolean as 0/1, date as days).
    public var isNumeric: Bool { kind != .string && kind != .categorical }

    /// Entry i as a number, or nil when missing or not numeric.
    public func numericValue(at i: Int) -> Double? {
        guard validity.isValid(i) else { return nil }
        switch values {
        case .double(let v): return v[i]
        case .integer(let v): return Double(v[i])
        case .boolean(let v): return v[i] ? 1 : 0
        case .date(let v): return Double(v[i])
        case .string, .categorical: return nil
        }
    }

    /// Entry i as text (levels for categoricals, ISO dates), or nil when missing.
    public func stringValue(at i: Int) -> String? {
        guard validity.isValid(i) else { return nil }
        switch values {
        case .double(let v): return "\(v[i])"
        case .integer(let v): return String(v[i])
        case .boolean(let v): return v[i] ? "TRUE" : "FALSE"
        case .string(let v): return v[i]
        case .date(let v): return CivilDate(daysSinceEpoch: Int(v[i])).isoString
        case let .categorical(codes, levels, _): return levels[Int(codes[i])]
        }
    }

    static func count(of values: ColumnValues) -> Int {
        switch values {
        case .double(let v): v.count
        case .integer(let v): v.count
        case .boolean(let v): v.count
        case .string(let v): v.count
        case .date(let v): v.count
        case .categorical(let c, _, _): c.count
        }
    }
}
