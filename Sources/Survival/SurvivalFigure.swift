internal import Reporting

/// Options shared by the survival figures (``KaplanMeierFit/figure(_:cumulativeIncidence:)`` and
/// ``CompetingRisksFit/figure(_:)``, and the published figures drawn from a run's disclosure decisions): labels,
/// the display unit of time and the times of the at-risk table. The rule counts of people obey is not an option
/// here: it is applied once, by the run's ``DisclosureGate``.
public struct SurvivalFigureOptions: Sendable, Equatable {
    /// Figure title ("" for none; publication figures usually carry the title in the caption instead).
    public var title: String
    /// x-axis label, e.g. "Years since entering care".
    public var timeLabel: String
    /// y-axis label; `nil` for the default ("Survival probability", "Cumulative incidence").
    public var probabilityLabel: String?
    /// Times are divided by this for display (e.g. 365.25 to show days as years). Must be finite and > 0.
    /// Default 1.
    public var timeScale: Double
    /// Times (in displayed units) of the at-risk table's columns; `nil` for the x-axis tick times (the usual
    /// layout of a number-at-risk table, one count under each tick).
    public var atRiskTimes: [Double]?
    /// Name of the stratifying variable, e.g. "sex": legend entries and at-risk rows then read "sex = 1" (as R's
    /// `survfit` labels strata) rather than "1". `nil` for the bare stratum labels.
    public var strataName: String?
    /// Whether to draw the at-risk table at all. Default true (DESIGN.md: KM curves with at-risk table).
    public var showsAtRiskTable: Bool
    /// Whether to shade the pointwise confidence intervals. Default true.
    public var showsConfidenceBands: Bool
    /// Approximate number of x-axis ticks (Heckbert's rule, ``ChartTicks``; up to 3 more when that gives a
    /// tighter axis). Default 6: enough columns for an informative at-risk table while the counts (up to 6
    /// digits at 12 px) still fit between ticks.
    public var tickCount: Int
    /// Upper limit of the probability axis (the axis runs from 0). Default 1, the full probability scale, so
    /// figures are comparable; a smaller value (e.g. 0.5) magnifies low cumulative incidences.
    public var probabilityLimit: Double
    /// Figure size in px (SVG user units).
    public var width: Double
    public var height: Double

    public init(title: String = "", timeLabel: String = "Time", probabilityLabel: String? = nil,
                timeScale: Double = 1, atRiskTimes: [Double]? = nil, strataName: String? = nil, showsAtRiskTable: Bool = true,
                showsConfidenceBands: Bool = true, tickCount: Int = 6, probabilityLimit: Double = 1,
                width: Double = 720, height: Double = 480) {
        self.title = title
        self.timeLabel = timeLabel
        self.probabilityLabel = probabilityLabel
        self.timeScale = timeScale
        self.atRiskTimes = atRiskTimes
        self.strataName = strataName
        self.showsAtRiskTable = showsAtRiskTable
        self.showsConfidenceBands = showsConfidenceBands
        self.tickCount = tickCount
        self.probabilityLimit = probabilityLimit
        self.width = width
        self.height = height
    }
}

/// What the survival figures share: option checks, the time axis, numbers at risk and their protection.
enum SurvivalFigure {
    /// Throws for options that cannot give a figure.
    static func validate(_ o: SurvivalFigureOptions) throws(SurvivalCurveError) {
        guard o.timeScale.isFinite, o.timeScale > 0 else {
            throw .invalidArgument("time scale must be finite and > 0, got \(o.timeScale)")
        }
        guard o.probabilityLimit.isFinite, o.probabilityLimit > 0, o.probabilityLimit <= 1 else {
            throw .invalidArgument("probability limit must be in (0, 1], got \(o.probabilityLimit)")
        }
        guard o.width.isFinite, o.height.isFinite, o.width >= 200, o.height >= 150 else {
            throw .invalidArgument("figure size must be at least 200 × 150 px, got \(o.width) × \(o.height)")
        }
        if let times = o.atRiskTimes, times.contains(where: { !$0.isFinite }) {
            throw .invalidArgument("at-risk times must be finite")
        }
    }

