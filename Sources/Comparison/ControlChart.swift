import Foundation

/// A statistical process control chart of one unit's series (issue 14 part 4), with the NHS England "Making Data
/// Count" rules for special-cause variation (``ControlChartRules``).
///
/// Kinds (Montgomery, *Introduction to Statistical Quality Control*, 7th ed., ch. 6–7; NHS MDC "SPC" guidance):
/// - ``Kind/xmr``: individuals chart of any measured value (a rate each year). Centre `x̄`; moving ranges
///   `MRᵢ = |xᵢ − xᵢ₋₁|`; limits `x̄ ± 2.66·MR̄` (2.66 = 3/d₂, d₂ = 1.128), so σ = MR̄/1.128.
/// - ``Kind/p``: proportions `yᵢ/nᵢ`; centre `p̄ = Σy/Σn`; limits `p̄ ± 3√(p̄(1 − p̄)/nᵢ)`, clamped to [0, 1].
/// - ``Kind/c``: counts with a constant opportunity; centre `c̄ = mean count`; limits `c̄ ± 3√c̄`, lower clamped at 0.
/// - ``Kind/u``: rates of counts over a changing denominator (children in the LA each year); centre `ū = Σy/Σn`;
///   limits `ū ± 3√(ū/nᵢ)`, lower clamped at 0 (reported per `per`).
///
/// Rebasing (a new centre and limits from a given point on) happens only when asked (``rebaseAt``): the limits of
/// each phase come from that phase's points only. Without it one centre and set of limits cover the whole series.
public struct ControlChart: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case xmr, p, c, u
    }

    public var kind: Kind
    public var rules: ControlChartRules
    /// Indices (0-based, ascending) of the points that start a new phase. Empty: no rebasing (the default).
    public var rebaseAt: [Int]
    /// Multiplier reporting p and u charts (1 for a proportion, 10,000 for a rate per 10,000).
    public var per: Double

    public init(kind: Kind, rules: ControlChartRules = ControlChartRules(), rebaseAt: [Int] = [], per: Double = 1) {
        self.kind = kind
        self.rules = rules
        self.rebaseAt = rebaseAt
        self.per = per
    }

    /// Computes the chart. `values` are the measured values (XmR), or the counts (p, c, u); `denominators` the
    /// p-chart's trials or the u-chart's population (required for those kinds, ignored otherwise).
    /// - Throws: ``ControlChartError`` for too few points, a missing or non-positive denominator, a non-finite value,
    ///   a count above its denominator (p), a negative count, or rebasing indices out of order or leaving a phase
    ///   shorter than 2 points.
    public func fit(labels: [String], values: [Double], denominators: [Double]? = nil) throws(ControlChartError) -> ControlChartResult {
        let n = values.count
        guard labels.count == n else { throw .lengthMismatch(labels: labels.count, values: n) }
        guard n >= 2 else { throw .tooFewPoints(n) }
        for (i, v) in values.enumerated() where !v.isFinite { throw .notFinite(label: labels[i], value: v) }
        if kind != .xmr {
            for (i, v) in values.enumerated() where v < 0 { throw .negativeCount(label: labels[i], value: v) }
        }
        if kind == .p || kind == .u {
            guard let d = denominators, d.count == n else { throw .denominatorRequired(kind.rawValue) }
            for i in 0..<n {
                guard d[i].isFinite, d[i] > 0 else { throw .nonPositiveDenominator(label: labels[i], value: d[i]) }
                if kind == .p, values[i] > d[i] { throw .countExceedsDenominator(label: labels[i], count: values[i], denominator: d[i]) }
            }
        }
        var starts = [0] + rebaseAt
        for k in 1..<starts.count where !(starts[k] > starts[k - 1] && starts[k] < n) { throw .invalidRebase(rebaseAt) }
        starts.append(n)
        for k in 0..<(starts.count - 1) where starts[k + 1] - starts[k] < 2 { throw .invalidRebase(rebaseAt) }

        var points: [ControlChartPoint] = []
        for k in 0..<(starts.count - 1) {
            let range = starts[k]..<starts[k + 1]
            points += phase(range, labels: labels, values: values, denominators: denominators, phaseIndex: k)
        }
        let signals = rules.evaluate(points)
        for i in points.indices { points[i].signals = signals[i] }
        return ControlChartResult(kind: kind, rules: rules, per: per, points: points)
    }

    private func phase(_ r: Range<Int>, labels: [String], values: [Double], denominators: [Double]?,
                       phaseIndex: Int) -> [ControlChartPoint] {
        let m = Double(r.count)
        switch kind {
        case .xmr:
            let centre = r.reduce(0) { $0 + values[$1] } / m
            var mr = 0.0
            for i in r.dropFirst() { mr += abs(values[i] - values[i - 1]) }
            mr /= m - 1
            let sigma = mr / 1.128
            return r.map { i in
                ControlChartPoint(label: labels[i], value: values[i], centre: centre, lower: centre - 2.66 * mr,
                                  upper: centre + 2.66 * mr, sigma: sigma, phase: phaseIndex)
            }
        case .c:
            let centre = r.reduce(0) { $0 + values[$1] } / m
            let s = centre.squareRoot()
            return r.map { i in
                ControlChartPoint(label: labels[i], value: values[i], centre: centre, lower: max(0, centre - 3 * s),
                                  upper: centre + 3 * s, sigma: s, phase: phaseIndex)
            }
        case .p, .u:
            let d = denominators!
            let centre = r.reduce(0) { $0 + values[$1] } / r.reduce(0) { $0 + d[$1] }
            return r.map { i in
                let s = kind == .p ? (centre * (1 - centre) / d[i]).squareRoot() : (centre / d[i]).squareRoot()
                let hi = kind == .p ? min(1, centre + 3 * s) : centre + 3 * s
                return ControlChartPoint(label: labels[i], value: values[i] / d[i] * per, centre: centre * per,
                                         lower: max(0, centre - 3 * s) * per, upper: hi * per, sigma: s * per,
                                         phase: phaseIndex)
            }
        }
    }
}

