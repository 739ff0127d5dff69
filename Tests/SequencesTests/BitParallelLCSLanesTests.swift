import Testing
@testable import Sequences

/// The multi-pair bit-parallel LCS kernel (``BitParallelLCSLanes``, C target _CSequenceKernels) against the per-pair
/// kernel it sits beside (``BitParallelLCSTable``) and the textbook O(|a|·|b|) programme, on every instruction-set
/// path this build and CPU run (portable always; AVX2 and AVX-512 where the CPU has them): seeded random sequences of
/// lengths 0..300 and at the word boundaries 63/64/65/128/129/192/256/257, alphabets of 1..30 states, runs (care
/// histories: long shared prefixes and suffixes) and noise, and groups of lanes partly filled (column counts that
/// are not multiples of 8). LCS lengths are integers, so equal; the engine's distances, being the same arithmetic
/// on the same integers, are compared with ==.
@Suite struct BitParallelLCSLanesTests {
    typealias Generator = BitParallelLCSTableTests.Generator

    static var lanePaths: [BitParallelPath] { BitParallelPath.allCases.filter { $0 != .pairs && $0.isSupported } }

    /// Every supported lane path's LCS of row p against `columns`, and the per-pair kernel's, and the textbook's.
    static func mismatches(_ sequences: [[Int]], states: Int, rows: [Int], columns: [Int]) -> Int {
        let lanes = BitParallelLCSLanes(sequences, states: states)
        let table = BitParallelLCSTable(sequences, states: states)
        let v = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, lanes.maxWords))
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: 8 * lanes.scratchWords, alignment: 64)
        let cols = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, columns.count))
        let out = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, columns.count))
        defer { v.deallocate(); scratch.deallocate(); cols.deallocate(); out.deallocate() }
        for (t, q) in columns.enumerated() { cols[t] = lanes.rank[q] }
        var bad = 0
        for p in rows {
            let want = columns.map { BitParallelLCSTableTests.textbook(sequences[p], sequences[$0]) }
            for (t, q) in columns.enumerated() where table.length(p, q, v: v) != want[t] && sequences[p].count > 0 { bad += 1 }
            for path in lanePaths {
                lanes.lengths(rowRank: Int(lanes.rank[p]), columnRanks: cols, count: columns.count, into: out, scratch: scratch, path: path)
                for t in columns.indices where Int(out[t]) != want[t] { bad += 1 }
            }
        }
        return bad
    }

    /// A set of sequences: each a random sequence, or a copy of an earlier one with its middle replaced (shared
    /// prefix and suffix of random lengths, as care histories).
    static func sequences(_ g: inout Generator, count: Int, lengths: [Int], states: Int) -> [[Int]] {
        var out: [[Int]] = []
        for t in 0..<count {
            let runs = g.next(3) != 0
            var s = g.sequence(lengths[t % lengths.count], states: states, runs: runs)
            if let a = out.last, g.next(2) == 0, !a.isEmpty, !s.isEmpty {
                let pre = g.next(min(a.count, s.count) + 1)
                for i in 0..<pre { s[i] = a[i] }
                let suf = g.next(min(a.count, s.count) - pre + 1)
                for i in 0..<suf { s[s.count - 1 - i] = a[a.count - 1 - i] }
            }
            out.append(s)
        }
        return out
    }

    @Test func pathsAreSupportedAsTheCPUSays() {
        #expect(BitParallelPath.pairs.isSupported)
        #expect(BitParallelPath.portable.isSupported)
        #expect(BitParallelPath.best.isSupported)
        #expect(BitParallelPath.best != .pairs)
        // best is the widest supported path
        if BitParallelPath.avx512.isSupported { #expect(BitParallelPath.best == .avx512) }
        else if BitParallelPath.avx2.isSupported { #expect(BitParallelPath.best == .avx2) }
        else { #expect(BitParallelPath.best == .portable) }
    }

    @Test func randomLengthsAlphabetsAndPartlyFilledGroups() {
        var g = Generator(x: 20261208)
        var bad = 0
        for _ in 0..<40 {
            let states = 1 + g.next(30)
            let count = 1 + g.next(40)
            let lengths = (0..<count).map { _ in g.next(301) }
            let seqs = Self.sequences(&g, count: count, lengths: lengths, states: states)
            let rows = (0..<3).map { _ in g.next(seqs.count) }
            // columns: a random subset of 0..count (partly filled groups), in random order
            let columns = seqs.indices.filter { _ in g.next(3) != 0 }
            bad += Self.mismatches(seqs, states: states, rows: rows, columns: columns)
        }
        #expect(bad == 0)
    }

    @Test func wordBoundaries() {
        var g = Generator(x: 257)
        let edges = [0, 1, 63, 64, 65, 127, 128, 129, 192, 255, 256, 257]
        var bad = 0
        for states in [1, 2, 5, 30] {
            for _ in 0..<3 {
                let lengths = (0..<(2 * edges.count)).map { _ in edges[g.next(edges.count)] }
                let seqs = Self.sequences(&g, count: lengths.count, lengths: lengths, states: states)
                bad += Self.mismatches(seqs, states: states, rows: Array(seqs.indices), columns: Array(seqs.indices))
            }
        }
        #expect(bad == 0)
    }

    /// The engine's whole-row paths (condensed, rows, upperRows) on each lane path equal the per-pair path, value
    /// by value, with duplicates among the input rows, with and without a normalisation, on the `mvad` fixture and
    /// random sequences of unequal lengths.
    @Test func engineRowsEqualThePairPathOnEveryPath() throws {
        var g = Generator(x: 99)
        let lengths = (0..<70).map { _ in 1 + g.next(300) }
        var seqs = Self.sequences(&g, count: 70, lengths: lengths, states: 6)
        seqs += seqs.prefix(10)   // duplicates
        let random = try StateSequences(alphabet: Alphabet((0..<6).map { "s\($0)" }), ids: seqs.indices.map { "\($0)" }, states: seqs)
        let methods: [DistanceMethod] = [.longestCommonSubsequence, .optimalMatching(substitution: .constant(3), indel: .value(1.5))]
        for data in [try MVADFixture.sequences(), random] {
            for method in methods {
                for norm in [DistanceNormalisation.none, .auto] {
                    let reference = try DistanceEngine(data, method: method, normalisation: norm, kernel: .bitParallel(.pairs))
                    #expect(reference.rowKernel == nil)
                    let n = data.count
                    let full = reference.condensed(threads: 1)
                    var upperWanted: [Double] = []
                    for i in 0..<n { for j in (i + 1)..<n { upperWanted.append(full[i, j]) } }
                    let kernels = Self.lanePaths.map { (DistanceKernel.bitParallel($0), $0) } + [(.automatic, BitParallelPath.best)]
                    for (kernel, path) in kernels {
                        let engine = try DistanceEngine(data, method: method, normalisation: norm, kernel: kernel)
                        #expect(engine.rowKernel?.path == path)
                        // Counts of values that differ (equal integers scaled alike: compared exactly).
                        let condensed = engine.condensed(threads: 2).condensed
                        #expect(zip(condensed, full.condensed).filter { $0 != $1 }.count == 0)
                        let some = [0, 3, engine.uniqueCount - 1]
                        let rows = engine.rows(some, threads: 2)
                        var rowMismatches = 0
                        for (r, p) in some.enumerated() {
                            for q in 0..<engine.uniqueCount where q != p && rows[r][q] != full.unique(p, q) { rowMismatches += 1 }
                        }
                        #expect(rowMismatches == 0)
                        var upper = [Double](repeating: -1, count: n * (n - 1) / 2)
                        upper.withUnsafeMutableBufferPointer { engine.upperRows(0..<n, into: $0, threads: 2) }
                        #expect(zip(upper, upperWanted).filter { $0 != $1 }.count == 0)
                        // a later block of rows alone
                        let from = n / 3
                        var block = [Double](repeating: -1, count: (n - from) * (n - from - 1) / 2)
                        block.withUnsafeMutableBufferPointer { engine.upperRows(from..<n, into: $0, threads: 1) }
                        #expect(zip(upper.suffix(block.count), block).filter { $0 != $1 }.count == 0)
                    }
                }
            }
        }
    }

    /// Forcing the bit-parallel kernel where it is not exact (a substitution cheaper than 2 × indel) is an error,
    /// never a silently wrong matrix.
    @Test func forcedWhereNotExactIsAnError() throws {
        let data = try MVADFixture.sequences()
        #expect(throws: SequenceError.self) {
            _ = try DistanceEngine(data, method: .optimalMatching(substitution: .constant(2), indel: .value(1.5)), kernel: .bitParallel(.portable))
        }
    }
}
