import Testing
@testable import Sequences

/// The range-restricted bit-parallel LCS (``BitParallelLCSTable``: trim, then only the words of a's untrimmed range)
/// against the whole-sequence kernel it replaced (``BitParallelLCS/length``, no trimming) and against the textbook
/// O(|a|·|b|) programme, on seeded random pairs: lengths 0..300 and every length at the word boundaries 63/64/65/128/
/// 129/192/256/257, alphabets of 1..30 states, sequences made of long runs (care histories: shared prefixes and
/// suffixes, so the trimmed ranges start and end inside words) and uniform noise. LCS lengths are integers: equal.
@Suite struct BitParallelLCSTableTests {
    struct Generator {
        var x: UInt64
        mutating func next(_ n: Int) -> Int {   // 64-bit LCG (Knuth MMIX), high bits
            x = x &* 6364136223846793005 &+ 1442695040888963407
            return Int((x >> 33) % UInt64(n))
        }
        /// A sequence of the given length: runs (stay with probability 0.9) or uniform noise.
        mutating func sequence(_ length: Int, states: Int, runs: Bool) -> [Int] {
            var s: [Int] = []
            while s.count < length { s.append(runs && !s.isEmpty && next(10) != 0 ? s[s.count - 1] : next(states)) }
            return s
        }
    }

    static func textbook(_ a: [Int], _ b: [Int]) -> Int {
        if a.isEmpty || b.isEmpty { return 0 }
        var prev = [Int](repeating: 0, count: b.count + 1), row = prev
        for i in 1...a.count {
            for j in 1...b.count { row[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : max(prev[j], row[j - 1]) }
            swap(&prev, &row)
        }
        return prev[b.count]
    }

    static func wholeKernel(_ a: [Int], _ b: [Int], states: Int) -> Int {
        if a.isEmpty || b.isEmpty { return 0 }
        let k = BitParallelLCS(states: states)
        let v = UnsafeMutablePointer<UInt64>.allocate(capacity: BitParallelLCS.words(a.count))
        defer { v.deallocate() }
        return k.masks(a).withUnsafeBufferPointer { m in b.withUnsafeBufferPointer { k.length(masksOfA: m, lengthOfA: a.count, $0, v: v) } }
    }

    /// Pairs of one random case: b is a copy of a with its middle replaced (shared prefix and suffix), or independent.
    static func check(_ g: inout Generator, lengths: (Int, Int), states: Int) -> (new: Int, old: Int, textbook: Int) {
        let runs = g.next(3) != 0
        let a = g.sequence(lengths.0, states: states, runs: runs)
        var b = g.sequence(lengths.1, states: states, runs: runs)
        if g.next(2) == 0 && !a.isEmpty && !b.isEmpty {   // share a prefix and a suffix of random lengths
            let pre = g.next(min(a.count, b.count) + 1)
            for i in 0..<pre { b[i] = a[i] }
            let suf = g.next(min(a.count, b.count) - pre + 1)
            for i in 0..<suf { b[b.count - 1 - i] = a[a.count - 1 - i] }
        }
        let table = BitParallelLCSTable([a, b], states: states)
        let v = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, BitParallelLCS.words(a.count)))
        defer { v.deallocate() }
        return (table.length(0, 1, v: v), wholeKernel(a, b, states: states), textbook(a, b))
    }

    @Test func randomLengthsAndAlphabets() {
        var g = Generator(x: 20261207)
        var mismatches = 0
        for _ in 0..<3000 {
            let states = 1 + g.next(30)
            let r = Self.check(&g, lengths: (g.next(301), g.next(301)), states: states)
            if r.new != r.old || r.new != r.textbook { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func wordBoundaries() {
        var g = Generator(x: 64)
        let edges = [0, 1, 63, 64, 65, 127, 128, 129, 192, 255, 256, 257]
        var mismatches = 0
        for la in edges { for lb in edges { for states in [1, 2, 5, 30] { for _ in 0..<4 {
            let r = Self.check(&g, lengths: (la, lb), states: states)
            if r.new != r.old || r.new != r.textbook { mismatches += 1 }
        } } } }
        #expect(mismatches == 0)
    }
}