    /// The x axis (displayed units) covering [min(0, first time), last time] of all curves. Heckbert's loose
    /// labelling (``ChartTicks``) niced the range before choosing the step, which can leave a third of the axis
    /// empty (0–1022 with about 6 ticks gives 0–1500); so the tick counts `tickCount … tickCount + 3` are tried
    /// and the one whose axis is shortest is kept (fewest ticks on a tie; 0–1022 gives 0–1200 by 200). The
    /// limits are fixed on the axis, and the ticks returned are the ones the renderer draws for them.
    /// The time axis covering every curve's times (`times`: one array per curve, ascending; empty ones skipped).
    static func timeAxis(spanning times: [[Double]], options o: SurvivalFigureOptions) -> (axis: ChartAxis, ticks: [Double]) {
        let nonEmpty = times.filter { !$0.isEmpty }
        return timeAxis(first: nonEmpty.map { $0[0] }.min() ?? 0, last: nonEmpty.compactMap(\.last).max() ?? 1, options: o)
    }

    static func timeAxis(first: Double, last: Double, options o: SurvivalFigureOptions) -> (axis: ChartAxis, ticks: [Double]) {
        let lo = Swift.min(0, first) / o.timeScale
        let hi = Swift.max(lo, last / o.timeScale)
        let base = Swift.min(Swift.max(2, o.tickCount), 50)
        var best = ChartTicks.heckbert(minimum: lo, maximum: hi, count: base), bestCount = base
        for c in (base + 1)...(base + 3) {
            let t = ChartTicks.heckbert(minimum: lo, maximum: hi, count: c)
            if t.upper - t.lower < best.upper - best.lower { best = t; bestCount = c }
        }
        let axis = ChartAxis(o.timeLabel, limits: best.lower...best.upper, tickCount: bestCount)
        let drawn = ChartTicks.fixed(lower: best.lower, upper: best.upper, count: bestCount)
        return (axis, drawn.values)
    }

    /// The number at risk at time `t` as R's `summary(fit, times = t, extend = TRUE)` reports it: the number at
    /// risk at the first curve time ≥ t (the first row's count before the first time), 0 after the last time.
    /// O(log m) for m curve times.
    static func atRisk(time: [Double], nRisk: [Double], at t: Double) -> Double {
        var lo = 0, hi = time.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if time[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo < nRisk.count ? nRisk[lo] : 0
    }

    /// A number at risk, exact: rounded to an integer when case weights made it fractional.
    static func exactCell(_ count: Double) -> Cell {
        guard count.isFinite, count >= 0, count < 1e15 else { return .missing }
        return .integer(Int(count.rounded()))
    }

    /// The label of stratum `name` in legends and at-risk rows.
    static func stratumLabel(_ name: String, options o: SurvivalFigureOptions) -> String {
        guard let v = o.strataName, !v.isEmpty else { return name }
        return "\(v) = \(name)"
    }

    /// The footnote on the exact numbers at risk of the library's own figures.
    static let exactAtRiskFootnote = "Numbers at risk are exact counts of people (no disclosure control: not for "
        + "release; commands publish figures drawn from the disclosure gate's decisions)."

    /// The footnote on the bands.
    static func bandFootnote(level: Double, type: SurvivalConfidenceType) -> String {
        let p = level * 100
        let shown = p == p.rounded() && abs(p) < 1e6 ? String(Int(p)) : String(p)
        return "Shaded: pointwise \(shown)% confidence intervals (\(type.rawValue) transformation)."
    }

    /// Dash patterns telling strata apart when colour tells causes apart.
    static func dash(_ s: Int) -> [Double] {
        let patterns: [[Double]] = [[], [7, 4], [2, 3], [9, 3, 2, 3]]
        return patterns[s % patterns.count]
    }
}
