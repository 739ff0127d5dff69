public import Tabular

/// A child's state in a month, for sequence analysis (McGrath-Lone et al.; seed 003 §4).
public enum CareState: String, CaseIterable, Sendable, Hashable {
    case home
    case childInNeed = "cin"
    case childProtectionPlan = "cpp"
    case foster
    case residential
    case otherPlacement = "other_placement"
    case adoptedOrSGO = "adopted_sgo"
    case leftCare = "left_care"
}

/// The window of a sequence: between two ages of the child (in months from birth) or two calendar dates.
public enum SequenceWindow: Sendable, Hashable {
    /// Months `fromMonths` ..< `toMonths` of age; month k is observed on the date of birth + k months.
    case ages(fromMonths: Int, toMonths: Int)
    /// The first day of each month from the month of `from` up to and including the month of `to`.
    case dates(from: CivilDate, to: CivilDate)
}

/// The time step of a sequence: a state on the first day of each month, or every seventh day.
public enum SequenceStep: String, Sendable, Hashable, CaseIterable {
    case month, week
    /// The name of the position column of the long table ("month" or "week").
    public var columnName: String { rawValue }
}

/// The states of a care sequence.
public enum SequenceStateScheme: String, Sendable, Hashable, CaseIterable {
    /// ``CareState``: in care by placement group (foster, residential, other), else CPP, CIN, after adoption/SGO,
    /// after care, home — the states of McGrath-Lone's analyses.
    case careStates = "care"
    /// In care: placement group × legal status group of the episode in force (`foster_s20`, `residential_order`,
    /// …; `unknown` for a missing or invalid code); out of care: `not_in_care`. SSDA903 only (CIN is not used).
    case placementByLegalStatus = "placement-legal"

    /// The out-of-care state of ``placementByLegalStatus``.
    public static let notInCare = "not_in_care"
}

/// The `sequences` derived dataset.
public enum CareSequences {
    /// The state of a child on `date`, by priority: in care (placement group of the episode in force: foster,
    /// residential, or other placement) > on a child protection plan > in an open CIN episode assessed as in
    /// need (``CINEpisode/isChildInNeed``) > after a period of care ended by adoption, SGO or child arrangements
    /// order (adopted_sgo) > after any other end of care (left_care) > home.
    public static func state(on date: CivilDate, periods: [PeriodOfCare], cin: [CINEpisode]) -> CareState {
        for p in periods {
            if let e = p.episode(on: date) {
                switch e.placement?.group {
                case .foster: return .foster
                case .residential: return .residential
                default: return .otherPlacement
                }
            }
        }
        if cin.contains(where: { e in
            guard let s = e.cppStartDate.date, s <= date else { return false }
            return e.cppEndDate.date.map { date < $0 } ?? true
        }) { return .childProtectionPlan }
        if cin.contains(where: { e in
            guard e.isChildInNeed, let s = e.referralDate.date, s <= date else { return false }
            return e.closureDate.date.map { date < $0 } ?? true
        }) { return .childInNeed }
        if let last = periods.filter({ ($0.end.map { $0 <= date }) ?? false }).max(by: { $0.start < $1.start }) {
            let r = last.endReason
            return (r?.isAdoption ?? false) || (r?.isSGOOrCAO ?? false) ? .adoptedOrSGO : .leftCare
        }
        return .home
    }

    /// The ``SequenceStateScheme/placementByLegalStatus`` state on `date`: `group_legal` of the episode in force
    /// (placement group and legal status group, lower case; `unknown` for a missing code), or `not_in_care`.
    public static func placementByLegalStatus(on date: CivilDate, periods: [PeriodOfCare]) -> String {
        for p in periods {
            if let e = p.episode(on: date) {
                let place = e.placement?.group.rawValue ?? "unknown"
                let legal = e.legalStatus?.group.rawValue.lowercased() ?? "unknown"
                return "\(place)_\(legal)"
            }
        }
        return SequenceStateScheme.notInCare
    }

