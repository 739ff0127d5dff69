internal import Foundation

/// The regression term of an ARIMA model as forecast's `Arima` adds it: an intercept (the mean, when there is no
/// differencing) or a drift (the regressor 1, 2, …, n, when there is one difference).
enum ARIMARegressor: Sendable, Equatable {
    case none
    case intercept
    case drift

    /// The regressor's value at observation `t` (0-based).
    func value(at t: Int) -> Double {
        switch self {
        case .none: return 0
        case .intercept: return 1
        case .drift: return Double(t + 1)
        }
    }
}

/// Why R's `arima` would stop with an error for this model and series.
struct ARIMAEstimationFailure: Error, Sendable {
    let reason: String
}

/// An ARIMA model fitted (or evaluated) the way R's `stats::arima(method = "CSS-ML", transform.pars = TRUE)` does.
struct ARIMAEstimate: Sendable {
    let layout: ARIMAParameterLayout
    let d: Int
    let seasonalD: Int
    let regressor: ARIMARegressor
    /// Untransformed coefficients in R's order (ar…, ma…, sar…, sma…, intercept|drift).
    let coefficients: [Double]
    /// Which coefficients were estimated (R's `mask`); false only for R's `fixed` values.
    let mask: [Bool]
    /// R's `var.coef` over the estimated coefficients (row-major), from the numerical Hessian; nil when nothing
    /// was estimated.
    let covariance: [Double]?
    /// R's `sigma2` from `arima`: the ML innovation variance, Σ(v²/F)/n.used.
    let sigma2ML: Double
    /// Exact Gaussian log-likelihood (R's `loglik`) and `aic`.
    let logLikelihood: Double
    let aic: Double
    /// Standardised innovations (R's `residuals`).
    let residuals: [Double]
    let nUsed: Int
    /// 0 when the BFGS iterations converged, 1 when the iteration limit stopped them (R's `code`).
    let convergence: Int
    /// Expanded φ, θ, Δ and the filtered state after the last observation, for forecasting.
    let phi: [Double]
    let theta: [Double]
    let delta: [Double]
    let finalState: [Double]
    let finalCovariance: [Double]
    let n: Int
}

/// R's `stats::arima` with forecast's defaults: CSS to start, then exact ML by the Kalman filter, AR parts optimised
/// through the PACF transform, MA parts reflected to invertibility, the Hessian by `optimhess`.
struct ARIMAEstimator {
    let x: [Double]
    let layout: ARIMAParameterLayout
    let d: Int
    let seasonalD: Int
    let regressor: ARIMARegressor

    private var narma: Int { layout.armaCount }
    private var ncxreg: Int { regressor == .none ? 0 : 1 }

    init(x: [Double], p: Int, d: Int, q: Int, seasonalP: Int, seasonalD: Int, seasonalQ: Int, period: Int,
         regressor: ARIMARegressor) {
        self.x = x
        self.layout = ARIMAParameterLayout(p: p, q: q, seasonalP: seasonalP, seasonalQ: seasonalQ,
                                           period: period, regressors: regressor == .none ? 0 : 1)
        self.d = d
        self.seasonalD = seasonalD
        self.regressor = regressor
    }

    /// Objective workspace shared by the CSS and ML objectives of one fit. Buffers are raw pointers allocated once
    /// (freed in `deinit`), so an objective evaluation allocates nothing and pays no exclusivity checks.
    final class Workspace {
        let estimator: ARIMAEstimator
        let kalman: ARIMAKalman
        private let n: Int
        private let k: Int
        private let x: UnsafeMutablePointer<Double>
        private let adjusted: UnsafeMutablePointer<Double>
        private let w: UnsafeMutablePointer<Double>
        private let cssResid: UnsafeMutablePointer<Double>
        private let phiCSS: UnsafeMutablePointer<Double>
        private let thetaCSS: UnsafeMutablePointer<Double>
        private let expansionWork: UnsafeMutablePointer<Double>
        private let par: UnsafeMutablePointer<Double>
        private let fixed: [Double]
        private let mask: [Bool]
        private let storage: UnsafeMutablePointer<Double>

