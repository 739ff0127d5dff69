public import Tabular

/// One set of care proceedings for a child (``ProceedingsColumn``; seed 003 §5: application date, final order
/// date, order made).
public struct CareProceeding: Sendable, Hashable {
    public var row: Int
    public var key: ChildKey
    public var applicationDate: DateField
    public var finalOrderDate: DateField
    public var orderCode: String?

    public init(row: Int, key: ChildKey, applicationDate: DateField, finalOrderDate: DateField = .missing,
                orderCode: String? = nil) {
        self.row = row
        self.key = key
        self.applicationDate = applicationDate
        self.finalOrderDate = finalOrderDate
        self.orderCode = orderCode
    }

    public var order: FinalOrder? { orderCode.flatMap(FinalOrder.parse) }
}

/// Reads proceedings files and builds the leaving-care curve input.
public enum CareProceedingsData {
    /// Proceedings from a table (rows without CHILD are skipped).
    public static func proceedings(from frame: DataFrame, source: String = "proceedings") throws(CareDataError) -> [CareProceeding] {
        let f = try FrameFields(frame, format: FileFormats.proceedings, source: source)
        typealias C = ProceedingsColumn
        return (0..<f.rowCount).compactMap { r in
            guard let c = f.text(C.child.name, r) else { return nil }
            return CareProceeding(row: r, key: ChildKey(la: f.text(C.la.name, r) ?? "", child: c),
                                  applicationDate: f.date(C.applicationDate.name, r),
                                  finalOrderDate: f.date(C.finalOrderDate.name, r), orderCode: f.code(C.orderMade.name, r))
        }
    }

    public static func read(path: String) throws(CareDataError) -> [CareProceeding] {
        try proceedings(from: CSVText.read(path: path), source: path)
    }

    /// Leaving-care curve input (Sinclair et al. 2007; Masson et al. 2018, seed 003 §5): one row per period of
    /// care with la, child, period, start, days (to the end of the period, or to `censorDate` while open),
    /// left (1 if the period ended by `censorDate`), proceedings (1 if the child had care proceedings
    /// overlapping the period: application ≤ period end (or censor) and final order (or censor, while open) ≥
    /// period start), application_date and order (of the first such proceedings). A Kaplan–Meier estimate of
    /// "still in care" by `proceedings` gives the two curves (e.g. 70 % vs 50 % still in care at 50 weeks in the
    /// North Yorkshire test). Proceedings without a readable application date are ignored.
    /// Complexity: O(periods + proceedings).
    public static func leavingCareCurve(periods: [PeriodOfCare], proceedings: [CareProceeding], censorDate: CivilDate)
        throws(CareDataError) -> DataFrame {
        var byChild: [ChildKey: [CareProceeding]] = [:]
        var byID: [String: [CareProceeding]] = [:]
        for p in proceedings where p.applicationDate.date != nil {
            byChild[p.key, default: []].append(p)
            byID[p.key.child, default: []].append(p)
        }
        var la: [String] = [], child: [String] = [], index: [Int] = [], start: [CivilDate?] = [], days: [Int] = []
        var left: [Int] = [], inProc: [Int] = [], app: [CivilDate?] = [], order: [String?] = []
        for p in periods.sorted(by: { ($0.key, $0.index) < ($1.key, $1.index) }) where p.start <= censorDate {
            let candidates = byChild[p.key] ?? (p.key.la.isEmpty ? byID[p.key.child] ?? [] : [])
            let periodEnd = p.end.map { min($0, censorDate) } ?? censorDate
            let overlapping = candidates.filter { c in
                guard let a = c.applicationDate.date else { return false }
                return a <= periodEnd && (c.finalOrderDate.date ?? censorDate) >= p.start
            }.sorted { ($0.applicationDate.date ?? censorDate) < ($1.applicationDate.date ?? censorDate) }
            let ended = p.end.map { $0 <= censorDate } ?? false
            la.append(p.key.la); child.append(p.key.child); index.append(p.index); start.append(p.start)
            days.append(p.start.days(to: ended ? (p.end ?? censorDate) : censorDate))
            left.append(ended ? 1 : 0); inProc.append(overlapping.isEmpty ? 0 : 1)
            app.append(overlapping.first?.applicationDate.date); order.append(overlapping.first?.orderCode)
        }
        return try makeFrame([
            DataColumn(name: "la", strings: la), DataColumn(name: "child", strings: child),
            DataColumn(name: "period", integers: index), CivilDate.column(named: "start", start),
            DataColumn(name: "days", integers: days), DataColumn(name: "left", integers: left),
            DataColumn(name: "proceedings", integers: inProc), CivilDate.column(named: "application_date", app),
            DataColumn(name: "order", strings: order),
        ])
    }
}

