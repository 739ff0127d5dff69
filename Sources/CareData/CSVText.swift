import Foundation
import Tabular

/// Reads CSV files for the care-data readers through Tabular's ``CSVReader``, with every column read as text:
/// identifiers keep their leading zeros (CHILD `007`), and codes and dates (dd/mm/yyyy or ISO) are parsed and
/// checked by the readers, so that bad values become validation issues instead of read errors. Missing
/// tokens are Tabular's defaults (empty, `NA`, `.`, `NULL`). A structurally malformed file (a row with the
/// wrong number of fields, an unterminated quote, invalid UTF-8) cannot be read and throws.
enum CSVText {
    static func read(path: String) throws(CareDataError) -> DataFrame {
        try read(path: path, keepingMalformedRows: false).frame
    }

    /// A file read with its malformed rows set aside (``CSVText/read(path:keepingMalformedRows:)``).
    struct Read {
        var frame: DataFrame
        /// Rows that could not be read (wrong number of fields, unterminated quote, invalid UTF-8), in file order.
        var malformed: [QuarantinedRow]

        /// The physical line of each frame row, when rows were set aside (so that `row + 2` no longer is the
        /// line): the lines from 2 upwards, skipping the set-aside rows' lines. Nil when nothing was set aside.
        /// Assumes one line per record, as the care-data files have.
        var lines: [Int]? {
            guard !malformed.isEmpty else { return nil }
            let skipped = Set(malformed.map(\.line))
            var out: [Int] = [], line = 2
            out.reserveCapacity(frame.rowCount)
            while out.count < frame.rowCount {
                if !skipped.contains(line) { out.append(line) }
                line += 1
            }
            return out
        }
    }

    /// Reads `path`; with `keepingMalformedRows`, rows that cannot be read are returned in ``Read/malformed``
    /// instead of stopping the read (`carestat validate --quarantine`), else the first one throws.
    static func read(path: String, keepingMalformedRows: Bool) throws(CareDataError) -> Read {
        try read(path: path, keepingMalformedRows: keepingMalformedRows, identifiers: nil)
    }

    /// As ``read(path:keepingMalformedRows:)``; with `identifiers`, every column except those (names compared
    /// case-insensitively) is read as categorical text: the same text, interned, so that a column of a few
    /// hundred distinct codes or a few thousand distinct dates holds 4 bytes a row instead of a String, and the
    /// readers convert each distinct value once (``MappedColumn``). Identifiers (CHILD, LAchildID, UPN), nearly
    /// distinct per row, stay one String per value. Nil: every column plain text.
    static func read(path: String, keepingMalformedRows: Bool, identifiers: Set<String>?) throws(CareDataError) -> Read {
        var types = try textTypes(try headerLine(path: path), source: path)
        if let identifiers {
            let ids = Set(identifiers.map { $0.lowercased() })
            for name in types.keys where !ids.contains(name.lowercased()) { types[name] = .categorical(levels: nil, ordered: false) }
        }
        // Tabular collects set-aside rows only when it has a quarantine file to write; the rows are taken from
        // its summary and written (with the validation's other rejects) by the caller, so its own file is
        // /dev/null.
        let options = CSVReadOptions(columnTypes: types, quarantinePath: keepingMalformedRows ? "/dev/null" : nil)
        do {
            let r = try CSVReader.read(path: path, options: options)
            return Read(frame: r.frame, malformed: r.summary.quarantined)
        } catch {
            throw CSVText.error(error, source: path)
        }
    }

    static func parse(_ text: String, source: String) throws(CareDataError) -> DataFrame {
        let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first.map(String.init) ?? ""
        let types = try textTypes(Array(firstLine.utf8), source: source)
        do { return try CSVReader.read(text: text, name: source, options: CSVReadOptions(columnTypes: types)).frame } catch {
            throw CSVText.error(error, source: source)
        }
    }

    /// Every header name → `.string`. The header line is read on its own (zero rows) so that its names are
    /// exactly those the full read will see (BOM, quoting, delimiter choice, `V<n>` for blank names).
    private static func textTypes(_ headerBytes: [UInt8], source: String) throws(CareDataError) -> [String: CSVColumnType] {
        let names: [String]
        do { names = try CSVReader.read(bytes: headerBytes + [0x0A], name: source).frame.columnNames } catch {
            throw CSVText.error(error, source: source)
        }
        return Dictionary(names.map { ($0, CSVColumnType.string) }, uniquingKeysWith: { a, _ in a })
    }

    /// The bytes of the first non-blank line (a quoted header name may not span lines here; such a header is
    /// then rejected by the full read).
    private static func headerLine(path: String) throws(CareDataError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadableFile(path: path, reason: FileManager.default.fileExists(atPath: path)
                                  ? "permission denied or not a file" : "no such file")
        }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        while bytes.count < 1 << 20 {
            guard let chunk = try? handle.read(upToCount: 64 * 1024), !chunk.isEmpty else { break }
            bytes += chunk
            if let nl = firstNonBlankLineEnd(bytes) { return Array(bytes[..<nl]) }
        }
        return bytes
    }

    private static func firstNonBlankLineEnd(_ b: [UInt8]) -> Int? {
        var start = 0
        while let nl = b[start...].firstIndex(of: 0x0A) {
            if b[start..<nl].contains(where: { $0 != 0x0D && $0 != 0x20 && $0 != 0x09 }) { return nl }
            start = nl + 1
        }
        return nil
    }

    private static func error(_ e: CSVError, source: String) -> CareDataError {
        switch e.kind {
        case .fileNotFound, .cannotRead: return .unreadableFile(path: source, reason: e.reason)
        default: break
        }
        return .malformedCSV(source: source, line: e.line ?? 0, reason: e.reason)
    }
}
