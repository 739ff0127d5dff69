public import Tabular

/// The level orders the domain declares for columns read from plain files (DESIGN.md: "a factor's reference level
/// is its first level: the declared order where the column has one (intervention level: none < referral < CIN <
/// CPP < CLA), else byte-wise sort order"). A CSV cannot carry a factor's levels, so a column whose values all
/// belong to one of these vocabularies is given that order when it is read:
/// - intervention level, as CareData derives it (no_contact, referral_only, cin, cpp, looked_after) or as the
///   synthetic outcomes file writes it (none, referral, cin, cpp, cla);
/// - convictions in the study's bands (none, one, two_plus).
/// A vocabulary applies only when the column holds at least two of its values and nothing else (blank = missing),
/// so an unrelated text column is never reordered. Complexity O(rows) per text column, stopping at the first
/// value outside every vocabulary (so an ordinary text column costs a few rows).
public enum DeclaredLevelOrders {
    public static let vocabularies: [[String]] = [
        InterventionLevel.allCases.map(\.name),
        SyntheticFileFormat.levels,
        SyntheticFileFormat.convictionValues,
    ]

    /// `frame` with every matching text column turned into an ordered categorical column, and the names of the
    /// columns changed.
    ///
    /// Hot loop (every CSV a command reads goes through here): a text column is first screened on its first
    /// ``screenRows`` values (an ordinary text column fails there); a column that passes is coded by its bytes in
    /// one pass (Tabular's `textCodes`, String equality on the few distinct values) and its codes are mapped to
    /// the vocabulary's, instead of hashing every row's String twice (a Set, then a Dictionary): 9% of
    /// `carestat glm` at n = 10⁶ (perf) before.
    public static func apply(to frame: DataFrame) throws(TabularError) -> (frame: DataFrame, changed: [String]) {
        let known = Set(vocabularies.joined())
        var out = frame
        var changed: [String] = []
        for column in frame.columns {
            let n = column.count
            // The distinct values present (String equality), and each valid row's index into them.
            let values: [String]
            let codeOf: (Int) -> Int   // row -> index into values (valid rows only)
            switch column.values {
            case .string(let v):
                var screened = 0, foreign = false
                for i in 0..<n where column.validity.isValid(i) {
                    if !known.contains(v[i]) { foreign = true; break }
                    screened += 1
                    if screened == screenRows { break }
                }
                if foreign { continue }
                let rows = (0..<n).filter { column.validity.isValid($0) }
                guard let (codes, distinct) = column.textCodes(rows: rows) else { continue }
                var byRow = [Int32](repeating: 0, count: n)
                for (t, i) in rows.enumerated() { byRow[i] = codes[t] }
                values = distinct
                codeOf = { Int(byRow[$0]) }
            case let .categorical(codes, levels, _):
                var used = [Bool](repeating: false, count: levels.count)
                for i in 0..<n where column.validity.isValid(i) { used[Int(codes[i])] = true }
                values = levels
                codeOf = { Int(codes[$0]) }
                if levels.indices.contains(where: { used[$0] && !known.contains(levels[$0]) }) { continue }
                // Unused levels are not evidence: keep only the used ones in the present set below.
                let present = Set(levels.indices.filter { used[$0] }.map { levels[$0] })
                guard let target = vocabularies.first(where: { present.count >= 2 && present.isSubset(of: $0) }) else { continue }
                if case let .categorical(_, existing, ordered) = column.values, ordered, existing == target { continue }
                try out.setColumn(recoded(column, values: values, codeOf: codeOf, levels: target))
                changed.append(column.name)
                continue
            default:
                continue
            }
            guard values.allSatisfy(known.contains) else { continue }
            let present = Set(values)
            guard let target = vocabularies.first(where: { present.count >= 2 && present.isSubset(of: $0) }) else { continue }
            try out.setColumn(recoded(column, values: values, codeOf: codeOf, levels: target))
            changed.append(column.name)
        }
        return (out, changed)
    }

    /// Values of a text column checked against the vocabularies before the whole column is coded.
    static let screenRows = 64

    /// `column` as an ordered categorical with `levels`; `values[codeOf(i)]` is valid row i's value (one of the levels).
    private static func recoded(_ column: DataColumn, values: [String], codeOf: (Int) -> Int,
                                levels: [String]) -> DataColumn {
        let index = values.map { v in Int32(levels.firstIndex(of: v) ?? 0) }
        var codes = [Int32](repeating: 0, count: column.count)
        for i in 0..<column.count where column.validity.isValid(i) { codes[i] = index[codeOf(i)] }
        return DataColumn(name: column.name, values: .categorical(codes: codes, levels: levels, ordered: true),
                          validity: column.validity)
    }
}
