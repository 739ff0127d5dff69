/// Partitioning around medoids (Kaufman & Rousseeuw 1990, ch. 2), weighted as WeightedCluster's `wcKMedoids`
/// (`method = "PAMonce"`, default BUILD start): the k medoids minimising the weighted sum of distances from each
/// sequence to its nearest medoid, Σᵢ wᵢ·minₘ d(i, m).
///
/// BUILD: the first medoid minimises Σᵢ wᵢ d(i, j); each next one maximises the gain Σᵢ wᵢ·max(Dᵢ − d(i, j), 0)
/// (Dᵢ the distance to the nearest medoid so far). SWAP: evaluate every (medoid, non-medoid) exchange, apply the one
/// that lowers the objective most, repeat until none lowers it (by more than 1e-12 of the objective). Ties, so the
/// result is reproducible with no randomness: in BUILD the last row with the best value wins (as sequenzo's PAMonce,
/// whose tie key is the row index — among identical sequences, the last copy); in SWAP the first (non-medoid row,
/// medoid slot) pair in row order with the most negative change; assignment to the lowest-numbered nearest cluster. Cost: O(n²) for BUILD per medoid and O(n²) per
/// swap iteration, with the nearest and second-nearest medoid distances cached.
public struct KMedoidsResult: Sendable {
    /// Medoid rows (0-based); cluster c (1-based) is the one whose medoid is `medoids[c − 1]` (from ``KMedoids/fit``:
    /// in ascending row order).
    public let medoids: [Int]
    /// Cluster (1-based) of each row: the nearest medoid, the lowest-numbered cluster on ties.
    public let assignment: [Int]
    /// Σᵢ wᵢ·d(i, medoid of i).
    public let objective: Double
    /// Number of swaps applied.
    public let swaps: Int
}

public enum KMedoids {
    /// PAM: BUILD (or the given `initial` medoid rows, e.g. Ward's cluster medoids) then best-improvement SWAP.
    public static func fit(_ d: DistanceMatrix, k: Int, weights: [Double]? = nil, initial: [Int]? = nil) throws(SequenceError) -> KMedoidsResult {
        let n = d.count
        let w = try checked(d, k: k, weights: weights)
        var medoids: [Int]
        let columns = Columns(d)
        if let initial { medoids = try checkedInitial(initial, k: k, n: n) } else { medoids = build(d, k: k, w: w, columns: columns) }
        var isMedoid = [Bool](repeating: false, count: n)
        for m in medoids { isMedoid[m] = true }

        // SWAP
        var swaps = 0
        while true {
            // nearest (D) and second nearest (E) medoid distance, and which medoid slot is nearest.
            var D = [Double](repeating: .infinity, count: n)
            var E = [Double](repeating: .infinity, count: n)
            var slot = [Int](repeating: 0, count: n)
            for i in 0..<n {
                for (s, m) in medoids.enumerated() {
                    let x = d[i, m]
                    if x < D[i] { E[i] = D[i]; D[i] = x; slot[i] = s } else if x < E[i] { E[i] = x }
                }
            }
            // The change of swapping slot s for h, split so one pass over i serves every slot: a row nearer to h
            // than to its medoid gains dh − Dᵢ whichever slot is removed ("shared"); otherwise only removing its own
            // medoid's slot changes it, to min(Eᵢ, dh) − Dᵢ ("removal[s]"). O(n²) per iteration instead of O(k·n²);
            // the (h, s) order and the strict < keep the tie rule. (With integer distances and unit weights every
            // sum is exact, so the swaps are those of the slot-by-slot sum; otherwise they differ only by round-off.)
            var bestDelta = 0.0
            var bestSwap: (slot: Int, h: Int)? = nil
            var removal = [Double](repeating: 0, count: k)
            for h in 0..<n where !isMedoid[h] {
                var shared = 0.0
                for s in 0..<k { removal[s] = 0 }
                columns.withColumn(h) { column in
                    for i in 0..<n {
                        let dh = column[i]
                        if dh < D[i] { shared += w[i] * (dh - D[i]) } else { removal[slot[i]] += w[i] * (min(E[i], dh) - D[i]) }
                    }
                }
                for s in 0..<k {
                    let delta = shared + removal[s]
                    if delta < bestDelta { bestDelta = delta; bestSwap = (s, h) }
                }
            }
            // Stop at no strict improvement beyond round-off of the objective's size.
            let objective = zip(w, D).reduce(0.0) { $0 + $1.0 * $1.1 }
            guard let swap = bestSwap, bestDelta < -1e-12 * max(1, objective) else { break }
            isMedoid[medoids[swap.slot]] = false
            medoids[swap.slot] = swap.h
            isMedoid[swap.h] = true
            swaps += 1
        }
        return finish(d, medoids: medoids, w: w, swaps: swaps)
    }

    static func checked(_ d: DistanceMatrix, k: Int, weights: [Double]?) throws(SequenceError) -> [Double] {
        let n = d.count
        guard k >= 1 && k <= n else { throw .badClusterCount(k: k, n: n) }
        let w = weights ?? [Double](repeating: 1, count: n)
        guard w.count == n else { throw .shapeMismatch("\(w.count) weights for \(n) sequences") }
        return w
    }

