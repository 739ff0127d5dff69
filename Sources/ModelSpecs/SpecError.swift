/// Errors from running a spec.
public enum SpecError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownSpec(String, suggestion: String?)
    case dataNotFound(String)
    case badData(String)
    /// The spec does not fit its data or analysis (a column it names is missing, a response of the wrong kind).
    case invalidSpec(String)

    public var description: String {
        switch self {
        case let .unknownSpec(name, s): return "no model spec named \(name)" + (s.map { "; did you mean \($0)?" } ?? "") + " (run 'carestat models' for the list)"
        case .dataNotFound(let what): return what
        case .badData(let what): return what
        case .invalidSpec(let what): return "invalid spec: " + what
        }
    }
}
