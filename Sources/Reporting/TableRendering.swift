/// Rendering of ``Table`` values in each ``OutputFormat``.
extension Table {
    /// The table as text in the given format, ending with a newline.
    public func render(as format: OutputFormat) -> String {
        switch format {
        case .text: return renderText()
        case .markdown: return renderMarkdown()
        case .csv: return renderCSV()
        case .json: return renderJSON() + "\n"
        }
    }

    private func humanCell(_ cell: Cell) -> String { cell.humanText }

    private func renderText() -> String {
        let body = rows.map { $0.map(humanCell) }
        var widths = columns.map { $0.header.count }
        for row in body { for (j, s) in row.enumerated() { widths[j] = max(widths[j], s.count) } }
        func pad(_ s: String, _ j: Int) -> String {
            let fill = String(repeating: " ", count: widths[j] - s.count)
            return columns[j].alignment == .left ? s + fill : fill + s
        }
        func line(_ cells: [String]) -> String {
            var s = cells.enumerated().map { pad($0.element, $0.offset) }.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        var out = title.isEmpty ? "" : title + "\n\n"
        let header = line(columns.map(\.header))
        out += header + "\n"
        out += String(repeating: "-", count: max(header.count, widths.reduce(0, +) + 2 * max(0, widths.count - 1))) + "\n"
        for row in body { out += line(row) + "\n" }
        if !footnotes.isEmpty { out += "\n" + footnotes.map { "Note: " + $0 }.joined(separator: "\n") + "\n" }
        return out
    }

    private func renderMarkdown() -> String {
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = title.isEmpty ? "" : "**\(escape(title))**\n\n"
        out += "| " + columns.map { escape($0.header) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.alignment == .left ? " :--- |" : " ---: |" }.joined() + "\n"
        for row in rows { out += "| " + row.map { escape(humanCell($0)) }.joined(separator: " | ") + " |\n" }
        if !footnotes.isEmpty { out += "\n" + footnotes.map { "*" + escape($0) + "*" }.joined(separator: "\n\n") + "\n" }
        return out
    }

    private func renderCSV() -> String {
        func quote(_ s: String) -> String {
            guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        func machine(_ cell: Cell) -> String {
            switch cell {
            case .text(let s): return quote(s)
            case .integer(let i): return String(i)
            case .number(let x, _), .pValue(let x): return NumberFormatting.roundTrip(x) ?? (x.isNaN ? "NaN" : (x > 0 ? "Inf" : "-Inf"))
            case .missing: return ""
            case .suppressed(let marker): return quote(marker)
            }
        }
        var out = columns.map { quote($0.key) }.joined(separator: ",") + "\n"
        for row in rows { out += row.map(machine).joined(separator: ",") + "\n" }
        return out
    }

    private func renderJSON() -> String { jsonValue.serialized() }

    /// The table as one JSON object: `title`, `columns` (keys), `rows` (objects keyed by column; numbers at full
    /// precision; missing and withheld cells null), `footnotes`, and `suppressed` (row index and column key of each
    /// withheld cell) when there are any.
    public var jsonValue: JSONValue {
        var rowObjects: [JSONValue] = []
        var suppressed: [JSONValue] = []
        for (i, row) in rows.enumerated() {
            var fields: [(String, JSONValue)] = []
            for (j, cell) in row.enumerated() {
                let value: JSONValue
                switch cell {
                case .text(let s): value = .string(s)
                case .integer(let i): value = .number(Double(i))
                case .number(let x, _), .pValue(let x): value = .number(x)
                case .missing, .suppressed: value = .null
                }
                if case .suppressed = cell {
                    suppressed.append(.object([("row", .number(Double(i))), ("column", .string(columns[j].key))]))
                }
                fields.append((columns[j].key, value))
            }
            rowObjects.append(.object(fields))
        }
        var fields: [(String, JSONValue)] = [
            ("title", .string(title)),
            ("columns", .array(columns.map { .string($0.key) })),
            ("rows", .array(rowObjects)),
            ("footnotes", .array(footnotes.map { .string($0) })),
        ]
        // Withheld cells are null in "rows"; this list (present only when there are any) flags them, giving the
        // zero-based row index and the column key of each.
        if !suppressed.isEmpty { fields.append(("suppressed", .array(suppressed))) }
        return JSONValue.object(fields)
    }
}

extension Cell {
    /// The cell as people read it (text and Markdown tables, chart tables): numbers rounded by
    /// ``NumberFormatting``, missing as empty, suppressed as its marker.
    var humanText: String {
        switch self {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case let .number(x, digits): return NumberFormatting.human(x, significantDigits: digits)
        case .pValue(let p): return NumberFormatting.pValue(p)
        case .missing: return ""
        case .suppressed(let marker): return marker
        }
    }
}
