/// Gray's variance of the cumulative incidence, as `cmprsk::cuminc` reports it (Gray 1988; the delta-method
/// estimator of Aalen 1978 with a correction for tied events, cf. Marubini & Valsecchi 1995, §10.3).
///
/// At each distinct time s with n at risk, S(s−) and S(s) the all-cause Kaplan–Meier before and after s, d_k
/// events of the cause of interest and d_o of other causes, each type j contributes
/// c_j = S(s−)²·(1 − (d_j − 1)/(n − 1))·d_j/n² times the square of a − F·b, with b = 1/S(s) (0 if S(s) = 0),
/// a = F_k(s)·b (+ 1 for the cause of interest), and F = F_k at the time the variance is read:
///   V(t) = Σ_{s ≤ τ} c(s)·(a(s) − F_k(τ)·b(s))²,   τ = the last event time of cause k at or before t,
/// so V is a step function changing only at the cause's own event times (as cuminc's). Other-cause terms
/// with S(s) = 0 are skipped (as cuminc). Unweighted, right-censored data only.
/// Complexity: O(m·K) for m rows and K causes, given the curve's counts.
enum AalenJohansenGrayVariance {
    /// Variances at each time of the curve, per cause. `atRisk`, `events[k]` are unweighted counts.
    static func variances(atRisk: [Double], events: [[Double]], eventFree: [Double], incidence: [[Double]])
        -> [[Double]]
    {
        let K = events.count
        let m = atRisk.count
        var out = [[Double]](repeating: [Double](repeating: 0, count: m), count: K)
        for k in 0..<K {
            var v1 = 0.0, v2 = 0.0, v3 = 0.0
            var current = 0.0
            var sBefore = 1.0
            for i in 0..<m {
                let n = atRisk[i]
                let dk = events[k][i]
                var dAll = 0.0
                for j in 0..<K { dAll += events[j][i] }
                let dOther = dAll - dk
                let sAfter = eventFree[i]
                let f = incidence[k][i]
                func add(_ d: Double, own: Bool) {
                    let tie = d > 1 ? 1 - (d - 1) / (n - 1) : 1
                    let c = sBefore * sBefore * tie * d / (n * n)
                    let b = sAfter > 0 ? 1 / sAfter : 0
                    let a = (own ? 1 : 0) + b * f
                    v1 += a * a * c
                    v2 += a * b * c
                    v3 += b * b * c
                }
                if dOther > 0 && sAfter > 0 { add(dOther, own: false) }
                if dk > 0 {
                    add(dk, own: true)
                    current = v1 + f * f * v3 - 2 * f * v2
                }
                out[k][i] = current
                if dAll > 0 { sBefore = sAfter }
            }
        }
        return out
    }
}
