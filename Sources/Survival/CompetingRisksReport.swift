internal import Reporting

/// One row of a competing-risks table: cause `cause`'s cumulative incidence read at `time`.
public struct CompetingRisksTimePoint: Sendable, Equatable {
    public let time: Double
    public let cause: String
    /// Number at risk at the first curve time ≥ `time` (0 after the last).
    public let nRisk: Double
    /// Events of this cause since the previous row's time (all events up to `time` for the first row).
    public let nEvent: Double
    public let incidence: Double
    public let standardError: Double
    public let lower: Double
    public let upper: Double
}

/// Reporting of a ``CompetingRisksFit``: rows per (time, cause), at every curve time or at requested times
/// (R's `summary(fit, times =)` rules: values of the last curve time ≤ t, at risk at the first time ≥ t,
/// events in (previous requested time, t], times after the last curve time dropped), as Reporting tables and as
///
///     {"confidence_level", "confidence_type", "variance", "causes": [...],
///      "strata": [{"name", "n", "table": [{"time", "cause", "n_risk", "n_event", "incidence", "std_error",
///                                          "conf_low", "conf_high"}]}]}
///
/// Counts are of people: callers showing them must apply disclosure control.
extension CompetingRisksFit {
    /// Rows of stratum `s`, ordered by time then cause.
    /// Empty for a stratum index outside `curves.indices`.
    public func rows(stratum s: Int, times: [Double]? = nil) -> [CompetingRisksTimePoint] {
        guard curves.indices.contains(s), let last = curves[s].time.last else { return [] }
        let c = curves[s]
        let requested = times.map { $0.filter { $0.isFinite && $0 <= last }.sorted() } ?? c.time
        var out: [CompetingRisksTimePoint] = []
        var j = 0
        var cumulative = [Double](repeating: 0, count: causeNames.count)
        var previous = cumulative
        for t in requested {
            while j < c.time.count && c.time[j] <= t {
                for k in causeNames.indices { cumulative[k] += c.nEvent[k][j] }
                j += 1
            }
            let next = (j > 0 && c.time[j - 1] == t) ? j - 1 : j
            let risk = next < c.time.count ? c.nRisk[next] : 0
            for k in causeNames.indices {
                let i = j - 1
                out.append(CompetingRisksTimePoint(
                    time: t, cause: causeNames[k], nRisk: risk, nEvent: cumulative[k] - previous[k],
                    incidence: i >= 0 ? c.incidence[k][i] : 0, standardError: i >= 0 ? c.standardError[k][i] : 0,
                    lower: i >= 0 ? c.lower[k][i] : .nan, upper: i >= 0 ? c.upper[k][i] : .nan))
            }
            previous = cumulative
        }
        return out
    }


}
