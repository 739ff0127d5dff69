internal import Foundation
internal import LinearAlgebra

/// The Cox partial log-likelihood, its score and information at one coefficient vector — the quantities of
/// survival's `coxfit6` (right censored) and `agfit4` (counting process), Therneau & Grambsch (2000),
/// *Modeling Survival Data*, §3 — computed from sums over death-time groups instead of per-row running
/// cross-products, so that the O(n·p²) part is one BLAS `dsyrk`.
///
/// With risk rᵢ = wᵢ·exp(ηᵢ), ηᵢ = xᵢβ + offsetᵢ (x centred) and, at a death time t with d deaths of total
/// weight W, m = W/d, the risk-set sums D = Σ rᵢ, A = Σ rᵢxᵢ and the deaths' D₂, A₂, Efron's (1977)
/// approximation gives, for k = 0..d−1, f = k/d, d_k = D − f·D₂, x̄_k = (A − f·A₂)/d_k:
///   ℓ = Σ_deaths wᵢηᵢ − Σ_t m·Σ_k log d_k,     U = Σ_deaths wᵢxᵢ − Σ_t m·Σ_k x̄_k,
///   I = Σ_t m·Σ_k [(C − f·C₂)/d_k − x̄_k x̄_kᵀ]   (C, C₂ the r-weighted sums of xxᵀ).
/// Breslow (1974) is the single term f = 0 with weight W. Regrouping the C terms by row,
///   Σ_t m·Σ_k (C − f·C₂)/d_k = Σᵢ eᵢ xᵢxᵢᵀ,  eᵢ = rᵢ·[Σ_{t at risk} α_t − δᵢ·γ_{tᵢ}],
/// with α_t = m·Σ_k 1/d_k and γ_t = m·Σ_k f/d_k (eᵢ is row i's expected number of events, the
/// compensator of its martingale residual), so I = XᵀEX − Σ_t m·Σ_k x̄_k x̄_kᵀ, and the last sum needs only
/// A and A₂ per time (three outer products).
///
/// Cost per evaluation: O(n·p) for η (dgemv), the group sums and E, one n×p dsyrk (n·p² flops, vectorised),
/// and O(G·p²) over the G death times; x is read twice (pass 1: η, r, group sums; pass 2: E·x by blocks). The risk-set sums are suffix sums over the groups; for counting-process
/// data, rows are subtracted at their start group, and when the risk set empties the sums are reset to zero,
/// as `agfit4` does, so round-off cannot accumulate across gaps.
///
/// Preconditions: the ``CoxKernelInput`` layout; `beta.count == p`.
struct CoxKernel: Sendable {
    let input: CoxKernelInput
    let efron: Bool

    struct Evaluation: Sendable {
        var loglik: Double
        var score: [Double]
        /// p×p, row-major, symmetric.
        var information: [Double]
    }

    /// Rows per dsyrk block: the block of √e·x (p×512 doubles, 32 KiB for p = 8) stays in cache.
    static let blockRows = 512

    /// Reusable buffers (one allocation per fit, not per iteration): a block of √e·x, η and r.
    struct Workspace {
        var y: Matrix
        var eta: [Double]
        var risk: [Double]
        init(_ input: CoxKernelInput) {
            y = Matrix(rows: input.p, columns: CoxKernel.blockRows)
            eta = [Double](repeating: 0, count: input.n)
            risk = eta
        }
    }

    /// Linear predictors η = x_cβ + offset in model-row order.
    func linearPredictors(_ beta: [Double]) -> [Double] {
        var eta = input.offset
        linearPredictors(beta, into: &eta)
        return eta
    }

    /// η = x_cβ + offset into `eta` (count n).
    func linearPredictors(_ beta: [Double], into eta: inout [Double]) {
        let n = input.n, p = input.p
        eta.withUnsafeMutableBufferPointer { e in
            input.offset.withUnsafeBufferPointer { o in
            input.x.withUnsafeBufferPointer { x in
            beta.withUnsafeBufferPointer { b in
                for i in 0..<n {
                    var s = o[i]
                    let row = i * p
                    for j in 0..<p { s += x[row + j] * b[j] }
                    e[i] = s
                }
            }}}
        }
    }

