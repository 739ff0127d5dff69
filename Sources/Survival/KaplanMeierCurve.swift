internal import Foundation

/// One stratum's Kaplan–Meier estimate: one entry per distinct exit time (event or censoring) of the stratum,
/// the same rows as R's `survfit` object (`censor = TRUE`), computed by ``KaplanMeierKernel``.
///
/// Counts are weighted (case weights); `n` is the unweighted number of rows, as R's `fit$n`.
/// The standard error reported to people (``standardError``) is that of S itself, S·SE(log S), as R's
/// `summary(fit)$std.err`; ``standardErrorLog`` is R's `fit$std.err` (SE of log S, Greenwood).
public struct KaplanMeierCurve: Sendable, Equatable {
    /// Stratum label ("" when unstratified).
    public let name: String
    /// Number of (unweighted) rows in the stratum.
    public let n: Int
    /// Distinct exit times, ascending.
    public let time: [Double]
    /// Weighted number at risk just before each time (entry < t ≤ exit).
    public let nRisk: [Double]
    /// Weighted number of events at each time.
    public let nEvent: [Double]
    /// Weighted number censored at each time.
    public let nCensor: [Double]
    /// Product-limit survival S(t).
    public let survival: [Double]
    /// Greenwood standard error of log S(t) (R `fit$std.err`); +∞ once S reaches 0.
    public let standardErrorLog: [Double]
    /// Nelson–Aalen cumulative hazard H(t) = Σ d/n (R `fit$cumhaz`, `ctype = 1`).
    public let cumulativeHazard: [Double]
    /// Standard error of H(t), √Σ d/n² (R `fit$std.chaz`).
    public let cumulativeHazardStandardError: [Double]
    /// Lower pointwise confidence limit of S(t) (NaN where R gives NA).
    public let lower: [Double]
    /// Upper pointwise confidence limit of S(t) (NaN where R gives NA).
    public let upper: [Double]

    init(name: String, n: Int, steps: KaplanMeierKernel.Steps, type: SurvivalConfidenceType, z: Double) {
        self.name = name
        self.n = n
        time = steps.time
        nRisk = steps.nRisk
        nEvent = steps.nEvent
        nCensor = steps.nCensor
        survival = steps.survival
        standardErrorLog = steps.varianceLog.map { $0.squareRoot() }
        cumulativeHazard = steps.cumulativeHazard
        cumulativeHazardStandardError = steps.varianceHazard.map { $0.squareRoot() }
        var lo = [Double](repeating: 0, count: time.count)
        var hi = lo
        for i in 0..<time.count {
            (lo[i], hi[i]) = type.interval(survival: survival[i], seLog: standardErrorLog[i], z: z)
        }
        lower = lo
        upper = hi
    }

    /// Standard error of S(t) itself, S·SE(log S) (R `summary(fit)$std.err`; NaN where S = 0).
    public var standardError: [Double] { zip(survival, standardErrorLog).map { $0 * $1 } }

    /// Cumulative incidence 1 − S(t) (the probability of the event by t when there are no competing risks).
    public var cumulativeIncidence: [Double] { survival.map { 1 - $0 } }

    /// Total weighted number of events.
    public var events: Double { nEvent.reduce(0, +) }

    /// The `p`-quantile of the survival time (time by which a fraction p has had the event) with its confidence
    /// limits, by R's `quantile.survfit` rules: the first time at which 1 − S(t) reaches p (within
    /// √ε ≈ 1.5e−8), and when S lies exactly on 1 − p over a flat stretch, the midpoint of that stretch (to the
    /// last observed time if the stretch is the curve's end). The limits apply the same rule to the upper and
    /// lower confidence curves. NaN when not reached (R's NA). O(m) for m distinct times.
    public func quantile(_ p: Double) -> SurvivalQuantile {
        guard p >= 0 && p <= 1 else { return SurvivalQuantile(probability: p, estimate: .nan, lower: .nan, upper: .nan) }
        let tol = Double.ulpOfOne.squareRoot()
        return SurvivalQuantile(
            probability: p,
            estimate: SurvivalQuantile.find(time: time, curve: survival, p: p, tolerance: tol),
            lower: SurvivalQuantile.find(time: time, curve: lower, p: p, tolerance: tol),
            upper: SurvivalQuantile.find(time: time, curve: upper, p: p, tolerance: tol))
    }

    /// Median survival time with its confidence limits as R's `print(fit)` and `summary(fit)$table` report it
    /// (`survmean`'s rule): the first time with S < 0.5 + √ε; if S there is within √ε of 0.5 and the curve later
    /// drops below that value, the midpoint of the two times, otherwise that first time. The limits apply the
    /// rule to the lower and upper confidence curves. This differs from `quantile(0.5)` (R's
    /// `quantile.survfit`) only when S ends flat at exactly 0.5: then `quantile` takes the midpoint with the last
    /// time and `print` the first time, as in R. NaN when not reached.
    public var median: SurvivalQuantile {
        SurvivalQuantile(
            probability: 0.5,
            estimate: SurvivalQuantile.printedMedian(time: time, curve: survival),
            lower: SurvivalQuantile.printedMedian(time: time, curve: lower),
            upper: SurvivalQuantile.printedMedian(time: time, curve: upper))
    }
}
