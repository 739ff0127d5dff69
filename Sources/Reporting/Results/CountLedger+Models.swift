/// Counts every model registers the same way.
extension CountLedger {
    /// Registers, for each indicator column (``ones`` from the design: rows where it is 1, nil for other columns),
    /// the rows at 1 and at 0 as parts of `n`, and returns per column the count its coefficient reveals: the
    /// smaller side (both are related to n, so withholding one withholds the other).
    public mutating func levelCounts(ones: [Int?], terms: [String], n: CountID) -> [CountID?] {
        zip(ones, terms).map { ones, term -> CountID? in
            guard let ones else { return nil }
            let zeros = value(n) - ones
            guard zeros >= 0 else { return nil }
            let a = count(ones, role: .levelRows, label: "rows with \(term)")
            let b = count(zeros, role: .levelRows, label: "rows without \(term)")
            relate(total: n, parts: [a, b])
            return ones <= zeros ? a : b
        }
    }

    /// Registers, for each indicator column whose level's rows by outcome category are given (`cells[k]`, summing
    /// to the level's rows `ones[k]`), those counts as parts of the level's rows, and returns them per column:
    /// the counts a level's coefficient reveals besides its rows (an odds ratio and its SE give back the level's
    /// events and non-events). `levelRows` are the level's rows as registered by
    /// ``levelCounts(ones:terms:n:)`` — registered again here when it returned the other side.
    public mutating func levelCells(ones: [Int?], cells: [[Int]?], outcomes: [String], terms: [String],
                                    n: CountID) -> [[CountID]] {
        terms.indices.map { k -> [CountID] in
            guard let o = ones[k], let c = cells[k], c.count == outcomes.count, c.reduce(0, +) == o,
                  c.allSatisfy({ $0 >= 0 }) else { return [] }
            let level = count(o, role: .levelRows, label: "rows with \(terms[k])")
            let ids = zip(c, outcomes).map { count($0, role: .cell, label: "rows with \(terms[k]) and outcome \($1)") }
            relate(total: level, parts: ids)
            return ids
        }
    }

    /// The rows dropped for missing values as a diagnostic: the total dropped and each column's missing count,
    /// each a count of people on its own. The number of rows in the file is not given (it would reveal a
    /// withheld dropped count as the file's rows minus n).
    public mutating func droppedRows(_ dropped: Int, byColumn: [(column: String, rows: Int)]) -> Diagnostic? {
        guard dropped > 0 else { return nil }
        let total = count(dropped, role: .rowsDropped, label: "rows dropped for missing values")
        var ids = [total]
        var template = "{} rows dropped for missing values"
        if !byColumn.isEmpty {
            template += " (" + byColumn.map { c in
                ids.append(count(c.rows, role: .rowsDropped, label: "rows missing \(c.column)"))
                return "\(c.column): {}"
            }.joined(separator: ", ") + ")"
        }
        return .rowsDropped(CountNote(template, ids))
    }
}
