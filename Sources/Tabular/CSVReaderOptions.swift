/// The field separator of a delimited text file.
public enum CSVDelimiter: String, Sendable, Equatable, CaseIterable {
    case comma = ","
    case tab = "\t"

    var byte: UInt8 { self == .comma ? UInt8(ascii: ",") : UInt8(ascii: "\t") }
}

/// The type a CSV column is read as, when the caller fixes it instead of letting the reader infer it.
public enum CSVColumnType: Sendable, Equatable {
    /// `TRUE`, `FALSE`, `true`, `false`.
    case boolean
    /// Optional sign and digits, 64-bit.
    case integer
    /// Any finite number R would read (`1.5`, `.5`, `1e-3`); integers too. `Inf`, `NaN` and numbers beyond the
    /// range of a double (`1e400`) are errors unless ``CSVReadOptions/nonFiniteNumbers`` is `.read`: R's `fread`
    /// reads them as numbers, but a non-finite value must never reach a model silently.
    case double
    /// Text, kept exactly (no number or date is recognised).
    case string
    /// A calendar date in the given layout; other values are errors.
    case date(format: DateFormat)
    /// A factor. With `levels`, those levels in that order (the first is the reference level) and any other
    /// value is an error; without, the distinct values in byte-wise order (DataColumn's contract).
    case categorical(levels: [String]? = nil, ordered: Bool = false)
}

/// What the reader does with a number that is not finite: `Inf`, `-Inf`, `NaN`, or a value beyond the range of a
/// double (`1e400`).
public enum NonFiniteNumbers: Sendable, Equatable {
    /// An error naming file, line, column and value (or a quarantined row): the default, because a non-finite
    /// value must never reach a model silently, and a missing value has its own spellings.
    case error
    /// Read as the IEEE value, as R's `fread` does (for files CareStat wrote itself, e.g. a round trip of
    /// ``CSVWriter`` output).
    case read
}

/// How to read a delimited text file. The defaults follow what children's social care extracts need and
/// what R users expect from `read.csv`/`fread`.
public struct CSVReadOptions: Sendable, Equatable {
    /// The separator; nil (default) chooses from the header line: tab if it has more tabs than commas
    /// outside quotes, else comma.
    public var delimiter: CSVDelimiter?
    /// Unquoted field contents that mean "missing". Default: empty, `NA` (R), `.` (Stata, SAS) and `NULL`
    /// (SQL exports). A quoted field is never missing (`""` is an empty string, as in `fread`), so text that
    /// equals a token survives a round trip through ``CSVWriter``. Tokens are compared after unquoted fields
    /// are trimmed of spaces.
    public var missingTokens: [String]
    /// Column types that override inference, by header name. A name not in the header is an error.
    public var columnTypes: [String: CSVColumnType]
    /// When set, an inferred string column with at most this many distinct values becomes categorical (levels
    /// in byte-wise order). Default nil: never, see ``FieldClass`` for why.
    public var categoricalMaxLevels: Int?
    /// When set, rows that cannot be read are written to this file (CSV with columns `line,reason,raw`; `raw`
    /// is the row's bytes exactly as in the input) and skipped, and the read continues; otherwise the first
    /// bad row is thrown. It must not be the input file. Problems in the header line are always thrown (there
    /// is no table without it). The file is written (created or truncated) even when no row is bad.
    public var quarantinePath: String?
    /// Trim spaces from both ends of unquoted fields (default true, as `fread`'s `strip.white`). Quoted fields
    /// are kept exactly.
    public var trimSpaces: Bool
    /// Non-finite numbers in double columns: an error (default) or read as values.
    public var nonFiniteNumbers: NonFiniteNumbers

    public init(delimiter: CSVDelimiter? = nil, missingTokens: [String] = ["", "NA", ".", "NULL"],
                columnTypes: [String: CSVColumnType] = [:], categoricalMaxLevels: Int? = nil,
                quarantinePath: String? = nil, trimSpaces: Bool = true, nonFiniteNumbers: NonFiniteNumbers = .error) {
        self.delimiter = delimiter
        self.missingTokens = missingTokens
        self.columnTypes = columnTypes
        self.categoricalMaxLevels = categoricalMaxLevels
        self.quarantinePath = quarantinePath
        self.trimSpaces = trimSpaces
        self.nonFiniteNumbers = nonFiniteNumbers
    }
}
