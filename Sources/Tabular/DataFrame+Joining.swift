/// Which rows a join keeps.
public enum JoinKind: String, Sendable, Equatable, CaseIterable {
    /// Only left rows with at least one matching right row (dplyr `inner_join`).
    case inner
    /// Every left row; unmatched ones get missing entries in the right table's columns (dplyr `left_join`).
    case left
}

/// Codes that identify equal key values across two tables, with -1 for "never matches".
struct JoinKeyCoder {
    /// Right codes are dense ids of the distinct present right values; left codes are the id of the equal right
    /// value, or -1 when the left value is missing or absent from the right table. Missing right values get -1.
    static func codes<T: Hashable>(left l: [T], leftValid: [Bool], right r: [T], rightValid: [Bool]) -> (left: [Int], right: [Int], distinct: Int) {
        var ids: [T: Int] = [:]
        var rc = [Int](repeating: -1, count: r.count)
        for i in r.indices where rightValid[i] {
            if let k = ids[r[i]] { rc[i] = k } else { let k = ids.count; ids[r[i]] = k; rc[i] = k }
        }
        var lc = [Int](repeating: -1, count: l.count)
        for i in l.indices where leftValid[i] { lc[i] = ids[l[i]] ?? -1 }
        return (lc, rc, ids.count)
    }

    /// Codes for one pair of key columns; the kinds must match (categoricals match by label, whatever their
    /// level sets). Double keys: -0.0 equals 0.0; NaN is treated as missing and never matches.
    static func codes(left: DataColumn, right: DataColumn) throws(TabularError) -> (left: [Int], right: [Int], distinct: Int) {
        var lv = left.validFlags, rv = right.validFlags
        switch (left.values, right.values) {
        case let (.double(a), .double(b)):
            for i in a.indices where a[i].isNaN { lv[i] = false }
            for i in b.indices where b[i].isNaN { rv[i] = false }
            let norm: (Double) -> UInt64 = { $0 == 0 ? 0 : $0.bitPattern }
            return codes(left: a.map(norm), leftValid: lv, right: b.map(norm), rightValid: rv)
        case let (.integer(a), .integer(b)): return codes(left: a, leftValid: lv, right: b, rightValid: rv)
        case let (.boolean(a), .boolean(b)): return codes(left: a, leftValid: lv, right: b, rightValid: rv)
        case let (.string(a), .string(b)): return codes(left: a, leftValid: lv, right: b, rightValid: rv)
        case let (.date(a), .date(b)): return codes(left: a, leftValid: lv, right: b, rightValid: rv)
        case let (.categorical(ca, la, _), .categorical(cb, lb, _)):
            return codes(left: ca.map { la[Int($0)] }, leftValid: lv, right: cb.map { lb[Int($0)] }, rightValid: rv)
        default:
            throw .keyTypeMismatch(left: left.name, leftKind: left.kind, right: right.name, rightKind: right.kind)
        }
    }
}

extension DataFrame {
    /// A hash join of this (left) table with `right` on equal keys; `keys` pairs a left column name with a right
    /// column name (for equal names, pass the names alone).
    ///
    /// Semantics:
    /// - **Missing keys never match** (dplyr `na_matches = "never"`, SQL semantics; data.table matches NA to NA by
    ///   default, dplyr's default `"na"` does too — we chose "never" because an unknown child id must not link two
    ///   records). NaN double keys are treated as missing.
    /// - Key kinds must be equal (integer with integer, ...) or ``TabularError/keyTypeMismatch(left:leftKind:right:rightKind:)``
    ///   is thrown; categoricals match by label even when their level sets differ.
    /// - Cardinality: one-to-one, many-to-one, one-to-many and many-to-many are all allowed; every matching pair
    ///   gives one output row. Rows come in left-row order, and for one left row its matches in right-row order
    ///   (as dplyr). A `.left` join keeps unmatched left rows once, with missing right columns.
    /// - Columns: all left columns (keys keep the left name and kind), then the right columns that are not keys.
    ///   A non-key name present in both gets the suffix `.x` (left) / `.y` (right), dplyr's default.
    ///
    /// Complexity: O(nL + nR) expected to hash and probe (k keys: O((nL + nR)·k)), plus O(m·p) to build m output
    /// rows of p columns.
    public func joined(with right: DataFrame, on keys: [(left: String, right: String)], kind: JoinKind = .inner) throws(TabularError) -> DataFrame {
        guard !keys.isEmpty else { throw .invalidArgument("a join needs at least one key column") }
        var leftCode = [Int](repeating: 0, count: rowCount)
        var rightCode = [Int](repeating: 0, count: right.rowCount)
        var distinct = 1
        for (ln, rn) in keys {
            let lc = try requireColumn(ln), rc = try right.requireColumn(rn)
            let k = try JoinKeyCoder.codes(left: lc, right: rc)
            // Combine with the codes so far: composite ids of the right rows, looked up for the left rows.
            var table: [CodePair: Int] = [:]
            for i in 0..<right.rowCount {
                guard rightCode[i] >= 0, k.right[i] >= 0 else { rightCode[i] = -1; continue }
                let p = CodePair(a: rightCode[i], b: k.right[i])
                if let g = table[p] { rightCode[i] = g } else { let g = table.count; table[p] = g; rightCode[i] = g }
            }
            for i in 0..<rowCount {
                guard leftCode[i] >= 0, k.left[i] >= 0 else { leftCode[i] = -1; continue }
                leftCode[i] = table[CodePair(a: leftCode[i], b: k.left[i])] ?? -1
            }
            distinct = table.count
        }
        // Right rows bucketed by code (compressed sparse rows), each bucket in right-row order.
        var start = [Int](repeating: 0, count: distinct + 1)
        for c in rightCode where c >= 0 { start[c + 1] += 1 }
        for c in 0..<distinct { start[c + 1] += start[c] }
        var fill = start
        var bucket = [Int](repeating: 0, count: start[distinct])
        for i in 0..<right.rowCount where rightCode[i] >= 0 {
            bucket[fill[rightCode[i]]] = i
            fill[rightCode[i]] += 1
        }
        var li: [Int?] = [], ri: [Int?] = []
        for i in 0..<rowCount {
            let c = leftCode[i]
            if c >= 0, start[c] < start[c + 1] {
                for j in start[c]..<start[c + 1] { li.append(i); ri.append(bucket[j]) }
            } else if kind == .left {
                li.append(i); ri.append(nil)
            }
        }
        let rightKeys = Set(keys.map(\.right))
        let rightKept = right.columns.filter { !rightKeys.contains($0.name) }
        let leftNames = Set(columnNames)
        let keyLeftNames = Set(keys.map(\.left))
        let rightNames = Set(rightKept.map(\.name))
        var out: [DataColumn] = []
        for c in columns {
            var g = c.gathering(li)
            if !keyLeftNames.contains(c.name), rightNames.contains(c.name) { g.name += ".x" }
            out.append(g)
        }
        for c in rightKept {
            var g = c.gathering(ri)
            if leftNames.contains(c.name) { g.name += ".y" }
            out.append(g)
        }
        var result = try DataFrame(columns: out)
        result.rowCount = li.count
        return result
    }

    /// A join on key columns that have the same name in both tables; semantics and complexity as the join on
    /// (left, right) name pairs above.
    public func joined(with right: DataFrame, on keys: [String], kind: JoinKind = .inner) throws(TabularError) -> DataFrame {
        try joined(with: right, on: keys.map { (left: $0, right: $0) }, kind: kind)
    }
}
