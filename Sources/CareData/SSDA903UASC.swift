import Foundation
public import Tabular

/// One row of the SSDA903 UASC table: a child recorded as an unaccompanied asylum-seeking child, with the date
/// they ceased to be one (DUC; blank while they still are).
public struct SSDA903UASCRecord: Sendable, Equatable {
    /// Physical line in the file (the header is line 1).
    public var line: Int
    /// The LA column when the file has one (a multi-authority extract), else "".
    public var la: String
    public var child: String
    public var dob: CivilDate?
    /// Date UASC ceased (DUC); nil when blank.
    public var ceased: CivilDate?

    public init(line: Int, la: String, child: String, dob: CivilDate?, ceased: CivilDate?) {
        self.line = line
        self.la = la
        self.child = child
        self.dob = dob
        self.ceased = ceased
    }
}

/// Reads the SSDA903 UASC table (columns CHILD, SEX, DOB, DUC — domain-notes §2.1; CHILD and DUC required, an LA
/// column optional) strictly: every value that is not usable is an error naming the file, line, column and value
/// — a blank CHILD, a DOB or DUC that is not a date (dd/mm/yyyy or ISO), a row with the wrong number of fields,
/// the same child listed twice with different dates. The table is small (one row per UASC child), so it is read
/// whole; quoted fields are unquoted (`""` is a quote), a quoted comma is kept.
public enum SSDA903UASCReader {
    public static func read(path: String) throws(CareDataError) -> [SSDA903UASCRecord] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path: path, reason: "no such file or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadableFile(path: path, reason: "not UTF-8 text")
        }
        return try parse(text, source: path)
    }

    /// The rows of `text` (the contents of `source`).
    public static func parse(_ text: String, source: String) throws(CareDataError) -> [SSDA903UASCRecord] {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        guard let headerLine = lines.first, !headerLine.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .missingColumns(source: source, columns: ["CHILD", "DUC"])
        }
        let header = try fields(headerLine, source: source, line: 1).map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        let missing = ["CHILD", "DUC"].filter { column($0) == nil }
        guard missing.isEmpty, let childColumn = column("CHILD"), let ducColumn = column("DUC") else {
            throw .missingColumns(source: source, columns: missing)
        }
        let dobColumn = column("DOB"), laColumn = column("LA")
        var records: [SSDA903UASCRecord] = []
        var seen: [ChildKey: Int] = [:]
        for (i, raw) in lines.enumerated().dropFirst() {
            let line = i + 1
            if raw.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let values = try fields(raw, source: source, line: line).map { $0.trimmingCharacters(in: .whitespaces) }
            guard values.count == header.count else {
                throw .malformedCSV(source: source, line: line, reason: "\(values.count) fields, the header has \(header.count)")
            }
            let child = values[childColumn]
            guard !child.isEmpty else { throw .malformedCSV(source: source, line: line, reason: "column CHILD: blank (every UASC row needs the child's identifier)") }
            func date(_ c: Int?, _ name: String) throws(CareDataError) -> CivilDate? {
                guard let c, !values[c].isEmpty else { return nil }
                guard let d = DateField.parse(values[c]).date else {
                    throw .malformedCSV(source: source, line: line, reason: "column \(name): \"\(values[c])\" is not a date (dd/mm/yyyy)")
                }
                return d
            }
            let record = SSDA903UASCRecord(line: line, la: laColumn.map { values[$0] } ?? "", child: child,
                                           dob: try date(dobColumn, "DOB"), ceased: try date(ducColumn, "DUC"))
            let key = ChildKey(la: record.la, child: child)
            if let earlier = seen[key] {
                let e = records[earlier]
                guard e.ceased == record.ceased, e.dob == record.dob else {
                    throw .malformedCSV(source: source, line: line,
                                        reason: "column CHILD: \"\(child)\" is listed again with different dates (first on line \(e.line))")
                }
                continue
            }
            seen[key] = records.count
            records.append(record)
        }
        return records
    }

    /// Splits one CSV line: commas outside quotes separate fields; quotes around a field are removed, `""` inside
    /// them is a quote.
    static func fields(_ line: String, source: String, line number: Int) throws(CareDataError) -> [String] {
        var out: [String] = [], current = "", quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { current.append("\""); chars = chars.dropFirst() } else { quoted = false }
                } else { current.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                out.append(current); current = ""
            } else { current.append(c) }
        }
        guard !quoted else { throw .malformedCSV(source: source, line: number, reason: "unterminated quote") }
        out.append(current)
        return out
    }
}
