/// A statistics package's native file format, read with ReadStat.
public enum StatFileFormat: String, Sendable, Equatable, CaseIterable {
    /// Stata `.dta` (versions 104–119).
    case stata
    /// SPSS `.sav` / `.zsav`.
    case spss
    /// SAS `.sas7bdat`.
    case sas

    /// The format named by a file extension (case-insensitive): dta, sav, zsav, sas7bdat; else nil.
    public init?(pathExtension ext: String) {
        switch ext.lowercased() {
        case "dta": self = .stata
        case "sav", "zsav": self = .spss
        case "sas7bdat": self = .sas
        default: return nil
        }
    }
}

/// Why a Stata, SPSS or SAS file could not be read.
public enum ReadStatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing (or no regular file) at the path.
    case fileNotFound(path: String)
    /// The extension names no supported format and no format was given.
    case unknownFormat(path: String)
    /// The file is not a valid file of the format (truncated, corrupt, or another kind of file): ReadStat's
    /// error code and message (`readstat_error_message`), plus the parser's own detail if it gave one.
    case invalidFile(path: String, format: StatFileFormat, code: Int, message: String)
    /// Another ReadStat failure (out of memory, unsupported character set, ...): code and message.
    case readStat(path: String, code: Int, message: String)
    /// The data read could not form a table (e.g. two variables with one name).
    case table(TabularError)

    public var description: String {
        switch self {
        case .fileNotFound(let p): return "no file at \(p)"
        case .unknownFormat(let p): return "cannot tell the format of \(p) from its extension (expected .dta, .sav, .zsav or .sas7bdat)"
        case let .invalidFile(p, f, c, m): return "\(p) is not a valid \(f.rawValue) file (ReadStat error \(c): \(m))"
        case let .readStat(p, c, m): return "reading \(p) failed (ReadStat error \(c): \(m))"
        case .table(let e): return e.description
        }
    }
}
