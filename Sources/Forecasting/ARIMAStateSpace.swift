internal import Foundation

/// The state-space form of an ARIMA model that R's `stats::arima` uses (Gardner, Harvey & Phillips 1980; Durbin &
/// Koopman 2001, §3.4), with its exact Gaussian likelihood by the Kalman filter.
///
/// With r = max(p, q + 1) and the differencing polynomial Δ of degree d (d + mD coefficients), the state has
/// rd = r + len(Δ) elements: the ARMA part in companion form and the last len(Δ) observations of the undifferenced
/// series. The ARMA block of the initial covariance is the stationary covariance Q₀ (Gardner et al.'s AS 154
/// solution, R's `getQ0`), the differenced part is diffuse with variance κ = 10⁶ (R's `kappa`). Observations whose
/// innovation variance is ≥ 10⁴ (those absorbed by the diffuse start) do not enter the likelihood, as in R's
/// `ARIMA_Like`.
///
/// One workspace serves every evaluation of one model: all buffers are allocated once, so the filter loop
/// allocates nothing.
final class ARIMAKalman {
    let p: Int
    let q: Int
    let r: Int
    let d: Int
    let rd: Int
    // Raw buffers, allocated once per model (`init`) and freed in `deinit`: the filter runs hundreds of times per fit
    // and Swift's exclusivity and bounds checks on class-held arrays cost more than the arithmetic at these sizes.
    let phiPtr: UnsafeMutablePointer<Double>
    let thetaPtr: UnsafeMutablePointer<Double>
    let delta: [Double]
    private let deltaPtr: UnsafeMutablePointer<Double>
    private let aPtr: UnsafeMutablePointer<Double>
    private let PPtr: UnsafeMutablePointer<Double>
    private let PnewPtr: UnsafeMutablePointer<Double>
    private let anew: UnsafeMutablePointer<Double>
    private let M: UnsafeMutablePointer<Double>
    private let mm: UnsafeMutablePointer<Double>
    /// AS 154 workspace.
    private let q0: UnsafeMutablePointer<Double>
    private let v: UnsafeMutablePointer<Double>
    private let xnext: UnsafeMutablePointer<Double>
    private let xrow: UnsafeMutablePointer<Double>
    private let rbar: UnsafeMutablePointer<Double>
    private let thetab: UnsafeMutablePointer<Double>
    private let storage: UnsafeMutablePointer<Double>
    static let kappa = 1e6

    init(p: Int, q: Int, delta: [Double]) {
        self.p = p
        self.q = q
        self.r = max(p, q + 1)
        self.d = delta.count
        self.rd = r + delta.count
        self.delta = delta
        let np = r * (r + 1) / 2
        let nrbar = max(1, np * (np - 1) / 2)
        let sizes = [p, q, d, rd, rd * rd, rd * rd, rd, rd, rd * rd, r * r, np, np, np, nrbar, np]
        let total = sizes.reduce(0, +) + 1
        let base = UnsafeMutablePointer<Double>.allocate(capacity: total)
        base.initialize(repeating: 0, count: total)
        storage = base
        var offset = 0
        func next(_ size: Int) -> UnsafeMutablePointer<Double> {
            defer { offset += size }
            return base + offset
        }
        phiPtr = next(p)
        thetaPtr = next(q)
        deltaPtr = next(d)
        aPtr = next(rd)
        PPtr = next(rd * rd)
        PnewPtr = next(rd * rd)
        anew = next(rd)
        M = next(rd)
        mm = next(rd * rd)
        q0 = next(r * r)
        v = next(np)
        xnext = next(np)
        xrow = next(np)
        rbar = next(nrbar)
        thetab = next(np)
        for i in 0..<d { deltaPtr[i] = delta[i] }
    }

    deinit { storage.deallocate() }

    var phi: [Double] {
        get { Array(UnsafeBufferPointer(start: phiPtr, count: p)) }
        set { for i in 0..<p { phiPtr[i] = newValue[i] } }
    }
    var theta: [Double] {
        get { Array(UnsafeBufferPointer(start: thetaPtr, count: q)) }
        set { for i in 0..<q { thetaPtr[i] = newValue[i] } }
    }
    /// Filtered state and covariance after the last observation (column-major rd × rd), as R leaves them in
    /// `fit$model` for `KalmanForecast`.
    var a: [Double] {
        get { Array(UnsafeBufferPointer(start: aPtr, count: rd)) }
        set { for i in 0..<rd { aPtr[i] = newValue[i] } }
    }
    var P: [Double] {
        get { Array(UnsafeBufferPointer(start: PPtr, count: rd * rd)) }
        set { for i in 0..<(rd * rd) { PPtr[i] = newValue[i] } }
    }