        init(_ e: ARIMAEstimator, fixed: [Double], mask: [Bool]) {
            estimator = e
            let delta = ARIMAKalman.differencingPolynomial(d: e.d, seasonalD: e.seasonalD, period: e.layout.period)
            kalman = ARIMAKalman(p: e.layout.fullP, q: e.layout.fullQ, delta: delta)
            n = e.x.count
            k = fixed.count
            let work = e.layout.armaCount + max(e.layout.p, e.layout.seasonalP, 1)
            let total = 4 * n + e.layout.fullP + e.layout.fullQ + work + k + 1
            let base = UnsafeMutablePointer<Double>.allocate(capacity: total)
            base.initialize(repeating: 0, count: total)
            storage = base
            x = base
            adjusted = base + n
            w = base + 2 * n
            cssResid = base + 3 * n
            phiCSS = base + 4 * n
            thetaCSS = phiCSS + e.layout.fullP
            expansionWork = thetaCSS + e.layout.fullQ
            par = expansionWork + work
            for i in 0..<n { x[i] = e.x[i]; adjusted[i] = e.x[i] }
            self.fixed = fixed
            self.mask = mask
        }

        deinit { storage.deallocate() }

        /// Full parameter vector (into `par`) from the optimised (masked) values; returns the series with the
        /// regression term removed.
        @inline(__always) private func prepare(_ p: borrowing [Double]) -> UnsafeMutablePointer<Double> {
            var j = 0
            for i in 0..<k {
                if mask[i] { par[i] = p[j]; j += 1 } else { par[i] = fixed[i] }
            }
            let e = estimator
            if e.regressor == .none { return x }
            let beta = par[e.layout.armaCount]
            switch e.regressor {
            case .none: break
            case .intercept: for t in 0..<n { adjusted[t] = x[t] - beta }
            case .drift: for t in 0..<n { adjusted[t] = x[t] - Double(t + 1) * beta }
            }
            return adjusted
        }

        /// R's `armafn`: ½(log s² + Σ log F / ν) with s² = Σ v²/F / ν.
        func ml(_ p: borrowing [Double], transform: Bool) -> Double {
            let y = prepare(p)
            ARIMAExpansion.expand(par, layout: estimator.layout, transform: transform, phi: kalman.phiPtr,
                                  theta: kalman.thetaPtr, work: expansionWork)
            let like = kalman.filter(UnsafeBufferPointer(start: y, count: n), residuals: nil)
            let s2 = like.ssq / Double(like.used)
            return 0.5 * (log(s2) + like.sumlog / Double(like.used))
        }

        /// R's `armaCSS`: ½ log of the mean squared conditional residual after `ncond` start-up observations.
        func css(_ p: borrowing [Double], ncond: Int) -> Double {
            let y = prepare(p)
            let e = estimator
            ARIMAExpansion.expand(par, layout: e.layout, transform: false, phi: phiCSS, theta: thetaCSS,
                                  work: expansionWork)
            for l in 0..<n { w[l] = y[l] }
            for _ in 0..<e.d { var l = n - 1; while l > 0 { w[l] -= w[l - 1]; l -= 1 } }
            let ns = e.layout.period
            for _ in 0..<e.seasonalD { var l = n - 1; while l >= ns { w[l] -= w[l - ns]; l -= 1 } }
            let fp = e.layout.fullP, fq = e.layout.fullQ
            var ssq = 0.0
            var nu = 0
            if ncond < n {
                for l in ncond..<n {
                    var tmp = w[l]
                    for j in 0..<fp { tmp -= phiCSS[j] * w[l - j - 1] }
                    let jmax = min(l - ncond, fq)
                    for j in 0..<jmax { tmp -= thetaCSS[j] * cssResid[l - j - 1] }
                    cssResid[l] = tmp
                    if !tmp.isNaN {
                        nu += 1
                        ssq += tmp * tmp
                    }
                }
            }
            return 0.5 * log(ssq / Double(nu))
        }
    }

