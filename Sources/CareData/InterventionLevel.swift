public import Tabular

/// The highest level of children's social care intervention a child received (seed 004, "Data Explained:
/// MoJ–DfE linked data"): no contact < referral only < child in need < child protection plan < looked after.
public enum InterventionLevel: Int, CaseIterable, Sendable, Hashable, Comparable {
    case noContact = 0
    case referralOnly
    case childInNeed
    case childProtectionPlan
    case lookedAfter

    /// The name used in derived datasets.
    public var name: String {
        switch self {
        case .noContact: "no_contact"
        case .referralOnly: "referral_only"
        case .childInNeed: "cin"
        case .childProtectionPlan: "cpp"
        case .lookedAfter: "looked_after"
        }
    }

    public static func < (a: InterventionLevel, b: InterventionLevel) -> Bool { a.rawValue < b.rawValue }

    /// The level of one CIN episode: CPP when a CPPstartDate is recorded, CIN when
    /// ``CINEpisode/isChildInNeed``, else referral only.
    public init(_ episode: CINEpisode) {
        if episode.cppStartDate.date != nil { self = .childProtectionPlan }
        else if episode.isChildInNeed { self = .childInNeed }
        else { self = .referralOnly }
    }

    /// The `intervention-level` derived dataset: one row per child with la, child, level (an ordered
    /// categorical with the five levels, no_contact first), in_cin and in_cla (whether the child has CIN census or
    /// SSDA903 records). The level is the highest over the child's CIN episodes and "looked after" for any SSDA903
    /// episode (seed 004 codes a child both in need and looked after as looked after).
    ///
    /// Children are matched by LA and id (CINCensus `LAchildID` = SSDA903 `CHILD`); when SSDA903 records carry
    /// no LA they match on the id alone. With a `population` (e.g. an outcomes cohort), the rows are exactly the
    /// population's children, in its order, and children with no record are "no contact"; without it, every child
    /// found in either source, in key order. Complexity: O(n + m + p).
    public static func table(cin: [CINEpisode], episodes: [SSDA903Episode], population: [ChildKey]? = nil)
        throws(CareDataError) -> DataFrame {
        var level: [ChildKey: InterventionLevel] = [:]
        var inCIN = Set<ChildKey>(), inCLA = Set<ChildKey>(), claByID = Set<String>()
        for e in cin where e.child != nil {
            level[e.key] = max(level[e.key] ?? .noContact, InterventionLevel(e))
            inCIN.insert(e.key)
        }
        for e in episodes where e.child != nil {
            level[e.key] = .lookedAfter
            inCLA.insert(e.key)
            if e.la.isEmpty, let id = e.child { claByID.insert(id) }
        }
        let keys = population ?? level.keys.sorted()
        var names: [String] = [], cinFlag: [Bool] = [], claFlag: [Bool] = []
        for k in keys {
            let cla = inCLA.contains(k) || claByID.contains(k.child)
            names.append(cla ? InterventionLevel.lookedAfter.name : (level[k] ?? .noContact).name)
            cinFlag.append(inCIN.contains(k))
            claFlag.append(cla)
        }
        return try makeFrame([
            DataColumn(name: "la", strings: keys.map(\.la)),
            DataColumn(name: "child", strings: keys.map(\.child)),
            DataColumn(name: "level", categories: names, levels: InterventionLevel.allCases.map(\.name), ordered: true),
            Bool.column(named: "in_cin", cinFlag),
            Bool.column(named: "in_cla", claFlag),
        ])
    }
}

/// Reads an outcomes population file (``OutcomesColumn``): the children of the cohort, in file order
/// (rows without CHILD are skipped).
public enum OutcomesReader {
    public static func population(from frame: DataFrame, source: String = "outcomes") throws(CareDataError) -> [ChildKey] {
        let f = try FrameFields(frame, format: FileFormats.outcomes, source: source)
        return (0..<f.rowCount).compactMap { r in
            f.text(OutcomesColumn.child.name, r).map { ChildKey(la: f.text(OutcomesColumn.la.name, r) ?? "", child: $0) }
        }
    }

    public static func read(path: String) throws(CareDataError) -> [ChildKey] {
        try population(from: CSVText.read(path: path), source: path)
    }
}