    /// The differencing polynomial Δ of (1 − B)^d (1 − Bᵐ)^D, as R's `arima` builds it (signs flipped, leading 1
    /// dropped): y_t = Σ Δ_i y_{t−i} + w_t.
    static func differencingPolynomial(d: Int, seasonalD: Int, period: Int) -> [Double] {
        var poly = [1.0]
        func convolve(_ b: [Double]) {
            var out = [Double](repeating: 0, count: poly.count + b.count - 1)
            for i in poly.indices { for j in b.indices { out[i + j] += poly[i] * b[j] } }
            poly = out
        }
        for _ in 0..<d { convolve([1, -1]) }
        for _ in 0..<seasonalD { convolve([1] + [Double](repeating: 0, count: max(0, period - 1)) + [-1]) }
        return poly.dropFirst().map { -$0 }
    }

    /// Resets the state to R's `makeARIMA`/`upARIMA` start for the current φ, θ: a = 0, Pn = Q₀ ⊕ κI.
    func resetInitialState() {
        for i in 0..<rd { aPtr[i] = 0 }
        for i in 0..<(rd * rd) { PnewPtr[i] = 0 }
        if r > 1 {
            computeQ0()
            for j in 0..<r { for i in 0..<r { PnewPtr[i + rd * j] = q0[i + r * j] } }
        } else {
            PnewPtr[0] = p > 0 ? 1 / (1 - phiPtr[0] * phiPtr[0]) : 1
        }
        for i in 0..<d { PnewPtr[(r + i) + rd * (r + i)] = Self.kappa }
    }

    /// R's `getQ0`: the stationary covariance of the ARMA state by AS 154 (Gardner, Harvey & Phillips 1980),
    /// solving the Lyapunov equation as a least-squares update (`inclu2`) row by row; for a pure MA process by
    /// back-substitution. The result is in `q0` (r × r, column-major).
    private func computeQ0() {
        let np = r * (r + 1) / 2
        let nrbar = np * (np - 1) / 2
        var ind = 0
        for j in 0..<r {
            let vj = j == 0 ? 1.0 : (j - 1 < q ? thetaPtr[j - 1] : 0)
            for i in j..<r {
                let vi = i == 0 ? 1.0 : (i - 1 < q ? thetaPtr[i - 1] : 0)
                v[ind] = vi * vj
                ind += 1
            }
        }
        for i in 0..<(r * r) { q0[i] = 0 }
        if p > 0 {
            for i in 0..<nrbar { rbar[i] = 0 }
            for i in 0..<np { thetab[i] = 0; xnext[i] = 0 }
            ind = 0
            var ind1 = -1
            let npr = np - r
            let npr1 = npr + 1
            var indj = npr
            var ind2 = npr - 1
            for j in 0..<r {
                let phij = j < p ? phiPtr[j] : 0
                xnext[indj] = 0
                indj += 1
                var indi = npr1 + j
                for i in j..<r {
                    let ynext = v[ind]
                    ind += 1
                    let phii = i < p ? phiPtr[i] : 0
                    if j != r - 1 {
                        xnext[indj] = -phii
                        if i != r - 1 {
                            xnext[indi] -= phij
                            ind1 += 1
                            xnext[ind1] = -1
                        }
                    }
                    xnext[npr] = -phii * phij
                    ind2 += 1
                    if ind2 >= np { ind2 = 0 }
                    xnext[ind2] += 1
                    include(np: np, ynext: ynext)
                    xnext[ind2] = 0
                    if i != r - 1 {
                        xnext[indi] = 0
                        indi += 1
                        xnext[ind1] = 0
                    }
                }
            }
            var ithisr = nrbar - 1
            var im = np - 1
            for i in 0..<np {
                var bi = thetab[im]
                var jm = np - 1
                for _ in 0..<i {
                    bi -= rbar[ithisr] * q0[jm]
                    ithisr -= 1
                    jm -= 1
                }
                q0[im] = bi
                im -= 1
            }
            // Re-order.
            ind = npr
            for i in 0..<r { xnext[i] = q0[ind]; ind += 1 }
            ind = np - 1
            ind1 = npr - 1
            for _ in 0..<npr { q0[ind] = q0[ind1]; ind -= 1; ind1 -= 1 }
            for i in 0..<r { q0[i] = xnext[i] }
        } else {
            var indn = np
            ind = np
            for i in 0..<r {
                for j in 0...i {
                    ind -= 1
                    q0[ind] = v[ind]
                    if j != 0 {
                        indn -= 1
                        q0[ind] += q0[indn]
                    }
                }
            }
        }
        // Unpack the packed upper triangle to a full symmetric matrix.
        ind = np
        var i = r - 1
        while i > 0 {
            var j = r - 1
            while j >= i {
                ind -= 1
                q0[r * i + j] = q0[ind]
                j -= 1
            }
            i -= 1
        }
        for i in 0..<(r - 1) { for j in (i + 1)..<r { q0[i + r * j] = q0[j + r * i] } }
    }

