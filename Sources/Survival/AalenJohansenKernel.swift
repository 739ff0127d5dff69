/// Aalen–Johansen cumulative incidence with its infinitesimal-jackknife variance, over one stratum of sorted
/// ``SurvivalData`` with a cause code per row.
///
/// With n(s) weighted at risk, d_k(s) weighted events of cause k, d = Σ d_k, dΛ = d/n and S the all-cause
/// Kaplan–Meier: F_k(t) = Σ_{s ≤ t} S(s−)·d_k(s)/n(s) (Aalen & Johansen 1978).
///
/// Variance: V_k(t) = Σ_i (w_i·U_ik(t))², U_ik the derivative of F_k(t) with respect to row i's weight
/// (the infinitesimal jackknife, Efron 1982; the variance R survival 3.x reports for multi-state `survfit`,
/// each row its own cluster). Differentiating the estimator,
///   U_ik(t) = Σ_{s≤t} S(s−)(dN_ik − Y_i dΛ_k)/n − Σ_{u≤t} (F_k(t) − F_k(u))(dN_i − Y_i dΛ)/(n − d),
/// and for the event-free probability U_i0(t) = −S(t) Σ_{u≤t} (dN_i − Y_i dΛ)/(n − d). Rows still at risk
/// share every increment, so the sum over them is kept in closed form from running sums of w², w²P, w²Q,
/// w²P², w²PQ, w²Q² (P, Q: the cumulative sums at the row's entry), and rows that have left are folded into
/// sums of w²x², w²xy, w²y² (x, y the frozen parts multiplying 1 and F_k(t)). A term with n = d is 0 (F_k
/// is constant once S = 0), as in R.
///
/// Counts reported (at risk, events, censored) are unweighted head counts, as R's multi-state `survfit`
/// reports them; the estimates use the weights.
///
/// Preconditions (from ``SurvivalData``): the stratum's rows are contiguous and sorted by exit time; its
/// `entryOrder` slice lists them by entry. `cause[i]` (sorted positions) is 0 for censored, 1…K otherwise.
/// Complexity: O(m·K) time and memory for m rows and K causes.
enum AalenJohansenKernel {
    struct Output {
        var time: [Double] = [], nRisk: [Double] = [], nCensor: [Double] = []
        var nEvent: [[Double]] = [], eventFree: [Double] = [], eventFreeVariance: [Double] = []
        var incidence: [[Double]] = [], variance: [[Double]] = []
    }

    static func run(_ data: SurvivalData, stratum s: Int, cause: [Int], causes K: Int) -> Output {
        let range = data.rows(ofStratum: s)
        var out = Output()
        out.nEvent = Array(repeating: [], count: K)
        out.incidence = Array(repeating: [], count: K)
        out.variance = Array(repeating: [], count: K)
        guard !range.isEmpty else { return out }
        let lo = range.lowerBound
        // Per-row offsets at entry: Q = Ā, P_k = C̄_k + B̄_k (row-major m × K).
        var q = [Double](repeating: 0, count: range.count)
        var p = [Double](repeating: 0, count: range.count * K)
        var bBar = [Double](repeating: 0, count: K), cBar = [Double](repeating: 0, count: K)
        var aBar = 0.0
        // Running sums over rows at risk.
        var atRisk = 0.0, headcount = 0, sW = 0.0, sQ = 0.0, sQQ = 0.0
        var sP = [Double](repeating: 0, count: K), sPP = sP, sPQ = sP
        // Sums over rows that have left: x = C + B parts, y = A part.
        var eXX = [Double](repeating: 0, count: K), eXY = eXX
        var eYY = 0.0
        var S = 1.0
        var F = [Double](repeating: 0, count: K)
        var dk = [Double](repeating: 0, count: K)
        var ck = [Int](repeating: 0, count: K)

        func enter(_ i: Int) {
            let w = data.weight(at: i), w2 = w * w
            let r = i - lo
            q[r] = aBar
            atRisk += w
            headcount += 1
            sW += w2; sQ += w2 * aBar; sQQ += w2 * aBar * aBar
            for k in 0..<K {
                let pk = cBar[k] + bBar[k]
                p[r * K + k] = pk
                sP[k] += w2 * pk; sPP[k] += w2 * pk * pk; sPQ[k] += w2 * pk * aBar
            }
        }

        var nextEntry = lo   // index into entryOrder (or rows when there is no entry)
        let order = data.entryOrder
        var i = lo
        while i < range.upperBound {
            let t = data.time[i]
            // 1. Rows with entry < t join the risk set.
            if let order, let entry = data.entry {
                while nextEntry < range.upperBound && entry[order[nextEntry]] < t {
                    enter(order[nextEntry]); nextEntry += 1
                }
            } else if nextEntry == lo {
                for r in range { enter(r) }
                nextEntry = range.upperBound
            }
            // 2. The group of rows leaving at t.
            var j = i
            var censored = 0
            for k in 0..<K { dk[k] = 0; ck[k] = 0 }
            while j < range.upperBound && data.time[j] == t {
                let c = cause[j]
                if c > 0 { dk[c - 1] += data.weight(at: j); ck[c - 1] += 1 } else { censored += 1 }
                j += 1
            }
            out.nRisk.append(Double(headcount))
            let n = atRisk
            let d = dk.reduce(0, +)
            let sBefore = S
            var jumpA = 0.0
            if d > 0 {
                let free = n - d
                S *= free / n
                if free > 0 {
                    jumpA = 1 / free
                    aBar += d / (n * free)
                }
                for k in 0..<K {
                    F[k] += sBefore * dk[k] / n
                    if free > 0 { bBar[k] += F[k] * d / (n * free) }
                    cBar[k] += sBefore * dk[k] / (n * n)
                }
            }
            // 3. Leaving rows: freeze their influence parts and drop them from the at-risk sums.
            for r in i..<j {
                let w = data.weight(at: r), w2 = w * w
                let row = r - lo
                let qi = q[row]
                let isEvent = cause[r] > 0
                let a = -(aBar - qi) + (isEvent ? jumpA : 0)
                eYY += w2 * a * a
                atRisk -= w
                headcount -= 1
                sW -= w2; sQ -= w2 * qi; sQQ -= w2 * qi * qi
                for k in 0..<K {
                    let pk = p[row * K + k]
                    var x = -(cBar[k] + bBar[k] - pk)
                    if isEvent { x += F[k] * jumpA }
                    if cause[r] == k + 1 { x += sBefore / n }
                    eXX[k] += w2 * x * x
                    eXY[k] += w2 * x * a
                    sP[k] -= w2 * pk; sPP[k] -= w2 * pk * pk; sPQ[k] -= w2 * pk * qi
                }
            }
            // 4. Variances at t.
            out.time.append(t)
            out.nCensor.append(Double(censored))
            out.eventFree.append(S)
            let v0 = S * S * (eYY + sQQ - 2 * aBar * sQ + aBar * aBar * sW)
            out.eventFreeVariance.append(Swift.max(v0, 0))
            for k in 0..<K {
                let f = F[k]
                let c = f * aBar - (cBar[k] + bBar[k])
                let exited = eXX[k] - 2 * f * eXY[k] + f * f * eYY
                let staying = sPP[k] - 2 * f * sPQ[k] + f * f * sQQ + 2 * c * (sP[k] - f * sQ) + c * c * sW
                out.nEvent[k].append(Double(ck[k]))
                out.incidence[k].append(f)
                out.variance[k].append(Swift.max(exited + staying, 0))
            }
            i = j
        }
        return out
    }
}
