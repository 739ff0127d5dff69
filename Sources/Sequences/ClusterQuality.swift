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

    /// The entries (i, j) of the full matrix, diagonal included (distance 0, within), as WeightedCluster counts them
    /// for PBC and HC, each with weight wᵢwⱼ: a pair i < j once with weight 2wᵢwⱼ, the diagonal with wᵢ².
    static func pairs(_ d: DistanceMatrix, _ assignment: [Int], _ w: [Double]) -> [(dist: Double, weight: Double, within: Bool)] {
        var out: [(Double, Double, Bool)] = []
        out.reserveCapacity(d.count * (d.count + 1) / 2)
        for i in 0..<d.count {
            out.append((0, w[i] * w[i], true))
            for j in (i + 1)..<d.count { out.append((d[i, j], 2 * w[i] * w[j], assignment[i] == assignment[j])) }
        }
        return out
    }

    /// Point-biserial correlation (WeightedCluster's PBC): the correlation, over all entries (i, j) of the distance
    /// matrix (the diagonal included, as WeightedCluster) weighted by wᵢwⱼ, between the distance and the indicator of
    /// being in different clusters. Higher is better; O(n²).
    public static func pointBiserialCorrelation(_ d: DistanceMatrix, assignment: [Int], weights: [Double]? = nil) -> Double? {
        let w = weights ?? [Double](repeating: 1, count: d.count)
        let p = pairs(d, assignment, w)
        var sw = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
        for (x, v, within) in p {
            let y = within ? 0.0 : 1.0
            sw += v; sx += v * x; sy += v * y; sxx += v * x * x; syy += v * y * y; sxy += v * x * y
        }
        guard sw > 0 else { return nil }
        let cov = sxy / sw - (sx / sw) * (sy / sw)
        let vx = sxx / sw - (sx / sw) * (sx / sw), vy = syy / sw - (sy / sw) * (sy / sw)
        guard vx > 0, vy > 0 else { return nil }
        return cov / (vx * vy).squareRoot()
    }

    /// Hubert's C (WeightedCluster's HC), over all entries (i, j) of the matrix (the diagonal included) weighted by
    /// wᵢwⱼ: (S − S_min)/(S_max − S_min), S the weighted sum of within-cluster distances of total weight W_w, S_min (S_max) the sum of the smallest (largest) distances over all pairs
    /// taken up to the same total weight W_w (the last pair fractionally). Lower is better (0 = the best possible
    /// split for these within-cluster weights); O(n² log n).
    public static func hubertC(_ d: DistanceMatrix, assignment: [Int], weights: [Double]? = nil) -> Double? {
        let w = weights ?? [Double](repeating: 1, count: d.count)
        let p = pairs(d, assignment, w).sorted { $0.dist < $1.dist }
        var s = 0.0, ww = 0.0
        for (x, v, within) in p where within { s += v * x; ww += v }
        func extreme<C: Sequence>(_ pairs: C) -> Double where C.Element == (dist: Double, weight: Double, within: Bool) {
            var left = ww, sum = 0.0
            for (x, v, _) in pairs where left > 0 { let take = min(v, left); sum += take * x; left -= take }
            return sum
        }
        let smin = extreme(p), smax = extreme(p.reversed())
        guard smax > smin else { return nil }
        return (s - smin) / (smax - smin)
    }
}
