import Foundation

/// Per-sequence indicators of how varied a sequence is (TraMineR `seqient`, `seqST`, `seqici`).
public struct SequenceIndicators: Sendable {
    /// Longitudinal (within-sequence) entropy of the time spent in each state, normalised by log(alphabet size)
    /// (`seqient(norm = TRUE)`).
    public let entropy: [Double]
    /// Elzinga's turbulence (`seqST`, type 1): log2(φ × (s²max + 1) / (s² + 1)), φ the number of distinct
    /// subsequences of the spells' states (the empty one included), s² the variance of the spell durations
    /// (divisor: number of spells), s²max = (spells − 1)(1 − mean duration)².
    public let turbulence: [Double]
    /// Turbulence normalised as `seqST(norm = TRUE)`: (T − 1) / (Tmax − 1), 0 when T < 1, Tmax the turbulence of
    /// the alphabet repeated up to the longest sequence's length. φ is carried in floating point, as TraMineR does;
    /// sequenzo 0.1.42 caps it at 1e15, so its normalised values differ for long sequences (the reference is
    /// TraMineR's formula, computed exactly in Tests/SequencesTests/Fixtures/make_descriptive_fixtures.py).
    public let normalisedTurbulence: [Double]
    /// Gabadinho's complexity index (`seqici`): √(transitions / (length − 1) × normalised entropy); 0 for a
    /// sequence of length 1.
    public let complexity: [Double]
}

extension SequenceDescriptives {
    /// The indicators of every sequence. Missing positions are removed first (`with.missing = FALSE`). O(n × length).
    public static func indicators(_ data: StateSequences) -> SequenceIndicators {
        let a = data.alphabet.count
        var ent: [Double] = [], turb: [Double] = [], ici: [Double] = []
        for s in data.states {
            let spells = spells(s)
            let observed = spells.reduce(0) { $0 + $1.duration }
            var time = [Double](repeating: 0, count: a)
            for sp in spells { time[sp.state] += Double(sp.duration) }
            let e = observed > 0 ? normalisedEntropy(time.map { $0 / Double(observed) }, states: a) : 0
            ent.append(e)
            turb.append(turbulence(spells))
            let transitions = Double(max(spells.count - 1, 0))
            ici.append(observed > 1 ? (transitions / Double(observed - 1) * e).squareRoot() : 0)
        }
        let maxSequence = (0..<data.maxLength).map { Spell(state: $0 % a, duration: 1) }
        let tmax = turbulence(maxSequence)
        let norm = turb.map { $0 < 1 || tmax <= 1 ? 0 : ($0 - 1) / (tmax - 1) }
        return SequenceIndicators(entropy: ent, turbulence: turb, normalisedTurbulence: norm, complexity: ici)
    }

    /// Turbulence of a spell sequence (type 1); 0 for no spells.
    static func turbulence(_ spells: [Spell]) -> Double {
        guard !spells.isEmpty else { return 0 }
        let d = spells.map { Double($0.duration) }
        let mean = d.reduce(0, +) / Double(d.count)
        let s2 = d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(d.count)
        let s2max = Double(d.count - 1) * (1 - mean) * (1 - mean)
        return log2(distinctSubsequences(spells.map(\.state))) + log2((s2max + 1) / (s2 + 1))
    }

    /// The number of distinct subsequences of `s`, the empty one included (TraMineR `seqsubsn`):
    /// N_k = 2 N_{k−1} − N_{j−1} where j is the previous occurrence of s_k. In floating point (exact up to 2^53,
    /// then rounded, as TraMineR).
    static func distinctSubsequences(_ s: [Int]) -> Double {
        var n: [Double] = [1]
        var last: [Int: Int] = [:]
        for (k, c) in s.enumerated() {
            let i = k + 1
            n.append(2 * n[i - 1] - (last[c].map { n[$0 - 1] } ?? 0))
            last[c] = i
        }
        return n[s.count]
    }
}
