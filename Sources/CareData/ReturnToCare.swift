public import Tabular

/// The `return-to-care` derived dataset (McGrath-Lone et al. 2017, Child Abuse & Neglect 63:73–83): one row per
/// exit from care at risk of return, with the time to the next period of care or to censoring.
public enum ReturnToCare {
    /// Builds the dataset from periods of care (``PeriodsOfCare/build(_:)``).
    ///
    /// At-risk exits: closed periods whose REC is an at-risk exit (``ReasonEpisodeCeased/isAtRiskExit``:
    /// adoption, death, transfer to another LA, custody, adult services, assessed adult and moving abroad are
    /// excluded; so are unknown REC codes) and, when the date of birth is known, the child was under 18 on the
    /// exit date. Exits with an unknown DOB are kept with a missing age. For each exit, `days` is the number of
    /// days from the exit to the start of the child's next period (`returned` = 1) or to `censorDate`
    /// (`returned` = 0); exits after `censorDate` are dropped (outside the observation window).
    ///
    /// Columns: la, child, period, exit_date, days, returned, exit_reason, age_at_exit, age_band, sex, ethnicity
    /// (major group), legal_status (s20, order, emergency, youth_justice: LS of the last episode),
    /// placement (placement group of the last episode), placement_moves, time_in_care (days in the period),
    /// exit_year (collection year of the exit), la_idaci, la_imd (from `localAuthorities`, missing otherwise).
    /// Complexity: O(p) for p periods after sorting.
    public static func table(periods: [PeriodOfCare], children: [SSDA903Child], localAuthorities: [LocalAuthority] = [],
                             censorDate: CivilDate) throws(CareDataError) -> DataFrame {
        let header = HeaderIndex(children)
        let las = Dictionary(localAuthorities.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var byChild: [ChildKey: [PeriodOfCare]] = [:]
        for p in periods { byChild[p.key, default: []].append(p) }
        var la: [String] = [], child: [String] = [], period: [Int] = [], exitDate: [CivilDate?] = []
        var days: [Int] = [], returned: [Int] = [], reason: [String?] = [], age: [Int?] = [], band: [String?] = []
        var sex: [String?] = [], eth: [String?] = [], legal: [String?] = [], place: [String?] = []
        var moves: [Int] = [], timeInCare: [Int] = [], exitYear: [Int] = [], idaci: [Double?] = [], imd: [Double?] = []
        for (key, list) in byChild.sorted(by: { $0.key < $1.key }) {
            let sorted = list.sorted { $0.start < $1.start }
            let h = header.child(key)
            for (i, p) in sorted.enumerated() {
                guard let end = p.end, let rec = p.endReason, rec.isAtRiskExit, end <= censorDate else { continue }
                let a = h?.dob.date.map { $0.age(on: end) }
                if let a, a >= 18 { continue }
                let next = sorted[(i + 1)...].first { $0.start >= end }
                la.append(key.la); child.append(key.child); period.append(p.index); exitDate.append(end)
                if let n = next {
                    days.append(end.days(to: n.start)); returned.append(1)
                } else {
                    days.append(end.days(to: censorDate)); returned.append(0)
                }
                reason.append(rec.code); age.append(a); band.append(a.flatMap { AgeBand(age: $0)?.rawValue })
                sex.append(h?.sex.map { $0 == .male ? "male" : "female" })
                eth.append(h?.ethnicity?.majorGroup)
                legal.append(p.episodes.last?.legalStatus?.group.rawValue.lowercased())
                place.append(p.episodes.last?.placement?.group.rawValue)
                moves.append(p.placementMoves); timeInCare.append(p.start.days(to: end))
                exitYear.append(end.collectionYear)
                idaci.append(las[key.la]?.idaci); imd.append(las[key.la]?.imd)
            }
        }
        return try makeFrame([
            DataColumn(name: "la", strings: la), DataColumn(name: "child", strings: child),
            DataColumn(name: "period", integers: period), CivilDate.column(named: "exit_date", exitDate),
            DataColumn(name: "days", integers: days), DataColumn(name: "returned", integers: returned),
            DataColumn(name: "exit_reason", strings: reason), DataColumn(name: "age_at_exit", integers: age),
            DataColumn(name: "age_band", strings: band), DataColumn(name: "sex", strings: sex),
            DataColumn(name: "ethnicity", strings: eth), DataColumn(name: "legal_status", strings: legal),
            DataColumn(name: "placement", strings: place), DataColumn(name: "placement_moves", integers: moves),
            DataColumn(name: "time_in_care", integers: timeInCare), DataColumn(name: "exit_year", integers: exitYear),
            DataColumn(name: "la_idaci", doubles: idaci), DataColumn(name: "la_imd", doubles: imd),
        ])
    }
}
