extension DataColumn {
    /// The entries at `rows`, in that order (an index may repeat). A `nil` index gives a missing entry (used for
    /// the unmatched rows of a left join). Levels and the `ordered` flag of a categorical are kept.
    ///
    /// Precondition (internal callers check it): every non-nil index is in `0..<count`.
    /// Complexity: O(k) for k = `rows.count`.
    func gathering(_ rows: [Int?]) -> DataColumn {
        var mask = ValidityMask(count: rows.count, allValid: false)
        for (j, r) in rows.enumerated() where r.map({ validity.isValid($0) }) ?? false { mask.set(j, valid: true) }
        func pick<T>(_ v: [T], _ placeholder: T) -> [T] { rows.map { $0.map { v[$0] } ?? placeholder } }
        let out: ColumnValues
        switch values {
        case .double(let v): out = .double(pick(v, 0))
        case .integer(let v): out = .integer(pick(v, 0))
        case .boolean(let v): out = .boolean(pick(v, false))
        case .string(let v): out = .string(pick(v, ""))
        case .date(let v): out = .date(pick(v, 0))
        case let .categorical(codes, levels, ordered): out = .categorical(codes: pick(codes, 0), levels: levels, ordered: ordered)
        }
        return DataColumn(name: name, values: out, validity: mask)
    }

    /// The entries at `rows`, in that order (an index may repeat); throws if an index is outside `0..<count`.
    /// Missing entries stay missing. Complexity: O(k) for k = `rows.count`.
    public func taking(rows: [Int]) throws(TabularError) -> DataColumn {
        for r in rows where r < 0 || r >= count { throw .rowIndexOutOfRange(index: r, rowCount: count) }
        return gathering(rows.map { Optional($0) })
    }

    /// A copy with another name.
    public func renamed(_ newName: String) -> DataColumn {
        var c = self
        c.name = newName
        return c
    }

    /// The validity mask as one Bool per row (true = present), for hot loops.
    var validFlags: [Bool] { (0..<count).map { validity.isValid($0) } }
}
