extension DataFrame {
    /// Long to wide (tidyr `pivot_wider(id_cols, names_from, values_from)`): one row per distinct combination of
    /// `idColumns`, in order of first appearance; one new column per distinct value of `namesFrom` (its text, in
    /// order of first appearance, tidyr's default `names_sort = FALSE`), holding the `valuesFrom` entry of the
    /// matching long row, in the kind of `valuesFrom`. Numbers name columns as R prints them (1, not 1.0).
    ///
    /// Missing values: a missing id value is an id value of its own (as tidyr); a missing `namesFrom` value names
    /// the column "NA" (as tidyr); cells with no long row, and long rows whose value is missing, are missing.
    /// Errors: two long rows for one cell throw ``TabularError/duplicateCell(id:name:)`` (tidyr would build a
    /// list-column; we refuse rather than pick one); a new name equal to an id column throws duplicateColumn;
    /// unknown columns throw.
    /// Complexity: O(n·k) expected for n rows and k id columns, plus O(r·w) for the r × w result.
    public func pivotWider(idColumns: [String], namesFrom: String, valuesFrom: String) throws(TabularError) -> DataFrame {
        var ids: [DataColumn] = []
        for c in idColumns { ids.append(try requireColumn(c)) }
        let namesColumn = try requireColumn(namesFrom)
        let valuesColumn = try requireColumn(valuesFrom)
        let (rowID, firstRows) = groupIDs(ids)
        let groupCount = idColumns.isEmpty ? (rowCount > 0 ? 1 : 0) : firstRows.count
        var nameIndex: [String: Int] = [:]
        var names: [String] = []
        var cells: [[Int?]] = []
        for i in 0..<rowCount {
            let label = DataFrame.nameText(namesColumn, i)
            let j: Int
            if let k = nameIndex[label] { j = k } else {
                j = names.count
                nameIndex[label] = j
                names.append(label)
                cells.append([Int?](repeating: nil, count: groupCount))
            }
            let r = idColumns.isEmpty ? 0 : rowID[i]
            if cells[j][r] != nil {
                let id = ids.map { $0.stringValue(at: i) ?? "NA" }.joined(separator: ", ")
                throw .duplicateCell(id: id.isEmpty ? "(all rows)" : id, name: label)
            }
            cells[j][r] = i
        }
        var out = ids.map { $0.gathering(Array(firstRows.prefix(groupCount))) }
        for (j, n) in names.enumerated() { out.append(valuesColumn.gathering(cells[j]).renamed(n)) }
        var result = try DataFrame(columns: out)
        result.rowCount = groupCount
        return result
    }

    /// Wide to long (tidyr `pivot_longer(cols, names_to, values_to)`): every row becomes one row per column in
    /// `columns`, in row-major order (row 1's columns first, as tidyr), holding the other columns unchanged, a
    /// string column `namesTo` with the source column's name and a column `valuesTo` with its entry.
    ///
    /// Value kinds must agree, with the coercions vctrs makes: integer with double gives double; categoricals
    /// combine into the union of their levels (first column's levels first, then new ones in order); any other mix
    /// throws a type mismatch. Missing entries stay missing, or their rows are dropped if `dropMissing`
    /// (tidyr `values_drop_na = TRUE`).
    /// Complexity: O(n·c·p) for n rows, c pivoted columns and p output columns.
    public func pivotLonger(columns pivoted: [String], namesTo: String = "name", valuesTo: String = "value",
                            dropMissing: Bool = false) throws(TabularError) -> DataFrame {
        guard !pivoted.isEmpty else { throw .invalidArgument("pivotLonger needs at least one column to pivot") }
        var sources: [DataColumn] = []
        for c in pivoted { sources.append(try requireColumn(c)) }
        let unified = try DataFrame.unify(sources)
        let chosen = Set(pivoted)
        let kept = columns.filter { !chosen.contains($0.name) }
        var rowOf: [Int?] = [], colOf: [Int] = []
        for i in 0..<rowCount {
            for j in unified.indices where !dropMissing || unified[j].validity.isValid(i) { rowOf.append(i); colOf.append(j) }
        }
        var out = kept.map { $0.gathering(rowOf) }
        out.append(DataColumn(name: namesTo, values: .string(colOf.map { pivoted[$0] })))
        out.append(DataFrame.interleave(unified, rows: rowOf.map { $0 ?? 0 }, columns: colOf, name: valuesTo))
        var result = try DataFrame(columns: out)
        result.rowCount = rowOf.count
        return result
    }

