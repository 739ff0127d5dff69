import Testing
@testable import Sequences

/// The bit-parallel LCS kernel and the general dynamic programme agree wherever both apply (LCS; OM with every
/// substitution ≥ 2 × indel): on the `mvad` fixture, and on seeded random sequences of unequal lengths 1–300
/// (several 64-bit words, so the carries between words are exercised). Tolerance 1e-9 (the programme adds indel
/// costs one by one, the bit-parallel kernel multiplies a count by indel).
@Suite struct KernelAgreementTests {
    static let methods: [DistanceMethod] = [
        .longestCommonSubsequence,
        .optimalMatching(substitution: .constant(2), indel: .value(1)),
        .optimalMatching(substitution: .constant(3), indel: .value(1.5)),
        .optimalMatching(substitution: .constant(2), indel: .auto),
    ]

    static func random(count: Int, states: Int, seed: UInt64) throws -> StateSequences {
        var x = seed
        func next(_ n: Int) -> Int {   // 64-bit LCG (Knuth MMIX), high bits
            x = x &* 6364136223846793005 &+ 1442695040888963407
            return Int((x >> 33) % UInt64(n))
        }
        var seqs: [[Int]] = []
        for _ in 0..<count {
            let length = 1 + next(300)
            // Runs of states, like care histories: stay with probability 0.9.
            var s = [next(states)]
            while s.count < length { s.append(next(10) == 0 ? next(states) : s[s.count - 1]) }
            seqs.append(s)
        }
        return try StateSequences(alphabet: Alphabet((0..<states).map { "s\($0)" }), ids: (0..<count).map { "\($0)" }, states: seqs)
    }

    @Test(arguments: 0..<4)
    func bitParallelEqualsDynamicProgramme(_ m: Int) throws {
        for data in [try MVADFixture.sequences(), try Self.random(count: 60, states: 5, seed: 20261206)] {
            let fast = try SequenceDistances.compute(data, method: Self.methods[m], kernel: .automatic).matrix
            let slow = try SequenceDistances.compute(data, method: Self.methods[m], kernel: .dynamicProgramme).matrix
            var worst = 0.0
            for (x, y) in zip(fast.condensed, slow.condensed) { worst = max(worst, abs(x - y)) }
            #expect(worst < 1e-9)
        }
    }

    /// Hand-checked LCS lengths across a word boundary: a = 70 × A then B, b = B then 70 × A: LCS = 70.
    @Test func lcsAcrossWords() throws {
        let a = [Int](repeating: 0, count: 70) + [1], b = [1] + [Int](repeating: 0, count: 70)
        let k = BitParallelLCS(states: 2)
        let masks = k.masks(a)
        let v = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)
        defer { v.deallocate() }
        let l = masks.withUnsafeBufferPointer { m in b.withUnsafeBufferPointer { k.length(masksOfA: m, lengthOfA: a.count, $0, v: v) } }
        #expect(l == 70)
    }
}
