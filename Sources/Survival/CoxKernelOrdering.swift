/// Sorting for the Cox kernel: a stable least-significant-digit radix argsort on 64-bit keys (Knuth 1998,
/// *TAOCP* vol. 3, §5.2.5), used to order a million survival times in a few passes instead of an
/// O(n log n) comparison sort with closure calls.
enum CoxKernelOrdering {
    /// An order-preserving map of a finite double to UInt64: flip all bits of negatives, the sign bit of the
    /// rest (IEEE 754 totally orders this way; −0 and +0 map next to each other, compared as equal times by
    /// the kernel anyway).
    @inline(__always)
    static func key(_ v: Double) -> UInt64 {
        let b = v.bitPattern
        return (b & (1 << 63)) != 0 ? ~b : b | (1 << 63)
    }

    /// The permutation sorting `(group[i] ascending, value[i] descending)`, stable for equal pairs.
    /// `groupCount` bounds the group codes (0..<groupCount). Complexity O(n·(passes)) with at most 8 byte
    /// passes on the value keys (passes whose byte is constant are skipped) and one counting pass on groups.
    static func order(groups: [Int], groupCount: Int, descending values: [Double]) -> [Int] {
        let n = values.count
        var keys = values.map { ~key($0) }   // complement: ascending keys = descending values
        var idx = Array(0..<n)
        var tmpKeys = [UInt64](repeating: 0, count: n)
        var tmpIdx = [Int](repeating: 0, count: n)
        var orAll: UInt64 = 0, andAll: UInt64 = ~0
        for k in keys { orAll |= k; andAll &= k }
        let varying = orAll ^ andAll
        keys.withUnsafeMutableBufferPointer { kp in
            idx.withUnsafeMutableBufferPointer { ip in
                tmpKeys.withUnsafeMutableBufferPointer { tk in
                    tmpIdx.withUnsafeMutableBufferPointer { ti in
                        var src = (kp, ip), dst = (tk, ti)
                        var counts = [Int](repeating: 0, count: 257)
                        for pass in 0..<8 {
                            let shift = UInt64(pass * 8)
                            if (varying >> shift) & 0xFF == 0 { continue }
                            for c in 0..<257 { counts[c] = 0 }
                            for i in 0..<n { counts[Int((src.0[i] >> shift) & 0xFF) + 1] += 1 }
                            for c in 1..<257 { counts[c] += counts[c - 1] }
                            for i in 0..<n {
                                let b = Int((src.0[i] >> shift) & 0xFF)
                                let d = counts[b]
                                counts[b] = d + 1
                                dst.0[d] = src.0[i]
                                dst.1[d] = src.1[i]
                            }
                            swap(&src, &dst)
                        }
                        if src.0.baseAddress != kp.baseAddress {
                            for i in 0..<n { kp[i] = src.0[i]; ip[i] = src.1[i] }
                        }
                    }
                }
            }
        }
        guard groupCount > 1 else { return idx }
        var counts = [Int](repeating: 0, count: groupCount + 1)
        for g in groups { counts[g + 1] += 1 }
        for c in 1...groupCount { counts[c] += counts[c - 1] }
        var out = [Int](repeating: 0, count: n)
        for i in idx {
            let g = groups[i]
            out[counts[g]] = i
            counts[g] += 1
        }
        return out
    }
}
