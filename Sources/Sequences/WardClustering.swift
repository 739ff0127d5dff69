#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Agglomerative clustering on a distance matrix, as R's `hclust` (and scipy's `linkage`), by one of four linkages
/// (``Variant``), each a Lance–Williams update of the distance from cluster k to a merged cluster i∪j:
/// - `ward.D2` (Murtagh & Legendre 2014): the dissimilarities are squared, merged by
///     d²(k, i∪j) = [(nᵢ + n_k)·d²(k, i) + (nⱼ + n_k)·d²(k, j) − n_k·d²(i, j)] / (nᵢ + nⱼ + n_k),
///   and a merge's height is √d²(i, j); `ward.D` (R's older variant) is the same update on unsquared distances;
/// - `average` (UPGMA): d(k, i∪j) = (nᵢ·d(k, i) + nⱼ·d(k, j)) / (nᵢ + nⱼ);
/// - `complete`: d(k, i∪j) = max(d(k, i), d(k, j)).
///
/// Merges are found by the nearest-neighbour chain (Murtagh 1983), exact for these linkages because they are
/// reducible (scipy uses the same algorithm for them); ties as scipy's `nn_chain` (the previous chain element wins a tie for nearest neighbour, then the lowest
/// slot; the merged cluster takes the higher slot), so tied integer distances give scipy's tree; merges are then
/// ordered by height (stable), as hclust and scipy report them. Cost: O(n²) time, one square
/// n × n working matrix of doubles (rows contiguous for the scans: 200 MB at n = 5,000), allocated uninitialised
/// (huge-page advised) and filled in one pass from the input, which is left as it is. Hot loops (raw pointers, active
/// slots only): the nearest-neighbour scan of a row (about 2.5n scans in all) and the Lance–Williams update after a
/// merge (row j contiguous, column j strided); preconditions: the input symmetric, zero diagonal, finite (the
/// readers check). Equal heights may be merged in another order than R's, so labels at a cut
/// can legitimately differ when heights tie; the heights cannot.
public struct WardTree: Sendable {
    /// One merge: the two clusters joined (ids: 0..<n are the rows, n + m the cluster made by merge m), the height,
    /// and the size of the new cluster.
    public struct Merge: Sendable, Equatable {
        public let left: Int
        public let right: Int
        public let height: Double
        public let size: Int
    }

    public enum Variant: Sendable { case wardD, wardD2, average, complete }

    public let count: Int
    /// n − 1 merges in ascending height.
    public let merges: [Merge]

    public static func fit(_ d: DistanceMatrix, variant: Variant = .wardD2) -> WardTree {
        let n = d.count
        return fit(count: n, variant: variant) { w in
            for i in 0..<n {
                w[i * n + i] = 0
                for j in (i + 1)..<n { let x = d[i, j]; let v = variant == .wardD2 ? x * x : x; w[i * n + j] = v; w[j * n + i] = v }
            }
        }
    }

    /// The tree of a square matrix (e.g. `sequences cluster --distances D.npy` read in place): the working matrix is
    /// filled from its rows in one contiguous pass (squared for ward.D2), the input left as it is (the medoids of the
    /// cut clusters are found on it afterwards).
    public static func fit(_ d: SquareDistances, variant: Variant = .wardD2) -> WardTree {
        let n = d.count
        return fit(count: n, variant: variant) { w in
            let s = d.base
            if variant == .wardD2 { for t in 0..<(n * n) { let x = s[t]; w[t] = x * x } } else { w.update(from: s, count: n * n) }
        }
    }

