internal import Foundation

/// forecast 8.20's default seasonal-differencing rule (`nsdiffs(test = "seas")`): difference once when the seasonal
/// strength of an STL decomposition exceeds 0.64 (Wang, Smith & Hyndman 2006). The decomposition is R's
/// `stl(x, s.window = 11)` as forecast's `mstl` calls it for one seasonal period (no robustness iterations; seasonal
/// degree 0, trend and low-pass degree 1, windows and jumps as R's defaults), reimplemented from Cleveland et al.
/// (1990); strength = max(0, min(1, 1 − var(R)/var(R + S))) with R the remainder and S the seasonal component.
enum ARIMASeasonalStrength {
    /// forecast's `nsdiffs` with `max.D = 1`: 1 when the strength exceeds 0.64, else 0 (0 for a constant series or
    /// fewer than two full periods, where R's `stl` would stop and `nsdiffs` answers 0).
    static func seasonalDifferences(_ x: [Double], period: Int) -> Int {
        guard period > 1, x.count > 2 * period, !ARIMASeries.isConstant(x) else { return 0 }
        return strength(x, period: period) > 0.64 ? 1 : 0
    }

    static func strength(_ x: [Double], period: Int) -> Double {
        let (seasonal, trend) = stl(x, period: period, seasonalWindow: 11)
        let remainder = (0..<x.count).map { x[$0] - seasonal[$0] - trend[$0] }
        let detrended = (0..<x.count).map { remainder[$0] + seasonal[$0] }
        return max(0, min(1, 1 - variance(remainder) / variance(detrended)))
    }

