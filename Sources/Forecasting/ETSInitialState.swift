import Foundation

/// R forecast's `initstate` and `initparam`: the starting values from which the optimiser searches.
///
/// They change only where the search starts, not the model or its likelihood; they are R's so that the search
/// starts where R's does.
enum ETSStartingValues {
    /// R's `initstate`: ℓ₀ (and b₀) from a straight line through the first max(10, 2m) seasonally adjusted values;
    /// seasonal states from a classical decomposition (R's `decompose`) when n ≥ 3m, else from a regression on a
    /// linear trend and one Fourier pair. Returns the free states: ℓ₀, b₀, s₀ … s_{m−2} (the last season is
    /// implied by the seasons summing to 0 (additive) or m (multiplicative)).
    static func initialStates(y: [Double], model: ETSModel, period m: Int) -> [Double] {
        let n = y.count
        var seasonalStates: [Double] = []
        var adjusted = y
        var mEff = 1
        if model.season != .none {
            mEff = m
            let seasonal: [Double]
            if n < 3 * m {
                seasonal = fourierDetrended(y: y, period: m, multiplicative: model.season == .multiplicative)
            } else {
                seasonal = decompose(y: y, period: m, multiplicative: model.season == .multiplicative)
            }
            // rev(seasonal[2:m])
            seasonalStates = (1..<m).reversed().map { seasonal[$0] }
            if model.season == .additive {
                for i in 0..<n { adjusted[i] = y[i] - seasonal[i] }
            } else {
                seasonalStates = seasonalStates.map { max($0, 0.01) }
                let total = seasonalStates.reduce(0, +)
                if total > Double(m) {
                    let denominator = seasonalStates.reduce(0) { $0 + $1 + 0.01 }
                    seasonalStates = seasonalStates.map { $0 / denominator }
                }
                for i in 0..<n { adjusted[i] = y[i] / max(seasonal[i], 0.01) }
            }
        }
        let maxn = min(max(10, 2 * mEff), n)
        var out: [Double] = []
        if !model.trend.hasSlope {
            out.append(adjusted[0..<maxn].reduce(0, +) / Double(maxn))
        } else {
            let (intercept, slope) = lineFit(Array(adjusted[0..<maxn]))
            var l0 = intercept, b0 = slope
            if abs(l0 + b0) < 1e-8 {
                l0 *= 1 + 0.001
                b0 *= 1 - 0.001
            }
            out.append(l0)
            out.append(b0)
        }
        return out + seasonalStates
    }

    /// Least-squares line through (1, v₁) … (k, v_k) (R's `lsfit(1:k, v)`): (intercept, slope).
    static func lineFit(_ v: [Double]) -> (Double, Double) {
        let k = Double(v.count)
        guard v.count > 1 else { return (v.first ?? 0, 0) }
        let xbar = (k + 1) / 2
        let ybar = v.reduce(0, +) / k
        var sxy = 0.0, sxx = 0.0
        for (i, value) in v.enumerated() {
            let dx = Double(i + 1) - xbar
            sxy += dx * (value - ybar)
            sxx += dx * dx
        }
        let slope = sxy / sxx
        return (ybar - slope * xbar, slope)
    }

    /// R's `decompose(y, type)$seasonal`: centred moving-average trend, seasonal figure as the mean detrended value
    /// at each position in the cycle, centred to mean 0 (additive) or 1 (multiplicative).
    static func decompose(y: [Double], period f: Int, multiplicative: Bool) -> [Double] {
        let n = y.count
        var filter = [Double](repeating: 1 / Double(f), count: f)
        if f % 2 == 0 {
            filter = [0.5 / Double(f)] + [Double](repeating: 1 / Double(f), count: f - 1) + [0.5 / Double(f)]
        }
        let width = filter.count, offset = width / 2
        var trend = [Double?](repeating: nil, count: n)
        for i in 0..<n where i - offset >= 0 && i - offset + width - 1 < n {
            var s = 0.0
            for k in 0..<width { s += filter[k] * y[i - offset + k] }
            trend[i] = s
        }
        var figure = [Double](repeating: 0, count: f)
        for pos in 0..<f {
            var total = 0.0, count = 0
            var i = pos
            while i < n {
                if let t = trend[i] {
                    total += multiplicative ? y[i] / t : y[i] - t
                    count += 1
                }
                i += f
            }
            figure[pos] = count > 0 ? total / Double(count) : .nan
        }
        let mean = figure.reduce(0, +) / Double(f)
        figure = figure.map { multiplicative ? $0 / mean : $0 - mean }
        return (0..<n).map { figure[$0 % f] }
    }

