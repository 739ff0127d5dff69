import Testing
@testable import Sequences

/// The programme over blocks of runs (``RunAlignmentKernel``) against the plain cell programme
/// (``AlignmentKernel/distance``, the reference): a randomised law test on thousands of seeded pairs — lengths 0–60,
/// 1–8 states, run-heavy and run-free sequences, random symmetric cost matrices including zero off-diagonal costs,
/// costs exactly 2 × indel and above it (no diagonals), integer costs (many tied paths) — and through the engine
/// (automatic kernel choice against the plain programme) for constant, TRATE and user-matrix costs with indel a number
/// or auto, on `mvad` and on care-like runs. Tolerance 1e-9 relative (plus 1e-12 absolute for zero distances): the
/// run programme takes the same minimum over the same paths, with sums grouped differently.
@Suite struct RunKernelTests {
    struct Generator {
        var x: UInt64
        mutating func next(_ n: Int) -> Int {   // 64-bit LCG (Knuth MMIX), high bits
            x = x &* 6364136223846793005 &+ 1442695040888963407
            return Int((x >> 33) % UInt64(n))
        }
        mutating func uniform() -> Double { Double(next(1 << 30)) / Double(1 << 30) }
    }

    static func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-9 * max(abs(x), abs(y)) + 1e-12 }

    static func workspace(_ maxLength: Int, states: Int) -> PairWorkspace {
        let words = BitParallelLCS.words(maxLength)
        return PairWorkspace(row: .allocate(capacity: maxLength + 1), bits: .allocate(capacity: words),
                             masks: .allocate(capacity: max(1, states * words)),
                             scratch: .allocate(capacity: 7 * maxLength + 4), indices: .allocate(capacity: 3 * maxLength + 1))
    }

    /// 1,000 random pairs per seed; costs drawn by `kind`: 0 continuous in [0, 3], 1 integers 0–4 (ties, zeros,
    /// ≥ 2·indel), 2 constant.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func runProgrammeEqualsPlain(_ seed: UInt64) throws {
        var g = Generator(x: seed &* 0x9E3779B97F4A7C15)
        let maxLength = 60
        var failures = 0
        var worst = ""
        for trial in 0..<1000 {
            let states = 1 + g.next(8)
            let kind = trial % 3
            var sub = [Double](repeating: 0, count: states * states)
            let constant = Double(1 + g.next(4))
            for i in 0..<states {
                for j in (i + 1)..<states {
                    let v: Double = kind == 0 ? (g.next(5) == 0 ? 0 : 3 * g.uniform()) : kind == 1 ? Double(g.next(5)) : constant
                    sub[i * states + j] = v; sub[j * states + i] = v
                }
            }
            let costs = try SubstitutionCosts(size: states, values: sub)
            let indel = kind == 0 ? 0.1 + 2 * g.uniform() : Double(1 + g.next(3)) / 2
            let runHeavy = g.next(2) == 0
            func sequence() -> [Int] {
                let length = g.next(maxLength + 1)
                var s: [Int] = []
                while s.count < length {
                    s.append(s.isEmpty || !runHeavy || g.next(8) == 0 ? g.next(states) : s[s.count - 1])
                }
                return s
            }
            var a = sequence(), b = sequence()
            if g.next(4) == 0 && !a.isEmpty { b = a; b[g.next(b.count)] = g.next(states) }   // near-copies
            if g.next(6) == 0 { a = b }
            let w = Self.workspace(maxLength, states: states)
            defer { w.row.deallocate(); w.bits.deallocate(); w.masks.deallocate(); w.scratch.deallocate(); w.indices.deallocate() }
            let (fast, slow, banded) = a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    (RunAlignmentKernel(costs: costs, indel: indel).distance(x, y, work: w),
                     AlignmentKernel(costs: costs, indel: indel).distance(x, y, row: w.row),
                     AlignmentKernel(costs: costs, indel: indel).bandedDistance(x, y, work: w))
                }
            }
            if !Self.close(fast, slow) || !Self.close(banded, slow) {
                failures += 1
                if worst.isEmpty { worst = "a \(a) b \(b) sub \(sub) indel \(indel): runs \(fast), banded \(banded), plain \(slow)" }
            }
        }
        #expect(failures == 0, "seed \(seed): \(failures) of 1000 pairs differ; first: \(worst)")
    }

    /// Hand-computed: a = AAAA, b = BB, sub(A, B) = 1, indel 1: two substitutions and two deletions, 4; with
    /// sub(A, B) = 3 (> 2·indel) six indels, 6. a = AABB, b = BBAA: four substitutions, or delete AA, match BB and
    /// insert AA — 4 either way with sub 1, and 4 (the indels) with sub 3.
    @Test func handComputed() throws {
        let cases: [([Int], [Int], Double, Double)] = [
            ([0, 0, 0, 0], [1, 1], 1, 4), ([0, 0, 0, 0], [1, 1], 3, 6), ([0, 0, 1, 1], [1, 1, 0, 0], 1, 4),
            ([0, 0, 1, 1], [1, 1, 0, 0], 3, 4), ([0], [1], 0.5, 0.5), ([], [1, 1, 1], 1, 3),
        ]
        for (a, b, c, expected) in cases {
            let costs = try SubstitutionCosts(size: 2, values: [0, c, c, 0])
            let w = Self.workspace(8, states: 2)
            defer { w.row.deallocate(); w.bits.deallocate(); w.masks.deallocate(); w.scratch.deallocate(); w.indices.deallocate() }
            let d = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in RunAlignmentKernel(costs: costs, indel: 1).distance(x, y, work: w) } }
            #expect(abs(d - expected) < 1e-12, "\(a) vs \(b), sub \(c): \(d), expected \(expected)")
        }
    }

    /// Through the engine: the automatic choice (run programme where worthwhile, banded otherwise) and the forced run
    /// programme against the plain programme, for constant, TRATE and user-matrix costs, indel a number or auto.
    @Test(arguments: 0..<5)
    func engineAgrees(_ m: Int) throws {
        let user = try SubstitutionCosts(size: 5, values: [0, 1, 0.5, 2, 0,  1, 0, 1.5, 1, 3,  0.5, 1.5, 0, 0.25, 1,
                                                           2, 1, 0.25, 0, 2,  0, 3, 1, 2, 0])
        let methods: [DistanceMethod] = [
            .optimalMatching(substitution: .constant(2), indel: .value(1.5)),
            .optimalMatching(substitution: .transitionRates, indel: .value(1)),
            .optimalMatching(substitution: .transitionRates, indel: .auto),
            .optimalMatching(substitution: .matrix(user), indel: .value(0.75)),
            .optimalMatching(substitution: .constant(1), indel: .auto),
        ]
        var sets = [try KernelAgreementTests.random(count: 50, states: 5, seed: 20261207)]
        if m != 3 { sets.append(try MVADFixture.sequences()) }   // mvad has 6 states; the user matrix has 5
        for data in sets {
            let slow = try SequenceDistances.compute(data, method: methods[m], kernel: .dynamicProgramme).matrix
            for kernel in [DistanceKernel.automatic, .runProgramme] {
                let fast = try SequenceDistances.compute(data, method: methods[m], kernel: kernel, threads: 2).matrix
                var bad = 0
                for (x, y) in zip(fast.condensed, slow.condensed) where !Self.close(x, y) { bad += 1 }
                #expect(bad == 0, "method \(m), kernel \(kernel): \(bad) distances differ")
            }
        }
    }
}
