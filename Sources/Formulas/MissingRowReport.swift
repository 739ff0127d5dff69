/// Which rows a model frame dropped for missing values, and why (R's `na.omit`, reported instead of silent).
public struct MissingRowReport: Sendable, Equatable, CustomStringConvertible {
    /// Missing values of one used column, counted over all rows of the data.
    public struct ColumnCount: Sendable, Equatable {
        public let column: String
        public let rows: Int
        public init(column: String, rows: Int) {
            self.column = column
            self.rows = rows
        }
    }
    /// Rows in the data.
    public let totalRows: Int
    /// Rows dropped because some used column is missing there.
    public let droppedRows: Int
    /// Used columns with missing values, in the order the formula uses them; a row missing in several columns
    /// counts once for each, so the counts can add up to more than ``droppedRows``. NaN counts as missing, as
    /// `is.na` does in R.
    public let byColumn: [ColumnCount]

    public init(totalRows: Int, droppedRows: Int, byColumn: [ColumnCount]) {
        self.totalRows = totalRows
        self.droppedRows = droppedRows
        self.byColumn = byColumn
    }

    /// Rows kept.
    public var usedRows: Int { totalRows - droppedRows }

    /// E.g. "dropped 3 of 40 rows with missing values (x: 2, sex: 1)".
    public var description: String {
        guard droppedRows > 0 else { return "no rows dropped (\(totalRows) rows)" }
        return "dropped \(droppedRows) of \(totalRows) rows with missing values ("
            + byColumn.map { "\($0.column): \($0.rows)" }.joined(separator: ", ") + ")"
    }
}
