/// UTF-8 validation (RFC 3629, Table 3-7 of The Unicode Standard: well-formed byte sequences; overlong forms,
/// surrogates D800–DFFF and values above U+10FFFF are ill-formed).
enum UTF8Check {
    /// The offsets of the first byte of every ill-formed sequence in `p[from..<to]`, in increasing order.
    /// ASCII runs are skipped eight bytes at a time. Complexity O(to − from).
    static func invalidOffsets(_ p: UnsafePointer<UInt8>, from: Int, to: Int) -> [Int] {
        var bad: [Int] = []
        var i = from
        let raw = UnsafeRawPointer(p)
        while i < to {
            if i + 8 <= to, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let c = p[i]
            if c < 0x80 { i += 1; continue }
            let n = sequenceLength(p, i, to)
            if n == 0 { bad.append(i); i += 1 } else { i += n }
        }
        return bad
    }

    /// The length of the well-formed sequence starting at `i`, or 0 if it is ill-formed.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = p[i]
        @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            i + k < end && p[i + k] >= lo && p[i + k] <= hi
        }
        switch c {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}
