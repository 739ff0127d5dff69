/// The life-table rows of a ``KaplanMeierFit`` (R's `summary(fit)`); tables, JSON and figures are published through
/// the disclosure gate (``KaplanMeierFit/addResults(to:name:title:times:timesAsIncidence:timesTitle:)``), whose JSON
/// has this shape:
///
///     {"confidence_level": 0.95, "confidence_type": "log",
///      "strata": [{"name", "n", "events", "median", "median_conf_low", "median_conf_high",
///                  "table": [{"time", "n_risk", "n_event", "n_censor", "survival", "std_error",
///                             "conf_low", "conf_high"}, ...]}, ...]}
///
/// `std_error` is the standard error of S(t) itself (R's `summary(fit)$std.err`), not of log S. Table rows are
/// every distinct event or censoring time (R's `summary(fit, censored = TRUE)`), or the requested times
/// (R's `summary(fit, times = ...)`). NaN (R's NA) is written as `null`.
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
}