    /// Ordinary least squares of the differenced series on the differenced regressor (R's `lm(dx ~ dxreg - 1)`):
    /// the starting value and, ×10, the `parscale` of the regression coefficient.
    private func regressionStart() throws(ARIMAEstimationFailure) -> (coef: Double, scale: Double) {
        func difference(_ v: [Double]) -> [Double] {
            var out = v
            for _ in 0..<d { out = zip(out.dropFirst(), out).map { $0 - $1 } }
            if layout.period > 1 {
                for _ in 0..<seasonalD {
                    let m = layout.period
                    out = out.count > m ? (m..<out.count).map { out[$0] - out[$0 - m] } : []
                }
            }
            return out
        }
        let n = x.count
        let xr = (0..<n).map { regressor.value(at: $0) }
        var dx = difference(x)
        var dxr = difference(xr)
        if !(dx.count > 1 && dxr.contains { $0 != 0 }) {
            dx = x
            dxr = xr
        }
        var sxx = 0.0, sxy = 0.0
        for i in dx.indices { sxx += dxr[i] * dxr[i]; sxy += dxr[i] * dx[i] }
        let beta = sxy / sxx
        var rss = 0.0
        for i in dx.indices { let e = dx[i] - dxr[i] * beta; rss += e * e }
        let df = Double(dx.count - 1)
        let se = (rss / df / sxx).squareRoot()
        guard beta.isFinite, se.isFinite, se > 0 else {
            throw ARIMAEstimationFailure(reason: "the regression start has no residual variation")
        }
        return (beta, 10 * se)
    }

