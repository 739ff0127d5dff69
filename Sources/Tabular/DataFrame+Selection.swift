extension DataFrame {
    /// The named columns in the given order (dplyr `select`). An unknown name throws
    /// ``TabularError/unknownColumn(_:suggestion:)`` with the nearest existing name; a repeated name throws
    /// ``TabularError/duplicateColumn(_:)``. Missing entries are carried over unchanged.
    /// Complexity: O(k·p) name look-ups for k selected of p columns; column storage is shared (copy-on-write).
    public func selecting(_ names: [String]) throws(TabularError) -> DataFrame {
        var out: [DataColumn] = []
        for n in names { out.append(try requireColumn(n)) }
        return try DataFrame(columns: out)
    }

    /// All columns except the named ones (dplyr `select(-a, -b)`); unknown names throw as in ``selecting(_:)``.
    public func dropping(_ names: [String]) throws(TabularError) -> DataFrame {
        for n in names { _ = try requireColumn(n) }
        let drop = Set(names)
        return try DataFrame(columns: columns.filter { !drop.contains($0.name) })
    }

    /// The rows at `rows`, in that order; an index may repeat (dplyr `slice`). Throws
    /// ``TabularError/rowIndexOutOfRange(index:rowCount:)`` for an index outside `0..<rowCount`.
    /// Missing entries stay missing. Complexity: O(k·p) for k indices and p columns.
    public func takingRows(_ rows: [Int]) throws(TabularError) -> DataFrame {
        for r in rows where r < 0 || r >= rowCount { throw .rowIndexOutOfRange(index: r, rowCount: rowCount) }
        return gatheringRows(rows.map { Optional($0) })
    }

    /// Rows at the given (checked) indices; internal building block of sort, filter and join.
    func gatheringRows(_ rows: [Int?]) -> DataFrame {
        var result = self
        result.columns = columns.map { $0.gathering(rows) }
        result.rowCount = rows.count
        return result
    }

    /// The rows whose `keep` entry is true, in their original order. Throws if `keep.count != rowCount`.
    /// Complexity: O(n·p).
    public func filtering(_ keep: [Bool]) throws(TabularError) -> DataFrame {
        guard keep.count == rowCount else { throw .lengthMismatch(column: "(row mask)", expected: rowCount, actual: keep.count) }
        return gatheringRows(keep.indices.filter { keep[$0] })
    }

    /// The rows where the boolean column `mask` is true. As dplyr's `filter`, rows where the mask is **missing**
    /// are dropped (NA is not TRUE). `mask` must have `rowCount` entries and be boolean (typically from
    /// ``DataColumn/comparing(_:_:name:)``), else a typed error. Complexity: O(n·p).
    public func filtering(mask: DataColumn) throws(TabularError) -> DataFrame {
        guard mask.count == rowCount else { throw .lengthMismatch(column: mask.name, expected: rowCount, actual: mask.count) }
        guard case .boolean(let b) = mask.values else { throw .typeMismatch(column: mask.name, expected: "boolean", actual: mask.kind) }
        return gatheringRows((0..<rowCount).filter { mask.validity.isValid($0) && b[$0] })
    }

    /// The rows for which `predicate` returns true, in their original order (dplyr `filter`). The predicate sees
    /// missing entries as `nil` and must decide what they mean; errors it throws (unknown column, wrong type)
    /// are passed on. Complexity: O(n) predicate calls, then O(n·p) to copy.
    public func filtering(_ predicate: (DataFrameRow) throws(TabularError) -> Bool) throws(TabularError) -> DataFrame {
        let positions = DataFrameRow.positions(of: self)
        var keep: [Int?] = []
        for i in 0..<rowCount where try predicate(DataFrameRow(frame: self, positions: positions, index: i)) { keep.append(i) }
        return gatheringRows(keep)
    }

    /// The first `k` rows (all if fewer).
    public func head(_ k: Int = 6) -> DataFrame { gatheringRows(Array(0..<max(0, min(k, rowCount)))) }

    /// The last `k` rows (all if fewer).
    public func tail(_ k: Int = 6) -> DataFrame { gatheringRows(Array(max(0, rowCount - max(0, k))..<rowCount)) }
}