    /// The text of a `namesFrom` entry as R's `as.character` gives it for typical values: whole doubles without
    /// ".0" (1 -> "1"), other doubles in Swift's shortest round-trip form, booleans TRUE/FALSE, dates ISO, missing "NA".
    static func nameText(_ c: DataColumn, _ i: Int) -> String {
        guard c.validity.isValid(i) else { return "NA" }
        if case .double(let v) = c.values, v[i].isFinite, v[i] == v[i].rounded(), abs(v[i]) < 1e15 { return String(Int(v[i])) }
        return c.stringValue(at: i) ?? "NA"
    }

    /// Columns brought to one kind for stacking (see ``pivotLonger(columns:namesTo:valuesTo:dropMissing:)``).
    static func unify(_ cs: [DataColumn]) throws(TabularError) -> [DataColumn] {
        let kinds = Set(cs.map(\.kind))
        if kinds.count == 1, kinds.first != .categorical { return cs }
        if kinds == [.integer, .double] {
            return cs.map { c in
                if case .integer(let v) = c.values {
                    return DataColumn(name: c.name, values: .double(v.map { Double($0) }), validity: c.validity)
                }
                return c
            }
        }
        if kinds == [.categorical] {
            var levels: [String] = []
            var index: [String: Int32] = [:]
            var ordered = true
            for c in cs {
                guard case let .categorical(_, lv, o) = c.values else { continue }
                ordered = ordered && o
                for l in lv where index[l] == nil { index[l] = Int32(levels.count); levels.append(l) }
            }
            let allSame = cs.allSatisfy { if case let .categorical(_, lv, _) = $0.values { lv == levels } else { false } }
            return cs.map { c in
                guard case let .categorical(codes, lv, _) = c.values else { return c }
                let recoded = codes.map { index[lv[Int($0)]] ?? 0 }
                return DataColumn(name: c.name, values: .categorical(codes: recoded, levels: levels, ordered: ordered && allSame),
                                  validity: c.validity)
            }
        }
        let first = cs[0]
        let other = cs.first { $0.kind != first.kind } ?? first
        throw .typeMismatch(column: other.name, expected: "\(first.kind.rawValue) like \(first.name)", actual: other.kind)
    }

    /// Entry `rows[t]` of column `columns[t]` for each t; the columns share one kind (from ``unify(_:)``).
    static func interleave(_ cs: [DataColumn], rows: [Int], columns: [Int], name: String) -> DataColumn {
        var mask = ValidityMask(count: rows.count, allValid: false)
        for t in rows.indices where cs[columns[t]].validity.isValid(rows[t]) { mask.set(t, valid: true) }
        func stack<T>(_ extract: (ColumnValues) -> [T]?, _ placeholder: T) -> [T] {
            let arrays = cs.map { extract($0.values) ?? [] }
            return rows.indices.map { t in
                let a = arrays[columns[t]]
                return rows[t] < a.count ? a[rows[t]] : placeholder
            }
        }
        let values: ColumnValues
        switch cs.first?.values ?? .double([]) {
        case .double: values = .double(stack({ if case .double(let v) = $0 { v } else { nil } }, 0))
        case .integer: values = .integer(stack({ if case .integer(let v) = $0 { v } else { nil } }, 0))
        case .boolean: values = .boolean(stack({ if case .boolean(let v) = $0 { v } else { nil } }, false))
        case .string: values = .string(stack({ if case .string(let v) = $0 { v } else { nil } }, ""))
        case .date: values = .date(stack({ if case .date(let v) = $0 { v } else { nil } }, 0))
        case let .categorical(_, levels, ordered):
            values = .categorical(codes: stack({ if case .categorical(let c, _, _) = $0 { c } else { nil } }, 0),
                                  levels: levels, ordered: ordered)
        }
        return DataColumn(name: name, values: values, validity: mask)
    }
}
