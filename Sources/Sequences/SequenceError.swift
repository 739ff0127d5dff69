/// What can go wrong building sequences or computing their distances and clusters; each names the offending value.
public enum SequenceError: Error, Equatable, CustomStringConvertible, Sendable {
    case emptyAlphabet
    case noData
    case duplicateState(String)
    case duplicateID(String)
    case duplicateTime(id: String, time: Int)
    case unknownState(id: String, time: Int, state: String)
    case emptySequence(id: String)
    case missingWeight(id: String)
    case badWeight(id: String, value: Double)
    case shapeMismatch(String)
    case missingStates(ids: [String])
    case unequalLengths(method: String)
    case badCost(String)
    case badClusterCount(k: Int, n: Int)

    public var description: String {
        switch self {
        case .emptyAlphabet: return "the alphabet is empty"
        case .noData: return "there are no rows"
        case .duplicateState(let s): return "state '\(s)' appears twice in the alphabet"
        case .duplicateID(let id): return "id '\(id)' appears twice"
        case .duplicateTime(let id, let t): return "id '\(id)' has two rows at time \(t)"
        case .unknownState(let id, let t, let s): return "id '\(id)' at time \(t): state '\(s)' is not in the alphabet"
        case .emptySequence(let id): return "id '\(id)' has no observed state"
        case .missingWeight(let id): return "id '\(id)' has no weight"
        case .badWeight(let id, let v): return "id '\(id)': weight \(v) is not a finite number ≥ 0"
        case .shapeMismatch(let s): return s
        case .missingStates(let ids):
            let shown = ids.prefix(5).joined(separator: ", ")
            return "\(ids.count) sequence(s) have missing states before their end (ids \(shown)\(ids.count > 5 ? ", …" : "")); "
                + "distances with missing states are not supported (TraMineR's with.missing): fill or remove them"
        case .unequalLengths(let m): return "\(m) is defined only for sequences of equal length (as TraMineR)"
        case .badCost(let s): return s
        case .badClusterCount(let k, let n): return "k = \(k) clusters needs 1 ≤ k ≤ n = \(n) sequences"
        }
    }
}
