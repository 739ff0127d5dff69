public import Tabular

/// Errors from reading or deriving care data. Bad values inside a file are not errors: they become validation
/// issues (see ``ValidationIssue``); errors are raised only when a file cannot be read at all.
public enum CareDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file lacks required columns (official names, see ``FileFormats``).
    case missingColumns(source: String, columns: [String])
    /// The file could not be opened or decoded.
    case unreadableFile(path: String, reason: String)
    /// The output file could not be written.
    case unwritableFile(path: String, reason: String)
    /// A CSV file is malformed (e.g. an unterminated quote).
    case malformedCSV(source: String, line: Int, reason: String)
    /// A column cannot be used as a whole, e.g. dates mostly unreadable in the declared format
    /// (``DateColumnCheck``).
    case unreadableColumn(source: String, column: String, reason: String)
    /// An XML file is malformed or not a CIN census message.
    case malformedXML(source: String, reason: String)
    /// An argument is out of range (e.g. a start age after the end age).
    case invalidArgument(String)
    /// An error from building a table.
    case table(TabularError)

    public var description: String {
        switch self {
        case let .missingColumns(source, columns):
            "\(source): missing required column(s) \(columns.joined(separator: ", "))"
        case let .unreadableFile(path, reason): "cannot read \(path): \(reason)"
        case let .unwritableFile(path, reason): "cannot write \(path): \(reason)"
        case let .malformedCSV(source, line, reason): "\(source), line \(line): \(reason)"
        case let .unreadableColumn(source, column, reason): "\(source): column \(column): \(reason)"
        case let .malformedXML(source, reason): "\(source): \(reason)"
        case let .invalidArgument(text): text
        case let .table(error): error.description
        }
    }
}
