/// One summary computed per group by ``DataFrame/aggregated(by:_:)`` (dplyr `summarise`).
///
/// Missing entries are skipped, as R's `na.rm = TRUE`; so are NaN entries of double columns for the numeric
/// summaries, because R's `na.rm` removes NaN too. Use ``countMissing(_:as:)`` to report how many were skipped.
public struct Aggregate: Sendable, Equatable {
    public enum Function: String, Sendable, Equatable, CaseIterable {
        /// Rows in the group (dplyr `n()`); integer.
        case count
        /// Present (non-missing) entries of the column; integer.
        case countNonMissing
        /// Missing entries of the column; integer.
        case countMissing
        /// Sum of the present values. Double columns give a double, integer and boolean columns an integer (R's
        /// `sum` of integers); a group with no present values sums to 0 as `sum(numeric(0))` in R; an integer sum
        /// that overflows Int is missing (R gives NA with a warning).
        case sum
        /// Arithmetic mean of the present values (Welford's running update, Welford 1962, Technometrics 4:419);
        /// double. A group with no present values gives a **missing** mean (R gives NaN; here "no data" is
        /// represented as missing, never as a NaN in disguise).
        case mean
        /// Smallest present value, in the column's own kind: numbers numerically, strings byte-wise, categoricals
        /// by level order, dates chronologically, false < true. Missing if the group has no present value (R
        /// returns Inf with a warning).
        case min
        /// Largest present value; as `min`.
        case max
        /// Sample standard deviation, denominator n − 1 (R's `sd`), by Welford's update; double. Missing if fewer
        /// than two present values (R gives NA).
        case sd
        /// First present value in row order (dplyr `first(x, na_rm = TRUE)`), in the column's kind.
        case first
        /// Last present value in row order (dplyr `last(x, na_rm = TRUE)`), in the column's kind.
        case last
    }

    public var function: Function
    /// The summarised column; nil only for ``Function/count``.
    public var column: String?
    /// The output column's name.
    public var name: String

    public init(_ function: Function, _ column: String?, as name: String? = nil) {
        self.function = function
        self.column = column
        self.name = name ?? (column.map { "\(function.rawValue)_\($0)" } ?? function.rawValue)
    }

    public static func count(as name: String = "n") -> Aggregate { Aggregate(.count, nil, as: name) }
    public static func countNonMissing(_ c: String, as name: String? = nil) -> Aggregate { Aggregate(.countNonMissing, c, as: name) }
    public static func countMissing(_ c: String, as name: String? = nil) -> Aggregate { Aggregate(.countMissing, c, as: name) }
    public static func sum(_ c: String, as name: String? = nil) -> Aggregate { Aggregate(.sum, c, as: name) }
    public static func mean(_ c: String, as name: String? = nil) -> Aggregate { Aggregate(.mean, c, as: name) }
    public static func min(_ c: String, as name: String? = nil) -> Aggregate { Aggregate(.min, c, as: name) }
    public static func max(_ c: String, as name: String? = nil) -> Aggregate { Aggregate(.max, c, as: name) }
    public static func sd(_ c: String, as name: String? = nil) -> Aggregate { Aggregate(.sd, c, as: name) }
    public static func first(_ c: String, as name: String? = nil) -> Aggregate { Aggregate(.first, c, as: name) }
    public static func last(_ c: String, as name: String? = nil) -> Aggregate { Aggregate(.last, c, as: name) }
}