extension CareProceedingsData {
    /// Children's journeys through care proceedings (seed 003 §5, the "simplified method" of Masson et al.):
    /// one row per proceedings with a readable application date: la, child, application_date,
    /// final_order_date, order, status_at_application and status_at_final_order (the legal-status group of the
    /// episode in force that day — s20, order, emergency, youth_justice — or not_looked_after; missing while the
    /// proceedings are open), days_in_proceedings (application to final order, or to `censorDate` while open),
    /// days_looked_after (days of care inside that interval) and looked_after_before (a period of care started
    /// before the application). Complexity: O(proceedings × periods of the child).
    public static func journeys(periods: [PeriodOfCare], proceedings: [CareProceeding], censorDate: CivilDate)
        throws(CareDataError) -> DataFrame {
        var byChild: [ChildKey: [PeriodOfCare]] = [:]
        for p in periods { byChild[p.key, default: []].append(p) }
        func status(_ ps: [PeriodOfCare], _ d: CivilDate) -> String {
            for p in ps { if let e = p.episode(on: d) { return e.legalStatus?.group.rawValue.lowercased() ?? "unknown" } }
            return "not_looked_after"
        }
        var la: [String] = [], child: [String] = [], app: [CivilDate?] = [], fin: [CivilDate?] = [], order: [String?] = []
        var atApp: [String?] = [], atFin: [String?] = [], days: [Int] = [], laDays: [Int] = [], before: [Bool] = []
        let sorted = proceedings.sorted { ($0.key, $0.applicationDate.date ?? censorDate) < ($1.key, $1.applicationDate.date ?? censorDate) }
        for c in sorted {
            guard let a = c.applicationDate.date, a <= censorDate else { continue }
            let ps = byChild[c.key] ?? (c.key.la.isEmpty ? [] : byChild[ChildKey(la: "", child: c.key.child)] ?? [])
            let f = c.finalOrderDate.date
            let end = min(f ?? censorDate, censorDate)
            la.append(c.key.la); child.append(c.key.child); app.append(a); fin.append(f); order.append(c.orderCode)
            atApp.append(status(ps, a)); atFin.append(f.map { status(ps, $0) })
            days.append(max(0, a.days(to: end)))
            laDays.append(ps.reduce(0) { sum, p in
                let s = max(p.start, a), e = min(p.end ?? end, end)
                return sum + max(0, s.days(to: e))
            })
            before.append(ps.contains { $0.start < a })
        }
        return try makeFrame([
            DataColumn(name: "la", strings: la), DataColumn(name: "child", strings: child),
            CivilDate.column(named: "application_date", app), CivilDate.column(named: "final_order_date", fin),
            DataColumn(name: "order", strings: order),
            DataColumn(name: "status_at_application", strings: atApp),
            DataColumn(name: "status_at_final_order", strings: atFin),
            DataColumn(name: "days_in_proceedings", integers: days), DataColumn(name: "days_looked_after", integers: laDays),
            Bool.column(named: "looked_after_before", before),
        ])
    }
}
