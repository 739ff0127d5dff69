import Foundation

extension DataFrame: CustomStringConvertible {
    /// A text preview: ``preview(maxRows:maxCellWidth:)`` with its defaults.
    public var description: String { preview() }

    /// A readable table in the style of an R tibble: a header line with the size, the column names, the column
    /// kinds (`<dbl> <int> <lgl> <chr> <date> <fct> <ord>`), then rows numbered from 1.
    ///
    /// - Missing entries print as `NA` (so a string "NA" and a missing entry look alike, as in R's print).
    /// - Doubles print with 7 significant digits (R's default `digits = 7`), via `%.7g`.
    /// - Cells longer than `maxCellWidth` characters are cut to `maxCellWidth - 1` characters and `…`.
    /// - With more than `maxRows` rows, the first and last `maxRows / 2` rows are shown around a `…` line.
    ///   Defaults (10 rows, 20 characters) keep a preview within one terminal screen.
    /// Numbers are right-aligned, text left-aligned. Complexity: O(maxRows · p).
    public func preview(maxRows: Int = 10, maxCellWidth: Int = 20) -> String {
        let width = max(2, maxCellWidth)
        let shown: [Int?]
        if rowCount <= max(maxRows, 1) {
            shown = Array(0..<rowCount)
        } else {
            let half = max(1, maxRows / 2)
            shown = Array(0..<half) + [nil] + Array((rowCount - half)..<rowCount)
        }
        var lines = ["DataFrame: \(rowCount) row\(rowCount == 1 ? "" : "s") × \(columns.count) column\(columns.count == 1 ? "" : "s")"]
        guard !columns.isEmpty else { return lines[0] }

        func cut(_ s: String) -> String { s.count > width ? String(s.prefix(width - 1)) + "…" : s }
        func pad(_ s: String, _ w: Int, right: Bool) -> String {
            let gap = String(repeating: " ", count: max(0, w - s.count))
            return right ? gap + s : s + gap
        }
        let numberColumn = shown.map { $0.map { String($0 + 1) } ?? "…" }
        let numberWidth = numberColumn.map(\.count).max() ?? 1
        var table: [[String]] = []
        var rightAligned: [Bool] = []
        for c in columns {
            var cells = [cut(c.name), "<\(DataFrame.abbreviation(c))>"]
            for r in shown { cells.append(r.map { cut(DataFrame.cellText(c, $0)) } ?? "…") }
            table.append(cells)
            rightAligned.append(c.kind == .double || c.kind == .integer)
        }
        let widths = table.map { $0.map(\.count).max() ?? 1 }
        for line in 0..<(shown.count + 2) {
            var parts = [pad(line < 2 ? "" : numberColumn[line - 2], numberWidth, right: true)]
            for (j, cells) in table.enumerated() { parts.append(pad(cells[line], widths[j], right: rightAligned[j])) }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            lines.append(text)
        }
        return lines.joined(separator: "\n")
    }

    static func abbreviation(_ c: DataColumn) -> String {
        switch c.values {
        case .double: "dbl"
        case .integer: "int"
        case .boolean: "lgl"
        case .string: "chr"
        case .date: "date"
        case .categorical(_, _, let ordered): ordered ? "ord" : "fct"
        }
    }

    static func cellText(_ c: DataColumn, _ i: Int) -> String {
        guard c.validity.isValid(i) else { return "NA" }
        if case .double(let v) = c.values {
            let x = v[i]
            if x.isNaN { return "NaN" }
            if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
            return String(format: "%.7g", x)
        }
        return c.stringValue(at: i) ?? "NA"
    }
}
