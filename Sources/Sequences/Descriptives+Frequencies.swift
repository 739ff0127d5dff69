/// One distinct sequence and how often it occurs (TraMineR `seqtab`).
public struct SequenceFrequency: Sendable, Equatable {
    /// The state codes (``StateSequences/missing`` for a missing position).
    public let states: [Int]
    /// People (unweighted) with exactly this sequence.
    public let count: Int
    /// Their summed case weights (`seqtab`'s `Freq` when weighted).
    public let weight: Double
    /// The row (first-appearance order) of its first occurrence.
    public let firstRow: Int
}

extension SequenceDescriptives {
    /// The distinct sequences, most frequent first (weighted frequency, then unweighted count, then first
    /// appearance: TraMineR orders by weighted frequency and breaks ties by the table's own order). Two sequences of
    /// different lengths are different. Individual sequences are microdata: whoever shows them must put their counts
    /// through disclosure control (the `describe` command shows a sequence only when its count is published).
    public static func frequencies(_ data: StateSequences) -> [SequenceFrequency] {
        var index: [[Int]: Int] = [:]
        var rows: [(states: [Int], count: Int, weight: Double, first: Int)] = []
        for (r, (s, w)) in zip(data.states, data.weights).enumerated() {
            if let k = index[s] { rows[k].count += 1; rows[k].weight += w } else {
                index[s] = rows.count; rows.append((s, 1, w, r))
            }
        }
        rows.sort { ($0.weight, $0.count, -$0.first) > ($1.weight, $1.count, -$1.first) }
        return rows.map { SequenceFrequency(states: $0.states, count: $0.count, weight: $0.weight, firstRow: $0.first) }
    }
}
