/// Transition rates between states (TraMineR `seqtrate`, lag 1, `time.varying = FALSE`): `rates[i][j]` is the
/// weighted share of the transitions out of state i (a state at t followed by an observed state at t + 1, pooled
/// over positions and sequences) that go to j; a state never followed by an observed state has all rates 0.
/// Pairs with a missing position on either side are not transitions.
public struct TransitionRates: Sendable {
    public let rates: [[Double]]
    /// `counts[i][j]`: the unweighted number of (person, position) transitions from i to j — what a rate reveals.
    public let counts: [[Int]]
}

extension SequenceDescriptives {
    /// The transition rate matrix (`seqtrate`). O(n × length).
    public static func transitionRates(_ data: StateSequences) -> TransitionRates {
        let a = data.alphabet.count
        var w = [[Double]](repeating: [Double](repeating: 0, count: a), count: a)
        var c = [[Int]](repeating: [Int](repeating: 0, count: a), count: a)
        for (s, wt) in zip(data.states, data.weights) where s.count > 1 {
            for t in 0..<(s.count - 1) {
                let x = s[t], y = s[t + 1]
                guard x != StateSequences.missing, y != StateSequences.missing else { continue }
                w[x][y] += wt; c[x][y] += 1
            }
        }
        let rates = w.map { row -> [Double] in
            let total = row.reduce(0, +)
            return total > 0 ? row.map { $0 / total } : [Double](repeating: 0, count: a)
        }
        return TransitionRates(rates: rates, counts: c)
    }
}
