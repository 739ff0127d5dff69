import Foundation

/// Maps data values on one axis to a fraction of the panel (0 at the lower limit, 1 at the upper).
struct ChartScale {
    let axis: ChartAxis
    let ticks: ChartTicks

    /// The scale for `axis` given all data values on it (non-finite values, and non-positive ones on a log axis,
    /// are ignored).
    init(axis: ChartAxis, data: [Double]) {
        self.axis = axis
        let usable = data.filter { $0.isFinite && (axis.scale == .linear || $0 > 0) }
        let lo = usable.min(), hi = usable.max()
        switch axis.scale {
        case .linear:
            if let limits = axis.limits {
                ticks = .fixed(lower: limits.lowerBound, upper: limits.upperBound, count: axis.tickCount)
            } else {
                ticks = .heckbert(minimum: lo ?? 0, maximum: hi ?? 1, count: axis.tickCount)
            }
        case .log10:
            if let limits = axis.limits, limits.lowerBound > 0 {
                let t = ChartTicks.log10(minimum: limits.lowerBound, maximum: limits.upperBound)
                let inside = t.values.filter { $0 >= limits.lowerBound * (1 - 1e-12) && $0 <= limits.upperBound * (1 + 1e-12) }
                ticks = ChartTicks(lower: limits.lowerBound, upper: limits.upperBound, step: 10, values: inside)
            } else {
                ticks = .log10(minimum: lo ?? 1, maximum: hi ?? 10)
            }
        }
    }

    /// The fraction along the axis, `nil` when the value cannot be placed (non-finite, or ≤ 0 on a log axis).
    func fraction(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        switch axis.scale {
        case .linear:
            let span = ticks.upper - ticks.lower
            return span > 0 ? (v - ticks.lower) / span : 0.5
        case .log10:
            guard v > 0, ticks.lower > 0 else { return nil }
            let a = Foundation.log10(ticks.lower), b = Foundation.log10(ticks.upper)
            return b > a ? (Foundation.log10(v) - a) / (b - a) : 0.5
        }
    }

    func label(_ tick: Double) -> String {
        switch axis.scale {
        case .linear: return NumberFormatting.tickLabel(tick, step: ticks.step)
        case .log10: return NumberFormatting.human(tick, significantDigits: 6)
        }
    }
}
