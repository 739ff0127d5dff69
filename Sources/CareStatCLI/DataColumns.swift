import Tabular

/// Column look-ups and `--where COL=VALUE` filters for the commands that read one table (funnel, compare,
/// forecast), with errors that name the file, the option and the nearest column name.
struct DataColumns {
    let file: String

    func column(_ frame: DataFrame, _ name: String, _ option: String) throws -> DataColumn {
        guard let c = frame.column(named: name) else {
            var msg = "\(option) \(name): no such column in \(file)"
            if let near = nearestName(to: name, among: frame.columnNames) { msg += " (did you mean \(near)?)" }
            throw UserError(msg)
        }
        return c
    }

    /// A numeric column; a non-numeric one or a non-finite value is a user error naming the column and the row.
    func numeric(_ frame: DataFrame, _ name: String, _ option: String) throws -> DataColumn {
        let c = try column(frame, name, option)
        guard c.isNumeric else {
            let bad = (0..<c.count).first { !c.isMissing($0) }.flatMap { c.stringValue(at: $0) } ?? ""
            throw UserError("\(file): \(option) \(name) is not a numeric column (first value \"\(bad)\")")
        }
        if let i = (0..<c.count).first(where: { c.numericValue(at: $0).map { !$0.isFinite } ?? false }) {
            throw UserError("\(file): \(option) \(name), data row \(i + 1): \"\(c.stringValue(at: i) ?? "")\" is not a finite number")
        }
        return c
    }

    /// A whole non-negative count, or a user error naming the unit and column.
    func count(_ v: Double, unit: String, column: String) throws -> Int {
        guard v >= 0, v == v.rounded(), v < 1e15 else {
            throw UserError("\(file): unit \"\(unit)\", column \(column): a count must be a whole non-negative number, got \(v)")
        }
        return Int(v)
    }

    /// Keeps the rows where each `COL=VALUE` holds (numerically when VALUE is a number and the cell is, else as
    /// text), and says so in `population`.
    func applyWhere(_ filters: [String], to frame: inout DataFrame, population: inout String) throws {
        for f in filters {
            let parts = f.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw UserError("--where \(f): expected COL=VALUE") }
            let c = try column(frame, parts[0], "--where")
            let number = Double(parts[1])
            let keep = (0..<frame.rowCount).map { i in
                if let x = number, let v = c.numericValue(at: i) { return v == x }
                return c.stringValue(at: i) == parts[1]
            }
            frame = try frame.filtering(keep)
            population += " with \(parts[0]) = \(parts[1])"
        }
    }
}
