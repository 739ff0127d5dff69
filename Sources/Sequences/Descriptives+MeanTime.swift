/// Mean time spent in each state (TraMineR `seqmeant`): Σ_i w_i × (positions of sequence i in state s) / Σ_i w_i,
/// in positions (months of a monthly sequence). Missing positions count towards no state.
public struct MeanTimeInStates: Sendable {
    public let meanTime: [Double]
    /// The weighted number of sequences averaged over.
    public let totalWeight: Double
}

extension SequenceDescriptives {
    /// The mean time in each state (`seqmeant`). O(n × length).
    public static func meanTime(_ data: StateSequences) -> MeanTimeInStates {
        var m = [Double](repeating: 0, count: data.alphabet.count)
        var total = 0.0
        for (s, wt) in zip(data.states, data.weights) {
            total += wt
            for x in s where x != StateSequences.missing { m[x] += wt }
        }
        return MeanTimeInStates(meanTime: total > 0 ? m.map { $0 / total } : m, totalWeight: total)
    }
}
