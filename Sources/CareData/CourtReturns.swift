public import Tabular

extension CareProceedingsData {
    /// Returns to court (Harwin et al. 2019, "Supervision orders: a return to court?"): one row per set of
    /// proceedings that ended in a final order on or before `censorDate`, with la, child, order (the order code),
    /// final_order_date, days (from the final order to the application of the child's next proceedings, or to
    /// `censorDate` when there is none) and returned (1 if a later application came by `censorDate`). A
    /// Kaplan–Meier estimate of 1 − S(5 years) by order gives the share back in court within five years (20 %
    /// after supervision orders, 5 % after special guardianship orders in Harwin et al.).
    ///
    /// A child is identified by LA and child id (a move of LA starts a new identity, as in SSDA903). Proceedings
    /// without an order (withdrawn, no order) or without a readable final order date do not start a row; they can
    /// still be the return of an earlier row (a new application is a return to court, whatever its outcome).
    /// Complexity: O(p log p) for p proceedings.
    public static func returnsToCourt(proceedings: [CareProceeding], censorDate: CivilDate) throws(CareDataError) -> DataFrame {
        var byChild: [ChildKey: [CareProceeding]] = [:]
        for p in proceedings where p.applicationDate.date != nil { byChild[p.key, default: []].append(p) }
        var la: [String] = [], child: [String] = [], order: [String?] = [], final: [CivilDate?] = []
        var days: [Int] = [], returned: [Int] = []
        for key in byChild.keys.sorted() {
            let list = byChild[key]!.sorted { ($0.applicationDate.date!, $0.row) < ($1.applicationDate.date!, $1.row) }
            for p in list {
                guard let end = p.finalOrderDate.date, end <= censorDate, let o = p.order,
                      o != .noOrder, o != .withdrawn else { continue }
                let next = list.first { q in q.applicationDate.date! > end }?.applicationDate.date
                la.append(key.la)
                child.append(key.child)
                order.append(o.rawValue)
                final.append(end)
                if let next, next <= censorDate {
                    days.append(next.daysSinceEpoch - end.daysSinceEpoch)
                    returned.append(1)
                } else {
                    days.append(censorDate.daysSinceEpoch - end.daysSinceEpoch)
                    returned.append(0)
                }
            }
        }
        return try makeFrame([
                DataColumn(name: "la", strings: la), DataColumn(name: "child", strings: child),
                DataColumn(name: "order", strings: order), CivilDate.column(named: "final_order_date", final),
                DataColumn(name: "days", integers: days), DataColumn(name: "returned", integers: returned),
        ])
    }
}
