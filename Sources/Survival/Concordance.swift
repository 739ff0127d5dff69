internal import Reporting

/// Harrell's concordance (C) between a risk score and survival, with its infinitesimal-jackknife standard
/// error, as survival's `concordance()` (Therneau & Watson 2017, "The concordance statistic and the Cox
/// model"; default `timewt = "n"`).
///
/// A pair (i, j) is comparable when i dies at t and j is at risk at t (j's stop > t, or j censored at t; for
/// (start, stop] rows, start_j < t ≤ stop_j), both in the same stratum; pairs of deaths at the same time are not
/// comparable. With weights wᵢwⱼ the pair is concordant if the dying subject has the **higher** score (higher
/// risk, shorter survival — the direction of a Cox linear predictor, R's `reverse = TRUE`), discordant if lower,
/// tied if equal. C = (concordant + tied/2)/(concordant + discordant + tied).
///
/// Standard error: with cᵢ, dᵢ, tᵢ the partner-weight sums of the pairs involving row i and Somers'
/// d = (C − D)/N, the influence is wᵢ[(cᵢ − dᵢ)/N − d·(cᵢ + dᵢ + tᵢ)/N] (summed within clusters when given),
/// and Var(C) = Σ influence²/4.
///
/// Complexity: O(n log n) — one backward sweep per stratum with two Fenwick trees (Fenwick 1994) over the
/// ranks of the scores: one of the weights at risk (a death's pairs), one of the death weights seen so far
/// (an at-risk row's pairs, as the difference between its entry and exit).
public struct Concordance: Sendable, Equatable {
    /// The concordance C.
    public let concordance: Double
    public let standardError: Double
    /// Weighted counts of concordant, discordant and score-tied comparable pairs.
    public let concordant: Double
    public let discordant: Double
    public let tiedRisk: Double
    /// Rows used.
    public let n: Int

    /// C for a risk score `predictor` (higher = shorter survival) on right-censored or (entry, time] data.
    ///
    /// `strata` and `cluster` are codes ≥ 0 (nil: one stratum; no clustering). `timefix` merges times that
    /// differ only by rounding, as `concordance(timefix = TRUE)` (R's default).
    ///
    /// - Throws: ``CoxModelError/invalidTime(row:reason:)`` for inconsistent lengths, times, weights or codes
    ///   (as ``SurvivalData`` reports them), ``CoxModelError/invalidPrediction(_:)`` for a non-finite or
    ///   missing score or a cluster vector of the wrong length.
    public init(time: [Double], event: [Bool], predictor: [Double], entry: [Double]? = nil, weights: [Double]? = nil,
                strata: [Int]? = nil, cluster: [Int]? = nil, timefix: Bool = true) throws(CoxModelError) {
        guard predictor.count == time.count else {
            throw .invalidPrediction("predictor has \(predictor.count) values for \(time.count) times")
        }
        guard predictor.allSatisfy(\.isFinite) else { throw .invalidPrediction("predictor is not finite") }
        if let cluster, cluster.count != time.count {
            throw .invalidPrediction("cluster has \(cluster.count) values for \(time.count) times")
        }
        if let strata, strata.contains(where: { $0 < 0 }) { throw .invalidPrediction("strata codes must be ≥ 0") }
        let k = (strata?.max() ?? 0) + 1
        let data: SurvivalData
        do {
            data = try SurvivalData(time: time, event: event, entry: entry, weight: weights, stratum: strata,
                                    strata: (0..<k).map { String($0) }, timefix: timefix)
        } catch {
            throw .invalidTime(row: 0, reason: "\(error)")
        }
        guard data.count == time.count else { throw .invalidTime(row: 0, reason: "missing time, entry or weight") }
        let score = data.row.map { predictor[$0] }
        let cl = cluster.map { c in data.row.map { c[$0] } }
        self.init(data: data, score: score, cluster: cl)
    }

