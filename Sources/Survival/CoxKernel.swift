internal import Foundation

/// The Cox partial log-likelihood, its score and information at one coefficient vector, by one backward sweep
/// over sorted times with running (reverse cumulative) sums — the algorithm of survival's `coxfit6` (right
/// censored) and `agfit4` (counting process), Therneau & Grambsch (2000), *Modeling Survival Data*, §3.
///
/// With risk rᵢ = wᵢ·exp(ηᵢ), ηᵢ = xᵢβ + offsetᵢ, the sweep keeps over the current risk set R(t)
/// D = Σ rᵢ, A = Σ rᵢxᵢ, C = Σ rᵢxᵢxᵢᵀ, adding rows as their stop time is reached and (counting process)
/// subtracting them once t ≤ start. At a time with d deaths (sums over the deaths D₂, A₂, C₂, total death
/// weight W, m = W/d), Efron's approximation (Efron 1977) contributes, for k = 0..d−1 and f = k/d,
///   ℓ += Σ_deaths wᵢηᵢ − m·Σ_k log(D − f·D₂),
///   U += Σ_deaths wᵢxᵢ − m·Σ_k x̄_k,  x̄_k = (A − f·A₂)/(D − f·D₂),
///   I += m·Σ_k [(C − f·C₂)/(D − f·D₂) − x̄_k x̄_kᵀ];
/// Breslow's (1974) is the same with the single term f = 0 and weight W.
///
/// Preconditions: the ``CoxKernelInput`` layout; `beta.count == p`.
/// Complexity: O(n·p²) per evaluation (each row enters, and for counting-process data leaves, the sums once;
/// tied deaths add O(d·p²) at their time), O(n + p²) memory. When the risk set empties (counting-process data)
/// the sums are reset to zero, as `agfit4` does, so round-off from subtraction cannot accumulate across gaps.
struct CoxKernel: Sendable {
    let input: CoxKernelInput
    let efron: Bool

    struct Evaluation: Sendable {
        var loglik: Double
        var score: [Double]
        /// p×p, row-major, symmetric.
        var information: [Double]
    }

    /// Linear predictors η = xβ + offset (centred x) in sorted order.
    func linearPredictors(_ beta: [Double]) -> [Double] {
        let n = input.n, p = input.p
        var eta = input.offset
        input.x.withUnsafeBufferPointer { x in
            beta.withUnsafeBufferPointer { b in
                eta.withUnsafeMutableBufferPointer { e in
                    for i in 0..<n {
                        var s = e[i]
                        let row = i * p
                        for j in 0..<p { s += x[row + j] * b[j] }
                        e[i] = s
                    }
                }
            }
        }
        return eta
    }

    func evaluate(_ beta: [Double]) -> Evaluation {
        let p = input.p
        let eta = linearPredictors(beta)
        let np = p * (p + 1) / 2
        var loglik = 0.0
        var u = [Double](repeating: 0, count: p)
        var imatPacked = [Double](repeating: 0, count: np)
        var risk = [Double](repeating: 0, count: input.n)
        for i in 0..<input.n { risk[i] = input.weight[i] * exp(eta[i]) }
        // Work arrays: A, C (packed lower), A2, C2, xbar.
        var a = [Double](repeating: 0, count: p), c = [Double](repeating: 0, count: np)
        var a2 = a, c2 = c, xbar = a
        input.x.withUnsafeBufferPointer { x in
        risk.withUnsafeBufferPointer { r in
        eta.withUnsafeBufferPointer { e in
        input.weight.withUnsafeBufferPointer { w in
        input.event.withUnsafeBufferPointer { ev in
        input.stop.withUnsafeBufferPointer { stop in
        a.withUnsafeMutableBufferPointer { a in
        c.withUnsafeMutableBufferPointer { c in
        a2.withUnsafeMutableBufferPointer { a2 in
        c2.withUnsafeMutableBufferPointer { c2 in
        xbar.withUnsafeMutableBufferPointer { xbar in
        u.withUnsafeMutableBufferPointer { u in
        imatPacked.withUnsafeMutableBufferPointer { imat in
            @inline(__always) func add(_ i: Int, _ sign: Double, _ a: UnsafeMutableBufferPointer<Double>,
                                       _ c: UnsafeMutableBufferPointer<Double>) {
                let ri = sign * r[i]
                let row = i * p
                var idx = 0
                for j in 0..<p {
                    let rx = ri * x[row + j]
                    a[j] += rx
                    for k in 0...j { c[idx + k] += rx * x[row + k] }
                    idx += j + 1
                }
            }
            for s in 0..<input.strataCount {
                let lo = input.strataBounds[s], hi = input.strataBounds[s + 1]
                var denom = 0.0
                for j in 0..<p { a[j] = 0 }
                for j in 0..<np { c[j] = 0 }
                var nrisk = 0
                var k = hi - 1
                var i = hi - 1
                while i >= lo {
                    let t = stop[i]
                    if let start = input.start, let so = input.startOrder {
                        while k >= lo, start[so[k]] >= t {
                            let q = so[k]
                            denom -= r[q]
                            add(q, -1, a, c)
                            nrisk -= 1
                            k -= 1
                        }
                        if nrisk == 0 {
                            denom = 0
                            for j in 0..<p { a[j] = 0 }
                            for j in 0..<np { c[j] = 0 }
                        }
                    }
                    var ndead = 0
                    var deadwt = 0.0, denom2 = 0.0
                    var j = i
                    while j >= lo, stop[j] == t {
                        denom += r[j]
                        add(j, 1, a, c)
                        nrisk += 1
                        if ev[j] {
                            if ndead == 0 {
                                for q in 0..<p { a2[q] = 0 }
                                for q in 0..<np { c2[q] = 0 }
                            }
                            ndead += 1
                            deadwt += w[j]
                            denom2 += r[j]
                            add(j, 1, a2, c2)
                            loglik += w[j] * e[j]
                            let row = j * p
                            for q in 0..<p { u[q] += w[j] * x[row + q] }
                        }
                        j -= 1
                    }
                    i = j
                    guard ndead > 0 else { continue }
                    let terms = efron ? ndead : 1
                    let meanwt = deadwt / Double(terms)
                    for kk in 0..<terms {
                        let f = efron ? Double(kk) / Double(ndead) : 0
                        let d2 = denom - f * denom2
                        loglik -= meanwt * log(d2)
                        for q in 0..<p {
                            xbar[q] = (a[q] - f * a2[q]) / d2
                            u[q] -= meanwt * xbar[q]
                        }
                        var idx = 0
                        for q in 0..<p {
                            for m in 0...q {
                                imat[idx + m] += meanwt * ((c[idx + m] - f * c2[idx + m]) / d2 - xbar[q] * xbar[m])
                            }
                            idx += q + 1
                        }
                    }
                }
            }
        }}}}}}}}}}}}}
        var info = [Double](repeating: 0, count: p * p)
        var idx = 0
        for q in 0..<p {
            for m in 0...q {
                info[q * p + m] = imatPacked[idx + m]
                info[m * p + q] = imatPacked[idx + m]
            }
            idx += q + 1
        }
        return Evaluation(loglik: loglik, score: u, information: info)
    }
}
