/// The states a sequence may take: labels in a fixed order (codes 0..<count index them).
///
/// Built from data, the order is the sorted order of the distinct labels, as TraMineR's `seqdef` sorts the levels of
/// its alphabet; the order changes no distance computed here (substitution costs are symmetric functions of the pair).
public struct Alphabet: Sendable, Equatable {
    public let labels: [String]

    public init(_ labels: [String]) throws(SequenceError) {
        guard !labels.isEmpty else { throw .emptyAlphabet }
        var seen = Set<String>()
        for l in labels where !seen.insert(l).inserted { throw .duplicateState(l) }
        self.labels = labels
    }

    public var count: Int { labels.count }

    /// The code of a label, or nil when it is not in the alphabet.
    public func code(_ label: String) -> Int? { labels.firstIndex(of: label) }
}

/// A set of categorical state sequences on a common discrete time axis: one row per id, in first-appearance order.
///
/// Semantics follow TraMineR's `seqdef` on data with gaps (`left = NA, gaps = NA, right = "DEL"`): position p of a
/// row is time `origin + p`; a sequence ends at its last observed state (trailing positions are void, so lengths may
/// differ); a missing state before that end (a gap, or a row with an empty state) is a *missing* position. TraMineR
/// would carry missing positions as the extra state `*` when asked (`with.missing = TRUE`); here every distance
/// refuses sequences with missing positions (``SequenceError/missingStates(ids:)``) rather than choosing a
/// treatment silently.
public struct StateSequences: Sendable {
    public let alphabet: Alphabet
    /// The sequence ids, in first-appearance order in the input.
    public let ids: [String]
    /// State codes per sequence (`Alphabet` indices; ``missing`` marks a missing position), of each sequence's length.
    public let states: [[Int]]
    /// Case weights (TraMineR's `weights`): they weight the transition rates of TRATE costs and the PAM objective.
    public let weights: [Double]
    /// The time of position 0.
    public let origin: Int

    /// The code of a missing position.
    public static let missing = -1

    public init(alphabet: Alphabet, ids: [String], states: [[Int]], weights: [Double]? = nil, origin: Int = 1) throws(SequenceError) {
        guard ids.count == states.count else { throw .shapeMismatch("\(ids.count) ids for \(states.count) sequences") }
        let w = weights ?? [Double](repeating: 1, count: ids.count)
        guard w.count == ids.count else { throw .shapeMismatch("\(w.count) weights for \(ids.count) sequences") }
        for (i, x) in w.enumerated() where !(x.isFinite && x >= 0) { throw .badWeight(id: ids[i], value: x) }
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted { throw .duplicateID(id) }
        for (i, s) in states.enumerated() {
            guard !s.isEmpty else { throw .emptySequence(id: ids[i]) }
            for c in s where c != StateSequences.missing && !(0..<alphabet.count).contains(c) {
                throw .shapeMismatch("state code \(c) outside the alphabet in sequence \(ids[i])")
            }
        }
        self.alphabet = alphabet
        self.ids = ids
        self.states = states
        self.weights = w
        self.origin = origin
    }

    public var count: Int { ids.count }
    public var lengths: [Int] { states.map(\.count) }
    public var maxLength: Int { states.map(\.count).max() ?? 0 }

    /// The ids of sequences with a missing position (empty when there are none).
    public var idsWithMissingStates: [String] {
        zip(ids, states).filter { $0.1.contains(StateSequences.missing) }.map(\.0)
    }

    /// Builds sequences from long data: one row per (id, time) with the state at that time. Times are integers
    /// (e.g. months since birth); the time axis starts at the smallest time in the data. Rows need not be sorted.
    /// The alphabet is the sorted distinct non-empty states unless one is given. An empty state is missing.
    /// - Throws: a duplicate (id, time), a state outside a given alphabet, or (with `weights`) an id without a weight.
    public static func fromLong(ids: [String], times: [Int], states: [String], alphabet: Alphabet? = nil,
                                weights: [String: Double]? = nil) throws(SequenceError) -> StateSequences {
        guard ids.count == times.count && ids.count == states.count else {
            throw .shapeMismatch("columns of different lengths: \(ids.count) ids, \(times.count) times, \(states.count) states")
        }
        guard let origin = times.min() else { throw .noData }
        let alpha: Alphabet
        if let alphabet { alpha = alphabet } else { alpha = try Alphabet(Array(Set(states.filter { !$0.isEmpty })).sorted()) }
        var order: [String] = []
        var index: [String: Int] = [:]
        var cells: [[Int: Int]] = []   // position -> code (missing for an empty state)
        for r in ids.indices {
            let id = ids[r]
            let row: Int
            if let i = index[id] { row = i } else {
                row = order.count; index[id] = row; order.append(id); cells.append([:])
            }
            let p = times[r] - origin
            let code: Int
            if states[r].isEmpty { code = missing } else {
                guard let c = alpha.code(states[r]) else { throw .unknownState(id: id, time: times[r], state: states[r]) }
                code = c
            }
            guard cells[row].updateValue(code, forKey: p) == nil else { throw .duplicateTime(id: id, time: times[r]) }
        }
        var seqs: [[Int]] = []
        for (row, c) in cells.enumerated() {
            guard let last = c.filter({ $0.value != missing }).keys.max() else { throw .emptySequence(id: order[row]) }
            seqs.append((0...last).map { c[$0] ?? missing })
        }
        var w: [Double]? = nil
        if let table = weights {
            var out: [Double] = []
            for id in order {
                guard let x = table[id] else { throw .missingWeight(id: id) }
                out.append(x)
            }
            w = out
        }
        return try StateSequences(alphabet: alpha, ids: order, states: seqs, weights: w, origin: origin)
    }
}