    /// Fits the model (R's `arima(…, method = "CSS-ML")`); `fixedRegression` fixes the intercept or drift (R's
    /// `fixed`, as auto.arima uses it for an exactly linear series).
    ///
    /// `polish`: R's BFGS stops when one step improves the objective by less than √ε relatively, which on flat
    /// likelihoods (ARIMA(2,1,1) on 13 points) can be well short of the maximum. With `polish`, the search restarts
    /// from where R's stops (fresh Hessian approximation, finite-difference step 10⁻⁶ instead of 10⁻³, relative
    /// tolerance 1e-13) while that still improves the
    /// likelihood, so the fit is never below R's and usually above it. auto.arima searches without polishing (so
    /// that it walks R's path) and polishes the chosen model.
    func fit(fixedRegression: Double? = nil, polish: Bool = true) throws(ARIMAEstimationFailure) -> ARIMAEstimate {
        let n = x.count
        let lengthDelta = d + layout.period * seasonalD
        let nUsed = n - lengthDelta
        guard nUsed > 0 else { throw ARIMAEstimationFailure(reason: "too few non-missing observations") }
        let k = layout.count
        var fixed = [Double](repeating: .nan, count: k)
        var mask = [Bool](repeating: true, count: k)
        if let fixedRegression, regressor != .none {
            guard narma == 0 else { throw ARIMAEstimationFailure(reason: "fixed regression with ARMA terms is not supported") }
            fixed[narma] = fixedRegression
            mask[narma] = false
        }
        let noOptim = !mask.contains(true)
        let transformPars = !noOptim
        var initial = [Double](repeating: 0, count: k)
        var parscale = [Double](repeating: 1, count: narma)
        if regressor != .none {
            if mask[narma] {
                let start = try regressionStart()
                initial[narma] = start.coef
                parscale.append(start.scale)
            } else {
                parscale.append(1)
            }
        }
        let ws = Workspace(self, fixed: fixed, mask: mask)
        let ncond = d + seasonalD * layout.period + layout.p + layout.period * layout.seasonalP
        let maskedScale = (0..<k).filter { mask[$0] }.map { parscale[$0] }
        let optimizer = ARIMAOptimizer(parscale: maskedScale)
        func masked(_ v: [Double]) -> [Double] { (0..<k).filter { mask[$0] }.map { v[$0] } }

        // 1. Conditional sum of squares for starting values.
        if !noOptim {
            let css: ARIMAOptimizer.Result
            do {
                css = try optimizer.minimize(start: masked(initial)) { ws.css($0, ncond: ncond) }
            } catch {
                throw ARIMAEstimationFailure(reason: "CSS optimisation failed (\(error))")
            }
            if css.convergence == 0 {
                var j = 0
                for i in 0..<k where mask[i] { initial[i] = css.par[j]; j += 1 }
            }
        }
        if layout.p > 0, !ARIMAPolynomialRoots.isStationary(Array(initial[0..<layout.p])) {
            throw ARIMAEstimationFailure(reason: "non-stationary AR part from CSS")
        }
        if layout.seasonalP > 0 {
            let s = layout.p + layout.q
            if !ARIMAPolynomialRoots.isStationary(Array(initial[s..<(s + layout.seasonalP)])) {
                throw ARIMAEstimationFailure(reason: "non-stationary seasonal AR part from CSS")
            }
        }
        for i in 0..<k where !mask[i] { initial[i] = fixed[i] }
        if transformPars {
            initial = layout.invert(initial)
            if layout.q > 0 {
                let inv = ARIMAPolynomialRoots.invertMA(Array(initial[layout.p..<(layout.p + layout.q)]))
                for i in 0..<layout.q { initial[layout.p + i] = inv[i] }
            }
            if layout.seasonalQ > 0 {
                let s = layout.p + layout.q + layout.seasonalP
                let inv = ARIMAPolynomialRoots.invertMA(Array(initial[s..<(s + layout.seasonalQ)]))
                for i in 0..<layout.seasonalQ { initial[s + i] = inv[i] }
            }
        }

        // 2. Exact maximum likelihood.
        var coef = fixed
        var value: Double
        var convergence = 0
        var hessian: [Double] = []
        if noOptim {
            value = ws.ml([], transform: false)
        } else {
            do {
                var res = try optimizer.minimize(start: masked(initial)) { ws.ml($0, transform: transformPars) }
                convergence = res.convergence
                if polish {
                    var tight = optimizer
                    tight.reltol = 1e-13
                    tight.ndeps = 1e-6
                    for _ in 0..<5 {
                        let again = try tight.minimize(start: res.par) { ws.ml($0, transform: transformPars) }
                        guard again.value < res.value else { break }
                        let gain = res.value - again.value
                        res = again
                        if gain < 1e-12 { break }
                    }
                }
                var j = 0
                for i in 0..<k where mask[i] { coef[i] = res.par[j]; j += 1 }
                value = res.value
                var changed = false
                if layout.q > 0 {
                    let inv = ARIMAPolynomialRoots.invertMA(Array(coef[layout.p..<(layout.p + layout.q)]))
                    for i in 0..<layout.q where inv[i] != coef[layout.p + i] { coef[layout.p + i] = inv[i]; changed = true }
                }
                if layout.seasonalQ > 0 {
                    let s = layout.p + layout.q + layout.seasonalP
                    let inv = ARIMAPolynomialRoots.invertMA(Array(coef[s..<(s + layout.seasonalQ)]))
                    for i in 0..<layout.seasonalQ where inv[i] != coef[s + i] { coef[s + i] = inv[i]; changed = true }
                }
                if changed {
                    var zero = optimizer
                    zero.maxit = 0
                    value = try zero.minimize(start: masked(coef)) { ws.ml($0, transform: true) }.value
                }
                hessian = try optimizer.hessian(at: masked(coef)) { ws.ml($0, transform: transformPars) }
            } catch {
                throw ARIMAEstimationFailure(reason: "ML optimisation failed (\(error))")
            }
        }

        // 3. Covariance of the estimates: Aᵀ (H·n.used)⁻¹ A with A the Jacobian of the PACF transform.
        var covariance: [Double]? = nil
        if !noOptim {
            let m = maskedScale.count
            let scaled = hessian.map { $0 * Double(nUsed) }
            let aFull = layout.gradtrans(coef)
            let maskedIdx = (0..<k).filter { mask[$0] }
            var aMat = [Double](repeating: 0, count: m * m)
            for (ii, i) in maskedIdx.enumerated() { for (jj, j) in maskedIdx.enumerated() { aMat[ii * m + jj] = aFull[i * k + j] } }
            guard let solved = SmallLinearSolve.solve(scaled, aMat, n: m, columns: m) else {
                throw ARIMAEstimationFailure(reason: "the Hessian is computationally singular")
            }
            var v = [Double](repeating: 0, count: m * m)
            for i in 0..<m { for j in 0..<m {
                var s = 0.0
                for l in 0..<m { s += aMat[l * m + i] * solved[l * m + j] }
                v[i * m + j] = s
            } }
            covariance = v
            coef = layout.undo(coef)
        }

        // 4. Final filter at the estimates: residuals, σ², the state for forecasting.
        let final = ARIMAKalman(p: layout.fullP, q: layout.fullQ, delta: ws.kalman.delta)
        var work = [Double](repeating: 0, count: layout.armaCount + max(layout.p, layout.seasonalP, 1))
        coef.withUnsafeBufferPointer { cp in
            final.phi.withUnsafeMutableBufferPointer { ph in
                final.theta.withUnsafeMutableBufferPointer { th in
                    work.withUnsafeMutableBufferPointer { wk in
                        ARIMAExpansion.expand(cp.baseAddress!, layout: layout, transform: false,
                                              phi: ph.baseAddress ?? wk.baseAddress!, theta: th.baseAddress ?? wk.baseAddress!,
                                              work: wk.baseAddress!)
                    }
                }
            }
        }
        let adjusted: [Double] = regressor == .none ? x : (0..<n).map { x[$0] - regressor.value(at: $0) * coef[narma] }
        var resid = [Double](repeating: 0, count: n)
        let like = adjusted.withUnsafeBufferPointer { y in
            resid.withUnsafeMutableBufferPointer { final.filter(y, residuals: $0.baseAddress) }
        }
        let sigma2 = like.ssq / Double(nUsed)
        let objective = 2 * Double(nUsed) * value + Double(nUsed) + Double(nUsed) * log(2 * Double.pi)
        let estimated = mask.filter { $0 }.count
        return ARIMAEstimate(layout: layout, d: d, seasonalD: seasonalD, regressor: regressor, coefficients: coef,
                             mask: mask, covariance: covariance, sigma2ML: sigma2, logLikelihood: -0.5 * objective,
                             aic: objective + 2 * Double(estimated) + 2, residuals: resid, nUsed: nUsed,
                             convergence: convergence, phi: final.phi, theta: final.theta, delta: final.delta,
                             finalState: final.a, finalCovariance: final.P, n: n)
    }

