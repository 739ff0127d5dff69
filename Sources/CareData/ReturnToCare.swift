public import Tabular

/// The `return-to-care` derived dataset (McGrath-Lone et al. 2017, Child Abuse & Neglect 63:73–83): one row per
/// exit from care at risk of return, with the time to the next period of care or to censoring.
public enum ReturnToCare {
    /// Builds the dataset from periods of care (``PeriodsOfCare/build(_:)``).
    ///
    /// At-risk exits: closed periods whose REC is an at-risk exit (``ReasonEpisodeCeased/isAtRiskExit``:
    /// adoption, death, transfer to another LA, custody, adult services, assessed adult and moving abroad are
    /// excluded; so are unknown REC codes) and, when the date of birth is known, the child was under 18 on the
    /// exit date. Exits with an unknown DOB are kept with a missing age. Periods made only of short-break episodes
    /// (V3, V4) are left out, both as exits and as returns (respite is not a return to care). For each exit, `days` is the number of
    /// days from the exit to the start of the child's next period (`returned` = 1) or to the end of follow-up
    /// (`returned` = 0): `censorDate`, or the 18th birthday when that comes first, because a return to care is
    /// only possible before 18 (McGrath-Lone et al. 2017 censor at 18; following a 17-year-old to the data end
    /// would add years at risk of an event that cannot happen and bias the hazard of older leavers towards 0).
    /// Exits after `censorDate` are not at-risk exits here (outside the observation window; the flow counts
    /// their periods as in care at the censoring date). `censorDate` is the data's end (``DataEnd``) unless the
    /// user asked for an earlier one: never a date taken from one record.
    ///
    /// Columns: la, child, period, exit_date, days, returned, exit_reason, age_at_exit, age_band (DfE bands),
    /// age_group (0-4, 5-10, 11-15, 16-17: the grouping of return-to-care analyses, which contrast under-5s with
    /// 11–15s; McGrath-Lone et al. 2016 ISPCAN abstract), sex, ethnicity
    /// (major group), legal_status (s20, order, emergency, youth_justice: LS of the last episode),
    /// placement (placement group of the last episode), placement_moves, time_in_care (days in the period),
    /// exit_year (collection year of the exit), la_idaci, la_imd (from `localAuthorities`, missing otherwise),
    /// and three groupings used by the return-to-care model (McGrath-Lone et al. 2017 contrast reunification with
    /// permanence orders, and stable with unstable care): exit_route (home: E4A, E4B, E13; permanence_order: SGO
    /// or child arrangements order, E41, E45–E48; other at-risk exits), placements (1, 2, 3+: the first
    /// placement plus the moves) and care_duration (<6m, 6-12m, 1-2y, 2y+ by days in the period: under 183,
    /// under 366, under 731, longer). age_group, exit_route, placements and care_duration are categorical with
    /// their levels in the order written here, so the first is the reference level of a model.
    /// Complexity: O(p) for p periods after sorting.
    public static func table(periods: [PeriodOfCare], children: [SSDA903Child], localAuthorities: [LocalAuthority] = [],
                             censorDate: CivilDate) throws(CareDataError) -> DataFrame {
        try derive(periods: periods, children: children, localAuthorities: localAuthorities, censorDate: censorDate).table
    }

