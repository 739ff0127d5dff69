internal import Foundation

/// The parameter maps of R's `stats::arima` (R Core, src/library/stats/src/arima.c), reimplemented so that a fit here
/// walks the same parameter space as R's optimiser:
///
/// - `partrans`: with `transform.pars = TRUE` an AR block of order p is optimised as p unconstrained reals whose
///   `tanh` are partial autocorrelations; the Durbin–Levinson recursion turns them into AR coefficients, so every
///   point of the search is stationary (Jones 1980).
/// - `expand`: the multiplicative seasonal model (1 − φ(B))(1 − Φ(Bᵐ)) and (1 + θ(B))(1 + Θ(Bᵐ)) multiplied out into
///   the full φ (length p + mP) and θ (length q + mQ) that the state-space form uses.
///
/// The parameter vector is laid out as R's: ar1…ar_p, ma1…ma_q, sar1…sar_P, sma1…sma_Q, then regression
/// coefficients (intercept or drift).
struct ARIMAParameterLayout: Sendable, Equatable {
    let p: Int
    let q: Int
    let seasonalP: Int
    let seasonalQ: Int
    let period: Int
    let regressors: Int

    var armaCount: Int { p + q + seasonalP + seasonalQ }
    var count: Int { armaCount + regressors }
    /// Length of the expanded φ and θ.
    var fullP: Int { p + period * seasonalP }
    var fullQ: Int { q + period * seasonalQ }

    /// R's `partrans`: unconstrained reals → PACF (tanh) → AR coefficients (Durbin–Levinson). `work` has room for
    /// `count` values.
    static func partrans(_ raw: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int,
                         work: UnsafeMutablePointer<Double>) {
        for j in 0..<count {
            out[j] = tanh(raw[j])
            work[j] = out[j]
        }
        if count < 2 { return }
        for j in 1..<count {
            let a = out[j]
            for k in 0..<j { work[k] -= a * out[j - k - 1] }
            for k in 0..<j { out[k] = work[k] }
        }
    }

    /// R's `invpartrans`: AR coefficients → PACF (the Durbin–Levinson recursion run backwards) → atanh.
    static func invpartrans(_ phi: [Double]) -> [Double] {
        let n = phi.count
        var out = phi
        var work = phi
        var j = n - 1
        while j > 0 {
            let a = out[j]
            for k in 0..<j { work[k] = (out[k] + a * out[j - k - 1]) / (1 - a * a) }
            for k in 0..<j { out[k] = work[k] }
            j -= 1
        }
        return out.map { atanh($0) }
    }

    /// The untransformed parameter vector (R's `ARIMA_undoPars`): the AR and seasonal AR blocks through `partrans`.
    func undo(_ raw: [Double]) -> [Double] {
        var out = raw
        var work = [Double](repeating: 0, count: max(p, seasonalP, 1))
        raw.withUnsafeBufferPointer { r in
            out.withUnsafeMutableBufferPointer { o in
                work.withUnsafeMutableBufferPointer { w in
                    if p > 0 { Self.partrans(r.baseAddress!, o.baseAddress!, count: p, work: w.baseAddress!) }
                    if seasonalP > 0 {
                        Self.partrans(r.baseAddress! + p + q, o.baseAddress! + p + q, count: seasonalP,
                                      work: w.baseAddress!)
                    }
                }
            }
        }
        return out
    }

    /// R's `ARIMA_Invtrans`: AR blocks to the unconstrained scale.
    func invert(_ coef: [Double]) -> [Double] {
        var out = coef
        if p > 0 {
            let t = Self.invpartrans(Array(coef[0..<p]))
            for i in 0..<p { out[i] = t[i] }
        }
        if seasonalP > 0 {
            let v = p + q
            let t = Self.invpartrans(Array(coef[v..<(v + seasonalP)]))
            for i in 0..<seasonalP { out[v + i] = t[i] }
        }
        return out
    }

    /// R's `ARIMA_Gradtrans`: the Jacobian of `undo` by forward differences with step 1e-3 (R's `eps`), row-major
    /// `count × count`, identity outside the AR blocks.
    func gradtrans(_ raw: [Double]) -> [Double] {
        let n = count
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { a[i * n + i] = 1 }
        let eps = 1e-3
        for (offset, order) in [(0, p), (p + q, seasonalP)] where order > 0 {
            var w1 = Array(raw[offset..<(offset + order)])
            var w2 = [Double](repeating: 0, count: order)
            var w3 = [Double](repeating: 0, count: order)
            var work = [Double](repeating: 0, count: order)
            w1.withUnsafeBufferPointer { r in
                w2.withUnsafeMutableBufferPointer { o in
                    work.withUnsafeMutableBufferPointer { Self.partrans(r.baseAddress!, o.baseAddress!, count: order, work: $0.baseAddress!) }
                }
            }
            for i in 0..<order {
                w1[i] += eps
                w1.withUnsafeBufferPointer { r in
                    w3.withUnsafeMutableBufferPointer { o in
                        work.withUnsafeMutableBufferPointer { Self.partrans(r.baseAddress!, o.baseAddress!, count: order, work: $0.baseAddress!) }
                    }
                }
                // R's A[i, j] (column-major i + j*n) = d undo_j / d raw_i.
                for j in 0..<order { a[(offset + i) * n + (offset + j)] = (w3[j] - w2[j]) / eps }
                w1[i] -= eps
            }
        }
        return a
    }
}

/// Expands a parameter vector (already untransformed or not, as `transform` says) into the full φ and θ of the
/// state-space model (R's `ARIMA_transPars`). Writes into preallocated buffers; `work` holds at least
/// `layout.armaCount + max(p, P)` doubles.
struct ARIMAExpansion {
    static func expand(_ params: UnsafePointer<Double>, layout: ARIMAParameterLayout, transform: Bool,
                       phi: UnsafeMutablePointer<Double>, theta: UnsafeMutablePointer<Double>,
                       work: UnsafeMutablePointer<Double>) {
        let mp = layout.p, mq = layout.q, msp = layout.seasonalP, msq = layout.seasonalQ, ns = layout.period
        let n = layout.armaCount
        let par = work
        let scratch = work + n
        for i in 0..<n { par[i] = params[i] }
        if transform {
            if mp > 0 { ARIMAParameterLayout.partrans(params, par, count: mp, work: scratch) }
            if msp > 0 {
                ARIMAParameterLayout.partrans(params + mp + mq, par + mp + mq, count: msp, work: scratch)
            }
        }
        let fp = layout.fullP, fq = layout.fullQ
        for i in 0..<fp { phi[i] = i < mp ? par[i] : 0 }
        for i in 0..<fq { theta[i] = i < mq ? par[mp + i] : 0 }
        if msp > 0 || msq > 0 {
            for j in 0..<msp {
                let s = par[mp + mq + j]
                phi[(j + 1) * ns - 1] += s
                for i in 0..<mp { phi[(j + 1) * ns + i] -= par[i] * s }
            }
            for j in 0..<msq {
                let s = par[mp + mq + msp + j]
                theta[(j + 1) * ns - 1] += s
                for i in 0..<mq { theta[(j + 1) * ns + i] += par[mp + i] * s }
            }
        }
    }
}