    /// The algorithm on a working matrix that `fill` writes (all n² entries, symmetric: the linkage's dissimilarities,
    /// squared for ward.D2) into uninitialised storage, freed on return.
    ///
    /// Hot loops (all on raw pointers, over the active slots only): the nearest-neighbour scan of a row (contiguous
    /// reads, about 2.5n scans of the active count in all: O(n²)) and the Lance–Williams update after a merge (row j
    /// written contiguously, column j strided: O(active) each, O(n²) in all).
    static func fit(count n: Int, variant: Variant, fill: (UnsafeMutablePointer<Double>) -> Void) -> WardTree {
        guard n > 1 else { return WardTree(count: n, merges: []) }
        // The working matrix is held square (n × n, both triangles kept equal) so that the nearest-neighbour scan of
        // a row reads contiguous memory: twice the condensed triangle's memory, several times faster at n = 5,000.
        let storage = allocateDoubles(n * n)
        defer { free(storage) }
        fill(storage)
        let w = storage
        // Cluster sizes as doubles (exact: at most n), read per active slot in the update.
        var size = [Double](repeating: 1, count: n)
        // The active slots in ascending order: scans visit only them (the active count falls from n to 1, so this
        // halves the work of a scan over all slots with a flag test), in the same order, so ties break as before.
        var alive = Array(0..<n)
        var active = n
        var label = Array(0..<n)            // current tree id of the cluster held in slot i
        var raw: [(a: Int, b: Int, dist: Double)] = []
        raw.reserveCapacity(n - 1)
        var chain: [Int] = []
        size.withUnsafeMutableBufferPointer { size in
        alive.withUnsafeMutableBufferPointer { alive in
            while raw.count < n - 1 {
                if chain.isEmpty { chain.append(alive[0]) }
                while true {
                    let x = chain[chain.count - 1]
                    let previous = chain.count > 1 ? chain[chain.count - 2] : -1
                    // Nearest active neighbour of x; the previous chain element wins ties (so the chain terminates),
                    // then the lowest slot.
                    var best = previous
                    let row = w + x * n
                    var bestDist = previous >= 0 ? row[previous] : .infinity
                    for t in 0..<active {
                        let y = alive[t]
                        let v = row[y]
                        if v < bestDist && y != x { best = y; bestDist = v }
                    }
                    if best == previous {
                        chain.removeLast(2)
                        // Merge slots x and previous into the higher slot, as scipy's nn_chain does.
                        let (i, j) = x < previous ? (x, previous) : (previous, x)
                        let dij = bestDist
                        let ni = size[i], nj = size[j]
                        let rowI = w + i * n, rowJ = w + j * n
                        // Lance–Williams on the active slots k ≠ i, j: rows i and j read contiguously (symmetric),
                        // row j written contiguously and column j strided.
                        switch variant {
                        case .wardD, .wardD2:
                            for t in 0..<active {
                                let k = alive[t]
                                guard k != i && k != j else { continue }
                                let nk = size[k]
                                let updated = ((ni + nk) * rowI[k] + (nj + nk) * rowJ[k] - nk * dij) / (ni + nj + nk)
                                w[k * n + j] = updated; rowJ[k] = updated
                            }
                        case .average:
                            for t in 0..<active {
                                let k = alive[t]
                                guard k != i && k != j else { continue }
                                let updated = (ni * rowI[k] + nj * rowJ[k]) / (ni + nj)
                                w[k * n + j] = updated; rowJ[k] = updated
                            }
                        case .complete:
                            for t in 0..<active {
                                let k = alive[t]
                                guard k != i && k != j else { continue }
                                let updated = max(rowI[k], rowJ[k])
                                w[k * n + j] = updated; rowJ[k] = updated
                            }
                        }
                        raw.append((label[i], label[j], dij))
                        // Remove slot i from the ascending active list.
                        let at = Self.position(of: i, in: UnsafeBufferPointer(rebasing: alive[0..<active]))
                        if at + 1 < active {
                            (alive.baseAddress! + at).update(from: alive.baseAddress! + at + 1, count: active - at - 1)
                        }
                        active -= 1
                        size[j] += size[i]
                        label[j] = -raw.count   // provisional: −(raw merge number)
                        break
                    }
                    chain.append(best)
                }
            }
        }
        }
        // Order merges by height (stable), then name clusters n + m in that order, as hclust/scipy do.
        let order = raw.indices.sorted { raw[$0].dist < raw[$1].dist || (raw[$0].dist == raw[$1].dist && $0 < $1) }
        var newName = [Int](repeating: 0, count: raw.count)
        for (m, r) in order.enumerated() { newName[r] = n + m }
        var sizes = [Int](repeating: 1, count: n + raw.count)
        var merges: [Merge] = []
        for (m, r) in order.enumerated() {
            func name(_ id: Int) -> Int { id >= 0 ? id : newName[-id - 1] }
            let a = name(raw[r].a), b = name(raw[r].b)
            sizes[n + m] = sizes[a] + sizes[b]
            let h = variant == .wardD2 ? raw[r].dist.squareRoot() : raw[r].dist
            merges.append(Merge(left: min(a, b), right: max(a, b), height: h, size: sizes[n + m]))
        }
        return WardTree(count: n, merges: merges)
    }

    /// The index of `slot` in the ascending array `alive` (binary search; the slot is present).
    private static func position(of slot: Int, in alive: UnsafeBufferPointer<Int>) -> Int {
        var lo = 0, hi = alive.count
        while lo < hi { let mid = (lo + hi) / 2; if alive[mid] < slot { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    /// The tree cut into k clusters (the last k − 1 merges undone), numbered 1...k by first appearance in row order
    /// (R's `cutree`).
    public func cut(_ k: Int) throws(SequenceError) -> [Int] {
        guard k >= 1 && k <= count else { throw .badClusterCount(k: k, n: count) }
        var parent = Array(0..<(count + merges.count))
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        for (m, merge) in merges.prefix(count - k).enumerated() {
            parent[find(merge.left)] = count + m
            parent[find(merge.right)] = count + m
        }
        var number: [Int: Int] = [:]
        return (0..<count).map { i in
            let r = find(i)
            if let c = number[r] { return c }
            number[r] = number.count + 1
            return number.count
        }
    }
}
