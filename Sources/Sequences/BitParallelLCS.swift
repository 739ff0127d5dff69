/// The length of the longest common subsequence of two state sequences by the bit-parallel recurrence of
/// Allison & Dix (1986) in Hyyrö's (2004) form, exact in integers:
///   V ← all ones (|a| bits);  for each state c of b:  U = V & M[c];  V = (V + U) | (V & ~M[c]);
///   LCS(a, b) = number of zero bits of V,
/// where M[c] has bit i set when aᵢ = c. Used for TraMineR's LCS distance |a| + |b| − 2·LCS and for OM whenever
/// every substitution costs at least 2 × indel (a substitution is then never cheaper than a deletion plus an
/// insertion, so OM = indel·(|a| + |b| − 2·LCS)) — the case of OM(sub 2, indel 1) that dominates practice.
///
/// Cost per pair: |b|·⌈|a|/64⌉ word operations (a 216-month history is 4 words), against |a|·|b| cells for the
/// general programme ``AlignmentKernel``; the masks of a are built once per sequence (alphabet × words UInt64).
///
/// Preconditions: codes in 0..<states (no missing positions); `masks` from ``masks(_:states:)`` of the same a.
struct BitParallelLCS {
    let states: Int

    /// ⌈n/64⌉ words per state, state-major: masks[c·words + w].
    static func words(_ length: Int) -> Int { (length + 63) / 64 }

    func masks(_ a: [Int]) -> [UInt64] {
        let w = BitParallelLCS.words(a.count)
        var m = [UInt64](repeating: 0, count: states * w)
        for (i, c) in a.enumerated() { m[c * w + i / 64] |= 1 << UInt64(i % 64) }
        return m
    }

    /// LCS length of a (given by its masks and length) and b; `v` is workspace of at least words(|a|) elements.
    func length(masksOfA m: UnsafeBufferPointer<UInt64>, lengthOfA n: Int, _ b: UnsafeBufferPointer<Int>,
                v: UnsafeMutablePointer<UInt64>) -> Int {
        let w = BitParallelLCS.words(n)
        if w <= 4 { return BitParallelLCS.lengthInRegisters(m, n, w, b) }
        for k in 0..<w { v[k] = ~0 }
        for c in b {
            let base = c * w
            var carry: UInt64 = 0
            for k in 0..<w {
                let mk = m[base + k]
                let vk = v[k]
                let u = vk & mk
                let (s1, o1) = vk.addingReportingOverflow(u)
                let (s2, o2) = s1.addingReportingOverflow(carry)
                carry = (o1 || o2) ? 1 : 0
                v[k] = s2 | (vk & ~mk)
            }
        }
        var zeros = 0
        for k in 0..<w {
            let bits = k == w - 1 && n % 64 != 0 ? n % 64 : 64
            let mask: UInt64 = bits == 64 ? ~0 : (1 << UInt64(bits)) - 1
            zeros += (~v[k] & mask).nonzeroBitCount
        }
        return zeros
    }
}

extension BitParallelLCS {
    /// The same recurrence for |a| ≤ 256 (a 216-month history) with the four words held in registers; words beyond
    /// ⌈|a|/64⌉ have empty masks, so they stay all ones and are not counted.
    @inline(__always)
    static func lengthInRegisters(_ m: UnsafeBufferPointer<UInt64>, _ n: Int, _ w: Int, _ b: UnsafeBufferPointer<Int>) -> Int {
        var v0: UInt64 = ~0, v1: UInt64 = ~0, v2: UInt64 = ~0, v3: UInt64 = ~0
        for c in b {
            let base = c * w
            let m0 = m[base]
            let m1 = w > 1 ? m[base + 1] : 0
            let m2 = w > 2 ? m[base + 2] : 0
            let m3 = w > 3 ? m[base + 3] : 0
            let (s0, o0) = v0.addingReportingOverflow(v0 & m0)
            let u1 = v1 & m1
            let (t1, p1) = v1.addingReportingOverflow(u1)
            let (s1, q1) = t1.addingReportingOverflow(o0 ? 1 : 0)
            let u2 = v2 & m2
            let (t2, p2) = v2.addingReportingOverflow(u2)
            let (s2, q2) = t2.addingReportingOverflow((p1 || q1) ? 1 : 0)
            let u3 = v3 & m3
            let (t3, _) = v3.addingReportingOverflow(u3)
            let (s3, _) = t3.addingReportingOverflow((p2 || q2) ? 1 : 0)
            v0 = s0 | (v0 & ~m0)
            v1 = s1 | (v1 & ~m1)
            v2 = s2 | (v2 & ~m2)
            v3 = s3 | (v3 & ~m3)
        }
        var zeros = 0
        for (k, vk) in [v0, v1, v2, v3].prefix(w).enumerated() {
            let bits = k == w - 1 && n % 64 != 0 ? n % 64 : 64
            let mask: UInt64 = bits == 64 ? ~0 : (1 << UInt64(bits)) - 1
            zeros += (~vk & mask).nonzeroBitCount
        }
        return zeros
    }

    /// LCS length of a[aStart..<aStart+m] and b[bStart..<bStart+n], building a's masks in the workspace (used for the
    /// banded programme's upper bound; `work.masks` holds states × words(m) words, `work.bits` words(m)).
    static func trimmedLength(_ a: UnsafeBufferPointer<Int>, from aStart: Int, count m: Int,
                              _ b: UnsafeBufferPointer<Int>, from bStart: Int, count n: Int,
                              states: Int, work: PairWorkspace) -> Int {
        let w = words(m)
        let masks = work.masks
        for k in 0..<(states * w) { masks[k] = 0 }
        for i in 0..<m { masks[a[aStart + i] * w + i / 64] |= 1 << UInt64(i % 64) }
        let lcs = BitParallelLCS(states: states)
        let bb = UnsafeBufferPointer(rebasing: b[bStart..<(bStart + n)])
        return lcs.length(masksOfA: UnsafeBufferPointer(start: masks, count: states * w), lengthOfA: m, bb, v: work.bits)
    }
}
