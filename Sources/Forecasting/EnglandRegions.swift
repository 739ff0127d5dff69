/// The English LA → region → England hierarchy: each children's services authority (ONS E06/E08/E09/E10 code) in
/// one of the nine English regions (E12), the regions summing to England. The code list and its source (DfE's
/// children looked after 2019 LA file, plus the successor codes of the 2019–2023 reorganisations, each with its
/// predecessors' region) are in `EnglandRegionsTable.swift`, written by `scripts/make_england_regions.py`.
///
/// Used by `carestat forecast --reconcile … --hierarchy england-regions` and the `demand-forecast` spec. Units are
/// never dropped silently: ``hierarchy(units:total:)`` returns the units it could not place, and the caller states
/// them (forecast on their own, outside the reconciled sums).
public enum EnglandRegions {
    /// The name `--hierarchy` takes for this built-in hierarchy.
    public static let keyword = "england-regions"

    /// The region (code, name) of an LA code, nil for a code not in the list (not English, a district, a typo).
    public static func region(of code: String) -> (code: String, name: String)? {
        guard let r = regionByAuthority[code] else { return nil }
        return (r, regionName[r]!)
    }

    /// The name of an LA code in the list.
    public static func name(of code: String) -> String? { authorityName[code] }

    /// The LA → region → `total` hierarchy over `units` (LA codes), regions named by their names ("North East", …),
    /// in region-code order, LAs in the order given. `unplaced`: the units not in the list, in the order given.
    /// Throws when no unit can be placed.
    public static func hierarchy(units: [String], total: String = "England") throws(ForecastError)
        -> (hierarchy: Hierarchy, unplaced: [String]) {
        var pairs: [(unit: String, parent: String)] = [], unplaced: [String] = []
        var used = Set<String>()
        for (code, name) in regionTable {
            let members = units.filter { regionByAuthority[$0] == code }
            guard !members.isEmpty else { continue }
            pairs += members.map { ($0, name) }
            used.insert(name)
        }
        unplaced = units.filter { regionByAuthority[$0] == nil }
        guard !pairs.isEmpty else {
            throw .invalidOption("hierarchy \(keyword): none of the series names is an English LA code (E06/E08/E09/E10), e.g. \(units.first ?? "")")
        }
        for (_, name) in regionTable where used.contains(name) { pairs.append((name, total)) }
        return (try Hierarchy(pairs: pairs), unplaced)
    }

    private static let regionByAuthority = Dictionary(uniqueKeysWithValues: authorityTable.map { ($0.code, $0.region) })
    private static let authorityName = Dictionary(uniqueKeysWithValues: authorityTable.map { ($0.code, $0.name) })
    private static let regionName = Dictionary(uniqueKeysWithValues: regionTable.map { ($0.code, $0.name) })
}
