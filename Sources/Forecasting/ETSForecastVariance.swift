import Foundation

/// R forecast's analytic forecast means and variances for ETS (`class1`, `class2`, `class3` in `forecast.ets`;
/// Hyndman et al. 2008, ch. 6):
/// - class 1 (additive error, trend N/A/Ad, season N/A): linear state space, v_h = σ²(1 + Σ_{j<h} c_j²) with
///   c_j = H F^{j−1} G;
/// - class 2 (multiplicative error, trend N/A/Ad, season N/A): θ_1 = μ_1², θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j},
///   v_h = (1 + σ²) θ_h − μ_h²;
/// - class 3 (multiplicative error, trend N/A/Ad, multiplicative season): the Kronecker-product recursions for
///   the mean and variance of the product of level-trend and season states. The class-3 mean includes R's σ²
///   correction term, so it differs slightly from the recursion's point forecast, as in R.
///
/// As in R forecast 8.20's `class1`, the seasonal smoothing gain γ sits in the third row of G whether or not the
/// model has a slope (for a model with no trend that row is s₂, not s₁); this reproduces R's intervals exactly.
enum ETSForecastVariance {
    /// Small dense row-major matrix.
    struct Mat {
        var rows: Int
        var cols: Int
        var a: [Double]
        init(_ rows: Int, _ cols: Int) {
            self.rows = rows
            self.cols = cols
            a = [Double](repeating: 0, count: rows * cols)
        }
        subscript(r: Int, c: Int) -> Double {
            get { a[r * cols + c] }
            set { a[r * cols + c] = newValue }
        }
        static func identity(_ n: Int) -> Mat {
            var m = Mat(n, n)
            for i in 0..<n { m[i, i] = 1 }
            return m
        }
        static func * (x: Mat, y: Mat) -> Mat {
            precondition(x.cols == y.rows)
            var out = Mat(x.rows, y.cols)
            for i in 0..<x.rows {
                for k in 0..<x.cols {
                    let v = x[i, k]
                    if v == 0 { continue }
                    for j in 0..<y.cols { out.a[i * y.cols + j] += v * y.a[k * y.cols + j] }
                }
            }
            return out
        }
        static func + (x: Mat, y: Mat) -> Mat {
            var out = x
            for i in out.a.indices { out.a[i] += y.a[i] }
            return out
        }
        static func * (s: Double, x: Mat) -> Mat {
            var out = x
            for i in out.a.indices { out.a[i] *= s }
            return out
        }
        var t: Mat {
            var out = Mat(cols, rows)
            for i in 0..<rows { for j in 0..<cols { out[j, i] = self[i, j] } }
            return out
        }
        /// Kronecker product x ⊗ y.
        static func kron(_ x: Mat, _ y: Mat) -> Mat {
            var out = Mat(x.rows * y.rows, x.cols * y.cols)
            for i in 0..<x.rows {
                for j in 0..<x.cols {
                    let v = x[i, j]
                    for k in 0..<y.rows { for l in 0..<y.cols { out[i * y.rows + k, j * y.cols + l] = v * y[k, l] } }
                }
            }
            return out
        }
    }

    /// Means and variances of the h-step forecast distributions. `state` is the final state (R's
    /// `states[n + 1, ]`), `sigma2` R's `sigma2`.
    static func meansAndVariances(model: ETSModel, period: Int, state: [Double], parameters: ETSParameters,
                                  sigma2: Double, horizon h: Int) -> (mean: [Double], variance: [Double]) {
        switch (model.error, model.season) {
        case (.additive, .none), (.additive, .additive):
            let c = class1(model: model, period: period, state: state, parameters: parameters, sigma2: sigma2,
                           horizon: h)
            return (c.mean, c.variance)
        case (.multiplicative, .none), (.multiplicative, .additive):
            let c = class1(model: model, period: period, state: state, parameters: parameters, sigma2: sigma2,
                           horizon: h)
            var theta = [Double](repeating: 0, count: h)
            theta[0] = c.mean[0] * c.mean[0]
            if h > 1 {
                for j in 1..<h {
                    var s = 0.0
                    for k in 0..<j { s += c.cj[k] * c.cj[k] * theta[j - 1 - k] }
                    theta[j] = c.mean[j] * c.mean[j] + sigma2 * s
                }
            }
            let variance = (0..<h).map { (1 + sigma2) * theta[$0] - c.mean[$0] * c.mean[$0] }
            return (c.mean, variance)
        case (.multiplicative, .multiplicative):
            return class3(model: model, period: period, state: state, parameters: parameters, sigma2: sigma2,
                          horizon: h)
        case (.additive, .multiplicative):
            preconditionFailure("ETS(A,·,M) is a restricted model and is never fitted")
        }
    }

