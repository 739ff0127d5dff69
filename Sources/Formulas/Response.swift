/// The left-hand side of a model formula.
public enum Response: Sendable, Hashable, CustomStringConvertible {
    /// One numeric column (`y`).
    case column(String)
    /// Binomial counts, R's `cbind(successes, failures)`.
    case binomial(successes: String, failures: String)
    /// Right-censored survival time, `Surv(time, event)`; event is 1 (or true) for an event, 0 for censoring.
    case survival(time: String, event: String)
    /// Counting-process survival data, `Surv(start, stop, event)`: at risk on (start, stop].
    case countingProcess(start: String, stop: String, event: String)

    /// The columns the response reads, in order.
    public var columnNames: [String] {
        switch self {
        case .column(let y): [y]
        case let .binomial(s, f): [s, f]
        case let .survival(t, e): [t, e]
        case let .countingProcess(a, b, e): [a, b, e]
        }
    }

    /// R syntax.
    public var description: String {
        let n = columnNames.map(FormulaSyntax.name)
        switch self {
        case .column: return n[0]
        case .binomial: return "cbind(\(n[0]), \(n[1]))"
        case .survival, .countingProcess: return "Surv(" + n.joined(separator: ", ") + ")"
        }
    }
}
