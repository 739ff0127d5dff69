/// Why a delimited text file could not be read, located as precisely as the problem allows.
///
/// `description` reads like a compiler diagnostic, e.g.
/// `episodes.csv:1043: column DECOM (3): "31/02/2020" is not a valid dd/mm/yyyy date`:
/// the file as the caller named it, the physical line (1-based, counting every line ending in the file,
/// including blank lines and newlines inside quoted fields), the column by name and 1-based number, the
/// offending value, and what was expected.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// No file at the path.
        case fileNotFound
        /// The file exists but could not be opened or read (the system's reason).
        case cannotRead(reason: String)
        /// No header line: the file is empty or holds only a byte order mark and blank lines.
        case emptyFile
        /// A quoted field is still open at the end of the file; `line` is where its opening quote is.
        case unterminatedQuote
        /// A closing quote is followed by something other than a delimiter or a line ending.
        case textAfterClosingQuote
        /// A row has a different number of fields from the header.
        case wrongFieldCount(expected: Int, found: Int)
        /// Two header fields have the same name; `firstColumn` is the 1-based number of the first.
        case duplicateColumnName(String, firstColumn: Int)
        /// Bytes that are not UTF-8 (RFC 3629).
        case invalidUTF8
        /// A value that is not of the column's type; `expected` completes "is not ...", e.g. "a valid dd/mm/yyyy date".
        case invalidValue(expected: String)
        /// A cell that is not a number in a column of numbers (``MostlyNumeric``): `numbers` of the column's
        /// non-missing cells are numbers and `badCells` are not (this one included); `missingTokens` are the
        /// spellings of a missing value, named in the message.
        case notANumber(numbers: Int, badCells: Int, missingTokens: [String])
        /// A number that is not finite (`Inf`, `-Inf`, `NaN`, or beyond the range of a double such as `1e400`).
        case nonFiniteNumber
        /// A NUL byte (never part of text; a binary or UTF-16 file).
        case nulByte
        /// Lines end in CR alone (classic Mac OS), which would read as one line.
        case crLineEndings
        /// A column type was given for a name the header does not have.
        case unknownColumn(String, suggestion: String?)
        /// The options contradict themselves (e.g. the quarantine file is the input file).
        case invalidOptions(String)
        /// The quarantine file could not be written (the system's reason).
        case cannotWriteQuarantine(reason: String)
        /// ``CSVWriter`` could not write the file (the system's reason).
        case cannotWrite(reason: String)
    }

    public var kind: Kind
    /// The file as the caller named it.
    public var file: String
    /// Physical line, 1-based, when the problem has one.
    public var line: Int?
    /// Column name and 1-based number, when the problem is in one field.
    public var columnName: String?
    public var columnNumber: Int?
    /// The offending text (decoded leniently if it is not UTF-8).
    public var value: String?

    public init(_ kind: Kind, file: String, line: Int? = nil, columnName: String? = nil, columnNumber: Int? = nil,
                value: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.columnName = columnName
        self.columnNumber = columnNumber
        self.value = value
    }

    /// The message without the `file:line: ` prefix (the `reason` column of a quarantine file).
    public var reason: String {
        var s = ""
        if let columnName, let columnNumber { s += "column \(columnName) (\(columnNumber)): " }
        switch kind {
        case .fileNotFound: s += "no such file"
        case .cannotRead(let r): s += "cannot read the file: \(r)"
        case .emptyFile: s += "the file is empty (no header line)"
        case .unterminatedQuote: s += "a quoted field opened on this line is never closed"
        case .textAfterClosingQuote:
            s += "text after a closing quote" + (value.map { " (\(CSVError.quoted($0)))" } ?? "")
                + "; a quote inside a quoted field must be doubled"
        case let .wrongFieldCount(e, f): s += "expected \(e) fields, found \(f)"
        case let .duplicateColumnName(n, first):
            s += "column name \(CSVError.quoted(n)) appears more than once (first in column \(first))"
        case .invalidUTF8: s += "invalid UTF-8" + (value.map { " in \(CSVError.quoted($0))" } ?? "")
        case .invalidValue(let expected): s += "\(CSVError.quoted(value ?? "")) is not \(expected)"
        case let .notANumber(numbers, bad, tokens):
            s += "\(CSVError.quoted(value ?? "")) is not a number, but \(numbers) of the column's \(numbers + bad) "
                + "non-missing values are (\(bad) cell\(bad == 1 ? " is" : "s are") not; a missing value is written as "
                + "\(CSVError.spell(tokens)))"
        case .nonFiniteNumber:
            let v = value ?? ""
            let special = v.hasSuffix("Inf") || v.hasSuffix("NaN")
            s += "\(CSVError.quoted(v)) is not a finite number" + (special ? "" : " (it is beyond the range of a double)")
                + "; models need finite values"
        case .nulByte:
            s += "a NUL byte" + (value.map { " in \(CSVError.quoted($0))" } ?? "")
                + "; text has none (is the file binary, or UTF-16?)"
        case .crLineEndings:
            s += "the lines end in CR alone (classic Mac OS line endings), so the file would read as one line; "
                + "convert it to LF or CRLF line endings"

        case let .unknownColumn(n, sug):
            s += "a column type is given for \(CSVError.quoted(n)), which is not in the header"
                + (sug.map { "; did you mean \($0)?" } ?? "")
        case .invalidOptions(let why): s += why
        case .cannotWriteQuarantine(let r): s += "cannot write the quarantine file: \(r)"
        case .cannotWrite(let r): s += "cannot write the file: \(r)"
        }
        return s
    }

    public var description: String {
        "\(file)" + (line.map { ":\($0)" } ?? "") + ": " + reason
    }

    /// Missing-value spellings for a message: `blank, NA, . or NULL`.
    static func spell(_ tokens: [String]) -> String {
        let words = tokens.map { $0.isEmpty ? "blank" : $0 }
        guard words.count > 1 else { return words.first ?? "blank" }
        return words.dropLast().joined(separator: ", ") + " or " + (words.last ?? "")
    }

    /// `"text"` with embedded quotes and control characters escaped, so a message is one line.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0}": out += "\\0"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
}
