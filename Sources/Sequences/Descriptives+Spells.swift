/// A run of one state: TraMineR's distinct-successive-states sequence (`seqdss`) paired with the durations
/// (`seqdur`).
public struct Spell: Sendable, Equatable {
    public let state: Int
    public let duration: Int
    public init(state: Int, duration: Int) { self.state = state; self.duration = duration }
}

extension SequenceDescriptives {
    /// The spells of one sequence, missing positions removed first (TraMineR's `with.missing = FALSE`: a missing
    /// month between two months of the same state joins them into one spell).
    public static func spells(_ states: [Int]) -> [Spell] {
        var out: [Spell] = []
        for x in states where x != StateSequences.missing {
            if let last = out.last, last.state == x { out[out.count - 1] = Spell(state: x, duration: last.duration + 1) } else {
                out.append(Spell(state: x, duration: 1))
            }
        }
        return out
    }

    /// The state runs of a sequence as text, e.g. "foster (14) – home (30)", with durations in positions: how a
    /// medoid or a frequent sequence is described without an id.
    public static func describeRuns(_ states: [Int], alphabet: Alphabet, labels: [String]? = nil) -> String {
        spells(states).map { "\((labels ?? alphabet.labels)[$0.state]) (\($0.duration))" }.joined(separator: " – ")
    }
}
