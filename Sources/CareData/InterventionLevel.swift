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

    /// The level one CIN episode had reached strictly before `date`, or nil when it was referred on or after
    /// `date` (or has no valid referral date): CPP when its plan started before the date; CIN when a CIN plan or
    /// section 47 enquiry started before the date, or an assessment started before the date in an episode
    /// assessed as in need (``CINEpisode/isChildInNeed``); else referral only.
    public init?(_ episode: CINEpisode, before date: CivilDate) {
        guard let referral = episode.referralDate.date, referral < date else { return nil }
        func before(_ f: DateField) -> Bool { f.date.map { $0 < date } ?? false }
        if before(episode.cppStartDate) { self = .childProtectionPlan }
        else if before(episode.cinPlanStartDate) || before(episode.s47StartDate)
                    || (episode.isChildInNeed && before(episode.assessmentStartDate)) { self = .childInNeed }
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
    /// found in either source, in key order.
    ///
    /// With `before` (a date per child, e.g. the 16th birthday when the outcome is GCSE attainment, as the
    /// MoJ–DfE study counts intervention before the outcome), only what happened strictly before the child's
    /// date counts: a CIN episode counts from its referral date, reaches CPP when its plan started before the
    /// date, and CIN when a CIN plan, section 47 enquiry or an assessment (of an episode assessed as in need)
    /// started before the date; an SSDA903 episode counts when it started (DECOM) before the date. Children
    /// without a date in `before` have nothing counted (level no contact); records with missing dates do not
    /// count. Without `before`, every record counts. Complexity: O(n + m + p) expected (hash lookups).
    public static func table(cin: [CINEpisode], episodes: [SSDA903Episode], population: [ChildKey]? = nil,
                             before cutoff: [ChildKey: CivilDate]? = nil)
        throws(CareDataError) -> DataFrame {
        var level: [ChildKey: InterventionLevel] = [:]
        var inCIN = Set<ChildKey>(), inCLA = Set<ChildKey>(), claByID = Set<String>()
        for e in cin where e.child != nil {
            inCIN.insert(e.key)
            let episodeLevel: InterventionLevel?
            if let cutoff { episodeLevel = cutoff[e.key].flatMap { InterventionLevel(e, before: $0) } }
            else { episodeLevel = InterventionLevel(e) }
            if let episodeLevel { level[e.key] = max(level[e.key] ?? .noContact, episodeLevel) }
        }
        // SSDA903 rows without an LA match on the child id alone; with cutoffs, by their earliest start.
        var firstStartByID: [String: CivilDate] = [:]
        for e in episodes where e.child != nil {
            inCLA.insert(e.key)
            if e.la.isEmpty, let id = e.child {
                claByID.insert(id)
                if let start = e.decom.date { firstStartByID[id] = min(firstStartByID[id] ?? start, start) }
            }
            if let cutoff {
                guard let date = cutoff[e.key], let start = e.decom.date, start < date else { continue }
            }
            level[e.key] = .lookedAfter
        }
        let keys = population ?? inCIN.union(inCLA).sorted()
        var names: [String] = [], cinFlag: [Bool] = [], claFlag: [Bool] = []
        for k in keys {
            let anyCLA = inCLA.contains(k) || claByID.contains(k.child)
            let lookedAfter: Bool
            if let cutoff {
                let byID = cutoff[k].flatMap { date in firstStartByID[k.child].map { $0 < date } } ?? false
                lookedAfter = level[k] == .lookedAfter || byID
            } else {
                lookedAfter = anyCLA
            }
            names.append(lookedAfter ? InterventionLevel.lookedAfter.name : (level[k] ?? .noContact).name)
            cinFlag.append(inCIN.contains(k))
            claFlag.append(anyCLA)
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

    /// Each child's birthday at `age` (date of birth + `age` years, 29 February → 28 February in common
    /// years), from the DOB column (ISO or UK dates), for ``InterventionLevel/table(cin:episodes:population:before:)``.
    /// Throws when the column is absent or a date cannot be read (naming the row and value).
    public static func birthdays(at age: Int, from frame: DataFrame, source: String = "outcomes")
        throws(CareDataError) -> [ChildKey: CivilDate] {
        let f = try FrameFields(frame, format: FileFormats.outcomes, source: source)
        guard f.has(OutcomesColumn.dob.name) else { throw .missingColumns(source: source, columns: [OutcomesColumn.dob.name]) }
        var out: [ChildKey: CivilDate] = [:]
        for r in 0..<f.rowCount {
            guard let child = f.text(OutcomesColumn.child.name, r) else { continue }
            switch f.date(OutcomesColumn.dob.name, r) {
            case .valid(let d):
                out[ChildKey(la: f.text(OutcomesColumn.la.name, r) ?? "", child: child)] = d.adding(months: 12 * age)
            case .missing:
                continue
            case .invalid(let text):
                throw .invalidArgument("\(source): line \(r + 2): column DOB: \"\(text)\" is not a date")
            }
        }
        return out
    }
}