    /// AS 154's `inclu2`: Givens update of (d = q0[0..<np], rbar, thetab) by the row `xnext` with response `ynext`.
    private func include(np: Int, ynext: Double) {
        var y = ynext
        for i in 0..<np { xrow[i] = xnext[i] }
        var ithisr = 0
        for i in 0..<np {
            if xrow[i] != 0 {
                let xi = xrow[i]
                let di = q0[i]
                let dpi = di + xi * xi
                q0[i] = dpi
                let cbar = di / dpi
                let sbar = xi / dpi
                if i + 1 < np {
                    for k in (i + 1)..<np {
                        let xk = xrow[k]
                        let rbthis = rbar[ithisr]
                        xrow[k] = xk - xi * rbthis
                        rbar[ithisr] = cbar * rbthis + sbar * xk
                        ithisr += 1
                    }
                }
                let xk = y
                y = xk - xi * thetab[i]
                thetab[i] = cbar * thetab[i] + sbar * xk
                if di == 0 { return }
            } else {
                ithisr += np - i - 1
            }
        }
    }

    struct Likelihood {
        var ssq: Double
        var sumlog: Double
        var used: Int
    }

    /// R's `ARIMA_Like` from the initial state: the sum of squared standardised innovations, the sum of log
    /// innovation variances and the number of observations counted. `residuals`, when given (count n), receives
    /// the standardised innovations (R's `arima` residuals). Leaves the filtered state in `a`, `P`.
    func filter(_ y: UnsafeBufferPointer<Double>, residuals: UnsafeMutablePointer<Double>?) -> Likelihood {
        resetInitialState()
        var ssq = 0.0, sumlog = 0.0
        var used = 0
        let n = y.count
        for l in 0..<n {
            for i in 0..<r {
                var tmp = i < r - 1 ? aPtr[i + 1] : 0
                if i < p { tmp += phiPtr[i] * aPtr[0] }
                anew[i] = tmp
            }
            if d > 0 {
                if d > 1 { for i in (r + 1)..<rd { anew[i] = aPtr[i - 1] } }
                var tmp = aPtr[0]
                for i in 0..<d { tmp += deltaPtr[i] * aPtr[r + i] }
                anew[r] = tmp
            }
            if l > 0 { predictCovariance() }
            let yl = y[l]
            if !yl.isNaN {
                var resid = yl - anew[0]
                for i in 0..<d { resid -= deltaPtr[i] * anew[r + i] }
                for i in 0..<rd {
                    var tmp = PnewPtr[i]
                    for j in 0..<d { tmp += PnewPtr[i + (r + j) * rd] * deltaPtr[j] }
                    M[i] = tmp
                }
                var gain = M[0]
                for j in 0..<d { gain += deltaPtr[j] * M[r + j] }
                if gain < 1e4 {
                    used += 1
                    ssq += resid * resid / gain
                    sumlog += log(gain)
                }
                residuals?[l] = resid / gain.squareRoot()
                for i in 0..<rd { aPtr[i] = anew[i] + M[i] * resid / gain }
                for j in 0..<rd {
                    let mj = M[j] / gain
                    for i in 0..<rd { PPtr[i + j * rd] = PnewPtr[i + j * rd] - M[i] * mj }
                }
            } else {
                for i in 0..<rd { aPtr[i] = anew[i] }
                for i in 0..<(rd * rd) { PPtr[i] = PnewPtr[i] }
                residuals?[l] = .nan
            }
        }
        return Likelihood(ssq: ssq, sumlog: sumlog, used: used)
    }

