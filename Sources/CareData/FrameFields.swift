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