    static func checkedInitial(_ m: [Int], k: Int, n: Int) throws(SequenceError) -> [Int] {
        guard m.count == k, Set(m).count == k, m.allSatisfy({ (0..<n).contains($0) }) else {
            throw .shapeMismatch("the initial medoids must be \(k) distinct rows in 0..<\(n), got \(m)")
        }
        return m
    }

    /// BUILD: the first medoid minimises Σᵢ wᵢ d(i, j); each next one maximises Σᵢ wᵢ·max(Dᵢ − d(i, j), 0); ties to
    /// the last row (as sequenzo's PAMonce).
    static func build(_ d: DistanceMatrix, k: Int, w: [Double], columns: Columns? = nil) -> [Int] {
        let n = d.count
        let columns = columns ?? Columns(d)
        var medoids: [Int] = []
        var isMedoid = [Bool](repeating: false, count: n)
        var nearest = [Double](repeating: .infinity, count: n)
        for _ in 0..<k {
            var best = -1
            var bestValue = 0.0
            for j in 0..<n where !isMedoid[j] {
                var value = 0.0
                columns.withColumn(j) { column in
                    if medoids.isEmpty {
                        for i in 0..<n { value += w[i] * column[i] }
                        value = -value     // maximise −cost
                    } else {
                        for i in 0..<n { let g = nearest[i] - column[i]; if g > 0 { value += w[i] * g } }
                    }
                }
                if best < 0 || value >= bestValue { best = j; bestValue = value }   // ties: the last row, as sequenzo
            }
            medoids.append(best)
            isMedoid[best] = true
            for i in 0..<n { nearest[i] = min(nearest[i], d[i, best]) }
        }
        return medoids
    }

    /// Sorts the medoids (cluster c is the c-th lowest medoid row), assigns each row to its nearest medoid (the
    /// lowest-numbered cluster on ties) and sums the objective.
    static func finish(_ d: DistanceMatrix, medoids unsorted: [Int], w: [Double], swaps: Int) -> KMedoidsResult {
        let medoids = unsorted.sorted()
        let n = d.count
        var assignment = [Int](repeating: 0, count: n)
        var objective = 0.0
        for i in 0..<n {
            var best = 0
            for c in 1..<medoids.count where d[i, medoids[c]] < d[i, medoids[best]] { best = c }
            assignment[i] = best + 1
            objective += w[i] * d[i, medoids[best]]
        }
        return KMedoidsResult(medoids: medoids, assignment: assignment, objective: objective, swaps: swaps)
    }
}

extension KMedoids {
    /// The medoid of each cluster of a given partition (clusters 1...k, e.g. a Ward tree's cut): the member with the
    /// least weighted total distance to the cluster's members (the lowest row on ties), and the objective
    /// Σᵢ wᵢ·d(i, medoid of i's cluster) — the representative sequences of a typology not found by PAM.
    public static func medoids(_ d: DistanceMatrix, assignment: [Int], weights: [Double]? = nil) throws(SequenceError) -> KMedoidsResult {
        let n = d.count
        guard assignment.count == n else { throw .shapeMismatch("\(assignment.count) cluster labels for \(n) sequences") }
        let w = weights ?? [Double](repeating: 1, count: n)
        let k = assignment.max() ?? 0
        var medoids: [Int] = []
        for c in 1...max(k, 1) {
            let members = (0..<n).filter { assignment[$0] == c }
            guard !members.isEmpty else { throw .shapeMismatch("cluster \(c) of 1...\(k) is empty") }
            var best = members[0], bestSum = Double.infinity
            for j in members {
                var sum = 0.0
                for i in members { sum += w[i] * d[i, j] }
                if sum < bestSum { best = j; bestSum = sum }
            }
            medoids.append(best)
        }
        var objective = 0.0
        for i in 0..<n { objective += w[i] * d[i, medoids[assignment[i] - 1]] }
        return KMedoidsResult(medoids: medoids, assignment: assignment, objective: objective, swaps: 0)
    }
}

/// Column j of a distance matrix, d(·, j), for the O(n) passes of BUILD and SWAP: read from a square row-major copy
/// when it fits (n ≤ 8,192: at most 512 MB; by symmetry row j is column j, contiguous), else looked up on demand
/// into a reused buffer. The same values either way, so the same medoids.
final class Columns {
    let n: Int
    let d: DistanceMatrix
    let square: [Double]
    var buffer: [Double]

    init(_ d: DistanceMatrix) {
        self.d = d
        n = d.count
        if n <= 8192 {
            var s = [Double](repeating: 0, count: n * n)
            for i in 0..<n { for j in (i + 1)..<n { let x = d[i, j]; s[i * n + j] = x; s[j * n + i] = x } }
            square = s
            buffer = []
        } else {
            square = []
            buffer = [Double](repeating: 0, count: n)
        }
    }

    /// Calls body with d(i, j) for i = 0..<n.
    @inline(__always)
    func withColumn<R>(_ j: Int, _ body: (UnsafeBufferPointer<Double>) -> R) -> R {
        if !square.isEmpty {
            return square.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(j * n)..<(j * n + n)])) }
        }
        let u = d.uniqueIndex[j]
        for i in 0..<n { buffer[i] = d.unique(d.uniqueIndex[i], u) }
        return buffer.withUnsafeBufferPointer { body($0) }
    }
}
