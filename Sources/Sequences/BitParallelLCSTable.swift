/// The unique sequences of a distance run and their bit masks in contiguous storage, for the bit-parallel LCS kernel
/// restricted to the part of a pair left after trimming its common prefix and suffix.
///
/// Why restricting the masks is exact: LCS(a, b) = prefix + suffix + LCS(a[lo..<ha], b[lo..<hb]) (a common prefix and
/// suffix belong to some longest common subsequence). Running the recurrence of ``BitParallelLCS`` over b[lo..<hb]
/// with a's masks ANDed with the bit range [lo, ha) gives the LCS of the middle parts: a bit i outside the range has
/// M = 0, so below the range V stays 1 and U = 0 (no carry is ever generated there, so none enters the range), and
/// above it V' = (V + U) | V keeps V = 1 whatever carry arrives. So only the words spanning [lo, ha) are updated, the
/// masks of every sequence are built once (never per pair), and a 216-month pair whose histories agree for their first
/// years runs over fewer words and fewer states of b. The LCS is then the number of zero bits of V inside the range.
///
/// Cost per pair: (hb − lo) × (words spanned by [lo, ha)) word steps, at most |b| × ⌈|a|/64⌉, plus the trim.
struct BitParallelLCSTable: @unchecked Sendable {
    /// All unique sequences' codes, concatenated; sequence p is codes[start[p] ..< start[p] + length[p]].
    let codes: [Int]
    let start: [Int]
    let length: [Int]
    /// Masks of sequence p: states × words(length[p]) words from maskStart[p], state-major (c·w + k).
    let masks: [UInt64]
    let maskStart: [Int]

    init(_ sequences: [[Int]], states: Int) {
        var codes: [Int] = [], start: [Int] = [], length: [Int] = [], masks: [UInt64] = [], maskStart: [Int] = []
        codes.reserveCapacity(sequences.reduce(0) { $0 + $1.count })
        let lcs = BitParallelLCS(states: states)
        for s in sequences {
            start.append(codes.count); length.append(s.count); codes.append(contentsOf: s)
            maskStart.append(masks.count); masks.append(contentsOf: lcs.masks(s))
        }
        self.codes = codes; self.start = start; self.length = length; self.masks = masks; self.maskStart = maskStart
    }

    /// LCS length of unique sequences p (as a, by its masks) and q (as b); `v` is workspace of at least
    /// words(length[p]) elements (used only beyond four words).
    @inline(__always)
    func length(_ p: Int, _ q: Int, v: UnsafeMutablePointer<UInt64>) -> Int {
        codes.withUnsafeBufferPointer { c in
            masks.withUnsafeBufferPointer { m in
                BitParallelLCSTable.trimmedLength(masks: m.baseAddress! + maskStart[p], a: c.baseAddress! + start[p], length[p],
                                                  b: c.baseAddress! + start[q], length[q], v: v)
            }
        }
    }

    /// LCS of a (length na, masks m with words(na) words per state) and b (length nb) by trimming then the
    /// range-restricted recurrence (see the type's documentation).
    @inline(__always)
    static func trimmedLength(masks m: UnsafePointer<UInt64>, a: UnsafePointer<Int>, _ na: Int,
                              b: UnsafePointer<Int>, _ nb: Int, v: UnsafeMutablePointer<UInt64>) -> Int {
        var lo = 0
        let shorter = min(na, nb)
        while lo < shorter && a[lo] == b[lo] { lo += 1 }
        var ha = na, hb = nb
        while ha > lo && hb > lo && a[ha - 1] == b[hb - 1] { ha -= 1; hb -= 1 }
        let common = lo + (na - ha)
        if ha == lo || hb == lo { return common }
        let w = BitParallelLCS.words(na)
        let k0 = lo >> 6, k1 = (ha - 1) >> 6
        let low: UInt64 = ~0 << UInt64(lo & 63)
        let high: UInt64 = ha & 63 == 0 ? ~0 : (1 << UInt64(ha & 63)) - 1
        let mk = m + k0
        switch k1 - k0 {
        case 0: return common + oneWord(mk, w, low & high, b, lo, hb)
        case 1: return common + twoWords(mk, w, low, high, b, lo, hb)
        case 2: return common + threeWords(mk, w, low, high, b, lo, hb)
        case 3:
            if #available(macOS 15.0, *) { return common + fourWords128(mk, w, low, high, b, lo, hb) }
            return common + fourWords(mk, w, low, high, b, lo, hb)
        default: return common + manyWords(mk, w, k1 - k0 + 1, low, high, b, lo, hb, v)
        }
    }

    @inline(__always)
    static func oneWord(_ m: UnsafePointer<UInt64>, _ w: Int, _ r: UInt64, _ b: UnsafePointer<Int>, _ from: Int, _ to: Int) -> Int {
        var v: UInt64 = ~0
        for j in from..<to {
            let x = m[b[j] &* w] & r
            v = (v &+ (v & x)) | (v & ~x)
        }
        return (~v & r).nonzeroBitCount
    }

    @inline(__always)
    static func twoWords(_ m: UnsafePointer<UInt64>, _ w: Int, _ low: UInt64, _ high: UInt64,
                         _ b: UnsafePointer<Int>, _ from: Int, _ to: Int) -> Int {
        var v0: UInt64 = ~0, v1: UInt64 = ~0
        for j in from..<to {
            let base = m + b[j] &* w
            let x0 = base[0] & low, x1 = base[1] & high
            let (s0, c0) = v0.addingReportingOverflow(v0 & x0)
            let s1 = v1 &+ (v1 & x1) &+ (c0 ? 1 : 0)
            v0 = s0 | (v0 & ~x0); v1 = s1 | (v1 & ~x1)
        }
        return (~v0 & low).nonzeroBitCount + (~v1 & high).nonzeroBitCount
    }

