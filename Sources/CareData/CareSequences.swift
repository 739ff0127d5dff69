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

/// The `sequences` derived dataset: a child's state on the first day of each month (or every seventh day) of a
/// window, by priority: in care (placement group of the episode in force: foster, residential, or other
/// placement; with ``SequenceStateScheme/placementByLegalStatus``, placement × legal status) > on a child
/// protection plan > in an open CIN episode assessed as in need (``CINEpisode/isChildInNeed``) > after a period
/// of care ended by adoption, SGO or child arrangements order (adopted_sgo) > after any other end of care
/// (left_care) > home. The kernel is ``CareSequenceChildren``; ``CareSequenceCSV`` streams the same rows to a file.
public enum CareSequences {
    /// States per child, long: la, child, month (0-based; `week` for a weekly step), date, state — one row per
    /// observed position (``CareSequenceChildren``: positions after `censorDate` or before birth are not
    /// observed, so sequences are right-censored; with an age window, children without a date of birth are left
    /// out). Weekly positions are every seventh day from the window's start (date of birth + `fromMonths`, or
    /// the first date) up to before its end (date of birth + `toMonths`, or up to and including the last date).
    /// Children are those with SSDA903 periods or CIN episodes, in (LA, child) order; the date of birth comes from
    /// the SSDA903 header, else the latest CIN record's PersonBirthDate.
    public static func long(periods: [PeriodOfCare], cin: [CINEpisode], children: [SSDA903Child],
                            window: SequenceWindow, censorDate: CivilDate, step: SequenceStep = .month,
                            scheme: SequenceStateScheme = .careStates) throws(CareDataError) -> DataFrame {
        try long(CareSequenceChildren(periods: periods, spells: cin.map(CINSpell.init), children: children, window: window,
                                      censorDate: censorDate, step: step, scheme: scheme))
    }

    /// The long table (see above) of prepared children.
    public static func long(_ c: CareSequenceChildren) throws(CareDataError) -> DataFrame {
        var la: [String] = [], child: [String] = [], position: [Int] = [], date: [CivilDate?] = [], state: [String] = []
        var days: [Int32] = [], codes: [UInt16] = []
        for i in 0..<c.count {
            c.states(i, days: &days, codes: &codes)
            let first = c.observed(i).lowerBound
            for (k, d) in days.enumerated() {
                la.append(c.keys[i].la); child.append(c.keys[i].child); position.append(first + k)
                date.append(CivilDate(daysSinceEpoch: Int(d))); state.append(c.stateNames[Int(codes[k])])
            }
        }
        return try makeFrame([
            DataColumn(name: "la", strings: la), DataColumn(name: "child", strings: child),
            DataColumn(name: c.step.columnName, integers: position), CivilDate.column(named: "date", date),
            c.scheme == .careStates ? DataColumn(name: "state", categories: state, levels: c.stateNames)
                                    : DataColumn(name: "state", strings: state),
        ])
    }

    /// The same states wide: la, child, then one column per position observed for some child, named m0, m1, ...
    /// (w0, w1, ... for a weekly step); missing where the child is not observed. One row per child with an
    /// observed position, in (LA, child) order.
    public static func wide(periods: [PeriodOfCare], cin: [CINEpisode], children: [SSDA903Child],
                            window: SequenceWindow, censorDate: CivilDate, step: SequenceStep = .month,
                            scheme: SequenceStateScheme = .careStates) throws(CareDataError) -> DataFrame {
        try wide(CareSequenceChildren(periods: periods, spells: cin.map(CINSpell.init), children: children, window: window,
                                      censorDate: censorDate, step: step, scheme: scheme))
    }

    /// The wide table (see above) of prepared children.
    public static func wide(_ c: CareSequenceChildren) throws(CareDataError) -> DataFrame {
        let columns = c.positions
        var la: [String] = [], child: [String] = []
        var cells = [[String?]](repeating: [], count: columns.count)
        var days: [Int32] = [], codes: [UInt16] = []
        for i in 0..<c.count {
            let r = c.observed(i)
            guard !r.isEmpty else { continue }
            c.states(i, days: &days, codes: &codes)
            la.append(c.keys[i].la); child.append(c.keys[i].child)
            for p in columns {
                cells[p - columns.lowerBound].append(r.contains(p) ? c.stateNames[Int(codes[p - r.lowerBound])] : nil)
            }
        }
        let prefix = c.step == .month ? "m" : "w"
        return try makeFrame([DataColumn(name: "la", strings: la), DataColumn(name: "child", strings: child)]
            + columns.map { p in
                let name = "\(prefix)\(p)", values = cells[p - columns.lowerBound]
                return c.scheme == .careStates ? DataColumn(name: name, categories: values, levels: c.stateNames)
                                               : DataColumn(name: name, strings: values)
            })
    }
}