    /// The branch of R's `initstate` for n < 3m: regress y on 1, t, sin(2πt/m), cos(2πt/m) (R's `fourier(y, 1)`;
    /// the sine column is dropped for m = 2, where it is zero) and return y − a − bt (or y / (a + bt)).
    static func fourierDetrended(y: [Double], period m: Int, multiplicative: Bool) -> [Double] {
        let n = y.count
        var columns: [[Double]] = [
            [Double](repeating: 1, count: n),
            (1...n).map { Double($0) },
        ]
        let p = 1 / Double(m)
        if abs(2 * p - (2 * p).rounded()) > Double.ulpOfOne {
            columns.append((1...n).map { sin(2 * Double.pi * p * Double($0)) })
        }
        columns.append((1...n).map { cos(2 * Double.pi * p * Double($0)) })
        let k = columns.count
        // Normal equations (k ≤ 4), solved by Gaussian elimination with partial pivoting.
        var a = [[Double]](repeating: [Double](repeating: 0, count: k + 1), count: k)
        for r in 0..<k {
            for c in 0..<k { a[r][c] = zip(columns[r], columns[c]).reduce(0) { $0 + $1.0 * $1.1 } }
            a[r][k] = zip(columns[r], y).reduce(0) { $0 + $1.0 * $1.1 }
        }
        for col in 0..<k {
            let pivot = (col..<k).max { abs(a[$0][col]) < abs(a[$1][col]) } ?? col
            a.swapAt(col, pivot)
            guard a[col][col] != 0 else { continue }
            for r in 0..<k where r != col {
                let factor = a[r][col] / a[col][col]
                for c in col...k { a[r][c] -= factor * a[col][c] }
            }
        }
        let intercept = a[0][k] / a[0][0], slope = a[1][k] / a[1][1]
        return (0..<n).map { i in
            let line = intercept + slope * Double(i + 1)
            return multiplicative ? y[i] / line : y[i] - line
        }
    }

    /// R's `initparam`: starting smoothing parameters inside the bounds. Returns them in the order α, β, γ, φ
    /// (those the model has).
    static func initialParameters(model: ETSModel, period m: Int, bounds: ETSBounds,
                                  limits: ETSParameterBounds) -> ETSParameters {
        var lower = limits.lower, upper = limits.upper
        if bounds == .admissible {
            for i in 0..<3 { lower[i] = 0; upper[i] = 0.001 }
        }
        var alpha = lower[0] + 0.2 * (upper[0] - lower[0]) / Double(m)
        if alpha > 1 || alpha < 0 { alpha = lower[0] + 0.002 }
        var parameters = ETSParameters(alpha: alpha)
        if model.trend.hasSlope {
            upper[1] = min(upper[1], alpha)
            var beta = lower[1] + 0.1 * (upper[1] - lower[1])
            if beta < 0 || beta > alpha { beta = alpha - 0.001 }
            parameters.beta = beta
        }
        if model.season != .none {
            upper[2] = min(upper[2], 1 - alpha)
            var gamma = lower[2] + 0.05 * (upper[2] - lower[2])
            if gamma < 0 || gamma > 1 - alpha { gamma = 1 - alpha - 0.001 }
            parameters.gamma = gamma
        }
        if model.trend == .damped {
            var phi = lower[3] + 0.99 * (upper[3] - lower[3])
            if phi < 0 || phi > 1 { phi = upper[3] - 0.001 }
            parameters.phi = phi
        }
        return parameters
    }
}
