/// The Kaplan–Meier estimate read at a chosen time, as one row of R's `summary(fit, times = ...)`.
///
/// At requested time t (R's rules, `extend = FALSE`): survival, its SE and limits, and the cumulative hazard
/// are those of the last curve time ≤ t (1, 0, 1, 1, 0 before the first time, R's `survfit0` origin row at
/// min(0, first time); when the first time is that origin, R — and so this — reads the first row instead);
/// `nRisk` is the number at risk at the first curve time ≥ t; `nEvent` and `nCensor` count what happened in
/// (previous requested time, t].
public struct KaplanMeierTimePoint: Sendable, Equatable {
    public let time: Double
    public let nRisk: Double
    public let nEvent: Double
    public let nCensor: Double
    public let survival: Double
    /// SE of S (R `summary(fit, times)$std.err`).
    public let standardError: Double
    public let lower: Double
    public let upper: Double
    public let cumulativeHazard: Double
    public let cumulativeHazardStandardError: Double
}

extension KaplanMeierCurve {
    /// The curve at `times` (sorted ascending; non-finite times dropped; times after the curve's last time
    /// dropped, as R's `extend = FALSE`). O(m + k log k) for m curve times and k requested times.
    public func summary(at times: [Double]) -> [KaplanMeierTimePoint] {
        guard let last = time.last else { return [] }
        let requested = times.filter { $0.isFinite && $0 <= last }.sorted()
        var out: [KaplanMeierTimePoint] = []
        out.reserveCapacity(requested.count)
        // Origin row (survfit0): inserted at start = min(0, first time) unless the first time is that start.
        let start = Swift.min(0, time[0])
        let hasOrigin = time[0] != start
        var j = 0            // number of curve times <= t
        var eventsBefore = 0.0, censorBefore = 0.0, eventsCum = 0.0, censorCum = 0.0
        for t in requested {
            while j < time.count && time[j] <= t {
                eventsCum += nEvent[j]
                censorCum += nCensor[j]
                j += 1
            }
            // First curve time >= t.
            var k = j
            if j > 0 && time[j - 1] == t { k = j - 1 }
            let risk: Double
            if hasOrigin && t <= start { risk = nRisk[0] } else { risk = k < time.count ? nRisk[k] : 0 }
            let point: KaplanMeierTimePoint
            if j == 0 && !hasOrigin {
                // R reads row max(1, index) when no origin row was inserted (first time <= 0 < ... ): the
                // first curve row's values, with no events counted.
                point = KaplanMeierTimePoint(
                    time: t, nRisk: risk, nEvent: 0, nCensor: 0, survival: survival[0],
                    standardError: survival[0] * standardErrorLog[0], lower: lower[0], upper: upper[0],
                    cumulativeHazard: cumulativeHazard[0], cumulativeHazardStandardError: cumulativeHazardStandardError[0])
            } else if j == 0 {
                point = KaplanMeierTimePoint(
                    time: t, nRisk: risk, nEvent: 0, nCensor: 0, survival: 1, standardError: 0,
                    lower: 1, upper: 1, cumulativeHazard: 0, cumulativeHazardStandardError: 0)
            } else {
                let i = j - 1
                point = KaplanMeierTimePoint(
                    time: t, nRisk: risk, nEvent: eventsCum - eventsBefore, nCensor: censorCum - censorBefore,
                    survival: survival[i], standardError: survival[i] * standardErrorLog[i],
                    lower: lower[i], upper: upper[i], cumulativeHazard: cumulativeHazard[i],
                    cumulativeHazardStandardError: cumulativeHazardStandardError[i])
            }
            eventsBefore = eventsCum
            censorBefore = censorCum
            out.append(point)
        }
        return out
    }
}