    /// Pnew = T P Tᵀ + R Rᵀ, using the structure of T (companion ARMA block, differencing shift) as R does.
    private func predictCovariance() {
        // mm = T P
        for j in 0..<rd {
            for i in 0..<r {
                var tmp = 0.0
                if i < p { tmp += phiPtr[i] * PPtr[rd * j] }
                if i < r - 1 { tmp += PPtr[i + 1 + rd * j] }
                mm[i + rd * j] = tmp
            }
        }
        if d > 0 {
            for j in 0..<rd {
                var tmp = PPtr[rd * j]
                for k in 0..<d { tmp += deltaPtr[k] * PPtr[r + k + rd * j] }
                mm[r + rd * j] = tmp
            }
            if d > 1 { for i in 1..<d { for j in 0..<rd { mm[r + i + rd * j] = PPtr[r + i - 1 + rd * j] } } }
        }
        // Pnew = mm Tᵀ
        for i in 0..<r {
            for j in 0..<rd {
                var tmp = 0.0
                if i < p { tmp += phiPtr[i] * mm[j] }
                if i < r - 1 { tmp += mm[rd * (i + 1) + j] }
                PnewPtr[j + rd * i] = tmp
            }
        }
        if d > 0 {
            for j in 0..<rd {
                var tmp = mm[j]
                for k in 0..<d { tmp += deltaPtr[k] * mm[rd * (r + k) + j] }
                PnewPtr[rd * r + j] = tmp
            }
            if d > 1 { for i in 1..<d { for j in 0..<rd { PnewPtr[rd * (r + i) + j] = mm[rd * (r + i - 1) + j] } } }
        }
        for i in 0...q {
            let vi = i == 0 ? 1.0 : thetaPtr[i - 1]
            for j in 0...q { PnewPtr[i + rd * j] += vi * (j == 0 ? 1.0 : thetaPtr[j - 1]) }
        }
    }

    /// R's `KalmanForecast` from the filtered state: the h-step predictions of the (regression-adjusted) series and
    /// their variances in units of σ² (observation noise h = 0).
    func forecast(horizon: Int) -> (mean: [Double], variance: [Double]) {
        var T = [Double](repeating: 0, count: rd * rd)
        let phi = self.phi, theta = self.theta
        for i in 0..<p { T[i] = phi[i] }
        if r > 1 { for i in 1..<r { T[(i - 1) + rd * i] = 1 } }
        if d > 0 {
            T[r] = 1
            for j in 0..<d { T[r + rd * (r + j)] = delta[j] }
            if d > 1 { for i in 1..<d { T[(r + i) + rd * (r + i - 1)] = 1 } }
        }
        var Rv = [Double](repeating: 0, count: rd)
        Rv[0] = 1
        for i in 0..<q where i + 1 < r { Rv[i + 1] = theta[i] }
        var Z = [Double](repeating: 0, count: rd)
        Z[0] = 1
        for j in 0..<d { Z[r + j] = delta[j] }
        var state = a
        var cov = P
        var next = [Double](repeating: 0, count: rd)
        var tp = [Double](repeating: 0, count: rd * rd)
        var means: [Double] = []
        var variances: [Double] = []
        for _ in 0..<horizon {
            var fc = 0.0
            for i in 0..<rd {
                var tmp = 0.0
                for k in 0..<rd { tmp += T[i + rd * k] * state[k] }
                next[i] = tmp
                fc += tmp * Z[i]
            }
            state = next
            means.append(fc)
            for i in 0..<rd {
                for j in 0..<rd {
                    var tmp = 0.0
                    for k in 0..<rd { tmp += T[i + rd * k] * cov[k + rd * j] }
                    tp[i + rd * j] = tmp
                }
            }
            for i in 0..<rd {
                for j in 0..<rd {
                    var tmp = Rv[i] * Rv[j]
                    for k in 0..<rd { tmp += tp[i + rd * k] * T[j + rd * k] }
                    cov[i + rd * j] = tmp
                }
            }
            var variance = 0.0
            for i in 0..<rd { for j in 0..<rd { variance += Z[i] * Z[j] * cov[i + rd * j] } }
            variances.append(variance)
        }
        return (means, variances)
    }
}
