import Foundation
import Tabular

/// Column access for the readers: finds columns by their official names (exact, then case-insensitively),
/// checks the required ones, and reads any column kind as trimmed text or as a ``DateField``.
struct FrameFields {
    let frame: DataFrame
    let dateStyle: DateStyle?
    private var index: [String: Int] = [:]

    init(_ frame: DataFrame, format: FileFormat, source: String, dateStyle: DateStyle? = nil) throws(CareDataError) {
        self.frame = frame
        self.dateStyle = dateStyle
        var exact: [String: Int] = [:]
        var folded: [String: Int] = [:]
        for (i, c) in frame.columns.enumerated() {
            exact[c.name] = i
            folded[c.name.lowercased()] = folded[c.name.lowercased()] ?? i
        }
        for f in format.fields {
            if let i = exact[f.name] ?? folded[f.name.lowercased()] { index[f.name] = i }
        }
        let missing = format.requiredColumns.filter { index[$0] == nil }
        if !missing.isEmpty { throw .missingColumns(source: source, columns: missing) }
    }

    var rowCount: Int { frame.rowCount }
    func has(_ name: String) -> Bool { index[name] != nil }
    func columnIndex(_ name: String) -> Int? { index[name] }

    /// Trimmed text, nil when blank, missing or the column is absent. Whole doubles print without ".0".
    func text(_ name: String, _ row: Int) -> String? {
        guard let k = index[name] else { return nil }
        let c = frame.columns[k]
        guard !c.isMissing(row) else { return nil }
        let s: String?
        if case .double(let v) = c.values, v[row].rounded() == v[row], abs(v[row]) < 1e15 {
            s = String(Int(v[row]))
        } else {
            s = c.stringValue(at: row)
        }
        guard let t = s?.trimmedBlanks, !t.isEmpty else { return nil }
        return t
    }

    /// A code: text upper-cased.
    func code(_ name: String, _ row: Int) -> String? { text(name, row)?.asciiUppercased }

    func date(_ name: String, _ row: Int) -> DateField {
        guard let k = index[name] else { return .missing }
        let c = frame.columns[k]
        if c.isMissing(row) { return .missing }
        if case .date(let v) = c.values { return .valid(CivilDate(daysSinceEpoch: Int(v[row]))) }
        guard let t = text(name, row) else { return .missing }
        return DateField.parse(t, style: dateStyle)
    }

    func integer(_ name: String, _ row: Int) -> Int? {
        guard let t = text(name, row) else { return nil }
        return Int(t) ?? Double(t).flatMap { $0.rounded() == $0 && abs($0) < 1e15 ? Int($0) : nil }
    }

    func number(_ name: String, _ row: Int) -> Double? { text(name, row).flatMap(Double.init) }

    /// A flag: true/false, 1/0, yes/no, y/n (any case); nil otherwise.
    func flag(_ name: String, _ row: Int) -> Bool? {
        switch text(name, row)?.lowercased() {
        case "true", "1", "yes", "y", "t": true
        case "false", "0", "no", "n", "f": false
        default: nil
        }
    }

    /// The row as `name=value` pairs for a quarantine file.
    func describe(_ row: Int) -> String {
        frame.columns.map { "\($0.name)=\($0.stringValue(at: row) ?? "")" }.joined(separator: "; ")
    }
}

/// One column of a ``FrameFields`` read as values of type `T`, with the conversion done once per distinct value
/// when the column is categorical (``CSVText`` reads code, date and LA columns so): a 2-million-row episodes file
/// then parses a few thousand distinct dates instead of 4 million, and every row of a code column shares one
/// String. Other column kinds convert row by row, as ``FrameFields``'s per-cell accessors do.
struct MappedColumn<T> {
    // Flat fields, not an enum with payloads: reading a row must not copy (retain and release) the arrays.
    private let codes: [Int32]
    private let validity: ValidityMask?
    private let levels: [T]
    private let rows: [T]
    private let missing: T
    private let mode: UInt8 // 0 constant (missing), 1 coded, 2 one value per row

    fileprivate init(constant: T) {
        codes = []; validity = nil; levels = []; rows = []; missing = constant; mode = 0
    }
    fileprivate init(codes: [Int32], validity: ValidityMask, levels: [T], missing: T) {
        self.codes = codes; self.validity = validity; self.levels = levels; rows = []; self.missing = missing; mode = 1
    }
    fileprivate init(rows: [T], missing: T) {
        codes = []; validity = nil; levels = []; self.rows = rows; self.missing = missing; mode = 2
    }

    @inline(__always)
    subscript(_ row: Int) -> T {
        switch mode {
        case 1: return validity?.isValid(row) ?? true ? levels[Int(codes[row])] : missing
        case 2: return rows[row]
        default: return missing
        }
    }
}

extension FrameFields {
    /// Column `name` as `transform` of its trimmed, non-blank text; `missing` where the cell is blank or missing
    /// and everywhere when the column is absent. Same values as the per-cell accessors (``text(_:_:)``).
    func mapped<T>(_ name: String, missing: T, _ transform: (String) -> T) -> MappedColumn<T> {
        guard let k = columnIndex(name) else { return MappedColumn(constant: missing) }
        let c = frame.columns[k]
        if case let .categorical(codes, levels, _) = c.values {
            let converted = levels.map { (l: String) -> T in
                let t = l.trimmedBlanks
                return t.isEmpty ? missing : transform(t)
            }
            return MappedColumn(codes: codes, validity: c.validity, levels: converted, missing: missing)
        }
        return MappedColumn(rows: (0..<rowCount).map { r in text(name, r).map(transform) ?? missing }, missing: missing)
    }

    /// Trimmed text (nil when blank), as ``text(_:_:)``.
    func textColumn(_ name: String) -> MappedColumn<String?> { mapped(name, missing: nil) { $0 } }

    /// Upper-cased codes, as ``code(_:_:)``.
    func codeColumn(_ name: String) -> MappedColumn<String?> { mapped(name, missing: nil) { $0.asciiUppercased } }

    /// Dates, as ``date(_:_:)``.
    func dateColumn(_ name: String) -> MappedColumn<DateField> {
        if let k = columnIndex(name), case .date = frame.columns[k].values {
            return MappedColumn(rows: (0..<rowCount).map { date(name, $0) }, missing: .missing)
        }
        return mapped(name, missing: .missing) { DateField.parse($0, style: dateStyle) }
    }

    /// Integers, as ``integer(_:_:)``.
    func integerColumn(_ name: String) -> MappedColumn<Int?> {
        mapped(name, missing: nil) { t in Int(t) ?? Double(t).flatMap { $0.rounded() == $0 && abs($0) < 1e15 ? Int($0) : nil } }
    }

    /// Flags, as ``flag(_:_:)``.
    func flagColumn(_ name: String) -> MappedColumn<Bool?> {
        mapped(name, missing: nil) { t in
            switch t.lowercased() {
            case "true", "1", "yes", "y", "t": true
            case "false", "0", "no", "n", "f": false
            default: nil
            }
        }
    }
}
