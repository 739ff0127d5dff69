/// A symmetric substitution-cost matrix over an alphabet (zero diagonal), flat row-major `count × count`.
public struct SubstitutionCosts: Sendable, Equatable {
    public let size: Int
    public let values: [Double]

    public init(size: Int, values: [Double]) throws(SequenceError) {
        guard size > 0, values.count == size * size else { throw .badCost("a \(size)-state cost matrix needs \(size * size) values, got \(values.count)") }
        for i in 0..<size {
            guard values[i * size + i] == 0 else { throw .badCost("substitution cost of a state with itself must be 0 (state \(i))") }
            for j in 0..<size {
                let v = values[i * size + j]
                guard v.isFinite, v >= 0 else { throw .badCost("substitution cost \(v) (states \(i), \(j)) is not a finite number ≥ 0") }
                guard v == values[j * size + i] else { throw .badCost("substitution costs must be symmetric (states \(i), \(j))") }
            }
        }
        self.size = size
        self.values = values
    }

    public subscript(i: Int, j: Int) -> Double { values[i * size + j] }
    public var maximum: Double { values.max() ?? 0 }

    /// Every substitution of two different states costs `cost` (TraMineR `seqcost(method = "CONSTANT", cval)`).
    public static func constant(_ cost: Double, states: Int) throws(SequenceError) -> SubstitutionCosts {
        guard cost.isFinite, cost > 0 else { throw .badCost("the constant substitution cost must be > 0, got \(cost)") }
        var v = [Double](repeating: cost, count: states * states)
        for i in 0..<states { v[i * states + i] = 0 }
        return try SubstitutionCosts(size: states, values: v)
    }

    /// TraMineR's `seqcost(method = "TRATE")` (default `cval = 2`, `lag = 1`, `weighted = TRUE`):
    /// cost(i, j) = 2 − p(j | i) − p(i | j), where p(j | i) is the weighted share of transitions from i (state at t
    /// followed by a state at t + 1, pooled over t and sequences) that go to j; a state never followed by another has
    /// p(· | i) = 0.
    public static func transitionRates(_ data: StateSequences) throws(SequenceError) -> SubstitutionCosts {
        try requireNoMissing(data)
        let a = data.alphabet.count
        let p = rates(data, from: nil, states: a)
        var v = [Double](repeating: 0, count: a * a)
        for i in 0..<a { for j in 0..<a where i != j { v[i * a + j] = 2 - p[i * a + j] - p[j * a + i] } }
        return try SubstitutionCosts(size: a, values: v)
    }

    /// Transition rates p(j | i) from position `t` to `t + 1` (all positions when `t` is nil), weighted.
    static func rates(_ data: StateSequences, from t: Int?, states a: Int) -> [Double] {
        var count = [Double](repeating: 0, count: a * a)
        for (s, w) in zip(data.states, data.weights) {
            let range = t.map { $0..<min($0 + 1, s.count - 1) } ?? 0..<max(s.count - 1, 0)
            for u in range { count[s[u] * a + s[u + 1]] += w }
        }
        for i in 0..<a {
            let total = (0..<a).reduce(0.0) { $0 + count[i * a + $1] }
            for j in 0..<a { count[i * a + j] = total > 0 ? count[i * a + j] / total : 0 }
        }
        return count
    }
}

/// Position-dependent substitution costs for dynamic Hamming (Lesnard 2010): TraMineR's
/// `seqcost(method = "TRATE", time.varying = TRUE)` with its DHD default `cval = 4`, transition "both":
/// with r_t(i, j) = p_t(j | i) + p_t(i | j) the rates from position t to t + 1,
/// cost_t(i, j) = max(0, 4 − r_{t−1}(i, j) − r_t(i, j)) inside, 4 − 2·r_0 at the first position and 4 − 2·r_{T−2} at the last.
public struct TimeVaryingCosts: Sendable {
    public let size: Int
    public let length: Int
    /// `length` matrices, each flat `size × size`.
    public let values: [[Double]]

    public static func dynamicHamming(_ data: StateSequences) throws(SequenceError) -> TimeVaryingCosts {
        try requireNoMissing(data)
        let lengths = Set(data.lengths)
        guard lengths.count == 1, let T = lengths.first else { throw .unequalLengths(method: "DHD") }
        let a = data.alphabet.count
        let rates = (0..<max(T - 1, 0)).map { SubstitutionCosts.rates(data, from: $0, states: a) }
        let cval = 4.0
        var values: [[Double]] = []
        for t in 0..<T {
            var m = [Double](repeating: 0, count: a * a)
            for i in 0..<a { for j in 0..<a where i != j {
                let first = t == 0, last = t == T - 1
                var cost = 0.0
                if !first { cost -= rates[t - 1][i * a + j] + rates[t - 1][j * a + i] }
                if !last { cost -= rates[t][i * a + j] + rates[t][j * a + i] }
                m[i * a + j] = max(0, (!first && !last) ? cval + cost : cval + 2 * cost)
            } }
            values.append(m)
        }
        return TimeVaryingCosts(size: a, length: T, values: values)
    }
}

func requireNoMissing(_ data: StateSequences) throws(SequenceError) {
    let bad = data.idsWithMissingStates
    guard bad.isEmpty else { throw .missingStates(ids: bad) }
}