    /// States per child, long: la, child, month (0-based; `week` for a weekly step), date, state. Weekly positions
    /// are every seventh day from the window's start (date of birth + `fromMonths`, or the first date) up to
    /// before its end (date of birth + `toMonths`, or up to and including the last date). Children are those with SSDA903
    /// periods or CIN episodes; the date of birth comes from the SSDA903 header, else the latest CIN record's
    /// PersonBirthDate. With an age window, children without a date of birth are left out. Months after
    /// `censorDate` or before birth are not observed and are left out (the sequence is right-censored).
    /// Complexity: O(children × months × records per child).
    public static func long(periods: [PeriodOfCare], cin: [CINEpisode], children: [SSDA903Child],
                            window: SequenceWindow, censorDate: CivilDate, step: SequenceStep = .month,
                            scheme: SequenceStateScheme = .careStates)
        throws(CareDataError) -> DataFrame {
        switch window {
        case let .ages(a, b): guard a >= 0, a < b else { throw .invalidArgument("age window must satisfy 0 ≤ from < to") }
        case let .dates(a, b): guard a <= b else { throw .invalidArgument("date window must satisfy from ≤ to") }
        }
        let header = HeaderIndex(children)
        var pByChild: [ChildKey: [PeriodOfCare]] = [:]
        for p in periods { pByChild[p.key, default: []].append(p) }
        var cByChild: [ChildKey: [CINEpisode]] = [:]
        for e in cin where e.child != nil { cByChild[e.key, default: []].append(e) }
        let keys = Set(pByChild.keys).union(cByChild.keys).sorted()
        var la: [String] = [], child: [String] = [], month: [Int] = [], date: [CivilDate?] = [], state: [String] = []
        for k in keys {
            let ps = pByChild[k] ?? [], cs = cByChild[k] ?? []
            let dob = header.child(k)?.dob.date
                ?? cs.max(by: { ($0.censusYear ?? 0) < ($1.censusYear ?? 0) })?.birthDate.date
            var dates: [(Int, CivilDate)] = []
            switch window {
            case let .ages(a, b) where step == .week:
                guard let dob else { continue }
                let start = dob.adding(months: a), end = dob.adding(months: b)
                var d = start, i = 0
                while d < end { dates.append((i, d)); i += 1; d = start.adding(days: 7 * i) }
            case let .ages(a, b):
                guard let dob else { continue }
                dates = (a..<b).map { ($0 - a, dob.adding(months: $0)) }
            case let .dates(a, b) where step == .week:
                var d = a, i = 0
                while d <= b { dates.append((i, d)); i += 1; d = a.adding(days: 7 * i) }
            case let .dates(a, b):
                var d = CivilDate(year: a.year, month: a.month, day: 1) ?? a
                var i = 0
                while d <= b { dates.append((i, d)); i += 1; d = d.adding(months: 1) }
            }
            for (i, d) in dates where d <= censorDate && (dob.map { d >= $0 } ?? true) {
                la.append(k.la); child.append(k.child); month.append(i); date.append(d)
                switch scheme {
                case .careStates: state.append(CareSequences.state(on: d, periods: ps, cin: cs).rawValue)
                case .placementByLegalStatus: state.append(CareSequences.placementByLegalStatus(on: d, periods: ps))
                }
            }
        }
        return try makeFrame([
            DataColumn(name: "la", strings: la), DataColumn(name: "child", strings: child),
            DataColumn(name: step.columnName, integers: month), CivilDate.column(named: "date", date),
            scheme == .careStates ? DataColumn(name: "state", categories: state, levels: CareState.allCases.map(\.rawValue))
                                  : DataColumn(name: "state", strings: state),
        ])
    }

    /// The same states wide: la, child, then one column per month named m0, m1, ... (w0, w1, ... for a weekly
    /// step; missing where not observed).
    public static func wide(_ long: DataFrame, step: SequenceStep = .month) throws(CareDataError) -> DataFrame {
        do {
            let prefix = step == .month ? "m" : "w"
            let named = try long.adding("name") { row throws(TabularError) -> String? in
                try row.integer(step.columnName).map { "\(prefix)\($0)" }
            }
            let sorted = try named.sorted(by: [.ascending(step.columnName)])
            return try sorted.pivotWider(idColumns: ["la", "child"], namesFrom: "name", valuesFrom: "state")
        } catch { throw .table(error) }
    }
}
