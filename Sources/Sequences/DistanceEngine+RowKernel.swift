/// Whole rows of bit-parallel LCS distances by the multi-pair kernel (``BitParallelLCSLanes``): the engine's
/// `condensed`, `rows` and `upperRows` hand it a row p and its wanted columns, listed by rank in the lanes'
/// ``BitParallelLCSLanes/columnOrder`` so each group of eight pairs is alike, and scatter the values back to their
/// places.
struct RowKernel: Sendable {
    let lanes: BitParallelLCSLanes
    let path: BitParallelPath
    /// The distance of unique sequences p and q from their LCS length (symmetric; the arithmetic of the engine's
    /// per-pair function on (min, max), so the values are equal).
    let finish: @Sendable (Int, Int, Int) -> Double
}

/// One worker's memory for whole rows: columns and LCS lengths of one row (u each), a value per unique sequence
/// (for scattering to input rows), and the kernel's scratch (64-byte aligned).
struct RowWorkspace {
    let columns: UnsafeMutablePointer<Int32>
    let lcs: UnsafeMutablePointer<Int32>
    let values: UnsafeMutablePointer<Double>
    let scratch: UnsafeMutableRawPointer
}

extension DistanceEngine {
    func withRowWorkspace<R>(_ kernel: RowKernel, _ body: (RowWorkspace) -> R) -> R {
        let u = max(1, uniqueCount)
        let w = RowWorkspace(columns: .allocate(capacity: u), lcs: .allocate(capacity: u), values: .allocate(capacity: u),
                             scratch: .allocate(byteCount: 8 * max(1, kernel.lanes.scratchWords), alignment: 64))
        defer { w.columns.deallocate(); w.lcs.deallocate(); w.values.deallocate(); w.scratch.deallocate() }
        return body(w)
    }

    /// Distances of unique sequence p to the unique sequences q (q ≠ p) for which `wanted(q)`, in column order;
    /// `emit(q, d)` receives each.
    @inline(__always)
    func row(_ kernel: RowKernel, _ p: Int, _ work: RowWorkspace, wanted: (Int) -> Bool, emit: (Int, Double) -> Void) {
        var m = 0
        let order = kernel.lanes.columnOrder
        for r in order.indices {
            let q = Int(order[r])
            if q != p && wanted(q) { work.columns[m] = Int32(r); m += 1 }
        }
        guard m > 0 else { return }
        kernel.lanes.lengths(rowRank: Int(kernel.lanes.rank[p]), columnRanks: work.columns, count: m, into: work.lcs,
                             scratch: work.scratch, path: kernel.path)
        for t in 0..<m {
            let q = Int(order[Int(work.columns[t])])
            emit(q, kernel.finish(p, q, Int(work.lcs[t])))
        }
    }
}
