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
    /// one pass (Tabular's `textCodesOfEveryRow`: the reader's codes when it kept them, else String equality on
    /// the few distinct values) and its codes are mapped to the vocabulary's, instead of hashing every row's
    /// String twice (a Set, then a Dictionary): 9% of `carestat glm` at n = 10⁶ (perf) before.
    public static func apply(to frame: DataFrame) throws(TabularError) -> (frame: DataFrame, changed: [String]) {
        let known = Set(vocabularies.joined())
        var out = frame
        var changed: [String] = []
        for column in frame.columns {
            let n = column.count
            // The distinct values (String equality) and each row's index into them; only valid rows' count.
            let values: [String]
            let rowCodes: [Int32]
            switch column.values {
            case .string(let v):
                var screened = 0, foreign = false
                for i in 0..<n where column.validity.isValid(i) {
                    if !known.contains(v[i]) { foreign = true; break }
                    screened += 1
                    if screened == screenRows { break }
                }
                if foreign { continue }
                guard let (codes, distinct) = column.textCodesOfEveryRow() else { continue }
                values = distinct
                rowCodes = codes
            case let .categorical(codes, levels, _):
                values = levels
                rowCodes = codes
            default:
                continue
            }
            // Values not used by a valid row (missing rows' placeholders, a categorical's unused levels) are not
            // evidence: only the used ones must all belong to one vocabulary.
            var used = [Bool](repeating: false, count: values.count)
            rowCodes.withUnsafeBufferPointer { cb in
                for i in 0..<n where column.validity.isValid(i) { used[Int(cb[i])] = true }
            }
            if values.indices.contains(where: { used[$0] && !known.contains(values[$0]) }) { continue }
            let present = Set(values.indices.filter { used[$0] }.map { values[$0] })
            guard let target = vocabularies.first(where: { present.count >= 2 && present.isSubset(of: $0) }) else { continue }
            if case let .categorical(_, existing, ordered) = column.values, ordered, existing == target { continue }
            try out.setColumn(recoded(column, values: values, rowCodes: rowCodes, levels: target))
            changed.append(column.name)
        }
        return (out, changed)
    }

    /// Values of a text column checked against the vocabularies before the whole column is coded.
    static let screenRows = 64

    /// `column` as an ordered categorical with `levels`; `values[rowCodes[i]]` is valid row i's value (one of the levels).
    private static func recoded(_ column: DataColumn, values: [String], rowCodes: [Int32],
                                levels: [String]) -> DataColumn {
        let index = values.map { v in Int32(levels.firstIndex(of: v) ?? 0) }
        let codes = [Int32](unsafeUninitializedCapacity: column.count) { out, k in
            rowCodes.withUnsafeBufferPointer { cb in
                for i in 0..<column.count { out[i] = column.validity.isValid(i) ? index[Int(cb[i])] : 0 }
            }
            k = column.count
        }
        return DataColumn(name: column.name, values: .categorical(codes: codes, levels: levels, ordered: true),
                          validity: column.validity)
    }
}
