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

/// A sort key prepared for comparison without boxing: every kind becomes an `Int` or a `Double` per row plus a
/// rank class (0 = a value, 1 = NaN, 2 = missing), so one comparison is two array reads and a compare.
struct OrderingKey {
    var ints: [Int] = []
    var doubles: [Double] = []
    var isDouble = false
    /// 0 = present value, 1 = NaN (doubles only), 2 = missing. Classes 1 and 2 sort after every value in both
    /// directions, as R's `order(..., na.last = TRUE)` (NaN before NA is our tie rule; R keeps them in input order).
    var rankClass: [UInt8]
    var descending: Bool

    init(_ c: DataColumn, descending: Bool) {
        self.descending = descending
        rankClass = (0..<c.count).map { c.validity.isValid($0) ? 0 : 2 }
        switch c.values {
        case .double(let v):
            isDouble = true
            doubles = v
            for i in v.indices where rankClass[i] == 0 && v[i].isNaN { rankClass[i] = 1 }
        case .integer(let v): ints = v
        case .boolean(let v): ints = v.map { $0 ? 1 : 0 }
        case .date(let v): ints = v.map { Int($0) }
        case .categorical(let codes, _, _): ints = codes.map { Int($0) }
        case .string(let v): ints = OrderingKey.byteRanks(v)
        }
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
        let r: Int
        if isDouble {
            let x = doubles[a], y = doubles[b]
            r = x < y ? -1 : (x > y ? 1 : 0)
        } else {
            let x = ints[a], y = ints[b]
            r = x < y ? -1 : (x > y ? 1 : 0)
        }
        return descending ? -r : r
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
    /// Complexity: O(n log n · k) comparisons for n rows and k keys, each an integer or double compare on
    /// prepared arrays (strings are ranked once in O(n + m log m)). Unknown column names throw.
    public func sortPermutation(by keys: [SortKey]) throws(TabularError) -> [Int] {
        var prepared: [OrderingKey] = []
        for k in keys { prepared.append(OrderingKey(try requireColumn(k.column), descending: k.descending)) }
        var perm = Array(0..<rowCount)
        perm.sort { a, b in
            for k in prepared {
                let c = k.compare(a, b)
                if c != 0 { return c < 0 }
            }
            return a < b
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
