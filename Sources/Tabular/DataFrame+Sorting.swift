/// One key of a multi-key sort: a column and a direction.
public struct SortKey: Sendable, Equatable {
    public var column: String
    public var descending: Bool

    public init(_ column: String, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }

    public static func ascending(_ column: String) -> SortKey { SortKey(column) }
    public static func descending(_ column: String) -> SortKey { SortKey(column, descending: true) }
}

/// A sort key prepared for comparison without boxing: every entry becomes an order-preserving unsigned 64-bit
/// key plus a rank class (0 = a value, 1 = NaN, 2 = missing), so one comparison is two integer compares.
///
/// Encodings (monotone maps to UInt64): integers, dates, categorical codes, booleans and string ranks flip the sign
/// bit of their Int64 value; doubles use the IEEE-754 total-order trick (negative: all bits inverted; otherwise
/// the sign bit set), with -0.0 mapped to +0.0 so that the two tie as R's `order` has them. Descending keys invert
/// the bits, which reverses the order of values but not of the rank classes.
struct OrderingKey {
    var bits: [UInt64]
    /// 0 = present value, 1 = NaN (doubles only), 2 = missing. Classes 1 and 2 sort after every value in both
    /// directions, as R's `order(..., na.last = TRUE)` (NaN before NA is our tie rule; R keeps them in input order).
    var rankClass: [UInt8]

    init(_ c: DataColumn, descending: Bool) {
        rankClass = (0..<c.count).map { c.validity.isValid($0) ? 0 : 2 }
        @inline(__always) func signed(_ x: Int) -> UInt64 { UInt64(bitPattern: Int64(x)) ^ (1 << 63) }
        switch c.values {
        case .double(let v):
            for i in v.indices where rankClass[i] == 0 && v[i].isNaN { rankClass[i] = 1 }
            bits = v.map { x in
                let u = (x == 0 ? 0.0 : x).bitPattern
                return u >> 63 == 1 ? ~u : u | (1 << 63)
            }
        case .integer(let v): bits = v.map(signed)
        case .boolean(let v): bits = v.map { $0 ? 1 : 0 }
        case .date(let v): bits = v.map { signed(Int($0)) }
        case .categorical(let codes, _, _): bits = codes.map { signed(Int($0)) }
        case .string(let v): bits = OrderingKey.byteRanks(v).map(signed)
        }
        if descending { for i in bits.indices { bits[i] = ~bits[i] } }
    }

    /// Dense ranks of strings in byte-wise (UTF-8) order: the distinct values are sorted once, O(n + m log m)
    /// for m distinct values, so the sort itself compares integers.
    static func byteRanks(_ v: [String]) -> [Int] {
        var distinct: [String: Int] = [:]
        for s in v where distinct[s] == nil { distinct[s] = 0 }
        let order = distinct.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (r, s) in order.enumerated() { distinct[s] = r }
        return v.map { distinct[$0] ?? 0 }
    }

    /// -1, 0 or 1 as row a sorts before, ties with, or after row b on this key.
    @inline(__always) func compare(_ a: Int, _ b: Int) -> Int {
        let ca = rankClass[a], cb = rankClass[b]
        if ca != cb { return ca < cb ? -1 : 1 }
        if ca != 0 { return 0 }
        let x = bits[a], y = bits[b]
        return x < y ? -1 : (x > y ? 1 : 0)
    }
}

extension DataFrame {
    /// The permutation that sorts the rows by `keys` (first key first): `sorted(by:)` is
    /// `takingRows(sortPermutation(by:))`.
    ///
    /// Semantics, as R's `order(..., na.last = TRUE)` / dplyr `arrange`: missing entries sort **last in both
    /// directions**; NaN (a present double) sorts after all numbers and before missing; categoricals sort by level
    /// order (not label text); strings byte-wise by UTF-8 (locale-independent, like R's `method = "radix"`);
    /// booleans false < true; dates chronologically. The sort is **stable**: rows equal on all keys keep their
    /// input order (the row index is the final tie-breaker, so stability does not depend on the library sort).
    ///
    /// Complexity: O(n log n) comparisons for n rows, each at most k pairs of integer compares for k keys on
    /// prepared order-preserving keys (strings are ranked once in O(n + m log m) for m distinct values); O(n·k)
    /// extra memory. Unknown column names throw.
    public func sortPermutation(by keys: [SortKey]) throws(TabularError) -> [Int] {
        var prepared: [OrderingKey] = []
        for k in keys { prepared.append(OrderingKey(try requireColumn(k.column), descending: k.descending)) }
        // Row-major flat buffers (row i's k keys side by side) for locality; compared through unsafe buffer
        // pointers so the comparator does no reference counting.
        let n = rowCount, m = prepared.count
        var bits = [UInt64](repeating: 0, count: n * m)
        var classes = [UInt8](repeating: 0, count: n * m)
        for (k, key) in prepared.enumerated() {
            for i in 0..<n {
                bits[i * m + k] = key.bits[i]
                classes[i * m + k] = key.rankClass[i]
            }
        }
        var perm = Array(0..<n)
        bits.withUnsafeBufferPointer { b in
            classes.withUnsafeBufferPointer { c in
                perm.withUnsafeMutableBufferPointer { p in
                    p.sort { x, y in
                        var ix = x * m, iy = y * m
                        for _ in 0..<m {
                            let cx = c[ix], cy = c[iy]
                            if cx != cy { return cx < cy }
                            if cx == 0 {
                                let kx = b[ix], ky = b[iy]
                                if kx != ky { return kx < ky }
                            }
                            ix += 1
                            iy += 1
                        }
                        return x < y
                    }
                }
            }
        }
        return perm
    }

    /// The rows sorted by `keys`; see ``sortPermutation(by:)`` for the order and missing-value rules.
    /// Complexity: O(n log n · k + n·p).
    public func sorted(by keys: [SortKey]) throws(TabularError) -> DataFrame {
        gatheringRows(try sortPermutation(by: keys))
    }

    /// Sorted ascending by the named columns.
    public func sorted(by columns: String...) throws(TabularError) -> DataFrame {
        try sorted(by: columns.map { SortKey($0) })
    }
}
