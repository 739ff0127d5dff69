public import Tabular

/// The `re-referrals` derived dataset (DfE CIN census re-referral measure; seed 003 §8).
public enum ReReferrals {
    /// Per LA and collection year of referral: referrals (CIN episodes), those with a previous referral of the
    /// same child (LA + LAchildID) within 12 calendar months before (previous date ≥ date − 12 months and before
    /// the date), and within 36 months; with percentages (100 × re-referrals / referrals).
    /// `full_lookback_12m` / `full_lookback_36m` say whether the LA's data reach back 12 / 36 months before the
    /// start of that year (1 April); earlier years undercount re-referrals because older referrals are unseen.
    /// Complexity: O(n log n).
    public static func table(_ episodes: [CINEpisode]) throws(CareDataError) -> DataFrame {
        struct Cell { var n = 0, r12 = 0, r36 = 0 }
        var cells: [String: [Int: Cell]] = [:]
        var earliest: [String: CivilDate] = [:]
        var byChild: [ChildKey: [CivilDate]] = [:]
        for e in episodes where e.child != nil {
            guard let d = e.referralDate.date else { continue }
            byChild[e.key, default: []].append(d)
            earliest[e.la] = min(earliest[e.la] ?? d, d)
        }
        for (key, dates) in byChild {
            let s = dates.sorted()
            for (i, d) in s.enumerated() {
                let prev = i > 0 ? s[i - 1] : nil
                var c = cells[key.la, default: [:]][d.collectionYear, default: Cell()]
                c.n += 1
                if let p = prev, p < d {
                    if p >= d.adding(months: -12) { c.r12 += 1 }
                    if p >= d.adding(months: -36) { c.r36 += 1 }
                } else if let p = prev, p == d {
                    // Two referrals on one day: the second is a re-referral within any window.
                    c.r12 += 1; c.r36 += 1
                }
                cells[key.la, default: [:]][d.collectionYear] = c
            }
        }
        var la: [String] = [], year: [Int] = [], n: [Int] = [], r12: [Int] = [], r36: [Int] = []
        var p12: [Double?] = [], p36: [Double?] = [], f12: [Bool] = [], f36: [Bool] = []
        for (l, years) in cells.sorted(by: { $0.key < $1.key }) {
            for (y, c) in years.sorted(by: { $0.key < $1.key }) {
                la.append(l); year.append(y); n.append(c.n); r12.append(c.r12); r36.append(c.r36)
                p12.append(c.n > 0 ? 100 * Double(c.r12) / Double(c.n) : nil)
                p36.append(c.n > 0 ? 100 * Double(c.r36) / Double(c.n) : nil)
                let yearStart = CivilDate(year: y - 1, month: 4, day: 1) ?? CivilDate.thirtyFirstMarch(y - 1)
                let first = earliest[l] ?? yearStart
                f12.append(first <= yearStart.adding(months: -12))
                f36.append(first <= yearStart.adding(months: -36))
            }
        }
        return try makeFrame([
            DataColumn(name: "la", strings: la), DataColumn(name: "year", integers: year),
            DataColumn(name: "referrals", integers: n),
            DataColumn(name: "rereferrals_12m", integers: r12), DataColumn(name: "pct_12m", doubles: p12),
            DataColumn(name: "rereferrals_36m", integers: r36), DataColumn(name: "pct_36m", doubles: p36),
            Bool.column(named: "full_lookback_12m", f12), Bool.column(named: "full_lookback_36m", f36),
        ])
    }
}
