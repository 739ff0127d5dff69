/// Failures writing an Excel workbook.
public enum ExcelError: Error, Sendable, Equatable {
    /// libxlsxwriter reported an error: its `lxw_error` code and `lxw_strerror` message.
    case library(code: Int, message: String)
    /// The workbook cannot be created (its directory does not exist, or libxlsxwriter could not allocate it).
    case cannotCreateWorkbook(path: String)
    /// A table has more rows or columns than an Excel sheet holds (1,048,576 × 16,384).
    case tableTooLarge(sheet: String)
    /// There is no table to write.
    case noTables
}
