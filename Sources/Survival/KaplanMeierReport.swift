public import Reporting

/// Reporting of a ``KaplanMeierFit``: as Reporting tables (a per-stratum summary and life tables) and as one
/// JSON object:
///
///     {"confidence_level": 0.95, "confidence_type": "log",
///      "strata": [{"name", "n", "events", "median", "median_conf_low", "median_conf_high",
///                  "table": [{"time", "n_risk", "n_event", "n_censor", "survival", "std_error",
///                             "conf_low", "conf_high"}, ...]}, ...]}
///
/// `std_error` is the standard error of S(t) itself (R's `summary(fit)$std.err`), not of log S. Table rows are
/// every distinct event or censoring time (R's `summary(fit, censored = TRUE)`), or the requested times
/// (R's `summary(fit, times = ...)`). NaN (R's NA) is written as `null`. Counts are weighted when the data have
/// case weights. No disclosure control is applied here: callers showing counts of people must apply it.
extension KaplanMeierFit {
    /// Rows of one stratum's life table: the curve's own times, or `times` read off the curve.
    /// Empty for a stratum index outside `curves.indices`.
    public func lifeTableRows(stratum s: Int, times: [Double]? = nil) -> [KaplanMeierTimePoint] {
        guard curves.indices.contains(s) else { return [] }
        let c = curves[s]
        if let times { return c.summary(at: times) }
        return (0..<c.time.count).map { i in
            KaplanMeierTimePoint(
                time: c.time[i], nRisk: c.nRisk[i], nEvent: c.nEvent[i], nCensor: c.nCensor[i],
                survival: c.survival[i], standardError: c.survival[i] * c.standardErrorLog[i],
                lower: c.lower[i], upper: c.upper[i], cumulativeHazard: c.cumulativeHazard[i],
                cumulativeHazardStandardError: c.cumulativeHazardStandardError[i])
        }
    }

    private var percent: String {
        let p = confidenceLevel * 100
        return p == p.rounded() ? String(Int(p)) : String(p)
    }

    /// One row per stratum: records, events, median survival and its confidence limits (R's `print(fit)`).
    public var summaryTable: Table {
        let level = percent
        var table = Table(
            title: "Kaplan–Meier survival",
            columns: [Column("Stratum", key: "name", alignment: .left), Column("n", key: "n"),
                      Column("Events", key: "events"), Column("Median", key: "median"),
                      Column("\(level)% CI lower", key: "median_conf_low"),
                      Column("\(level)% CI upper", key: "median_conf_high")],
            footnotes: ["Median: first time with survival at or below 0.5 (R survfit rules); "
                        + "\(level)% confidence intervals, \(confidenceType.rawValue) transformation."])
        for c in curves {
            let m = c.median
            table.append([.text(c.name), .integer(c.n), KaplanMeierFit.count(c.events), KaplanMeierFit.number(m.estimate),
                          KaplanMeierFit.number(m.lower), KaplanMeierFit.number(m.upper)])
        }
        return table
    }

    /// The life table of stratum `s` (see the type's documentation for the rows).
    public func lifeTable(stratum s: Int, times: [Double]? = nil) -> Table {
        let level = percent
        let name = curves.indices.contains(s) ? curves[s].name : ""
        var table = Table(
            title: name.isEmpty ? "Kaplan–Meier life table" : "Kaplan–Meier life table: \(name)",
            columns: [Column("Time", key: "time"), Column("At risk", key: "n_risk"), Column("Events", key: "n_event"),
                      Column("Censored", key: "n_censor"), Column("Survival", key: "survival"),
                      Column("Std. error", key: "std_error"), Column("\(level)% CI lower", key: "conf_low"),
                      Column("\(level)% CI upper", key: "conf_high")],
            footnotes: ["Std. error is that of the survival probability (Greenwood)."])
        for p in lifeTableRows(stratum: s, times: times) {
            table.append([KaplanMeierFit.number(p.time), KaplanMeierFit.count(p.nRisk), KaplanMeierFit.count(p.nEvent),
                          KaplanMeierFit.count(p.nCensor), KaplanMeierFit.number(p.survival),
                          KaplanMeierFit.number(p.standardError), KaplanMeierFit.number(p.lower),
                          KaplanMeierFit.number(p.upper)])
        }
        return table
    }

    /// The fit as the JSON object described in the type's documentation.
    public func json(times: [Double]? = nil) -> JSONValue {
        let strata: [JSONValue] = curves.indices.map { s in
            let c = curves[s]
            let m = c.median
            let rows: [JSONValue] = lifeTableRows(stratum: s, times: times).map { p in
                .object([("time", .number(p.time)), ("n_risk", .number(p.nRisk)), ("n_event", .number(p.nEvent)),
                         ("n_censor", .number(p.nCensor)), ("survival", .number(p.survival)),
                         ("std_error", .number(p.standardError)), ("conf_low", .number(p.lower)),
                         ("conf_high", .number(p.upper))])
            }
            return .object([("name", .string(c.name)), ("n", .number(Double(c.n))), ("events", .number(c.events)),
                            ("median", .number(m.estimate)), ("median_conf_low", .number(m.lower)),
                            ("median_conf_high", .number(m.upper)), ("table", .array(rows))])
        }
        return .object([("confidence_level", .number(confidenceLevel)),
                         ("confidence_type", .string(confidenceType.rawValue)), ("strata", .array(strata))])
    }

    static func number(_ x: Double) -> Cell { x.isNaN ? .missing : .number(x) }

    /// Counts are integers unless case weights made them fractional.
    static func count(_ x: Double) -> Cell {
        if x.isNaN { return .missing }
        if x == x.rounded() && abs(x) < 1e15 { return .integer(Int(x)) }
        return .number(x)
    }
}
