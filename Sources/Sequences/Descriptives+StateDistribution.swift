import Foundation

/// The cross-sectional state distribution at each time point (TraMineR `seqstatd`): the weighted share of each state
/// among the sequences observed (not void, not missing) at that position, the weighted number observed ("valid
/// states") and the Shannon entropy of the shares normalised by log(alphabet size) (seqstatd's `norm = TRUE`
/// default), so that 0 is one state for everyone and 1 is all states equally common.
public struct StateDistribution: Sendable {
    /// `shares[t][s]`: weighted share of state s at position t (0 when nobody is observed at t).
    public let shares: [[Double]]
    /// Weighted number of sequences observed at each position.
    public let validWeight: [Double]
    /// `counts[t][s]`: people (unweighted) in state s at position t — the counts behind a plot of the shares.
    public let counts: [[Int]]
    /// Normalised entropy per position; nil where nobody is observed.
    public let entropy: [Double?]
}

extension SequenceDescriptives {
    /// The state distribution by position (`seqstatd`). O(n × length).
    public static func stateDistribution(_ data: StateSequences) -> StateDistribution {
        let a = data.alphabet.count, T = data.maxLength
        var w = [[Double]](repeating: [Double](repeating: 0, count: a), count: T)
        var c = [[Int]](repeating: [Int](repeating: 0, count: a), count: T)
        for (s, wt) in zip(data.states, data.weights) {
            for (t, x) in s.enumerated() where x != StateSequences.missing { w[t][x] += wt; c[t][x] += 1 }
        }
        var shares: [[Double]] = [], valid: [Double] = [], entropy: [Double?] = []
        for t in 0..<T {
            let total = w[t].reduce(0, +)
            valid.append(total)
            guard total > 0 else { shares.append([Double](repeating: 0, count: a)); entropy.append(nil); continue }
            let p = w[t].map { $0 / total }
            shares.append(p)
            entropy.append(normalisedEntropy(p, states: a))
        }
        return StateDistribution(shares: shares, validWeight: valid, counts: c, entropy: entropy)
    }

    /// −Σ p log p / log(states); 0 for a one-state alphabet (TraMineR divides by log(1) = 0 and returns NaN; a
    /// one-state distribution has no uncertainty, so 0 is stated instead).
    static func normalisedEntropy(_ p: [Double], states: Int) -> Double {
        guard states > 1 else { return 0 }
        var h = 0.0
        for x in p where x > 0 { h -= x * log(x) }
        return h / log(Double(states))
    }
}