    /// The model evaluated at given (untransformed) coefficients in R's order: R's likelihood, residuals and
    /// filtered state at exactly those values, with no optimisation.
    func evaluate(coefficients: [Double]) -> ARIMAEstimate {
        let n = x.count
        let nUsed = n - d - layout.period * seasonalD
        let final = ARIMAKalman(p: layout.fullP, q: layout.fullQ,
                                delta: ARIMAKalman.differencingPolynomial(d: d, seasonalD: seasonalD, period: layout.period))
        var work = [Double](repeating: 0, count: layout.armaCount + max(layout.p, layout.seasonalP, 1))
        coefficients.withUnsafeBufferPointer { cp in
            final.phi.withUnsafeMutableBufferPointer { ph in
                final.theta.withUnsafeMutableBufferPointer { th in
                    work.withUnsafeMutableBufferPointer { wk in
                        ARIMAExpansion.expand(cp.baseAddress ?? UnsafePointer(wk.baseAddress!), layout: layout, transform: false,
                                              phi: ph.baseAddress ?? wk.baseAddress!, theta: th.baseAddress ?? wk.baseAddress!,
                                              work: wk.baseAddress!)
                    }
                }
            }
        }
        let adjusted: [Double] = regressor == .none ? x : (0..<n).map { x[$0] - regressor.value(at: $0) * coefficients[narma] }
        var resid = [Double](repeating: 0, count: n)
        let like = adjusted.withUnsafeBufferPointer { y in
            resid.withUnsafeMutableBufferPointer { final.filter(y, residuals: $0.baseAddress) }
        }
        let s2 = like.ssq / Double(like.used)
        let value = 0.5 * (log(s2) + like.sumlog / Double(like.used))
        let objective = 2 * Double(nUsed) * value + Double(nUsed) + Double(nUsed) * log(2 * Double.pi)
        let k = layout.count
        return ARIMAEstimate(layout: layout, d: d, seasonalD: seasonalD, regressor: regressor,
                             coefficients: coefficients, mask: [Bool](repeating: true, count: k), covariance: nil,
                             sigma2ML: like.ssq / Double(nUsed), logLikelihood: -0.5 * objective,
                             aic: objective + 2 * Double(k) + 2, residuals: resid, nUsed: nUsed, convergence: 0,
                             phi: final.phi, theta: final.theta, delta: final.delta, finalState: final.a,
                             finalCovariance: final.P, n: n)
    }
}