/// One point of a control chart, on the reported scale.
public struct ControlChartPoint: Sendable, Equatable {
    public var label: String
    public var value: Double
    public var centre: Double
    public var lower: Double
    public var upper: Double
    /// The point's σ (limits are centre ± 3σ; "near the limits" is beyond centre ± 2σ).
    public var sigma: Double
    /// Which phase (0 unless rebased).
    public var phase: Int
    /// The special-cause rules this point takes part in.
    public var signals: [ControlChartSignal] = []
}

/// A computed chart.
public struct ControlChartResult: Sendable {
    public var kind: ControlChart.Kind
    public var rules: ControlChartRules
    public var per: Double
    public var points: [ControlChartPoint]

    /// The direction of special cause at the last point (nil: common-cause variation there).
    public var latestSignal: ControlChartSignal.Direction? { points.last?.signals.first?.direction }
}

/// Why a chart cannot be drawn.
public enum ControlChartError: Error, Equatable, CustomStringConvertible {
    case lengthMismatch(labels: Int, values: Int)
    case tooFewPoints(Int)
    case notFinite(label: String, value: Double)
    case negativeCount(label: String, value: Double)
    case denominatorRequired(String)
    case nonPositiveDenominator(label: String, value: Double)
    case countExceedsDenominator(label: String, count: Double, denominator: Double)
    case invalidRebase([Int])
    case invalidRule(String)

    public var description: String {
        switch self {
        case .lengthMismatch(let l, let v): return "\(l) labels for \(v) values"
        case .tooFewPoints(let n): return "a control chart needs at least 2 points, got \(n)"
        case .notFinite(let l, let v): return "point \(l): value \(v) is not a finite number"
        case .negativeCount(let l, let v): return "point \(l): count \(v) is negative"
        case .denominatorRequired(let k): return "a \(k) chart needs a denominator for every point"
        case .nonPositiveDenominator(let l, let v): return "point \(l): denominator must be positive and finite, got \(v)"
        case .countExceedsDenominator(let l, let c, let d): return "point \(l): count \(c) exceeds its denominator \(d)"
        case .invalidRebase(let r): return "rebasing points \(r) must be ascending, inside the series, and leave at least 2 points in every phase"
        case .invalidRule(let s): return s
        }
    }
}
