internal import Tabular

/// How one variable enters the design, computed on the used rows of a model frame.
enum VariableEncoding: Sendable, Equatable {
    /// One or more numeric columns with their names (`x`; `log(x)`; `poly(x, 2)1`, `poly(x, 2)2`).
    case numeric(columns: [[Double]], names: [String])
    /// A factor: level labels, each row's 0-based level (4 bytes a row: a model frame keeps these for every
    /// factor while the model is fitted), and the reference level's index.
    case factor(column: String, levels: [String], codes: [Int32], reference: Int)
}

/// Turning columns into factors.
enum FactorLevels {
    /// The levels present in `rows` and each row's level index. Categorical columns keep their declared order
    /// (unused levels dropped, as R's `lm` does with `drop.unused.levels = TRUE`); text sorts byte-wise
    /// (DESIGN.md); numbers sort numerically and print as R prints them (whole numbers without ".0").
    /// `textCodes`: the column's `textCodes(rows: rows)` when the caller already has them (one pass fewer).
    static func of(_ column: DataColumn, rows: [Int],
                   textCodes known: (codes: [Int32], values: [String])? = nil) -> (levels: [String], codes: [Int32]) {
        switch column.values {
        case let .categorical(codes, levels, _):
            var used = [Bool](repeating: false, count: levels.count)
            for r in rows { used[Int(codes[r])] = true }
            var remap = [Int32](repeating: -1, count: levels.count)
            var out: [String] = []
            for (i, l) in levels.enumerated() where used[i] { remap[i] = Int32(out.count); out.append(l) }
            return (out, rows.map { remap[Int(codes[$0])] })
        case .string:
            // Codes by the values' bytes (Tabular's textCodes: one pass, no String hashing per row; the same
            // classes as Set<String>), then the distinct values sorted byte-wise and the codes renumbered.
            guard let (codes, distinct) = known ?? column.textCodes(rows: rows) else { return ([], []) }
            let order = distinct.indices.sorted { distinct[$0].utf8.lexicographicallyPrecedes(distinct[$1].utf8) }
            var position = [Int32](repeating: 0, count: distinct.count)
            for (k, i) in order.enumerated() { position[i] = Int32(k) }
            return (order.map { distinct[$0] }, codes.map { position[Int($0)] })
        case .double, .integer, .boolean, .date:
            let values = rows.map { column.numericValue(at: $0) ?? 0 }
            let distinct = Array(Set(values)).sorted()
            let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
            let labels: [String]
            switch column.values {
            case .boolean: labels = distinct.map { $0 == 0 ? "FALSE" : "TRUE" }
            case .date: labels = distinct.map { CivilDate(daysSinceEpoch: Int($0)).isoString }
            default: labels = distinct.map(numberLabel)
            }
            return (labels, values.map { index[$0] ?? 0 })
        }
    }

    static func numberLabel(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return "\(v)"
    }
}
