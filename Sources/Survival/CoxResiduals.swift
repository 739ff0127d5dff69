internal import Foundation
public import LinearAlgebra

/// Martingale and score residuals of a Cox fit, per model-frame row, as survival's
/// `residuals.coxph(type = "martingale" | "score")` (unweighted, Therneau, Grambsch & Fleming 1990).
///
/// With the per-death-time sums of ``CoxKernelEventTimes``, a row at risk over (start, stop] in stratum s, with
/// eᵢ = exp(ηᵢ) (x centred) and event indicator δᵢ:
///   martingale Mᵢ = δᵢ − eᵢ·Σ_{t ∈ (start, stop]} h(t),
///   score Lᵢ = δᵢ(xᵢ − x̄_death(stopᵢ)) − eᵢ·Σ_{t ∈ (start, stop]} [xᵢh(t) − (Σ_k h_k x̄_k)(t)],
/// where at the row's own death time the Efron shares (1 − k/d) replace the full increments (a dying subject
/// leaves the tied risk sets progressively). The weighted residuals wᵢLᵢ sum to the score (zero at β̂).
///
/// Complexity O(n·(p + log T)): each row finds its interval of death times by binary search in its stratum.
struct CoxResiduals: Sendable {
    /// n (frame rows) martingale residuals.
    let martingale: [Double]
    /// n×p row-major score residuals (frame row order), on the scale of the original covariates.
    let score: [Double]

    /// `eta`: the linear predictors (model-row order) that `times` was computed with.
    init(kernel: CoxKernel, eta: [Double], times: CoxKernelEventTimes) {
        let input = kernel.input
        let n = input.n, p = input.p
        let data = input.data
        let xc = input.x
        // Cumulative sums over records, per stratum in sweep (descending-time) order: Q[k] = Σ_{k' < k}.
        let m = times.time.count
        var qh = [Double](repeating: 0, count: m + 1)
        var qx = [Double](repeating: 0, count: (m + 1) * p)
        for k in 0..<m {
            qh[k + 1] = qh[k] + times.hazard[k]
            for j in 0..<p { qx[(k + 1) * p + j] = qx[k * p + j] + times.xHazard[k * p + j] }
        }
        // First record index in [lo, hi) with time <= t (records descending).
        func firstAtOrBelow(_ t: Double, _ lo: Int, _ hi: Int) -> Int {
            var l = lo, h = hi
            while l < h {
                let mid = (l + h) / 2
                if times.time[mid] <= t { h = mid } else { l = mid + 1 }
            }
            return l
        }
        var mart = [Double](repeating: 0, count: n)
        var sc = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            let row = data.row[i]
            let s = data.stratum[i]
            let lo = times.strataBounds[s], hi = times.strataBounds[s + 1]
            let a = firstAtOrBelow(data.time[i], lo, hi)
            let b = data.entry.map { firstAtOrBelow($0[i], lo, hi) } ?? hi
            var h = qh[b] - qh[a]
            var xh = (0..<p).map { qx[b * p + $0] - qx[a * p + $0] }
            let e = exp(eta[row])
            if data.event[i], a < hi, times.time[a] == data.time[i] {
                h += times.hazardDeath[a] - times.hazard[a]
                for j in 0..<p { xh[j] += times.xHazardDeath[a * p + j] - times.xHazard[a * p + j] }
                mart[row] = 1 - e * h
                for j in 0..<p {
                    let xj = xc[row * p + j]
                    sc[row * p + j] = (xj - times.xbarDeath[a * p + j]) - e * (xj * h - xh[j])
                }
            } else {
                mart[row] = -e * h
                for j in 0..<p {
                    let xj = xc[row * p + j]
                    sc[row * p + j] = -e * (xj * h - xh[j])
                }
            }
        }
        martingale = mart
        score = sc
    }
}

extension CoxFit {
    /// Martingale residuals δᵢ − Λ̂ᵢ, one per model row (rows with missing values dropped, data order), as
    /// `residuals(fit, type = "martingale")`. Complexity O(n·(p + log T)) after an O(n·p²) sweep.
    public func martingaleResiduals() -> [Double] {
        let kernel = state.kernel
        let eta = kernel.linearPredictors(state.beta)
        let times = CoxKernelEventTimes(kernel: kernel, eta: eta)
        return CoxResiduals(kernel: kernel, eta: eta, times: times).martingale
    }

    /// Score residuals (unweighted), n×p with one column per term (zero for aliased terms), model rows in data
    /// order, as `residuals(fit, type = "score")`; with case weights wᵢ, Σᵢ wᵢ·Lᵢ is the score at β̂ (zero).
    public func scoreResiduals() -> Matrix {
        let kernel = state.kernel
        let eta = kernel.linearPredictors(state.beta)
        let times = CoxKernelEventTimes(kernel: kernel, eta: eta)
        let s = CoxResiduals(kernel: kernel, eta: eta, times: times).score
        let n = kernel.input.n, p = kernel.input.p
        var m = Matrix(rows: n, columns: p)
        for i in 0..<n { for j in 0..<p where !aliased[j] { m[i, j] = s[i * p + j] } }
        return m
    }
}
