public import Tabular

/// A period of care: a maximal run of a child's episodes joined by continuity, i.e. each episode either ended
/// with REC X1 or ended on the day the next one started (SSDA903 rule 388; domain-notes §2.1). A new period
/// after one that ended with an E-code is a return to care.
public struct PeriodOfCare: Sendable, Hashable {
    public var key: ChildKey
    /// 1-based number of the period among the child's periods.
    public var index: Int
    public var start: CivilDate
    /// DEC of the last episode; nil while the period is open.
    public var end: CivilDate?
    /// REC of the last episode (nil while open).
    public var endReasonCode: String?
    /// The period's episodes in DECOM order.
    public var episodes: [SSDA903Episode]

    public var endReason: ReasonEpisodeCeased? { endReasonCode.flatMap(ReasonEpisodeCeased.parse) }

    /// How the period ended, grouped for competing risks (the `periods` dataset's `exit` column): `in_care` while
    /// open, else `home`, `adoption`, `sgo_cao` or `other`.
    public var exitGroup: String {
        guard !isOpen, let r = endReason else { return isOpen ? "in_care" : "other" }
        return r.isReturnHome ? "home" : r.isAdoption ? "adoption" : r.isSGOOrCAO ? "sgo_cao" : "other"
    }
    public var isOpen: Bool { end == nil }
    public var legalStatusAtEntry: String? { episodes.first?.lsCode }
    public var legalStatusAtExit: String? { episodes.last?.lsCode }
    public var placementAtEntry: String? { episodes.first?.placeCode }
    public var placementAtExit: String? { episodes.last?.placeCode }

    /// Whether every episode is a short-break legal status (V3, V4): such periods are respite, not entries to
    /// care, and DfE counts leave them out.
    public var isShortBreaksOnly: Bool { episodes.allSatisfy { $0.legalStatus?.isShortBreak ?? false } }

    /// Placement moves: episodes after the first whose RNE is a change of placement (P, T, B or U).
    /// (DfE stability measures also discount temporary T0–T4 placements; this count does not.)
    public var placementMoves: Int {
        episodes.dropFirst().filter { $0.reasonNewEpisode?.isPlacementChange ?? false }.count
    }

    /// Days from start to end, or to `censorDate` while open (never negative).
    public func daysInCare(censorDate: CivilDate) -> Int { max(0, start.days(to: end ?? censorDate)) }

    /// The episode in force on `date` (the last one starting on or before it), if the period covers `date`
    /// (start ≤ date < end; an open period covers every later date).
    public func episode(on date: CivilDate) -> SSDA903Episode? {
        guard start <= date, end.map({ date < $0 }) ?? true else { return nil }
        return episodes.last { ($0.decom.date ?? start) <= date }
    }
}

/// Building periods of care from cleaned episodes.
public enum PeriodsOfCare {
    /// Joins each child's episodes (LA + CHILD; DECOM order) into periods: an episode continues the current
    /// period when the previous episode ended on this DECOM, or ended X1 after this DECOM (an overlap that
    /// validation reports). Nothing joins across a gap: an X1 episode followed by one starting later, or an
    /// open episode followed by another, ends its period there, because the missing time between them may hold
    /// an exit and a return (validation's `incomplete-history` leaves such children out altogether). Episodes
    /// without a CHILD or a valid DECOM are skipped (validation excludes them). Complexity: O(n log n).
    public static func build(_ episodes: [SSDA903Episode]) -> [PeriodOfCare] {
        var periods: [PeriodOfCare] = []
        for (key, list) in groupedByChild(episodes.filter { $0.child != nil && $0.decom.date != nil }) {
            var current: PeriodOfCare?
            var count = 0
            for e in list {
                guard let s = e.decom.date else { continue }
                if var p = current, let last = p.episodes.last, let end = last.dec.date,
                   end == s || (last.reasonCeased == .continuing && s < end) {
                    p.episodes.append(e)
                    p.end = e.dec.date
                    p.endReasonCode = e.dec.date == nil ? nil : e.recCode
                    current = p
                } else {
                    if let p = current { periods.append(p) }
                    count += 1
                    current = PeriodOfCare(key: key, index: count, start: s, end: e.dec.date,
                                           endReasonCode: e.dec.date == nil ? nil : e.recCode, episodes: [e])
                }
            }
            if let p = current { periods.append(p) }
        }
        return periods
    }

    /// The default end of observation: the inferred data end of the episodes (``DataEnd/inferred(returnYears:startDates:)``
    /// over YEAR, else DECOM: 31 March of the largest YEAR, else of the collection year of the latest DECOM,
    /// stray years set aside). DEC is never used, so one DEC typed as 2030 cannot move it. Nil for no episodes.
    public static func defaultCensorDate(_ episodes: [SSDA903Episode]) -> CivilDate? {
        DataEnd.inferred(returnYears: episodes.compactMap(\.year),
                         startDates: episodes.compactMap { $0.decom.date }.filter { $0 >= earliestPlausibleDate })?.date
    }

    /// The `periods` derived dataset: one row per period with la, child, period, start, end, end_reason, open,
    /// ls_entry, ls_exit, place_entry, place_exit, placement_moves, episodes, days_in_care (to end, or to
    /// `censorDate` while open), and `exit`: how the period ended, for competing-risks analyses of leaving care —
    /// `in_care` (open at the censor date: censored), `home` (E4A, E4B, E13), `adoption` (E11, E12),
    /// `sgo_cao` (special guardianship or child arrangements order) or `other`.
    public static func table(_ periods: [PeriodOfCare], censorDate: CivilDate) throws(CareDataError) -> DataFrame {
        try makeFrame([
            DataColumn(name: "la", strings: periods.map(\.key.la)),
            DataColumn(name: "child", strings: periods.map(\.key.child)),
            DataColumn(name: "period", integers: periods.map(\.index)),
            CivilDate.column(named: "start", periods.map(\.start)),
            CivilDate.column(named: "end", periods.map(\.end)),
            DataColumn(name: "end_reason", strings: periods.map(\.endReasonCode)),
            Bool.column(named: "open", periods.map(\.isOpen)),
            DataColumn(name: "ls_entry", strings: periods.map(\.legalStatusAtEntry)),
            DataColumn(name: "ls_exit", strings: periods.map(\.legalStatusAtExit)),
            DataColumn(name: "place_entry", strings: periods.map(\.placementAtEntry)),
            DataColumn(name: "place_exit", strings: periods.map(\.placementAtExit)),
            DataColumn(name: "placement_moves", integers: periods.map(\.placementMoves)),
            DataColumn(name: "episodes", integers: periods.map(\.episodes.count)),
            DataColumn(name: "days_in_care", integers: periods.map { $0.daysInCare(censorDate: censorDate) }),
            DataColumn(name: "exit", strings: periods.map(\.exitGroup)),
        ])
    }
}