    private static func variance(_ v: [Double]) -> Double {
        let mean = v.reduce(0, +) / Double(v.count)
        return v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)
    }

    private static func nextOdd(_ x: Double) -> Int {
        var v = Int(x.rounded())
        if v % 2 == 0 { v += 1 }
        return v
    }

    /// R's `stl` with `robust = FALSE` (inner = 2, outer = 0): seasonal and trend components.
    static func stl(_ y: [Double], period np: Int, seasonalWindow: Int) -> (seasonal: [Double], trend: [Double]) {
        let n = y.count
        var ns = max(3, seasonalWindow), nt = max(3, nextOdd((1.5 * Double(np) / (1 - 1.5 / Double(seasonalWindow))).rounded(.up)))
        var nl = max(3, nextOdd(Double(np)))
        if ns % 2 == 0 { ns += 1 }
        if nt % 2 == 0 { nt += 1 }
        if nl % 2 == 0 { nl += 1 }
        let nsjump = Int((Double(seasonalWindow) / 10).rounded(.up))
        let ntjump = Int((Double(nt) / 10).rounded(.up))
        let nljump = Int((Double(nextOdd(Double(np))) / 10).rounded(.up))
        var trend = [Double](repeating: 0, count: n)
        var season = [Double](repeating: 0, count: n)
        for _ in 0..<2 {
            let detrended = (0..<n).map { y[$0] - trend[$0] }
            // Cycle-subseries smoothing, extended one period at each end: length n + 2·np.
            var c = [Double](repeating: 0, count: n + 2 * np)
            for j in 0..<np {
                let k = (n - 1 - j) / np + 1
                let sub = (0..<k).map { detrended[$0 * np + j] }
                var smooth = [Double](repeating: 0, count: k + 2)
                let inner = loess(sub, window: ns, degree: 0, jump: nsjump)
                for i in 0..<k { smooth[i + 1] = inner[i] }
                smooth[0] = estimate(sub, window: ns, degree: 0, at: 0, left: 1, right: min(ns, k)) ?? smooth[1]
                smooth[k + 1] = estimate(sub, window: ns, degree: 0, at: Double(k + 1), left: max(1, k - ns + 1), right: k) ?? smooth[k]
                for m in 0..<(k + 2) { c[m * np + j] = smooth[m] }
            }
            // Low-pass filter: moving averages of lengths np, np, 3, then loess.
            let ma1 = movingAverage(c, np)
            let ma2 = movingAverage(ma1, np)
            let ma3 = movingAverage(ma2, 3)
            let low = loess(ma3, window: nl, degree: 1, jump: nljump)
            for i in 0..<n { season[i] = c[np + i] - low[i] }
            let deseasoned = (0..<n).map { y[$0] - season[$0] }
            trend = loess(deseasoned, window: nt, degree: 1, jump: ntjump)
        }
        return (season, trend)
    }

    private static func movingAverage(_ x: [Double], _ len: Int) -> [Double] {
        let newn = x.count - len + 1
        guard newn > 0 else { return [] }
        var out = [Double](repeating: 0, count: newn)
        var v = 0.0
        for i in 0..<len { v += x[i] }
        out[0] = v / Double(len)
        if newn > 1 {
            for j in 1..<newn {
                v = v - x[j - 1] + x[len + j - 1]
                out[j] = v / Double(len)
            }
        }
        return out
    }

    /// STL's `stless`: loess at every `jump`-th point, linear interpolation between.
    private static func loess(_ y: [Double], window len: Int, degree: Int, jump: Int) -> [Double] {
        let n = y.count
        if n < 2 { return y }
        var ys = [Double](repeating: 0, count: n)
        let newnj = min(jump, n - 1)
        var nleft = 1, nright = n
        if len >= n {
            nleft = 1
            nright = n
            for i in stride(from: 1, through: n, by: newnj) {
                ys[i - 1] = estimate(y, window: len, degree: degree, at: Double(i), left: nleft, right: nright) ?? y[i - 1]
            }
        } else if newnj == 1 {
            let nsh = (len + 1) / 2
            nleft = 1
            nright = len
            for i in 1...n {
                if i > nsh && nright != n { nleft += 1; nright += 1 }
                ys[i - 1] = estimate(y, window: len, degree: degree, at: Double(i), left: nleft, right: nright) ?? y[i - 1]
            }
        } else {
            let nsh = (len + 1) / 2
            for i in stride(from: 1, through: n, by: newnj) {
                if i < nsh {
                    nleft = 1; nright = len
                } else if i >= n - nsh + 1 {
                    nleft = n - len + 1; nright = n
                } else {
                    nleft = i - nsh + 1; nright = len + i - nsh
                }
                ys[i - 1] = estimate(y, window: len, degree: degree, at: Double(i), left: nleft, right: nright) ?? y[i - 1]
            }
        }
        if newnj != 1 {
            for i in stride(from: 1, through: n - newnj, by: newnj) {
                let delta = (ys[i + newnj - 1] - ys[i - 1]) / Double(newnj)
                for j in (i + 1)..<(i + newnj) { ys[j - 1] = ys[i - 1] + delta * Double(j - i) }
            }
            let k = ((n - 1) / newnj) * newnj + 1
            if k != n {
                ys[n - 1] = estimate(y, window: len, degree: degree, at: Double(n), left: nleft, right: nright) ?? y[n - 1]
                if k != n - 1 {
                    let delta = (ys[n - 1] - ys[k - 1]) / Double(n - k)
                    for j in (k + 1)..<n { ys[j - 1] = ys[k - 1] + delta * Double(j - k) }
                }
            }
        }
        return ys
    }

    /// STL's `stlest`: the tricube-weighted local constant (degree 0) or linear (degree 1) fit at `xs` over the
    /// 1-based positions left…right; nil when no weight is positive.
    private static func estimate(_ y: [Double], window len: Int, degree: Int, at xs: Double, left: Int,
                                 right: Int) -> Double? {
        let n = y.count
        let range = Double(n) - 1
        var h = max(xs - Double(left), Double(right) - xs)
        if len > n { h += Double((len - n) / 2) }
        let h9 = 0.999 * h, h1 = 0.001 * h
        var w = [Double](repeating: 0, count: right - left + 1)
        var a = 0.0
        for j in left...right {
            let r = abs(Double(j) - xs)
            if r <= h9 {
                let wj = r <= h1 ? 1 : pow(1 - pow(r / h, 3), 3)
                w[j - left] = wj
                a += wj
            }
        }
        guard a > 0 else { return nil }
        for j in w.indices { w[j] /= a }
        if h > 0 && degree > 0 {
            var mean = 0.0
            for j in left...right { mean += w[j - left] * Double(j) }
            var b = xs - mean
            var c = 0.0
            for j in left...right { c += w[j - left] * (Double(j) - mean) * (Double(j) - mean) }
            if c.squareRoot() > 0.001 * range {
                b /= c
                for j in left...right { w[j - left] *= b * (Double(j) - mean) + 1 }
            }
        }
        var ys = 0.0
        for j in left...right { ys += w[j - left] * y[j - 1] }
        return ys
    }
}