    /// `score` and `cluster` are in `data`'s sorted order.
    init(data: SurvivalData, score: [Double], cluster: [Int]?) {
        let n = data.count
        self.n = n
        // Ranks of the scores, 1-based for the Fenwick trees.
        let distinct = Array(Set(score)).sorted()
        var rankOf: [Double: Int] = [:]
        for (i, v) in distinct.enumerated() { rankOf[v] = i + 1 }
        let rank = score.map { rankOf[$0] ?? 1 }
        let m = distinct.count
        var riskTree = [Double](repeating: 0, count: m + 1)
        var deadTree = [Double](repeating: 0, count: m + 1)
        func add(_ tree: inout [Double], _ r: Int, _ v: Double) {
            var i = r
            while i <= m { tree[i] += v; i += i & -i }
        }
        func prefix(_ tree: [Double], _ r: Int) -> Double {
            var i = r, s = 0.0
            while i > 0 { s += tree[i]; i -= i & -i }
            return s
        }
        /// (weight below rank r, equal, above).
        func split(_ tree: [Double], _ total: Double, _ r: Int) -> (Double, Double, Double) {
            let below = prefix(tree, r - 1), upTo = prefix(tree, r)
            return (below, upTo - below, total - upTo)
        }
        var conc = [Double](repeating: 0, count: n), disc = conc, tied = conc
        var C = 0.0, D = 0.0, T = 0.0
        let w = data.weight ?? [Double](repeating: 1, count: n)
        for s in 0..<(data.stratumStart.count - 1) {
            let lo = data.stratumStart[s], hi = data.stratumStart[s + 1]
            for i in 0..<(m + 1) { riskTree[i] = 0; deadTree[i] = 0 }
            var riskTotal = 0.0, deadTotal = 0.0
            var inRisk = [Int]()
            // Entry snapshot of the death tree for rows in the risk set (below, equal, above).
            var entry = [Int: (Double, Double, Double)]()
            func exit(_ j: Int) {
                guard let e = entry.removeValue(forKey: j) else { return }
                let now = split(deadTree, deadTotal, rank[j])
                // Deaths with higher score than j: concordant pairs for j.
                conc[j] += now.2 - e.2
                disc[j] += now.0 - e.0
                tied[j] += now.1 - e.1
                add(&riskTree, rank[j], -w[j]); riskTotal -= w[j]
            }
            var i = hi - 1, k = hi - 1
            while i >= lo {
                let t = data.time[i]
                if let start = data.entry, let so = data.entryOrder {
                    while k >= lo, start[so[k]] >= t { exit(so[k]); k -= 1 }
                }
                var j = i
                var deaths: [Int] = []
                while j >= lo, data.time[j] == t {
                    if data.event[j] {
                        deaths.append(j)
                    } else {
                        entry[j] = split(deadTree, deadTotal, rank[j])
                        add(&riskTree, rank[j], w[j]); riskTotal += w[j]
                        inRisk.append(j)
                    }
                    j -= 1
                }
                i = j
                for d in deaths {
                    let (below, equal, above) = split(riskTree, riskTotal, rank[d])
                    conc[d] += below; disc[d] += above; tied[d] += equal
                    C += w[d] * below; D += w[d] * above; T += w[d] * equal
                }
                for d in deaths { add(&deadTree, rank[d], w[d]); deadTotal += w[d] }
                for d in deaths {
                    entry[d] = split(deadTree, deadTotal, rank[d])
                    add(&riskTree, rank[d], w[d]); riskTotal += w[d]
                    inRisk.append(d)
                }
            }
            for j in inRisk where entry[j] != nil { exit(j) }
        }
        concordant = C; discordant = D; tiedRisk = T
        let npair = C + D + T
        concordance = npair > 0 ? (C + T / 2) / npair : .nan
        let somer = npair > 0 ? (C - D) / npair : .nan
        var infl = (0..<n).map { w[$0] * ((conc[$0] - disc[$0]) / npair - somer / npair * (conc[$0] + disc[$0] + tied[$0])) }
        if let cluster {
            var sums: [Int: Double] = [:]
            for i in 0..<n { sums[cluster[i], default: 0] += infl[i] }
            infl = Array(sums.values)
        }
        standardError = npair > 0 ? (infl.reduce(0) { $0 + $1 * $1 } / 4).squareRoot() : .nan
    }

}

extension CoxFit {
    /// Harrell's C of the linear predictor within strata, with case weights and the fit's clusters (the
    /// influence summed within a `cluster()` term's groups), as `concordance(fit)`.
    public func concordance() -> Concordance {
        let kernel = state.kernel
        let eta = kernel.linearPredictors(state.beta)
        let rows = kernel.input.rowIndex
        let cl = state.cluster.map { c in rows.map { c[$0] } }
        return Concordance(data: kernel.input.data, score: rows.map { eta[$0] }, cluster: cl)
    }
}
