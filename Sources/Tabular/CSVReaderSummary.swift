/// What the reader did with one column.
public struct CSVColumnReport: Sendable, Equatable {
    public var name: String
    /// The type the column was read as.
    public var type: CSVColumnType
    /// Whether `type` was inferred (false: given in ``CSVReadOptions/columnTypes``).
    public var inferred: Bool
    /// Why this type, in words (e.g. `"C12" on line 5 is not a number, boolean or date`).
    public var reason: String
    /// Missing values among the rows read.
    public var missingCount: Int
}

/// The outcome of a read besides the data.
public struct ReadSummary: Sendable, Equatable {
    /// Rows in the returned frame.
    public var rowsRead: Int
    /// Rows written to the quarantine file (0 without one).
    public var rowsQuarantined: Int
    /// The quarantined rows, in file order.
    public var quarantined: [QuarantinedRow]
    /// The separator used (given or detected).
    public var delimiter: CSVDelimiter
    /// Whether the file began with a UTF-8 byte order mark (skipped).
    public var hadByteOrderMark: Bool
    /// One report per column, in file order.
    public var columns: [CSVColumnReport]

    /// Missing counts by column name.
    public var missingCounts: [String: Int] {
        Dictionary(columns.map { ($0.name, $0.missingCount) }, uniquingKeysWith: { a, _ in a })
    }
}

/// A data frame read from a delimited text file, and what happened while reading it.
public struct CSVReadResult: Sendable, Equatable {
    public var frame: DataFrame
    public var summary: ReadSummary
}
