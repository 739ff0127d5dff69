/// Why synthetic data could not be generated, written or read back.
public enum SyntheticError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A configuration value is outside its domain; `reason` says which and why.
    case invalidConfiguration(String)
    /// A file or directory could not be created or written.
    case writeFailed(path: String, reason: String)
    /// A file written by the generator could not be read back (calibration).
    case readFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): return "invalid synthetic-data configuration: \(reason)"
        case let .writeFailed(path, reason): return "cannot write \(path): \(reason)"
        case let .readFailed(path, reason): return "cannot read \(path): \(reason)"
        }
    }
}