    /// The dataset of ``table(periods:children:localAuthorities:censorDate:)`` and the fate of every at-risk
    /// exit (left out at 18 or over, returned, censored at `censorDate` or at the 18th birthday), for the
    /// derivation's flow.
    public static func derive(periods: [PeriodOfCare], children: [SSDA903Child], localAuthorities: [LocalAuthority] = [],
                              censorDate: CivilDate) throws(CareDataError) -> (table: DataFrame, counts: DerivationFlow.ReturnCounts) {
        var counts = DerivationFlow.ReturnCounts()
        let header = HeaderIndex(children)
        let las = Dictionary(localAuthorities.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var byChild: [ChildKey: [PeriodOfCare]] = [:]
        for p in periods { byChild[p.key, default: []].append(p) }
        var la: [String] = [], child: [String] = [], period: [Int] = [], exitDate: [CivilDate?] = []
        var days: [Int] = [], returned: [Int] = [], reason: [String?] = [], age: [Int?] = [], band: [String?] = []
        var group: [String?] = []
        var sex: [String?] = [], eth: [String?] = [], legal: [String?] = [], place: [String?] = []
        var moves: [Int] = [], timeInCare: [Int] = [], exitYear: [Int] = [], idaci: [Double?] = [], imd: [Double?] = []
        var route: [String] = [], placements: [String] = [], duration: [String] = []
        for (key, list) in byChild.sorted(by: { $0.key < $1.key }) {
            let sorted = list.filter { !$0.isShortBreaksOnly }.sorted { $0.start < $1.start }
            let h = header.child(key)
            for (i, p) in sorted.enumerated() {
                guard let end = p.end, let rec = p.endReason, rec.isAtRiskExit, end <= censorDate else { continue }
                counts.atRiskExits += 1
                let a = h?.dob.date.map { $0.age(on: end) }
                if let a, a >= 18 { counts.agedEighteen += 1; continue }
                let next = sorted[(i + 1)...].first { $0.start >= end }
                let eighteen = h?.dob.date.map { $0.adding(months: 18 * 12) }
                let followUpEnd = eighteen.map { min($0, censorDate) } ?? censorDate
                la.append(key.la); child.append(key.child); period.append(p.index); exitDate.append(end)
                if let n = next, n.start <= followUpEnd {
                    days.append(end.days(to: n.start)); returned.append(1)
                    counts.returned += 1
                } else {
                    days.append(end.days(to: followUpEnd)); returned.append(0)
                    if followUpEnd < censorDate { counts.censoredAtEighteen += 1 } else { counts.censoredAtEnd += 1 }
                }
                reason.append(rec.code); age.append(a); band.append(a.flatMap { AgeBand(age: $0)?.rawValue })
                group.append(a.map { $0 < 5 ? "0-4" : $0 <= 10 ? "5-10" : $0 <= 15 ? "11-15" : "16-17" })
                sex.append(h?.sex.map { $0 == .male ? "male" : "female" })
                eth.append(h?.ethnicity?.majorGroup)
                legal.append(p.episodes.last?.legalStatus?.group.rawValue.lowercased())
                place.append(p.episodes.last?.placement?.group.rawValue)
                moves.append(p.placementMoves); timeInCare.append(p.start.days(to: end))
                route.append(rec.isReturnHome ? "home" : rec.isSGOOrCAO ? "permanence_order" : "other")
                placements.append(p.placementMoves == 0 ? "1" : p.placementMoves == 1 ? "2" : "3+")
                let d = p.start.days(to: end)
                duration.append(d < 183 ? "<6m" : d < 366 ? "6-12m" : d < 731 ? "1-2y" : "2y+")
                exitYear.append(end.collectionYear)
                idaci.append(las[key.la]?.idaci); imd.append(las[key.la]?.imd)
            }
        }
        let table = try makeFrame([
            DataColumn(name: "la", strings: la), DataColumn(name: "child", strings: child),
            DataColumn(name: "period", integers: period), CivilDate.column(named: "exit_date", exitDate),
            DataColumn(name: "days", integers: days), DataColumn(name: "returned", integers: returned),
            DataColumn(name: "exit_reason", strings: reason), DataColumn(name: "age_at_exit", integers: age),
            DataColumn(name: "age_band", strings: band), DataColumn(name: "age_group", categories: group, levels: ["0-4", "5-10", "11-15", "16-17"], ordered: true),
            DataColumn(name: "sex", strings: sex),
            DataColumn(name: "ethnicity", strings: eth), DataColumn(name: "legal_status", strings: legal),
            DataColumn(name: "placement", strings: place), DataColumn(name: "placement_moves", integers: moves),
            DataColumn(name: "time_in_care", integers: timeInCare), DataColumn(name: "exit_year", integers: exitYear),
            DataColumn(name: "la_idaci", doubles: idaci), DataColumn(name: "la_imd", doubles: imd),
            DataColumn(name: "exit_route", categories: route, levels: ["home", "permanence_order", "other"], ordered: false),
            DataColumn(name: "placements", categories: placements, levels: ["1", "2", "3+"], ordered: true),
            DataColumn(name: "care_duration", categories: duration, levels: ["<6m", "6-12m", "1-2y", "2y+"], ordered: true),
        ])
        return (table, counts)
    }
}
