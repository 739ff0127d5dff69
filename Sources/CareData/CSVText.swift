import Foundation
import Tabular

/// A minimal RFC 4180 CSV reader used until Tabular's CSV reader is merged: UTF-8 with or without BOM,
/// comma-separated, double-quoted fields with doubled quotes, LF or CRLF line ends. Every column is read as
/// text (blank = missing), which is what the care-data readers expect: they parse codes and dates themselves.
/// Complexity: O(bytes).
enum CSVText {
    static func read(path: String) throws(CareDataError) -> DataFrame {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw .unreadableFile(path: path, reason: "not UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return try parse(text, source: path)
    }

    static func parse(_ text: String, source: String) throws(CareDataError) -> DataFrame {
        var records: [[String]] = []
        var field: [UInt8] = []
        var record: [String] = []
        var inQuotes = false
        var line = 1
        let bytes = Array(text.utf8)
        var i = 0
        func endField() { record.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true) }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 1 } else { inQuotes = false }
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\"") && field.isEmpty {
                inQuotes = true
            } else if b == UInt8(ascii: ",") {
                endField()
            } else if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                if b == UInt8(ascii: "\r"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                endField()
                if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
                record.removeAll(keepingCapacity: true)
                line += 1
            } else {
                field.append(b)
            }
            i += 1
        }
        if inQuotes { throw .malformedCSV(source: source, line: line, reason: "unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        guard let header = records.first else { return try frame([], [], source: source) }
        return try frame(header.map { $0.trimmedBlanks }, Array(records.dropFirst()), source: source)
    }

    private static func frame(_ header: [String], _ rows: [[String]], source: String) throws(CareDataError) -> DataFrame {
        var columns: [DataColumn] = []
        var seen = Set<String>()
        for (j, name) in header.enumerated() {
            var unique = name.isEmpty ? "V\(j + 1)" : name
            while seen.contains(unique) { unique += "_" }
            seen.insert(unique)
            let values: [String?] = rows.map { r in
                guard j < r.count else { return nil }
                let v = r[j].trimmedBlanks
                return v.isEmpty ? nil : v
            }
            columns.append(DataColumn(name: unique, strings: values))
        }
        do { return try DataFrame(columns: columns) } catch { throw .table(error) }
    }
}