    func evaluate(_ beta: [Double]) throws(LinearAlgebraError) -> Evaluation {
        var ws = Workspace(input)
        return try evaluate(beta, workspace: &ws)
    }

    /// - Throws: the ``LinearAlgebraError`` of the `dsyrk` (a shape or size the BLAS cannot take: a bug or a
    ///   problem too large for 32-bit BLAS indices), passed on rather than leaving the information incomplete.
    func evaluate(_ beta: [Double], workspace ws: inout Workspace) throws(LinearAlgebraError) -> Evaluation {
        let n = input.n, p = input.p
        let G = input.groupTime.count
        var loglik = 0.0
        var dAdd = [Double](repeating: 0, count: G), aAdd = [Double](repeating: 0, count: G * p)
        var d2 = dAdd, a2 = aAdd
        let counting = input.startGroup != nil
        var dSub = counting ? dAdd : [], aSub = counting ? aAdd : []
        var cAdd = [Int](repeating: 0, count: counting ? G : 0), cSub = cAdd
        let noStart = [Int]()
        // Pass 1: η, r and the per-group sums, reading each row of x once.
        input.x.withUnsafeBufferPointer { x in
        input.offset.withUnsafeBufferPointer { off in
        beta.withUnsafeBufferPointer { b in
        ws.eta.withUnsafeMutableBufferPointer { eta in
        ws.risk.withUnsafeMutableBufferPointer { r in
        input.weight.withUnsafeBufferPointer { w in
        input.event.withUnsafeBufferPointer { ev in
        input.stopGroup.withUnsafeBufferPointer { stopG in
        (input.startGroup ?? noStart).withUnsafeBufferPointer { startG in
        dAdd.withUnsafeMutableBufferPointer { dAdd in
        aAdd.withUnsafeMutableBufferPointer { aAdd in
        d2.withUnsafeMutableBufferPointer { d2 in
        a2.withUnsafeMutableBufferPointer { a2 in
            let p4 = p & ~3
            let hasOffset = input.hasOffset, hasWeights = input.hasWeights
            for i in 0..<n {
                let row = i * p
                // Four partial sums: a shorter dependency chain than one running sum.
                var e0 = 0.0, e1 = 0.0, e2 = 0.0, e3 = 0.0
                var j = 0
                while j < p4 {
                    e0 += x[row + j] * b[j]; e1 += x[row + j + 1] * b[j + 1]
                    e2 += x[row + j + 2] * b[j + 2]; e3 += x[row + j + 3] * b[j + 3]
                    j += 4
                }
                while j < p { e0 += x[row + j] * b[j]; j += 1 }
                let e = (hasOffset ? off[i] : 0) + ((e0 + e1) + (e2 + e3))
                eta[i] = e
                let wi = hasWeights ? w[i] : 1
                let ri = wi * exp(e)
                r[i] = ri
                let g = stopG[i]
                if g < 0 { continue }
                if counting {
                    // A (start, stop] row containing no death time is never at risk: leave it out exactly.
                    let sg = startG[i]
                    if sg == g { continue }
                    cAdd[g] += 1
                    if sg >= 0 {
                        dSub[sg] += ri
                        for j in 0..<p { aSub[sg * p + j] += ri * x[row + j] }
                        cSub[sg] += 1
                    }
                }
                dAdd[g] += ri
                let base = g * p
                for j in 0..<p { aAdd[base + j] += ri * x[row + j] }
                if ev[i] {
                    d2[g] += ri
                    for j in 0..<p { a2[base + j] += ri * x[row + j] }
                    loglik += wi * e
                }
            }
        }}}}}}}}}}}}}
        var u = input.deathWX
        var info = [Double](repeating: 0, count: p * p)
        var alpha = [Double](repeating: 0, count: G), gamma = alpha
        var a = [Double](repeating: 0, count: p)
        for s in 0..<input.strataCount {
            let lo = input.groupBounds[s], hi = input.groupBounds[s + 1]
            var denom = 0.0, count = 0
            for j in 0..<p { a[j] = 0 }
            var g = hi - 1
            while g >= lo {
                if counting {
                    // Rows whose start is at or after this time leave first; if nobody is left, restart
                    // the sums exactly before the rows ending here join.
                    denom -= dSub[g]
                    for j in 0..<p { a[j] -= aSub[g * p + j] }
                    count -= cSub[g]
                    if count == 0 {
                        denom = 0
                        for j in 0..<p { a[j] = 0 }
                    }
                    count += cAdd[g]
                }
                denom += dAdd[g]
                for j in 0..<p { a[j] += aAdd[g * p + j] }
                let d = input.groupDeaths[g]
                let terms = efron ? d : 1
                let m = input.groupDeathWeight[g] / Double(terms)
                var sInv = 0.0, sF = 0.0, s0 = 0.0, s1 = 0.0, s2 = 0.0, logSum = 0.0
                for k in 0..<terms {
                    let f = efron ? Double(k) / Double(d) : 0
                    let dk = denom - f * d2[g]
                    let inv = 1 / dk
                    logSum += log(dk)
                    sInv += inv; sF += f * inv
                    s0 += inv * inv; s1 += f * inv * inv; s2 += f * f * inv * inv
                }
                loglik -= m * logSum
                alpha[g] = m * sInv
                gamma[g] = m * sF
                for j in 0..<p {
                    let aj = a[j], a2j = a2[g * p + j]
                    u[j] -= m * (aj * sInv - a2j * sF)
                    for k in 0...j {
                        let ak = a[k], a2k = a2[g * p + k]
                        info[j * p + k] -= m * (s0 * aj * ak - s1 * (aj * a2k + a2j * ak) + s2 * a2j * a2k)
                    }
                }
                g -= 1
            }
        }
        // Cumulative α within each stratum, then eᵢ and XᵀEX.
        var cum = alpha
        for s in 0..<input.strataCount {
            let lo = input.groupBounds[s], hi = input.groupBounds[s + 1]
            if hi - lo > 1 { for g in (lo + 1)..<hi { cum[g] += cum[g - 1] } }
        }
        // Pass 2: XᵀEX by blocks of rows: y = √e·x for the block (p×B, column-major = the rows of x), then
        // C += y·yᵀ with one dsyrk per block.
        if p > 0 {
            var c = Matrix(rows: p, columns: p)
            var lo = 0
            while lo < n {
                let hi = min(lo + CoxKernel.blockRows, n)
                input.x.withUnsafeBufferPointer { x in
                ws.risk.withUnsafeBufferPointer { r in
                input.event.withUnsafeBufferPointer { ev in
                input.stopGroup.withUnsafeBufferPointer { stopG in
                (input.startGroup ?? noStart).withUnsafeBufferPointer { startG in
                cum.withUnsafeBufferPointer { cum in
                gamma.withUnsafeBufferPointer { gamma in
                ws.y.withUnsafeMutableBufferPointer { y in
                    for i in lo..<hi {
                        let g = stopG[i]
                        var h = 0.0
                        if g >= 0 {
                            h = cum[g]
                            if counting {
                                let sg = startG[i]
                                if sg == g { h = 0 } else if sg >= 0 { h -= cum[sg] }
                            }
                            if ev[i] { h -= gamma[g] }
                        }
                        let root = (r[i] * max(h, 0)).squareRoot()
                        let row = i * p, out = (i - lo) * p
                        for j in 0..<p { y[out + j] = root * x[row + j] }
                    }
                }}}}}}}}
                try ws.y.withView(columns: 0..<(hi - lo)) { (yv: MatrixView) throws(LinearAlgebraError) in
                    try c.withMutableView { (cv: MutableMatrixView) throws(LinearAlgebraError) in
                        try BLAS.syrk(transpose: false, yv, beta: 1, intoLower: cv)
                    }
                }
                lo = hi
            }
            for j in 0..<p {
                for k in 0...j {
                    let v = info[j * p + k] + c[j, k]
                    info[j * p + k] = v
                    info[k * p + j] = v
                }
            }
        }
        return Evaluation(loglik: loglik, score: u, information: info)
    }
}
