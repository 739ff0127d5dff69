import Testing
@testable import Sequences

/// The banded programme (``AlignmentKernel/bandedDistance``) against the plain programme over every cell, on seeded
/// random sequences (runs of states as in care histories, and uniformly random ones; unequal lengths 1–300) with
/// seeded random symmetric substitution costs and indel costs on both sides of sub/2. Tolerance 1e-12 absolute: the
/// banded programme performs the same additions on the cells it visits, so agreement is expected to the last bit.
@Suite struct BandedKernelTests {
    struct Generator {
        var x: UInt64
        mutating func next(_ n: Int) -> Int {   // 64-bit LCG (Knuth MMIX), high bits
            x = x &* 6364136223846793005 &+ 1442695040888963407
            return Int((x >> 33) % UInt64(n))
        }
        mutating func uniform() -> Double { Double(next(1 << 30)) / Double(1 << 30) }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func bandedEqualsPlain(_ seed: UInt64) throws {
        var g = Generator(x: seed &* 0x9E3779B97F4A7C15)
        let states = 2 + g.next(7)
        var sub = [Double](repeating: 0, count: states * states)
        for i in 0..<states { for j in (i + 1)..<states { let v = 0.1 + 3 * g.uniform(); sub[i * states + j] = v; sub[j * states + i] = v } }
        let costs = try SubstitutionCosts(size: states, values: sub)
        let indel = 0.2 + 2 * g.uniform()
        let runs = seed % 2 == 0
        var seqs: [[Int]] = []
        for _ in 0..<40 {
            let length = 1 + g.next(300)
            var s = [g.next(states)]
            while s.count < length { s.append(runs ? (g.next(12) == 0 ? g.next(states) : s[s.count - 1]) : g.next(states)) }
            seqs.append(s)
        }
        // Near-copies of the first sequence (a narrow band), too.
        for k in 0..<10 { var s = seqs[0]; for _ in 0...k { s[g.next(s.count)] = g.next(states) }; if k % 3 == 0 { s.removeLast(min(k, s.count - 1)) }; seqs.append(s) }
        let data = try StateSequences(alphabet: Alphabet((0..<states).map { "s\($0)" }), ids: seqs.indices.map { "\($0)" }, states: seqs)
        let method = DistanceMethod.optimalMatching(substitution: .matrix(costs), indel: .value(indel))
        let banded = try SequenceDistances.compute(data, method: method, kernel: .bandedProgramme).matrix
        let plain = try SequenceDistances.compute(data, method: method, kernel: .dynamicProgramme).matrix
        var worst = 0.0
        for (x, y) in zip(banded.condensed, plain.condensed) { worst = max(worst, abs(x - y)) }
        #expect(worst < 1e-12, "seed \(seed): \(states) states, indel \(indel): max |banded − plain| = \(worst)")
    }

    /// Rows computed for streaming equal the condensed matrix's entries.
    @Test func rowsEqualCondensed() throws {
        let data = try KernelAgreementTests.random(count: 30, states: 4, seed: 7)
        let engine = try DistanceEngine(data, method: .optimalMatching(substitution: .constant(2), indel: .value(1.5)))
        let d = engine.condensed(threads: 2)
        let rows = engine.rows(Array(0..<engine.uniqueCount), threads: 2)
        var worst = 0.0
        for p in 0..<engine.uniqueCount { for q in 0..<engine.uniqueCount { worst = max(worst, abs(rows[p][q] - d.unique(p, q))) } }
        #expect(worst < 1e-12)   // the same pair function, so expected to be bit-identical
    }
}
