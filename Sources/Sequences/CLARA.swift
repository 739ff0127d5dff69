/// CLARA (Kaufman & Rousseeuw 1990, ch. 3; R's `cluster::clara`, WeightedCluster's `seqclararange`): k-medoids for
/// data too large for the full distance matrix. Repeated `samples` times: draw `sampleSize` rows at random without
/// replacement, find k medoids of the sample by PAM (BUILD + SWAP, the sample's weights), and evaluate those medoids
/// on ALL rows — the objective Σᵢ wᵢ·minₘ d(i, m) over the full data; the medoid set with the least full-data
/// objective is kept (an equal objective later does not replace it), and its objective and assignment are reported.
/// As cluster::clara, every sample after the first contains the best medoids found so far (so the best objective
/// never worsens from sample to sample) and the rest of it is drawn at random.
///
/// Memory: one sampleSize² matrix and k rows of n distances at a time; distances are computed on demand by the
/// ``DistanceEngine`` (never the n × n matrix). Cost: samples × (sampleSize² + n·k) distances.
///
/// Randomness: SplitMix64 (Steele, Lea & Flood 2014) seeded with `seed`; the sample is a partial Fisher–Yates shuffle of
/// the row numbers, so the same seed, data and settings give the same typology on any machine and thread count.
public enum CLARA {
    public struct Result: Sendable {
        /// Medoid rows (ascending), the nearest-medoid assignment of every row (ties to the lowest cluster) and the
        /// full-data objective.
        public let fit: KMedoidsResult
        /// The sample (1-based) whose medoids were kept, and each sample's full-data objective.
        public let bestSample: Int
        public let objectives: [Double]
    }

    public static func fit(_ engine: DistanceEngine, k: Int, weights: [Double]? = nil, samples: Int = 100,
                           sampleSize: Int? = nil, seed: UInt64 = 1, threads: Int? = nil) throws(SequenceError) -> Result {
        let n = engine.uniqueIndex.count
        guard k >= 1 && k <= n else { throw .badClusterCount(k: k, n: n) }
        let w = weights ?? [Double](repeating: 1, count: n)
        guard w.count == n else { throw .shapeMismatch("\(w.count) weights for \(n) sequences") }
        guard samples >= 1 else { throw .shapeMismatch("CLARA needs at least 1 sample, got \(samples)") }
        let size = min(n, sampleSize ?? (40 + 2 * k))
        guard size >= k else { throw .shapeMismatch("the CLARA sample size \(size) is smaller than k = \(k)") }
        var rng = SplitMix64(seed: seed)
        var best: (medoids: [Int], objective: Double, sample: Int)? = nil
        var objectives: [Double] = []
        var rows = Array(0..<n)
        for s in 1...samples {
            // The sample: the best medoids so far, then random rows (partial Fisher–Yates over the rest).
            var chosen: [Int] = []
            var inSample = Set<Int>()
            for m in best?.medoids ?? [] where inSample.insert(m).inserted { chosen.append(m) }
            for i in 0..<n { rows[i] = i }
            var end = n
            while chosen.count < size {
                let j = Int(rng.next() % UInt64(end))
                let r = rows[j]
                end -= 1
                rows[j] = rows[end]
                if inSample.insert(r).inserted { chosen.append(r) }
            }
            chosen.sort()
            let sub = engine.matrix(amongRows: chosen, threads: threads)
            let fit = try KMedoids.fit(sub, k: k, weights: chosen.map { w[$0] })
            let medoids = fit.medoids.map { chosen[$0] }
            let objective = evaluate(engine, medoids: medoids, w: w, threads: threads).objective
            objectives.append(objective)
            if best == nil || objective < best!.objective - 1e-12 * max(1, best!.objective) { best = (medoids, objective, s) }
        }
        let final = evaluate(engine, medoids: best!.medoids.sorted(), w: w, threads: threads)
        return Result(fit: final, bestSample: best!.sample, objectives: objectives)
    }

    /// Every row's nearest medoid (ties to the lowest cluster) and the objective, from k rows of distances.
    static func evaluate(_ engine: DistanceEngine, medoids: [Int], w: [Double], threads: Int?) -> KMedoidsResult {
        let sorted = medoids.sorted()
        let rows = engine.rows(sorted.map { engine.uniqueIndex[$0] }, threads: threads)
        var assignment = [Int](repeating: 0, count: w.count)
        var objective = 0.0
        for i in 0..<w.count {
            let u = engine.uniqueIndex[i]
            var c = 0
            for m in 1..<sorted.count where rows[m][u] < rows[c][u] { c = m }
            assignment[i] = c + 1
            objective += w[i] * rows[c][u]
        }
        return KMedoidsResult(medoids: sorted, assignment: assignment, objective: objective, swaps: 0)
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, well-mixed 64-bit generator; fixed output for a seed.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
