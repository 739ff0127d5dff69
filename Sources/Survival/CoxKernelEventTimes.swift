internal import Foundation
internal import LinearAlgebra

/// Per-death-time quantities of a fitted Cox model, from one more kernel sweep at the final β: what the
/// residuals, the baseline hazard and the proportional-hazards test are built from.
///
/// For a time t (within a stratum) with d deaths, total death weight W, m = W/d and Efron terms k = 0..d−1
/// (f = k/d; Breslow: one term, f = 0, weight W): hazard increments h_k = m/(D − f·D₂) and means
/// x̄_k = (A − f·A₂)/(D − f·D₂) (sums as in ``CoxKernel``, x centred). Stored:
/// - `hazard` Σ h_k (the Efron/Breslow baseline-hazard increment at x = the centring means, as survfit.coxph's
///   `ctype` 2/1), `hazardDeath` Σ (1 − f)·h_k (a dying subject's share of the tied risk sets);
/// - `xHazard` Σ h_k x̄_k and `xHazardDeath` Σ (1 − f)·h_k x̄_k (p each);
/// - `xbarDeath` (1/d)·Σ x̄_k, the mean a death is compared with in the score (Therneau & Grambsch 2000, §3.3);
/// - with a time function g (cox.zph), the score and information of the model with the extra covariates
///   x·g(t) at (β̂, γ = 0): u_γ = Σ_t g(t)U(t), I_βγ = Σ_t g(t)V(t), I_γγ = Σ_t g(t)²V(t), where U(t), V(t) are
///   the score and information contributions of time t (Grambsch & Therneau 1994).
///
/// Records are in sweep order: stratum by stratum, times descending. Complexity O(n·p²) time, O(T·p) memory for
/// T distinct death times.
struct CoxKernelEventTimes: Sendable {
    var time: [Double] = []
    var stratum: [Int] = []
    var deaths: [Int] = []
    var deathWeight: [Double] = []
    /// Weighted number at risk Σ wᵢ over R(t).
    var atRiskWeight: [Double] = []
    var atRisk: [Int] = []
    var hazard: [Double] = []
    var hazardDeath: [Double] = []
    /// T×p row-major.
    var xHazard: [Double] = []
    var xHazardDeath: [Double] = []
    var xbarDeath: [Double] = []
    /// First record of each stratum (strataCount + 1 bounds).
    var strataBounds: [Int] = []
    /// zph pieces (2p-block parts), present when a time function was given.
    var uGamma: [Double] = []
    var iBetaBeta: [Double] = []
    var iBetaGamma: [Double] = []
    var iGammaGamma: [Double] = []

    /// `eta`: linear predictors in model-row order (normally ``CoxKernel/linearPredictors(_:)`` at β̂).
    init(kernel: CoxKernel, eta: [Double], timeFunction g: ((Double) -> Double)? = nil) {
        let input = kernel.input
        let p = input.p, n = input.n, efron = kernel.efron
        let data = input.data
        // Sorted-order copies: row-major x, risk, weights.
        var x = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            let q = data.row[i]
            for j in 0..<p { x[i * p + j] = input.x[q * p + j] }
        }
        let risk = data.row.map { input.weight[$0] * exp(eta[$0]) }
        let weight = data.row.map { input.weight[$0] }
        var a = [Double](repeating: 0, count: p), c = [Double](repeating: 0, count: p * p)
        var a2 = a, c2 = c
        if g != nil {
            uGamma = a; iBetaBeta = c; iBetaGamma = c; iGammaGamma = c
        }
        func add(_ i: Int, _ sign: Double, _ a: inout [Double], _ c: inout [Double], full: Bool) {
            let ri = sign * risk[i]
            let row = i * p
            for j in 0..<p {
                let rx = ri * x[row + j]
                a[j] += rx
                if full { for k in 0..<p { c[j * p + k] += rx * x[row + k] } }
            }
        }
        let full = g != nil
        for s in 0..<input.strataCount {
            strataBounds.append(time.count)
            let lo = data.stratumStart[s], hi = data.stratumStart[s + 1]
            var denom = 0.0, wsum = 0.0
            var nrisk = 0
            for j in 0..<p { a[j] = 0 }
            if full { for j in 0..<(p * p) { c[j] = 0 } }
            var k = hi - 1, i = hi - 1
            while i >= lo {
                let t = data.time[i]
                if let start = data.entry, let so = data.entryOrder {
                    while k >= lo, start[so[k]] >= t {
                        let q = so[k]
                        denom -= risk[q]; wsum -= weight[q]; nrisk -= 1
                        add(q, -1, &a, &c, full: full)
                        k -= 1
                    }
                    if nrisk == 0 {
                        denom = 0; wsum = 0
                        for j in 0..<p { a[j] = 0 }
                        if full { for j in 0..<(p * p) { c[j] = 0 } }
                    }
                }
                var ndead = 0
                var deadwt = 0.0, denom2 = 0.0
                var uT = [Double](repeating: 0, count: p)
                var j = i
                while j >= lo, data.time[j] == t {
                    denom += risk[j]; wsum += weight[j]; nrisk += 1
                    add(j, 1, &a, &c, full: full)
                    if data.event[j] {
                        if ndead == 0 {
                            for q in 0..<p { a2[q] = 0 }
                            if full { for q in 0..<(p * p) { c2[q] = 0 } }
                        }
                        ndead += 1
                        deadwt += weight[j]
                        denom2 += risk[j]
                        add(j, 1, &a2, &c2, full: full)
                        for q in 0..<p { uT[q] += weight[j] * x[j * p + q] }
                    }
                    j -= 1
                }
                i = j
                guard ndead > 0 else { continue }
                let terms = efron ? ndead : 1
                let meanwt = deadwt / Double(terms)
                var hz = 0.0, hzD = 0.0
                var xh = [Double](repeating: 0, count: p), xhD = xh, xbarSum = xh
                var vT = full ? [Double](repeating: 0, count: p * p) : []
                for kk in 0..<terms {
                    let f = efron ? Double(kk) / Double(ndead) : 0
                    let d2 = denom - f * denom2
                    let h = meanwt / d2
                    hz += h
                    hzD += (1 - f) * h
                    for q in 0..<p {
                        let xb = (a[q] - f * a2[q]) / d2
                        xh[q] += h * xb
                        xhD[q] += (1 - f) * h * xb
                        xbarSum[q] += xb
                        uT[q] -= meanwt * xb
                    }
                    if full {
                        for q in 0..<p {
                            let xq = (a[q] - f * a2[q]) / d2
                            for m in 0..<p {
                                let xm = (a[m] - f * a2[m]) / d2
                                vT[q * p + m] += meanwt * ((c[q * p + m] - f * c2[q * p + m]) / d2 - xq * xm)
                            }
                        }
                    }
                }
                time.append(t); stratum.append(s); deaths.append(ndead); deathWeight.append(deadwt)
                atRiskWeight.append(wsum); atRisk.append(nrisk)
                hazard.append(hz); hazardDeath.append(hzD)
                xHazard += xh; xHazardDeath += xhD
                xbarDeath += xbarSum.map { $0 / Double(terms) }
                if let g {
                    let gt = g(t)
                    for q in 0..<p { uGamma[q] += gt * uT[q] }
                    for q in 0..<(p * p) {
                        iBetaBeta[q] += vT[q]; iBetaGamma[q] += gt * vT[q]; iGammaGamma[q] += gt * gt * vT[q]
                    }
                }
            }
        }
        strataBounds.append(time.count)
    }
}
