/// One cell of a table: typed, so that each output format can render it properly (rounded for people, full
/// precision for machines) and missing values stay missing.
public enum Cell: Sendable, Equatable {
    case text(String)
    case integer(Int)
    /// A real number with the number of significant digits the human-readable formats show.
    case number(Double, significantDigits: Int = 4)
    /// A p-value, shown as "<0.001" below 0.001 in human-readable formats (the social-science convention).
    case pValue(Double)
    /// A missing value: blank in text, empty in CSV, `null` in JSON.
    case missing
    /// A value withheld by statistical disclosure control (see ``DisclosureControl``): rendered as `marker` in
    /// text, Markdown and CSV, and as `null` in JSON with the cell listed under the table's `"suppressed"` key,
    /// so a machine reader can tell "withheld" from "missing". The withheld value is deliberately not stored.
    case suppressed(marker: String = DisclosurePolicy.defaultMarker)
}

extension Cell: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
}

/// Horizontal alignment of a column in text and Markdown output.
public enum Alignment: Sendable { case left, right }

/// A column: its header and alignment; `key` is the JSON/CSV name (defaults to the header).
public struct Column: Sendable, Equatable {
    public let header: String
    public let key: String
    public let alignment: Alignment

    public init(_ header: String, key: String? = nil, alignment: Alignment = .right) {
        self.header = header
        self.key = key ?? header
        self.alignment = alignment
    }
}

/// A titled table with footnotes, the value every CareStat command prints.
///
/// Library code builds tables and never prints; the CLI renders them with ``render(as:)``.
public struct Table: Sendable, Equatable {
    public var title: String
    public var columns: [Column]
    public var rows: [[Cell]]
    /// Notes printed under the table (disclosure rule applied, convergence, data caveats).
    public var footnotes: [String]

    public init(title: String, columns: [Column], rows: [[Cell]] = [], footnotes: [String] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footnotes = footnotes
    }

    /// Appends a row; it must have one cell per column (a shorter row is padded with missing cells, a longer
    /// one is a programming error and traps).
    public mutating func append(_ row: [Cell]) {
        precondition(row.count <= columns.count, "row has \(row.count) cells for \(columns.count) columns")
        rows.append(row + Array(repeating: .missing, count: columns.count - row.count))
    }
}
