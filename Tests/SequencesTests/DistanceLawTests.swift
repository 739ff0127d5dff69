import Testing
@testable import Sequences

/// Laws every distance obeys, on the `mvad` fixture and small hand examples (exact: integer costs, or 1e-12).
@Suite struct DistanceLawTests {
    static let methods: [DistanceMethod] = [
        .optimalMatching(substitution: .constant(2), indel: .value(1.5)),
        .optimalMatching(substitution: .transitionRates, indel: .auto),
        .hamming(substitution: .constant(1)), .dynamicHamming, .longestCommonSubsequence,
    ]

    @Test(arguments: 0..<5)
    func symmetricZeroDiagonalAndInvariantToRowOrder(_ m: Int) throws {
        let data = try MVADFixture.sequences()
        let d = try SequenceDistances.compute(data, method: Self.methods[m]).matrix
        for i in 0..<data.count {
            #expect(d[i, i] == 0)
            for j in 0..<data.count { #expect(abs(d[i, j] - d[j, i]) < 1e-12) }
        }
        // Reverse the rows of the long data: ids appear in the opposite order, distances follow the ids.
        let l = try MVADFixture.long()
        let reversed = try StateSequences.fromLong(ids: l.ids.reversed(), times: l.times.reversed(), states: l.states.reversed())
        #expect(reversed.ids == data.ids.reversed())
        let e = try SequenceDistances.compute(reversed, method: Self.methods[m]).matrix
        let n = data.count
        var worst = 0.0
        for i in 0..<n { for j in 0..<n { worst = max(worst, abs(d[i, j] - e[n - 1 - i, n - 1 - j])) } }
        #expect(worst < 1e-12)
    }

    /// One thread and two threads give the same numbers (each entry is computed by one worker, alone).
    @Test func threadCountDoesNotChangeDistances() throws {
        let data = try MVADFixture.sequences()
        let m = DistanceMethod.optimalMatching(substitution: .transitionRates, indel: .auto)
        let a = try SequenceDistances.compute(data, method: m, threads: 1).matrix
        let b = try SequenceDistances.compute(data, method: m, threads: 2).matrix
        #expect(a.condensed == b.condensed)
    }

    /// Hand-computed: OM(ABC, ACD) with sub 2, indel 1: delete B, insert D = 2 (substitutions B→C, C→D cost 4).
    /// Hamming(ABC, ACD) = 2; LCS(ABAB, BABA): LCS length 3, distance 4 + 4 − 6 = 2. Unequal lengths: OM(AB, ABCC) = 2.
    @Test func handComputed() throws {
        let alpha = try Alphabet(["A", "B", "C", "D"])
        let s = try StateSequences(alphabet: alpha, ids: ["1", "2", "3", "4", "5", "6"],
                                   states: [[0, 1, 2], [0, 2, 3], [0, 1, 0, 1], [1, 0, 1, 0], [0, 1], [0, 1, 2, 2]])
        let om = try SequenceDistances.compute(s, method: .optimalMatching(substitution: .constant(2), indel: .value(1))).matrix
        #expect(om[0, 1] == 2)
        #expect(om[4, 5] == 2)
        let lcs = try SequenceDistances.compute(s, method: .longestCommonSubsequence).matrix
        #expect(lcs[2, 3] == 2)
        let equal = try StateSequences(alphabet: alpha, ids: ["1", "2"], states: [[0, 1, 2], [0, 2, 3]])
        let ham = try SequenceDistances.compute(equal, method: .hamming(substitution: .constant(1))).matrix
        #expect(ham[0, 1] == 2)
        #expect(throws: SequenceError.unequalLengths(method: "HAM")) {
            try SequenceDistances.compute(s, method: .hamming(substitution: .constant(1)))
        }
    }

    /// Long data with gaps: trailing void shortens a sequence; a gap before its end is missing and refused.
    @Test func gapsAndUnequalLengthsFromLongData() throws {
        let s = try StateSequences.fromLong(ids: ["b", "b", "a", "a", "a", "c", "c"], times: [1, 2, 1, 2, 3, 1, 3],
                                            states: ["x", "y", "x", "x", "y", "y", ""])
        #expect(s.ids == ["b", "a", "c"])
        #expect(s.lengths == [2, 3, 1])        // c's empty state at time 3 is trailing: void
        #expect(s.idsWithMissingStates.isEmpty)
        let gap = try StateSequences.fromLong(ids: ["a", "a"], times: [1, 3], states: ["x", "y"])
        #expect(gap.idsWithMissingStates == ["a"])
        #expect(throws: SequenceError.missingStates(ids: ["a"])) {
            try SequenceDistances.compute(gap, method: .longestCommonSubsequence)
        }
        #expect(throws: SequenceError.duplicateTime(id: "a", time: 1)) {
            try StateSequences.fromLong(ids: ["a", "a"], times: [1, 1], states: ["x", "y"])
        }
    }
}
