import Foundation
public import Tabular

/// Writes a table as RFC 4180 CSV: a header line, then one line per row; missing entries are empty, dates ISO,
/// booleans TRUE/FALSE (as R writes them), whole doubles without a decimal point and other doubles in Swift's
/// shortest round-tripping form; fields containing a comma, quote or line break are quoted with doubled quotes.
/// Complexity: O(cells).
public func csvText(of frame: DataFrame) -> String {
    var text = ""
    csvLines(of: frame) { text += $0 }
    return text
}

/// Writes `frame` as CSV (see ``csvText(of:)``) to `path`, streaming blocks of lines so that a large table is
/// never held twice in memory.
public func writeCSV(_ frame: DataFrame, to path: String) throws(CareDataError) {
    guard FileManager.default.createFile(atPath: path, contents: nil),
          let handle = FileHandle(forWritingAtPath: path) else {
        throw .unreadableFile(path: path, reason: "cannot create the file")
    }
    defer { try? handle.close() }
    var buffer = ""
    var failure: (any Error)?
    csvLines(of: frame) { line in
        buffer += line
        if buffer.utf8.count >= 1 << 20, failure == nil {
            do { try handle.write(contentsOf: Data(buffer.utf8)) } catch { failure = error }
            buffer = ""
        }
    }
    if failure == nil { do { try handle.write(contentsOf: Data(buffer.utf8)) } catch { failure = error } }
    if let failure { throw .unreadableFile(path: path, reason: "cannot write: \(failure.localizedDescription)") }
}

/// Calls `emit` with each CSV line (newline included), header first.
func csvLines(of frame: DataFrame, _ emit: (String) -> Void) {
    func quote(_ s: String) -> String {
        s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    emit(frame.columnNames.map(quote).joined(separator: ",") + "\n")
    // Categorical levels are quoted once, not once per row.
    let quotedLevels: [[String]] = frame.columns.map { c in
        if case let .categorical(_, levels, _) = c.values { return levels.map(quote) }
        return []
    }
    for r in 0..<frame.rowCount {
        var line = ""
        for (j, c) in frame.columns.enumerated() {
            if j > 0 { line += "," }
            if c.isMissing(r) { continue }
            switch c.values {
            case .double(let v):
                let x = v[r]
                line += x.isNaN ? "NaN" : (x.rounded() == x && abs(x) < 1e15 ? String(Int(x)) : "\(x)")
            case .integer(let v): line += String(v[r])
            case .date(let v): line += CivilDate(daysSinceEpoch: Int(v[r])).isoString
            case .boolean(let v): line += v[r] ? "TRUE" : "FALSE"
            case let .categorical(codes, _, _): line += quotedLevels[j][Int(codes[r])]
            case .string(let v): line += quote(v[r])
            }
        }
        emit(line + "\n")
    }
}
