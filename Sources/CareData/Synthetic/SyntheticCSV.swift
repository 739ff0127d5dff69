/// Minimal CSV writing and reading for the synthetic files (RFC 4180 quoting: fields containing a comma,
/// quote or line break are quoted, quotes doubled). Lines end with "\n".
enum SyntheticCSV {
    /// Whether a field needs quoting: a scan of its UTF-8 bytes (comma, quote, LF, CR are single bytes that never
    /// occur inside a multi-byte sequence), which is several times faster than iterating Characters; the national
    /// mode formats tens of millions of fields.
    static func needsQuoting(_ s: String) -> Bool {
        s.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }

    static func field(_ s: String) -> String {
        guard needsQuoting(s) else { return s }
        var out = "\""
        for ch in s { out += ch == "\"" ? "\"\"" : String(ch) }
        return out + "\""
    }

    static func line(_ fields: [String]) -> String {
        var out = ""
        out.reserveCapacity(fields.reduce(fields.count) { $0 + $1.utf8.count })
        for (i, f) in fields.enumerated() {
            if i > 0 { out += "," }
            out += needsQuoting(f) ? field(f) : f
        }
        out += "\n"
        return out
    }

    /// Splits CSV text into rows of fields (quoted fields may contain commas, doubled quotes and newlines).
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let n = iterator.next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"": inQuotes = true
            case ",": row.append(field); field = ""
            case "\n":
                row.append(field); field = ""
                rows.append(row); row = []
            case "\r": break
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
