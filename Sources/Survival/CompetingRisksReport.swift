public import Reporting

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

    /// The cumulative incidence table of stratum `s`.
    public func table(stratum s: Int, times: [Double]? = nil) -> Table {
        let p = confidenceLevel * 100
        let level = p == p.rounded() ? String(Int(p)) : String(p)
        let name = curves.indices.contains(s) ? curves[s].name : ""
        var t = Table(
            title: name.isEmpty ? "Cumulative incidence (Aalen–Johansen)" : "Cumulative incidence (Aalen–Johansen): \(name)",
            columns: [Column("Time", key: "time"), Column("Cause", key: "cause", alignment: .left),
                      Column("At risk", key: "n_risk"), Column("Events", key: "n_event"),
                      Column("Incidence", key: "incidence"), Column("Std. error", key: "std_error"),
                      Column("\(level)% CI lower", key: "conf_low"), Column("\(level)% CI upper", key: "conf_high")],
            footnotes: ["Standard errors: \(variance == .gray ? "Gray (cmprsk::cuminc)" : "infinitesimal jackknife (R survfit)"); "
                        + "\(confidenceType.rawValue) confidence intervals."])
        for r in rows(stratum: s, times: times) {
            t.append([KaplanMeierFit.number(r.time), .text(r.cause), KaplanMeierFit.count(r.nRisk),
                      KaplanMeierFit.count(r.nEvent), KaplanMeierFit.number(r.incidence),
                      KaplanMeierFit.number(r.standardError), KaplanMeierFit.number(r.lower),
                      KaplanMeierFit.number(r.upper)])
        }
        return t
    }

    public func json(times: [Double]? = nil) -> JSONValue {
        let strata: [JSONValue] = curves.indices.map { s in
            let rows: [JSONValue] = rows(stratum: s, times: times).map { r in
                .object([("time", .number(r.time)), ("cause", .string(r.cause)), ("n_risk", .number(r.nRisk)),
                         ("n_event", .number(r.nEvent)), ("incidence", .number(r.incidence)),
                         ("std_error", .number(r.standardError)), ("conf_low", .number(r.lower)),
                         ("conf_high", .number(r.upper))])
            }
            return .object([("name", .string(curves[s].name)), ("n", .number(Double(curves[s].n))),
                            ("table", .array(rows))])
        }
        return .object([("confidence_level", .number(confidenceLevel)),
                         ("confidence_type", .string(confidenceType.rawValue)), ("variance", .string(variance.rawValue)),
                         ("causes", .array(causeNames.map { .string($0) })), ("strata", .array(strata))])
    }
}
