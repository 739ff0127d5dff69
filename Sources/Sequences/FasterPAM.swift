/// k-medoids by FasterPAM's eager swap (Schubert & Rousseeuw 2021, "Fast and eager k-medoids clustering: O(k)
/// runtime improvement of the PAM, CLARA, and CLARANS algorithms", Algorithm 2), weighted: the same objective as
/// PAM, Σᵢ wᵢ·minₘ d(i, m), and the same kind of optimum (no single medoid/non-medoid exchange lowers it), found by
/// evaluating for each candidate row x the best of its k possible swaps in one O(n) pass (instead of PAM's k passes)
/// and applying an improving swap at once (instead of after scanning every pair).
///
/// For a candidate x, with nearest medoid n(i) at distance Dᵢ and second-nearest at Eᵢ cached for every row i:
///   Δ_m = removal loss of m (Σ over rows whose nearest medoid is m of wᵢ(Eᵢ − Dᵢ)) plus, for rows i with
///   d(i, x) < Dᵢ: a shared wᵢ(d(i, x) − Dᵢ) and wᵢ(Dᵢ − Eᵢ) back to m = n(i); for rows with Dᵢ ≤ d(i, x) < Eᵢ:
///   wᵢ(d(i, x) − Eᵢ) to m = n(i).
/// The swap (m*, x) with the smallest Δ is applied when it lowers the objective by more than 1e-12 of its size.
///
/// Order and ties, so results are reproducible: candidates are visited in row order, cyclically, starting from row
/// 0; the loop stops when a full cycle of n candidates has passed without a swap. Among the k swaps of a candidate
/// the lowest medoid slot wins a tie. The start is PAM's BUILD (deterministic) or given medoids (e.g. from Ward).
/// Local optima may differ from PAM's best-improvement swap; both are swap-stable. Cost: O(n) per candidate plus
/// O(n·k) after each applied swap to refresh the caches.
public enum FasterPAM {
    public static func fit(_ d: DistanceMatrix, k: Int, weights: [Double]? = nil, initial: [Int]? = nil) throws(SequenceError) -> KMedoidsResult {
        try fit(Columns(d), k: k, weights: weights, initial: initial)
    }

    /// FasterPAM on a square matrix (read in place: no copy).
    public static func fit(_ d: SquareDistances, k: Int, weights: [Double]? = nil, initial: [Int]? = nil) throws(SequenceError) -> KMedoidsResult {
        try fit(Columns(d), k: k, weights: weights, initial: initial)
    }

    /// Hot loop: a candidate's pass over its column (contiguous, raw pointers), O(n).
    static func fit(_ d: Columns, k: Int, weights: [Double]?, initial: [Int]?) throws(SequenceError) -> KMedoidsResult {
        let n = d.n
        let w = try KMedoids.checked(n, k: k, weights: weights)
        var medoids: [Int]
        if let initial { medoids = try KMedoids.checkedInitial(initial, k: k, n: n) } else { medoids = KMedoids.build(d, k: k, w: w) }
        if k == n { return KMedoids.finish(d, medoids: medoids, w: w, swaps: 0) }
        var isMedoid = [Bool](repeating: false, count: n)
        for m in medoids { isMedoid[m] = true }
        var near = [Int](repeating: 0, count: n)
        var dn = [Double](repeating: 0, count: n), ds = [Double](repeating: 0, count: n)
        func refresh() {
            for i in 0..<n { near[i] = 0; dn[i] = .infinity; ds[i] = .infinity }
            for (slot, m) in medoids.enumerated() {
                d.withColumn(m) { column in
                    for i in 0..<n {
                        let x = column[i]
                        if x < dn[i] { ds[i] = dn[i]; dn[i] = x; near[i] = slot } else if x < ds[i] { ds[i] = x }
                    }
                }
            }
        }
        refresh()
        var loss = [Double](repeating: 0, count: k)
        func removalLoss() {
            for s in 0..<k { loss[s] = 0 }
            for i in 0..<n { loss[near[i]] += w[i] * (ds[i] - dn[i]) }
        }
        removalLoss()
        var objective = zip(w, dn).reduce(0.0) { $0 + $1.0 * $1.1 }
        var swaps = 0
        var sinceSwap = 0
        var x = 0
        var delta = [Double](repeating: 0, count: k)
        while sinceSwap < n {
            defer { x = (x + 1) % n }
            sinceSwap += 1
            if isMedoid[x] { continue }
            for s in 0..<k { delta[s] = loss[s] }
            var shared = 0.0
            d.withColumn(x) { column in
                w.withUnsafeBufferPointer { w in dn.withUnsafeBufferPointer { dn in ds.withUnsafeBufferPointer { ds in
                near.withUnsafeBufferPointer { near in delta.withUnsafeMutableBufferPointer { delta in
                    for i in 0..<n {
                        let dx = column[i]
                        if dx < dn[i] {
                            shared += w[i] * (dx - dn[i])
                            delta[near[i]] += w[i] * (dn[i] - ds[i])
                        } else if dx < ds[i] {
                            delta[near[i]] += w[i] * (dx - ds[i])
                        }
                    }
                } } } } }
            }
            var best = 0
            for s in 1..<k where delta[s] < delta[best] { best = s }
            let change = delta[best] + shared
            guard change < -1e-12 * max(1, objective) else { continue }
            isMedoid[medoids[best]] = false
            medoids[best] = x
            isMedoid[x] = true
            swaps += 1
            sinceSwap = 0
            refresh()
            removalLoss()
            objective = zip(w, dn).reduce(0.0) { $0 + $1.0 * $1.1 }
        }
        return KMedoids.finish(d, medoids: medoids, w: w, swaps: swaps)
    }
}
