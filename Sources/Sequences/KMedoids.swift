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
/// swap iteration, with the nearest and second-nearest medoid distances cached. Hot loops: BUILD's value and SWAP's
/// change of each candidate, one pass over the candidate's column (= row, by symmetry: contiguous in a square matrix,
/// ``SquareDistances``, read in place from a file or made once from the condensed one), four candidates per pass with
/// their own sums in row order (identical values, interleaved), raw pointers, SWAP without branches; preconditions:
/// distances symmetric, finite, ≥ 0 (the readers and the distance engine check).
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
        try fit(Columns(d), k: k, weights: weights, initial: initial)
    }

    /// PAM on a square matrix (read in place: no copy).
    public static func fit(_ d: SquareDistances, k: Int, weights: [Double]? = nil, initial: [Int]? = nil) throws(SequenceError) -> KMedoidsResult {
        try fit(Columns(d), k: k, weights: weights, initial: initial)
    }

    /// Hot loop: SWAP's pass over every non-medoid h, reading column h contiguously (raw pointers, one branch per
    /// row): O(n²) per iteration, whatever k; BUILD's k passes of O(n²) likewise.
    static func fit(_ columns: Columns, k: Int, weights: [Double]?, initial: [Int]?) throws(SequenceError) -> KMedoidsResult {
        let n = columns.n
        let w = try checked(n, k: k, weights: weights)
        var medoids: [Int]
        if let initial { medoids = try checkedInitial(initial, k: k, n: n) } else { medoids = build(columns, k: k, w: w) }
        var isMedoid = [Bool](repeating: false, count: n)
        for m in medoids { isMedoid[m] = true }

        // SWAP
        var swaps = 0
        var D = [Double](repeating: .infinity, count: n)
        var E = [Double](repeating: .infinity, count: n)
        var slot = [Int](repeating: 0, count: n)
        var removal = [Double](repeating: 0, count: lanes * k)
        while true {
            // nearest (D) and second nearest (E) medoid distance, and which medoid slot is nearest.
            for i in 0..<n { D[i] = .infinity; E[i] = .infinity; slot[i] = 0 }
            for (s, m) in medoids.enumerated() {
                columns.withColumn(m) { column in
                    for i in 0..<n {
                        let x = column[i]
                        if x < D[i] { E[i] = D[i]; D[i] = x; slot[i] = s } else if x < E[i] { E[i] = x }
                    }
                }
            }
            // The change of swapping slot s for h, split so one pass over i serves every slot: a row nearer to h
            // than to its medoid gains dh − Dᵢ whichever slot is removed ("shared"); otherwise only removing its own
            // medoid's slot changes it, to min(Eᵢ, dh) − Dᵢ ("removal[s]"). O(n²) per iteration instead of O(k·n²);
            // the (h, s) order and the strict < keep the tie rule. (With integer distances and unit weights every
            // sum is exact, so the swaps are those of the slot-by-slot sum; otherwise they differ only by round-off.)
            var bestDelta = 0.0
            var bestSwap: (slot: Int, h: Int)? = nil
            let candidates = (0..<n).filter { !isMedoid[$0] }
            var group = 0
            while group < candidates.count {
                let width = min(lanes, candidates.count - group)
                let hs = Array(candidates[group..<(group + width)])
                let shared = swapChanges(columns, hs, D: D, E: E, slot: slot, w: w, removal: &removal, k: k)
                for (lane, h) in hs.enumerated() {
                    for s in 0..<k {
                        let delta = shared[lane] + removal[lane * k + s]
                        if delta < bestDelta { bestDelta = delta; bestSwap = (s, h) }
                    }
                }
                group += width
            }
            // Stop at no strict improvement beyond round-off of the objective's size.
            let objective = zip(w, D).reduce(0.0) { $0 + $1.0 * $1.1 }
            guard let swap = bestSwap, bestDelta < -1e-12 * max(1, objective) else { break }
            isMedoid[medoids[swap.slot]] = false
            medoids[swap.slot] = swap.h
            isMedoid[swap.h] = true
            swaps += 1
        }
        return finish(columns, medoids: medoids, w: w, swaps: swaps)
    }

    static func checked(_ n: Int, k: Int, weights: [Double]?) throws(SequenceError) -> [Double] {
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
    static func build(_ columns: Columns, k: Int, w: [Double]) -> [Int] {
        let n = columns.n
        var medoids: [Int] = []
        var isMedoid = [Bool](repeating: false, count: n)
        var nearest = [Double](repeating: .infinity, count: n)
        for step in 0..<k {
            var best = -1
            var bestValue = 0.0
            let candidates = (0..<n).filter { !isMedoid[$0] }
            var group = 0
            while group < candidates.count {
                let width = min(lanes, candidates.count - group)
                let js = Array(candidates[group..<(group + width)])
                let values = buildValues(columns, js, first: step == 0, nearest: nearest, w: w)
                for (lane, j) in js.enumerated() {
                    let value = values[lane]
                    if best < 0 || value >= bestValue { best = j; bestValue = value }   // ties: the last row, as sequenzo
                }
                group += width
            }
            medoids.append(best)
            isMedoid[best] = true
            columns.withColumn(best) { column in for i in 0..<n { nearest[i] = min(nearest[i], column[i]) } }
        }
        return medoids
    }

    /// Candidates evaluated together in BUILD and SWAP: each keeps its own sums, added in row order exactly as one
    /// at a time would, so the values are identical; interleaving the lanes' independent chains of additions (and
    /// their rows' reads) is what makes the pass fast.
    static let lanes = 4

    /// BUILD's value of each candidate j: −Σᵢ wᵢ d(i, j) for the first medoid, else Σᵢ wᵢ·max(Dᵢ − d(i, j), 0)
    /// (adding wᵢ·0 where the gain is not positive leaves the sum exactly as skipping it would).
    static func buildValues(_ columns: Columns, _ js: [Int], first: Bool, nearest: [Double], w: [Double]) -> [Double] {
        let n = columns.n
        guard let square = columns.square, js.count == lanes else {
            return js.map { j in
                columns.withColumn(j) { column in
                    var value = 0.0
                    if first { for i in 0..<n { value += w[i] * column[i] }; return -value }
                    for i in 0..<n { value += w[i] * max(nearest[i] - column[i], 0) }
                    return value
                }
            }
        }
        let r0 = square.base + js[0] * n, r1 = square.base + js[1] * n, r2 = square.base + js[2] * n, r3 = square.base + js[3] * n
        var v0 = 0.0, v1 = 0.0, v2 = 0.0, v3 = 0.0
        w.withUnsafeBufferPointer { w in
            if first {
                for i in 0..<n { let wi = w[i]; v0 += wi * r0[i]; v1 += wi * r1[i]; v2 += wi * r2[i]; v3 += wi * r3[i] }
                v0 = -v0; v1 = -v1; v2 = -v2; v3 = -v3
            } else {
                nearest.withUnsafeBufferPointer { nearest in
                    for i in 0..<n {
                        let wi = w[i], di = nearest[i]
                        v0 += wi * max(di - r0[i], 0); v1 += wi * max(di - r1[i], 0)
                        v2 += wi * max(di - r2[i], 0); v3 += wi * max(di - r3[i], 0)
                    }
                }
            }
        }
        return [v0, v1, v2, v3]
    }

    /// SWAP's pass for candidates hs: per lane the shared change Σ_{dh < Dᵢ} wᵢ(dh − Dᵢ) (returned) and, in
    /// `removal[lane·k + s]`, Σ over the other rows nearest to slot s of wᵢ(min(Eᵢ, dh) − Dᵢ), in row order (adding 0
    /// for the rows a sum skips leaves it exactly as the branch would; no branch to mispredict).
    static func swapChanges(_ columns: Columns, _ hs: [Int], D: [Double], E: [Double], slot: [Int], w: [Double],
                            removal: inout [Double], k: Int) -> [Double] {
        let n = columns.n
        for t in 0..<(hs.count * k) { removal[t] = 0 }
        guard let square = columns.square, hs.count == lanes else {
            return hs.enumerated().map { lane, h in
                columns.withColumn(h) { column in
                    var shared = 0.0
                    for i in 0..<n {
                        let dh = column[i]
                        if dh < D[i] { shared += w[i] * (dh - D[i]) } else { removal[lane * k + slot[i]] += w[i] * (min(E[i], dh) - D[i]) }
                    }
                    return shared
                }
            }
        }
        let r0 = square.base + hs[0] * n, r1 = square.base + hs[1] * n, r2 = square.base + hs[2] * n, r3 = square.base + hs[3] * n
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        w.withUnsafeBufferPointer { w in D.withUnsafeBufferPointer { D in E.withUnsafeBufferPointer { E in
        slot.withUnsafeBufferPointer { slot in removal.withUnsafeMutableBufferPointer { removal in
            let m0 = removal.baseAddress!, m1 = m0 + k, m2 = m1 + k, m3 = m2 + k
            for i in 0..<n {
                let wi = w[i], di = D[i], ei = E[i], si = slot[i]
                let d0 = r0[i], d1 = r1[i], d2 = r2[i], d3 = r3[i]
                s0 += d0 < di ? wi * (d0 - di) : 0; m0[si] += d0 < di ? 0 : wi * (min(ei, d0) - di)
                s1 += d1 < di ? wi * (d1 - di) : 0; m1[si] += d1 < di ? 0 : wi * (min(ei, d1) - di)
                s2 += d2 < di ? wi * (d2 - di) : 0; m2[si] += d2 < di ? 0 : wi * (min(ei, d2) - di)
                s3 += d3 < di ? wi * (d3 - di) : 0; m3[si] += d3 < di ? 0 : wi * (min(ei, d3) - di)
            }
        } } } } }
        return [s0, s1, s2, s3]
    }

    /// Sorts the medoids (cluster c is the c-th lowest medoid row), assigns each row to its nearest medoid (the
    /// lowest-numbered cluster on ties) and sums the objective.
    static func finish(_ d: Columns, medoids unsorted: [Int], w: [Double], swaps: Int) -> KMedoidsResult {
        let medoids = unsorted.sorted()
        let n = d.n
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
        try medoids(Columns(d, squareUpTo: 0), assignment: assignment, weights: weights)
    }

    /// The same on a square matrix (read in place).
    public static func medoids(_ d: SquareDistances, assignment: [Int], weights: [Double]? = nil) throws(SequenceError) -> KMedoidsResult {
        try medoids(Columns(d), assignment: assignment, weights: weights)
    }

    static func medoids(_ d: Columns, assignment: [Int], weights: [Double]?) throws(SequenceError) -> KMedoidsResult {
        let n = d.n
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

/// Column j of a distance matrix, d(·, j), for the O(n) passes of BUILD and SWAP: read from a square row-major matrix
/// (by symmetry row j is column j, contiguous) — given, or made from a condensed one when it fits (n ≤ 8,192: at most
/// 512 MB) — else looked up on demand into a reused buffer. The same values either way, so the same medoids.
final class Columns {
    let n: Int
    let d: DistanceMatrix?
    let square: SquareDistances?
    var buffer: [Double]

    init(_ d: DistanceMatrix, squareUpTo limit: Int = 8192) {
        n = d.count
        if n <= limit {
            self.d = nil
            square = SquareDistances(d)
            buffer = []
        } else {
            self.d = d
            square = nil
            buffer = [Double](repeating: 0, count: n)
        }
    }

    init(_ square: SquareDistances) {
        n = square.count
        d = nil
        self.square = square
        buffer = []
    }

    /// d(i, j).
    @inline(__always) subscript(i: Int, j: Int) -> Double { square?[i, j] ?? d![i, j] }

    /// Calls body with d(i, j) for i = 0..<n.
    @inline(__always)
    func withColumn<R>(_ j: Int, _ body: (UnsafeBufferPointer<Double>) -> R) -> R {
        if let square { return body(square.row(j)) }
        let d = d!
        let u = d.uniqueIndex[j]
        for i in 0..<n { buffer[i] = d.unique(d.uniqueIndex[i], u) }
        return buffer.withUnsafeBufferPointer { body($0) }
    }
}
