/// One stratum's Aalen–Johansen estimate for competing risks: one entry per distinct exit time, as R's
/// multi-state `survfit` object (state 0 = event-free, states 1…K = the causes).
///
/// Counts are unweighted head counts (as R's multi-state `survfit`; the estimates use the case weights).
/// Standard errors are of the probabilities themselves (R's `fit$std.err` for a
/// multi-state fit), by the infinitesimal jackknife (see ``AalenJohansen``).
public struct CompetingRisksCurve: Sendable, Equatable {
    /// Stratum label ("" when unstratified).
    public let name: String
    /// Number of (unweighted) rows in the stratum.
    public let n: Int
    /// Distinct exit times, ascending.
    public let time: [Double]
    /// Number at risk (event-free and under observation) just before each time.
    public let nRisk: [Double]
    /// Number censored at each time.
    public let nCensor: [Double]
    /// `nEvent[k][i]`: number of events of cause k + 1 at time i.
    public let nEvent: [[Double]]
    /// Event-free probability S(t) (the all-cause Kaplan–Meier estimate).
    public let eventFree: [Double]
    /// Standard error of S(t).
    public let eventFreeStandardError: [Double]
    /// `incidence[k][i]`: cumulative incidence F_k(t_i) of cause k + 1.
    public let incidence: [[Double]]
    /// Standard errors of the cumulative incidences.
    public let standardError: [[Double]]
    /// Pointwise confidence limits of the cumulative incidences (NaN where R gives NA).
    public let lower: [[Double]]
    public let upper: [[Double]]
}
