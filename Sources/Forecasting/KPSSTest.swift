internal import Foundation

/// The KPSS level-stationarity test (Kwiatkowski, Phillips, Schmidt & Shin 1992) as urca's `ur.kpss(type = "mu")`
/// computes it, with the lag forecast's `ndiffs` passes (trunc(3√n/13)) and the p-value forecast reads off urca's
/// critical-value table by linear interpolation, clamped to [0.01, 0.10].
///
/// Statistic: with e = y − ȳ and partial sums S_t, η = Σ S_t² / n² divided by the Bartlett long-run variance
/// s² = Σe²/n + (2/n) Σ_{i=1..l} (1 − i/(l+1)) Σ_t e_t e_{t−i}.
public struct KPSSTest: Sendable, Equatable {
    public let statistic: Double
    public let lag: Int
    /// forecast's interpolated p-value (NaN when the statistic is undefined, e.g. no variation).
    public let pValue: Double

    /// urca's critical values for the level ("mu") test at 10%, 5%, 2.5% and 1%.
    static let criticalValues: [(statistic: Double, p: Double)] = [(0.347, 0.10), (0.463, 0.05), (0.574, 0.025), (0.739, 0.01)]

    public init(_ y: [Double], lag: Int? = nil) {
        let n = y.count
        let l = lag ?? Int((3 * Double(n).squareRoot() / 13).rounded(.towardZero))
        self.lag = l
        let mean = y.reduce(0, +) / Double(n)
        let e = y.map { $0 - mean }
        var s = 0.0, eta = 0.0
        for v in e { s += v; eta += s * s }
        eta /= Double(n) * Double(n)
        var s2 = e.reduce(0) { $0 + $1 * $1 } / Double(n)
        if l > 0 {
            var extra = 0.0
            for i in 1...l where i < n {
                var cov = 0.0
                for t in i..<n { cov += e[t] * e[t - i] }
                extra += (1 - Double(i) / Double(l + 1)) * cov
            }
            s2 += 2 / Double(n) * extra
        }
        statistic = eta / s2
        pValue = Self.interpolatedPValue(statistic)
    }

    /// R's `approx(cval, p, xout = stat, rule = 2)`.
    static func interpolatedPValue(_ stat: Double) -> Double {
        guard !stat.isNaN else { return .nan }
        let cv = criticalValues
        if stat <= cv[0].statistic { return cv[0].p }
        if stat >= cv[cv.count - 1].statistic { return cv[cv.count - 1].p }
        for i in 1..<cv.count where stat <= cv[i].statistic {
            let (x0, y0) = cv[i - 1], (x1, y1) = cv[i]
            return y0 + (y1 - y0) * (stat - x0) / (x1 - x0)
        }
        return cv[cv.count - 1].p
    }
}

/// forecast's `ndiffs(x, test = "kpss", alpha = 0.05, max.d = 2)`: the number of first differences after which the
/// KPSS test no longer rejects level stationarity at 5%. Stops early on a constant series; an undefined statistic
/// stops the search where R's does (NA → the previous count).
public func kpssDifferences(_ x: [Double], alpha: Double = 0.05, maxD: Int = 2) -> Int {
    var y = x
    var d = 0
    if ARIMASeries.isConstant(y) { return d }
    func reject(_ y: [Double]) -> Bool? {
        guard !y.isEmpty else { return nil }
        let p = KPSSTest(y).pValue
        return p.isNaN ? nil : p < alpha
    }
    guard var dodiff = reject(y) else { return d }
    while dodiff && d < maxD {
        d += 1
        y = ARIMASeries.difference(y, lag: 1)
        if ARIMASeries.isConstant(y) { return d }
        guard let next = reject(y) else { return d - 1 }
        dodiff = next
    }
    return d
}

/// Series helpers with R's semantics.
enum ARIMASeries {
    /// R's `diff(x, lag)`.
    static func difference(_ x: [Double], lag: Int, times: Int = 1) -> [Double] {
        var y = x
        for _ in 0..<times { y = y.count > lag ? (lag..<y.count).map { y[$0] - y[$0 - lag] } : [] }
        return y
    }

    /// forecast's `is.constant`: `all.equal(x, rep(x[1], n))` with tolerance 1.5e-8 — the mean absolute difference
    /// from the first value over the unequal elements, relative to their mean absolute value when that exceeds the
    /// tolerance.
    static func isConstant(_ x: [Double]) -> Bool {
        guard let first = x.first else { return false }
        var diff = 0.0, size = 0.0
        var count = 0
        for v in x where v != first {
            diff += abs(v - first)
            size += abs(v)
            count += 1
        }
        if count == 0 { return true }
        let tolerance = 1.5e-8
        let meanSize = size / Double(count)
        let xy = diff / Double(count)
        return (meanSize.isFinite && meanSize > tolerance ? xy / meanSize : xy) <= tolerance
    }
}
