/// Writes a ``DataFrame`` as RFC 4180 CSV that ``CSVReader`` reads back to an equal frame (given the
/// same column types where inference would choose differently, e.g. text that looks like numbers).
///
/// Missing values are written as empty unquoted fields. A field is quoted when it contains the delimiter, a
/// quote, CR or LF, has leading or trailing spaces, is empty, or equals one of the reader's default missing
/// tokens (`NA`, `.`, `NULL`), so text is never read back as missing. Doubles are written in Swift's
/// shortest round-trip form (`description`), with `Inf`, `-Inf`, `NaN` as R writes them; dates in the chosen
/// layout (default ISO `yyyy-mm-dd`); booleans as `TRUE`/`FALSE`; categoricals as their level text.
public enum CSVWriter {
    /// The CSV bytes of `frame` (header line, then one line per row, LF line endings).
    public static func bytes(_ frame: DataFrame, delimiter: CSVDelimiter = .comma,
                             dateFormat: DateFormat = .yearMonthDay) -> [UInt8] {
        let d = delimiter.byte
        var out: [UInt8] = []
        for (j, c) in frame.columns.enumerated() {
            if j > 0 { out.append(d) }
            appendField(Array(c.name.utf8), to: &out, delimiter: d, forceQuote: false)
        }
        out.append(UInt8(ascii: "\n"))
        for i in 0..<frame.rowCount {
            for (j, c) in frame.columns.enumerated() {
                if j > 0 { out.append(d) }
                guard !c.isMissing(i) else { continue }
                switch c.values {
                case .double(let v):
                    let x = v[i]
                    let s = x.isNaN ? "NaN" : x.isInfinite ? (x < 0 ? "-Inf" : "Inf") : x.description
                    out += Array(s.utf8)
                case .integer(let v): out += Array(String(v[i]).utf8)
                case .boolean(let v): out += Array((v[i] ? "TRUE" : "FALSE").utf8)
                case .date(let v): out += Array(dateFormat.string(from: CivilDate(daysSinceEpoch: Int(v[i]))).utf8)
                case .string(let v): appendField(Array(v[i].utf8), to: &out, delimiter: d, forceQuote: false)
                case let .categorical(codes, levels, _):
                    appendField(Array(levels[Int(codes[i])].utf8), to: &out, delimiter: d, forceQuote: false)
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// The CSV text of `frame`.
    public static func string(_ frame: DataFrame, delimiter: CSVDelimiter = .comma,
                              dateFormat: DateFormat = .yearMonthDay) -> String {
        String(decoding: bytes(frame, delimiter: delimiter, dateFormat: dateFormat), as: UTF8.self)
    }

    /// Writes `frame` to `path` (created or truncated). Throws ``CSVError`` `.cannotWrite` with the system's
    /// reason if the file cannot be written.
    public static func write(_ frame: DataFrame, to path: String, delimiter: CSVDelimiter = .comma,
                             dateFormat: DateFormat = .yearMonthDay) throws(CSVError) {
        try writeFile(bytes(frame, delimiter: delimiter, dateFormat: dateFormat), to: path) { reason in
            CSVError(.cannotWrite(reason: reason), file: path)
        }
    }

    private static let tokens: [[UInt8]] = [Array("NA".utf8), Array(".".utf8), Array("NULL".utf8)]

    /// Appends one field, quoted (with quotes doubled) if needed or forced.
    public static func appendField(_ f: [UInt8], to out: inout [UInt8], delimiter: UInt8, forceQuote: Bool) {
        let needs = forceQuote || f.isEmpty || f.first == 0x20 || f.last == 0x20 || tokens.contains(f)
            || f.contains { $0 == delimiter || $0 == CSVRecordScanner.quote || $0 == CSVRecordScanner.lf || $0 == CSVRecordScanner.cr }
        guard needs else { out += f; return }
        out.append(CSVRecordScanner.quote)
        for c in f {
            if c == CSVRecordScanner.quote { out.append(c) }
            out.append(c)
        }
        out.append(CSVRecordScanner.quote)
    }
}