/// Dense codes for the distinct values of one column; missing entries get one extra code of their own.
struct DenseCoder {
    /// Code per row, in `0..<distinctCount`.
    static func codes(of c: DataColumn) -> (codes: [Int], distinctCount: Int) {
        func dense<T: Hashable>(_ v: [T]) -> ([Int], Int) {
            var seen: [T: Int] = [:]
            var missingCode: Int?
            var out = [Int](repeating: 0, count: v.count)
            for i in v.indices {
                if c.validity.isValid(i) {
                    if let k = seen[v[i]] { out[i] = k } else {
                        let k = seen.count + (missingCode == nil ? 0 : 1)
                        seen[v[i]] = k
                        out[i] = k
                    }
                } else {
                    if missingCode == nil { missingCode = seen.count }
                    out[i] = missingCode ?? 0
                }
            }
            return (out, seen.count + (missingCode == nil ? 0 : 1))
        }
        switch c.values {
        // -0.0 and 0.0 are one group, as all NaNs are (R's group_by treats them so).
        case .double(let v): return dense(v.map { $0.isNaN ? Double.nan.bitPattern : ($0 == 0 ? 0 : $0.bitPattern) })
        case .integer(let v): return dense(v)
        case .boolean(let v): return dense(v)
        case .string(let v): return dense(v)
        case .date(let v): return dense(v)
        case .categorical(let codes, _, _): return dense(codes)
        }
    }
}

struct CodePair: Hashable {
    var a: Int
    var b: Int
}

extension DataFrame {
    /// Group ids per row for the given key columns (dense, in order of first appearance) and each group's first
    /// row. Missing is a key value of its own (dplyr `group_by`). Complexity: O(n·k) expected (hashing).
    func groupIDs(_ keys: [DataColumn]) -> (ids: [Int], firstRows: [Int]) {
        var ids = [Int](repeating: 0, count: rowCount)
        var groups = rowCount > 0 ? 1 : 0
        for key in keys {
            let (codes, _) = DenseCoder.codes(of: key)
            var table: [CodePair: Int] = [:]
            for i in 0..<rowCount {
                let p = CodePair(a: ids[i], b: codes[i])
                if let g = table[p] { ids[i] = g } else { let g = table.count; table[p] = g; ids[i] = g }
            }
            groups = table.count
        }
        var firstRows = [Int](repeating: -1, count: groups)
        for i in 0..<rowCount where firstRows[ids[i]] < 0 { firstRows[ids[i]] = i }
        return (ids, firstRows)
    }

    /// One row per distinct combination of the `keys` columns, with the key columns followed by one column per
    /// aggregate (dplyr `group_by(keys) |> summarise(...)`).
    ///
    /// Semantics: keys may be of any kind; a missing key value forms its own group, as dplyr does. Groups are
    /// ordered by their keys ascending with missing last (dplyr orders summarise output by the keys; strings in
    /// byte order like dplyr ≥ 1.1's C locale). With no keys the whole table is one group (one output row, even
    /// for an empty table). See ``Aggregate/Function`` for each summary's missing-value rule and output kind.
    /// Errors: unknown columns; `sum`/`mean`/`sd` of a string, categorical or date column (type mismatch);
    /// a non-count aggregate without a column (invalid argument); output names that collide (duplicate column).
    ///
    /// Complexity: O(n·(k + a)) expected for n rows, k keys and a aggregates, plus O(g log g) to order g groups.
    public func aggregated(by keys: [String], _ aggregates: [Aggregate]) throws(TabularError) -> DataFrame {
        var keyColumns: [DataColumn] = []
        for k in keys { keyColumns.append(try requireColumn(k)) }
        var (ids, firstRows) = groupIDs(keyColumns)
        if keys.isEmpty { firstRows = [0]; ids = [Int](repeating: 0, count: rowCount) }
        // Order groups by key, missing last: sort the groups' first rows with the ordinary row ordering.
        let ordering = keyColumns.map { OrderingKey($0, descending: false) }
        var order = Array(firstRows.indices)
        if !keys.isEmpty {
            order.sort { g, h in
                for k in ordering {
                    let c = k.compare(firstRows[g], firstRows[h])
                    if c != 0 { return c < 0 }
                }
                return g < h
            }
        }
        var position = [Int](repeating: 0, count: order.count)
        for (p, g) in order.enumerated() { position[g] = p }
        let groupOf = ids.map { position[$0] }
        let groupCount = order.count

        var out: [DataColumn] = keys.isEmpty ? [] : keyColumns.map { $0.gathering(order.map { firstRows[$0] }) }
        for a in aggregates {
            out.append(try aggregate(a, groupOf: groupOf, groupCount: groupCount))
        }
        return try DataFrame(columns: out)
    }