/// Dense solve of a small system A X = B (row-major, n × n and n × columns) by LU with partial pivoting, refusing
/// (nil) where R's `solve` refuses: an exactly singular pivot or a reciprocal condition number (1-norm) below ε.
enum SmallLinearSolve {
    static func solve(_ a: [Double], _ b: [Double], n: Int, columns: Int) -> [Double]? {
        var lu = a
        var piv = Array(0..<n)
        for col in 0..<n {
            var best = col
            for r in col..<n where abs(lu[r * n + col]) > abs(lu[best * n + col]) { best = r }
            if lu[best * n + col] == 0 || !lu[best * n + col].isFinite { return nil }
            if best != col {
                for j in 0..<n { lu.swapAt(best * n + j, col * n + j) }
                piv.swapAt(best, col)
            }
            for r in (col + 1)..<n {
                let f = lu[r * n + col] / lu[col * n + col]
                lu[r * n + col] = f
                for j in (col + 1)..<n { lu[r * n + j] -= f * lu[col * n + j] }
            }
        }
        func apply(_ rhs: [Double], cols: Int) -> [Double] {
            var x = [Double](repeating: 0, count: n * cols)
            for c in 0..<cols {
                var y = (0..<n).map { rhs[piv[$0] * cols + c] }
                for i in 0..<n { for j in 0..<i { y[i] -= lu[i * n + j] * y[j] } }
                var i = n - 1
                while i >= 0 {
                    for j in (i + 1)..<n { y[i] -= lu[i * n + j] * y[j] }
                    y[i] /= lu[i * n + i]
                    i -= 1
                }
                for i in 0..<n { x[i * cols + c] = y[i] }
            }
            return x
        }
        var identity = [Double](repeating: 0, count: n * n)
        for i in 0..<n { identity[i * n + i] = 1 }
        let inverse = apply(identity, cols: n)
        func norm1(_ m: [Double]) -> Double {
            (0..<n).map { c in (0..<n).reduce(0.0) { $0 + abs(m[$1 * n + c]) } }.max() ?? 0
        }
        let rcond = 1 / (norm1(a) * norm1(inverse))
        if !(rcond >= Double.ulpOfOne) { return nil }
        return apply(b, cols: columns)
    }
}