    static func class1(model: ETSModel, period m: Int, state: [Double], parameters: ETSParameters, sigma2: Double,
                       horizon h: Int) -> (mean: [Double], variance: [Double], cj: [Double]) {
        let p = state.count
        let phi = model.trend == .damped ? (parameters.phi ?? 1) : 1
        var H = Mat(1, p)
        H[0, 0] = 1
        if model.season == .additive { H[0, p - 1] = 1 }
        if model.trend.hasSlope { H[0, 1] = phi }
        var F = Mat(p, p)
        F[0, 0] = 1
        if model.trend.hasSlope { F[0, 1] = phi; F[1, 1] = phi }
        if model.season == .additive {
            F[p - m, p - 1] = 1
            for i in 0..<(m - 1) { F[p - m + 1 + i, p - m + i] = 1 }
        }
        var G = Mat(p, 1)
        G[0, 0] = parameters.alpha
        if model.trend.hasSlope { G[1, 0] = parameters.beta ?? 0 }
        if model.season == .additive { G[2, 0] = parameters.gamma ?? 0 }
        var x = Mat(p, 1)
        for i in 0..<p { x[i, 0] = state[i] }
        var mu = [Double](repeating: 0, count: h)
        var cj = [Double](repeating: 0, count: max(h - 1, 0))
        var Fj = Mat.identity(p)
        var variance = [sigma2]
        if h > 1 {
            var cumulative = 0.0
            for i in 0..<(h - 1) {
                let HF = H * Fj
                mu[i] = (HF * x)[0, 0]
                cj[i] = (HF * G)[0, 0]
                Fj = Fj * F
                cumulative += cj[i] * cj[i]
                variance.append(sigma2 * (1 + cumulative))
            }
        }
        mu[h - 1] = (H * Fj * x)[0, 0]
        return (mu, variance, cj)
    }

    static func class3(model: ETSModel, period m: Int, state: [Double], parameters: ETSParameters, sigma2: Double,
                       horizon h: Int) -> (mean: [Double], variance: [Double]) {
        let p = state.count
        let q = model.trend.hasSlope ? 2 : 1
        var H1 = Mat(1, q)
        for i in 0..<q { H1[0, i] = 1 }
        var H2 = Mat(1, m)
        H2[0, m - 1] = 1
        var F1 = Mat(q, q), G1 = Mat(q, q)
        if q == 1 {
            F1[0, 0] = 1
            G1[0, 0] = parameters.alpha
        } else {
            F1[0, 0] = 1; F1[0, 1] = 1; F1[1, 0] = 0
            F1[1, 1] = model.trend == .damped ? (parameters.phi ?? 1) : 1
            G1[0, 0] = parameters.alpha; G1[0, 1] = parameters.alpha
            G1[1, 0] = parameters.beta ?? 0; G1[1, 1] = parameters.beta ?? 0
        }
        var F2 = Mat(m, m)
        F2[0, m - 1] = 1
        for i in 0..<(m - 1) { F2[i + 1, i] = 1 }
        var G2 = Mat(m, m)
        G2[0, m - 1] = parameters.gamma ?? 0
        var Mh = Mat(q, m)
        for i in 0..<q { for j in 0..<m { Mh[i, j] = state[i] * state[p - m + j] } }
        let size = q * m
        var Vh = Mat(size, size)
        let H21 = Mat.kron(H2, H1), F21 = Mat.kron(F2, F1), G21 = Mat.kron(G2, G1)
        let K = Mat.kron(G2, F1) + Mat.kron(F2, G1)
        let H21t = H21.t, F21t = F21.t, G21t = G21.t, Kt = K.t
        var mu = [Double](repeating: 0, count: h), variance = [Double](repeating: 0, count: h)
        for i in 0..<h {
            mu[i] = (H1 * Mh * H2.t)[0, 0]
            variance[i] = (1 + sigma2) * (H21 * Vh * H21t)[0, 0] + sigma2 * mu[i] * mu[i]
            // vec(Mh), column-major as R's c(Mh).
            var v = Mat(size, 1)
            for c in 0..<m { for r in 0..<q { v[c * q + r, 0] = Mh[r, c] } }
            let vv = v * v.t
            let inner = F21 * Vh * G21t + G21 * Vh * F21t + K * (Vh + vv) * Kt
                + sigma2 * (G21 * (3 * Vh + 2 * vv) * G21t)
            Vh = F21 * Vh * F21t + sigma2 * inner
            Mh = F1 * Mh * F2.t + sigma2 * (G1 * Mh * G2.t)
        }
        return (mu, variance)
    }
}
