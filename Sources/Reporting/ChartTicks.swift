import Foundation

/// Axis ticks at "nice" numbers: Heckbert's (1990) loose labelling ("Nice numbers for graph labels", Graphics
/// Gems, pp. 61–63, 657–659).
///
/// Heckbert's method was chosen over Wilkinson's extended algorithm (Talbot, Lin & Hanrahan 2010) because it is
/// short, deterministic and easy to check by hand, and its steps (1, 2 or 5 × 10^k) and loose range (the axis is
/// widened to the ticks around the data) are what readers of clinical and social-care figures expect; e.g. data
/// in [0, 1] give 0, 0.2, …, 1.
///
/// Algorithm: `range = nice(max − min, round: false)`, `step = nice(range / (n − 1), round: true)`, axis from
/// `floor(min / step)·step` to `ceil(max / step)·step`, where `nice(x)` is 1, 2, 5 or 10 × 10^⌊log10 x⌋ (rounding:
/// fraction < 1.5 → 1, < 3 → 2, < 7 → 5, else 10; not rounding: ≤ 1 → 1, ≤ 2 → 2, ≤ 5 → 5, else 10).
public struct ChartTicks: Sendable, Equatable {
    /// The axis limits (the outermost ticks).
    public let lower: Double
    public let upper: Double
    /// The spacing between ticks.
    public let step: Double
    /// Tick values from `lower` to `upper`, computed as integer multiples of the step so that decimals are the
    /// nearest doubles (0.6, not 0.6000000000000001).
    public let values: [Double]

    /// Heckbert's loose labelling of `[minimum, maximum]` with about `count` ticks (at least 2).
    ///
    /// Degenerate input does not fail: non-finite limits give [0, 1]; equal limits are widened by 10% of their
    /// magnitude (or by 1 at zero); reversed limits are swapped. O(number of ticks).
    public static func heckbert(minimum: Double, maximum: Double, count: Int = 5) -> ChartTicks {
        var lo = minimum, hi = maximum
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if lo > hi { swap(&lo, &hi) }
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad; hi += pad
        }
        let n = max(2, count)
        let range = NiceNumber(hi - lo, round: false)
        let step = NiceNumber(range.value / Double(n - 1), round: true)
        let first = (lo / step.value).rounded(.down)
        let last = (hi / step.value).rounded(.up)
        // Guard against absurd tick counts (e.g. a tiny range far from zero cannot give more than a few ticks,
        // but rounding at the limits of double precision could).
        let k0 = Int(max(-1e12, min(1e12, first))), k1 = Int(max(-1e12, min(1e12, last)))
        let values: [Double] = k1 - k0 > 1000 ? [lo, hi] : (k0...k1).map { step.multiple($0) }
        return ChartTicks(lower: values.first ?? lo, upper: values.last ?? hi, step: step.value, values: values)
    }

    /// Ticks for a fixed axis range (no widening): Heckbert's step for the range, keeping the ticks inside it.
    public static func fixed(lower: Double, upper: Double, count: Int = 5) -> ChartTicks {
        let loose = heckbert(minimum: lower, maximum: upper, count: count)
        let lo = min(lower, upper), hi = max(lower, upper)
        guard lo.isFinite, hi.isFinite, lo < hi else { return loose }
        let eps = loose.step * 1e-9
        let inside = loose.values.filter { $0 >= lo - eps && $0 <= hi + eps }
        return ChartTicks(lower: lo, upper: hi, step: loose.step, values: inside)
    }

    /// Ticks for a base-10 logarithmic axis covering `[minimum, maximum]` (both > 0): the powers of ten around
    /// the data, with 2× and 5× multiples added when the data span less than two decades. Non-positive or
    /// non-finite limits give [1, 10].
    public static func log10(minimum: Double, maximum: Double) -> ChartTicks {
        var lo = minimum, hi = maximum
        if !(lo > 0) || !(hi > 0) || !lo.isFinite || !hi.isFinite { lo = 1; hi = 10 }
        if lo > hi { swap(&lo, &hi) }
        var e0 = Int(Foundation.log10(lo).rounded(.down)), e1 = Int(Foundation.log10(hi).rounded(.up))
        e0 = max(-300, e0); e1 = min(300, e1)
        if e1 <= e0 { e1 = e0 + 1 }
        var values: [Double] = []
        for e in e0...e1 {
            let p = Foundation.pow(10.0, Double(e))
            values.append(p)
            if e1 - e0 < 2 && e < e1 { values += [2 * p, 5 * p] }
        }
        return ChartTicks(lower: values[0], upper: values[values.count - 1], step: 10, values: values)
    }
}

/// A number 1, 2, 5 or 10 × 10^k near `x` (Heckbert 1990), kept as mantissa and exponent so its multiples can be
/// computed exactly in decimal.
struct NiceNumber {
    let mantissa: Double
    let exponent: Int

    init(_ x: Double, round: Bool) {
        let ax = x > 0 && x.isFinite ? x : 1
        var e = Int(Foundation.log10(ax).rounded(.down))
        let f = ax / Foundation.pow(10.0, Double(e))
        var m: Double
        if round { m = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10 } else { m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10 }
        if m == 10 { m = 1; e += 1 }
        mantissa = m
        exponent = e
    }

    var value: Double { multiple(1) }

    /// `k × mantissa × 10^exponent`, dividing by a power of ten for negative exponents so that e.g. 3 × 0.2 is
    /// exactly the double nearest 0.6.
    func multiple(_ k: Int) -> Double {
        let m = Double(k) * mantissa
        return exponent >= 0 ? m * Foundation.pow(10.0, Double(exponent)) : m / Foundation.pow(10.0, Double(-exponent))
    }
}
