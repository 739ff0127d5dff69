import Foundation
public import Tabular

/// Writes a table as RFC 4180 CSV: a header line, then one line per row; missing entries are empty, dates ISO,
/// booleans TRUE/FALSE (as R writes them), numbers with Swift's shortest round-tripping representation; fields
/// containing a comma, quote or line break are quoted with doubled quotes. Complexity: O(cells).
public func csvText(of frame: DataFrame) -> String {
    func quote(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    var lines = [frame.columnNames.map(quote).joined(separator: ",")]
    lines.reserveCapacity(frame.rowCount + 1)
    for r in 0..<frame.rowCount {
        lines.append(frame.columns.map { c -> String in
            if case .double(let v) = c.values, !c.isMissing(r) {
                let x = v[r]
                return x.isNaN ? "NaN" : (x.rounded() == x && abs(x) < 1e15 ? String(Int(x)) : "\(x)")
            }
            return quote(c.stringValue(at: r) ?? "")
        }.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
}

/// Writes `frame` as CSV (see ``csvText(of:)``) to `path`.
public func writeCSV(_ frame: DataFrame, to path: String) throws(CareDataError) {
    do { try csvText(of: frame).write(toFile: path, atomically: true, encoding: .utf8) } catch {
        throw .unreadableFile(path: path, reason: "cannot write: \(error.localizedDescription)")
    }
}
