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
    public static func apply(to frame: DataFrame) throws(TabularError) -> (frame: DataFrame, changed: [String]) {
        let known = Set(vocabularies.joined())
        var out = frame
        var changed: [String] = []
        for column in frame.columns {
            switch column.values {
            case .string, .categorical: break
            default: continue
            }
            var present = Set<String>()
            var foreign = false
            for i in 0..<frame.rowCount where !column.isMissing(i) {
                guard let v = column.stringValue(at: i) else { continue }
                guard known.contains(v) else { foreign = true; break }
                present.insert(v)
            }
            if foreign { continue }
            guard let levels = vocabularies.first(where: { present.count >= 2 && present.isSubset(of: $0) }) else { continue }
            if case let .categorical(_, existing, ordered) = column.values, ordered, existing == levels { continue }
            let values = (0..<frame.rowCount).map { column.isMissing($0) ? nil : column.stringValue(at: $0) }
            try out.setColumn(DataColumn(name: column.name, categories: values, levels: levels, ordered: true))
            changed.append(column.name)
        }
        return (out, changed)
    }
}