    private func aggregate(_ a: Aggregate, groupOf: [Int], groupCount: Int) throws(TabularError) -> DataColumn {
        if a.function == .count {
            var n = [Int](repeating: 0, count: groupCount)
            for g in groupOf { n[g] += 1 }
            return DataColumn(name: a.name, values: .integer(n))
        }
        guard let name = a.column else { throw .invalidArgument("aggregate \(a.function.rawValue) needs a column") }
        let c = try requireColumn(name)
        // A usable entry: present, and not NaN (R's na.rm removes NaN as well).
        var usable = c.validFlags
        if case .double(let v) = c.values { for i in v.indices where v[i].isNaN { usable[i] = false } }

        switch a.function {
        case .count:
            return DataColumn(name: a.name, values: .integer([]))
        case .countNonMissing, .countMissing:
            var n = [Int](repeating: 0, count: groupCount)
            let wantPresent = a.function == .countNonMissing
            for i in 0..<rowCount where c.validity.isValid(i) == wantPresent { n[groupOf[i]] += 1 }
            return DataColumn(name: a.name, values: .integer(n))
        case .sum:
            switch c.values {
            case .double(let v):
                var s = [Double](repeating: 0, count: groupCount)
                for i in 0..<rowCount where usable[i] { s[groupOf[i]] += v[i] }
                return DataColumn(name: a.name, values: .double(s))
            case .integer, .boolean:
                let v: [Int]
                if case .integer(let x) = c.values { v = x } else if case .boolean(let x) = c.values { v = x.map { $0 ? 1 : 0 } } else { v = [] }
                var s = [Int](repeating: 0, count: groupCount)
                var overflow = [Bool](repeating: false, count: groupCount)
                for i in 0..<rowCount where usable[i] {
                    let g = groupOf[i]
                    let (r, o) = s[g].addingReportingOverflow(v[i])
                    s[g] = r
                    if o { overflow[g] = true }
                }
                return DataColumn(name: a.name, values: .integer(s), validity: ValidityMask(overflow.map { !$0 }))
            default:
                throw .typeMismatch(column: name, expected: "a double, integer or boolean column", actual: c.kind)
            }
        case .mean, .sd:
            guard c.kind == .double || c.kind == .integer || c.kind == .boolean else {
                throw .typeMismatch(column: name, expected: "a double, integer or boolean column", actual: c.kind)
            }
            let xs: [Double]
            switch c.values {
            case .double(let v): xs = v
            case .integer(let v): xs = v.map { Double($0) }
            case .boolean(let v): xs = v.map { $0 ? 1 : 0 }
            default: xs = []
            }
            var n = [Int](repeating: 0, count: groupCount)
            var mean = [Double](repeating: 0, count: groupCount)
            var m2 = [Double](repeating: 0, count: groupCount)
            for i in 0..<rowCount where usable[i] {
                let g = groupOf[i]
                let x = xs[i]
                n[g] += 1
                let d = x - mean[g]
                mean[g] += d / Double(n[g])
                m2[g] += d * (x - mean[g])
            }
            if a.function == .mean {
                return DataColumn(name: a.name, values: .double(mean), validity: ValidityMask(n.map { $0 > 0 }))
            }
            let sd = (0..<groupCount).map { n[$0] > 1 ? (m2[$0] / Double(n[$0] - 1)).squareRoot() : 0 }
            return DataColumn(name: a.name, values: .double(sd), validity: ValidityMask(n.map { $0 > 1 }))
        case .min, .max:
            let key = OrderingKey(c, descending: a.function == .max)
            var best = [Int?](repeating: nil, count: groupCount)
            for i in 0..<rowCount where usable[i] {
                let g = groupOf[i]
                if let b = best[g] { if key.compare(i, b) < 0 { best[g] = i } } else { best[g] = i }
            }
            return c.gathering(best).renamed(a.name)
        case .first, .last:
            var pick = [Int?](repeating: nil, count: groupCount)
            for i in 0..<rowCount where usable[i] {
                let g = groupOf[i]
                if a.function == .last || pick[g] == nil { pick[g] = i }
            }
            return c.gathering(pick).renamed(a.name)
        }
    }
}
