/// Cluster quality of a partition on a distance matrix.
public enum ClusterQuality {
    /// Average silhouette width as WeightedCluster's `ASW` (Rousseeuw 1987; with unit weights exactly R's
    /// `cluster::silhouette`): sᵢ = (bᵢ − aᵢ)/max(aᵢ, bᵢ), aᵢ = Σ_{j in i's cluster} wⱼd(i, j) / (W_own − 1) (weights
    /// read as replication counts: one copy of i is left out), bᵢ the smallest Σ_{j in C} wⱼd(i, j) / W_C over other
    /// clusters C; sᵢ = 0 when W_own ≤ 1 (a singleton); ASW = Σ wᵢsᵢ / Σ wᵢ. Needs k ≥ 2; O(n²).
    public static func averageSilhouetteWidth(_ d: DistanceMatrix, assignment: [Int], weights: [Double]? = nil) -> Double? {
        let n = d.count
        let w = weights ?? [Double](repeating: 1, count: n)
        let k = assignment.max() ?? 0
        guard k >= 2 else { return nil }
        var total = 0.0, weightSum = 0.0
        for i in 0..<n {
            var sum = [Double](repeating: 0, count: k + 1)
            var mass = [Double](repeating: 0, count: k + 1)
            for j in 0..<n { sum[assignment[j]] += w[j] * d[i, j]; mass[assignment[j]] += w[j] }
            let own = assignment[i]
            var s = 0.0
            if mass[own] - 1 > 0 {
                let a = sum[own] / (mass[own] - 1)
                var b = Double.infinity
                for c in 1...k where c != own && mass[c] > 0 { b = min(b, sum[c] / mass[c]) }
                let m = max(a, b)
                s = b.isFinite && m > 0 ? (b - a) / m : 0
            }
            total += w[i] * s
            weightSum += w[i]
        }
        return weightSum > 0 ? total / weightSum : nil
    }

    /// Point-biserial correlation (WeightedCluster's PBC): the correlation, over all entries (i, j) of the distance
    /// matrix (the diagonal included, as WeightedCluster: distance 0, within, weight wᵢ²; a pair i < j once with
    /// weight 2wᵢwⱼ), between the distance and the indicator of being in different clusters. Higher is better; O(n²),
    /// no storage beyond the sums.
    public static func pointBiserialCorrelation(_ d: DistanceMatrix, assignment: [Int], weights: [Double]? = nil) -> Double? {
        let w = weights ?? [Double](repeating: 1, count: d.count)
        var sw = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
        @inline(__always) func add(_ x: Double, _ v: Double, _ within: Bool) {
            let y = within ? 0.0 : 1.0
            sw += v; sx += v * x; sy += v * y; sxx += v * x * x; syy += v * y * y; sxy += v * x * y
        }
        for i in 0..<d.count {
            add(0, w[i] * w[i], true)
            for j in (i + 1)..<d.count { add(d[i, j], 2 * w[i] * w[j], assignment[i] == assignment[j]) }
        }
        guard sw > 0 else { return nil }
        let cov = sxy / sw - (sx / sw) * (sy / sw)
        let vx = sxx / sw - (sx / sw) * (sx / sw), vy = syy / sw - (sy / sw) * (sy / sw)
        guard vx > 0, vy > 0 else { return nil }
        return cov / (vx * vy).squareRoot()
    }

    /// The entries of the distance matrix (diagonal included, weights wᵢ² and 2wᵢwⱼ) sorted by distance once, with
    /// running sums from the smallest and from the largest, so that Hubert's C of any partition needs one O(n²) pass
    /// for its within-cluster sum and two binary searches — the sort (O(n² log n), 16 bytes per pair: 200 MB and
    /// about a second at n = 5,000) is paid once for every k of a range instead of once per k.
    public struct SortedEntries: Sendable {
        /// Distances ascending, and the cumulative weight and weighted distance of the first m entries (m = 0...count)
        /// and of the last m entries (summed from the largest down).
        let dist: [Double]
        let lowWeight: [Double], lowSum: [Double], highWeight: [Double], highSum: [Double]
        let weights: [Double]

        public init(_ d: DistanceMatrix, weights: [Double]? = nil) {
            let n = d.count
            let w = weights ?? [Double](repeating: 1, count: n)
            var entries: [(dist: Double, weight: Double)] = []
            entries.reserveCapacity(n * (n + 1) / 2)
            for i in 0..<n {
                entries.append((0, w[i] * w[i]))
                for j in (i + 1)..<n { entries.append((d[i, j], 2 * w[i] * w[j])) }
            }
            entries.sort { $0.dist < $1.dist }
            let m = entries.count
            var lw = [Double](repeating: 0, count: m + 1), ls = lw, hw = lw, hs = lw
            for t in 0..<m {
                lw[t + 1] = lw[t] + entries[t].weight; ls[t + 1] = ls[t] + entries[t].weight * entries[t].dist
                let e = entries[m - 1 - t]
                hw[t + 1] = hw[t] + e.weight; hs[t + 1] = hs[t] + e.weight * e.dist
            }
            dist = entries.map(\.dist)
            lowWeight = lw; lowSum = ls; highWeight = hw; highSum = hs
            self.weights = w
        }

        /// The weighted sum of the smallest (`fromTop` false) or largest entries taken up to total weight `total`,
        /// the last entry fractionally.
        func extreme(_ total: Double, fromTop: Bool) -> Double {
            let cw = fromTop ? highWeight : lowWeight, cs = fromTop ? highSum : lowSum
            let count = dist.count
            // m = the number of whole entries: the largest m with cw[m] ≤ total.
            var lo = 0, hi = count
            while lo < hi { let mid = (lo + hi + 1) / 2; if cw[mid] <= total { lo = mid } else { hi = mid - 1 } }
            var sum = cs[lo]
            let left = total - cw[lo]
            if left > 0 && lo < count {
                let e = fromTop ? dist[count - 1 - lo] : dist[lo]
                sum += left * e
            }
            return sum
        }
    }

    /// Hubert's C (WeightedCluster's HC), over all entries (i, j) of the matrix (the diagonal included) weighted by
    /// wᵢwⱼ: (S − S_min)/(S_max − S_min), S the weighted sum of within-cluster distances of total weight W_w, S_min (S_max) the sum of the smallest (largest) distances over all pairs
    /// taken up to the same total weight W_w (the last pair fractionally). Lower is better (0 = the best possible
    /// split for these within-cluster weights); O(n² log n) for the sort, which `sorted` (from ``SortedEntries``,
    /// built once on the same matrix and weights) shares between partitions, then O(n²).
    public static func hubertC(_ d: DistanceMatrix, assignment: [Int], weights: [Double]? = nil, sorted: SortedEntries? = nil) -> Double? {
        let entries = sorted ?? SortedEntries(d, weights: weights)
        let w = entries.weights
        var s = 0.0, ww = 0.0
        for i in 0..<d.count {
            ww += w[i] * w[i]
            for j in (i + 1)..<d.count where assignment[i] == assignment[j] { let v = 2 * w[i] * w[j]; s += v * d[i, j]; ww += v }
        }
        let smin = entries.extreme(ww, fromTop: false), smax = entries.extreme(ww, fromTop: true)
        guard smax > smin else { return nil }
        return (s - smin) / (smax - smin)
    }
}
