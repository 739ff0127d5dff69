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
    ///
    /// Hot loop (the backward sweep): per row, one Fenwick prefix query and one update when it enters the risk
    /// set, one query when it leaves; per death, one query and one update more — about 5·log₂(m) steps on trees
    /// of m ≤ n doubles, with the weight at exactly each rank kept in plain arrays so a query needs only the
    /// prefix below the rank. Ranks are dense within each stratum (one LSD radix sort of the scores' order keys
    /// by stratum, O(n)), so the trees are as small as the stratum and are cleared per stratum in O(m).
    /// Measured (`carestat cox`, n = 10⁶, 8 covariates): it was ~40% of the whole command with per-row
    /// dictionaries and a comparison sort; see Benchmarks/commands.py.
    init(data: SurvivalData, score: [Double], cluster: [Int]?) {
        let n = data.count
        self.n = n
        let strata = data.stratumStart.count - 1
        // Dense ranks of the scores within each stratum (1-based, equal scores share a rank): a radix sort by
        // (stratum, score), no hashing. (x + 0.0 in orderKey makes −0 and +0 one key, as == does.)
        var rank = [Int](repeating: 1, count: n)
        var largestStratumRanks = 0
        do {
            var stratumOf = [Int](repeating: 0, count: n)
            for st in 0..<strata { for i in data.stratumStart[st]..<data.stratumStart[st + 1] { stratumOf[i] = st } }
            let sorted = SurvivalData.radixSort(Array(0..<n), keyOf: { SurvivalData.orderKey(score[$0]) },
                                                buckets: strata, bucketOf: strata > 1 ? { stratumOf[$0] } : nil)
            var m = 0, previousKey: UInt64 = 0, previousStratum = -1
            for (k, i) in sorted.order.enumerated() {
                if stratumOf[i] != previousStratum { previousStratum = stratumOf[i]; m = 0 }
                if m == 0 || sorted.keys[k] != previousKey { m += 1; previousKey = sorted.keys[k] }
                rank[i] = m
                largestStratumRanks = Swift.max(largestStratumRanks, m)
            }
        }
        let size = largestStratumRanks + 1
        // Fenwick trees of the weight at risk and of the death weight, and the weight at exactly each rank: raw
        // buffers, so the log₂(m)-step loops carry no uniqueness or bounds checks (same operations, same order).
        typealias Buffer = UnsafeMutableBufferPointer<Double>
        let riskTree = Buffer.allocate(capacity: size), deadTree = Buffer.allocate(capacity: size)
        let riskAt = Buffer.allocate(capacity: size), deadAt = Buffer.allocate(capacity: size)
        for b in [riskTree, deadTree, riskAt, deadAt] { b.initialize(repeating: 0) }
        defer { for b in [riskTree, deadTree, riskAt, deadAt] { b.deallocate() } }
        var m = 0   // ranks in the current stratum
        func add(_ tree: Buffer, _ at: Buffer, _ r: Int, _ v: Double) {
            at[r] += v
            var i = r
            while i <= m { tree[i] += v; i += i & -i }
        }
        func prefix(_ tree: Buffer, _ r: Int) -> Double {
            var i = r, s = 0.0
            while i > 0 { s += tree[i]; i -= i & -i }
            return s
        }
        /// (weight below rank r, equal, above).
        func split(_ tree: Buffer, _ at: Buffer, _ total: Double, _ r: Int) -> (Double, Double, Double) {
            let below = prefix(tree, r - 1), equal = at[r]
            return (below, equal, total - below - equal)
        }
        var conc = [Double](repeating: 0, count: n), disc = conc, tied = conc
        var C = 0.0, D = 0.0, T = 0.0
        let w = data.weight ?? [Double](repeating: 1, count: n)
        // Entry snapshot of the death tree (weight below, equal, above the row's rank) for rows in the risk set,
        // indexed by row: arrays, not a dictionary.
        var entryBelow = [Double](repeating: 0, count: n), entryEqual = entryBelow, entryAbove = entryBelow
        var inSet = [Bool](repeating: false, count: n)
        var deaths: [Int] = []
        for s in 0..<strata {
            let lo = data.stratumStart[s], hi = data.stratumStart[s + 1]
            m = 0
            for i in lo..<hi { m = Swift.max(m, rank[i]) }
            for i in 0...m { riskTree[i] = 0; deadTree[i] = 0; riskAt[i] = 0; deadAt[i] = 0 }
            var riskTotal = 0.0, deadTotal = 0.0
            /// Row j leaves the risk set: its pairs with the deaths since it entered.
            func count(_ j: Int) {
                inSet[j] = false
                let now = split(deadTree, deadAt, deadTotal, rank[j])
                // Deaths with higher score than j: concordant pairs for j.
                conc[j] += now.2 - entryAbove[j]
                disc[j] += now.0 - entryBelow[j]
                tied[j] += now.1 - entryEqual[j]
            }
            func exit(_ j: Int) {
                guard inSet[j] else { return }
                count(j)
                add(riskTree, riskAt, rank[j], -w[j]); riskTotal -= w[j]
            }
            func enter(_ j: Int) {
                (entryBelow[j], entryEqual[j], entryAbove[j]) = split(deadTree, deadAt, deadTotal, rank[j])
                inSet[j] = true
                add(riskTree, riskAt, rank[j], w[j]); riskTotal += w[j]
            }
            var i = hi - 1, k = hi - 1
            while i >= lo {
                let t = data.time[i]
                if let start = data.entry, let so = data.entryOrder {
                    while k >= lo, start[so[k]] >= t { exit(so[k]); k -= 1 }
                }
                var j = i
                deaths.removeAll(keepingCapacity: true)
                while j >= lo, data.time[j] == t {
                    if data.event[j] { deaths.append(j) } else { enter(j) }
                    j -= 1
                }
                i = j
                for d in deaths {
                    let (below, equal, above) = split(riskTree, riskAt, riskTotal, rank[d])
                    conc[d] += below; disc[d] += above; tied[d] += equal
                    C += w[d] * below; D += w[d] * above; T += w[d] * equal
                }
                for d in deaths { add(deadTree, deadAt, rank[d], w[d]); deadTotal += w[d] }
                for d in deaths { enter(d) }
            }
            // The rows still at risk at the stratum's earliest time: their pairs, without updating the tree.
            for j in lo..<hi where inSet[j] { count(j) }
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