    @inline(__always)
    static func threeWords(_ m: UnsafePointer<UInt64>, _ w: Int, _ low: UInt64, _ high: UInt64,
                           _ b: UnsafePointer<Int>, _ from: Int, _ to: Int) -> Int {
        var v0: UInt64 = ~0, v1: UInt64 = ~0, v2: UInt64 = ~0
        for j in from..<to {
            let base = m + b[j] &* w
            let x0 = base[0] & low, x1 = base[1], x2 = base[2] & high
            let (s0, c0) = v0.addingReportingOverflow(v0 & x0)
            let (t1, p1) = v1.addingReportingOverflow(v1 & x1)
            let (s1, q1) = t1.addingReportingOverflow(c0 ? 1 : 0)
            let s2 = v2 &+ (v2 & x2) &+ ((p1 || q1) ? 1 : 0)
            v0 = s0 | (v0 & ~x0); v1 = s1 | (v1 & ~x1); v2 = s2 | (v2 & ~x2)
        }
        return (~v0 & low).nonzeroBitCount + (~v1).nonzeroBitCount + (~v2 & high).nonzeroBitCount
    }

    @inline(__always)
    static func fourWords(_ m: UnsafePointer<UInt64>, _ w: Int, _ low: UInt64, _ high: UInt64,
                          _ b: UnsafePointer<Int>, _ from: Int, _ to: Int) -> Int {
        var v0: UInt64 = ~0, v1: UInt64 = ~0, v2: UInt64 = ~0, v3: UInt64 = ~0
        for j in from..<to {
            let base = m + b[j] &* w
            let x0 = base[0] & low, x1 = base[1], x2 = base[2], x3 = base[3] & high
            let (s0, c0) = v0.addingReportingOverflow(v0 & x0)
            let (t1, p1) = v1.addingReportingOverflow(v1 & x1)
            let (s1, q1) = t1.addingReportingOverflow(c0 ? 1 : 0)
            let (t2, p2) = v2.addingReportingOverflow(v2 & x2)
            let (s2, q2) = t2.addingReportingOverflow((p1 || q1) ? 1 : 0)
            let s3 = v3 &+ (v3 & x3) &+ ((p2 || q2) ? 1 : 0)
            v0 = s0 | (v0 & ~x0); v1 = s1 | (v1 & ~x1); v2 = s2 | (v2 & ~x2); v3 = s3 | (v3 & ~x3)
        }
        return (~v0 & low).nonzeroBitCount + (~v1).nonzeroBitCount + (~v2).nonzeroBitCount + (~v3 & high).nonzeroBitCount
    }

    /// Four words as two 128-bit halves (the 216-month case): the additions become add/adc pairs, about a fifth
    /// faster than the 64-bit carry chain of ``fourWords`` (measured on 4,786 distinct care histories), same bits.
    @available(macOS 15.0, *)
    @inline(__always)
    static func fourWords128(_ m: UnsafePointer<UInt64>, _ w: Int, _ low: UInt64, _ high: UInt64,
                             _ b: UnsafePointer<Int>, _ from: Int, _ to: Int) -> Int {
        var vl: UInt128 = ~0, vh: UInt128 = ~0
        let rl = UInt128(low) | (UInt128(UInt64.max) << 64), rh = UInt128(UInt64.max) | (UInt128(high) << 64)
        let raw = UnsafeRawPointer(m)
        for j in from..<to {
            let offset = (b[j] &* w) &* 8
            let xl = raw.loadUnaligned(fromByteOffset: offset, as: UInt128.self) & rl
            let xh = raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt128.self) & rh
            let (sl, c) = vl.addingReportingOverflow(vl & xl)
            let sh = vh &+ (vh & xh) &+ (c ? 1 : 0)
            vl = sl | (vl & ~xl); vh = sh | (vh & ~xh)
        }
        return (~vl & rl).nonzeroBitCount + (~vh & rh).nonzeroBitCount
    }

    /// More than four words (sequences longer than 256 positions): V in the workspace.
    static func manyWords(_ m: UnsafePointer<UInt64>, _ w: Int, _ count: Int, _ low: UInt64, _ high: UInt64,
                          _ b: UnsafePointer<Int>, _ from: Int, _ to: Int, _ v: UnsafeMutablePointer<UInt64>) -> Int {
        for k in 0..<count { v[k] = ~0 }
        for j in from..<to {
            let base = m + b[j] &* w
            var carry: UInt64 = 0
            for k in 0..<count {
                var x = base[k]
                if k == 0 { x &= low }
                if k == count - 1 { x &= high }
                let vk = v[k]
                let (t, p) = vk.addingReportingOverflow(vk & x)
                let (s, q) = t.addingReportingOverflow(carry)
                carry = (p || q) ? 1 : 0
                v[k] = s | (vk & ~x)
            }
        }
        var zeros = 0
        for k in 0..<count {
            var r: UInt64 = ~0
            if k == 0 { r &= low }
            if k == count - 1 { r &= high }
            zeros += (~v[k] & r).nonzeroBitCount
        }
        return zeros
    }
}
