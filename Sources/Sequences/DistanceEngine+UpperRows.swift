import Foundation

extension DistanceEngine {
    /// The upper-triangle parts of input rows `rows` (each row i: d(i, j) for j = i+1..<n, the rows of the condensed
    /// n(n−1)/2 file in scipy's order), computed pair by pair on demand: each distance once (copies of one sequence
    /// give 0 without computing), where ``rows(_:threads:)`` computes whole rows among unique sequences, and so each
    /// distance twice, when the condensed matrix among unique sequences does not fit in memory. `out` receives
    /// Σ (n − 1 − i) values, row after row. Workers take rows round-robin; every value is pair(min, max) of the
    /// unique indices, the same function as the in-memory matrix, so the numbers equal its entries.
    public func upperRows(_ rows: Range<Int>, into out: UnsafeMutableBufferPointer<Double>, threads: Int? = nil) {
        let n = uniqueIndex.count
        guard !rows.isEmpty else { return }
        let first = rows.lowerBound
        let map = uniqueIndex
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, rows.count))
        let base = SendablePointer(out.baseAddress)
        if let kernel = rowKernel {
            // Whole rows by the multi-pair kernel: for row i, the unique sequences that appear at some input row
            // j > i (their last row is past i), in the lanes' column order; each once, then scattered to the j.
            var last = [Int](repeating: -1, count: uniqueCount)
            for (j, q) in map.enumerated() { last[q] = j }
            let lastRow = last
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                withRowWorkspace(kernel) { work in
                    var i = first + w
                    while i < rows.upperBound {
                        let p = map[i]
                        let start = (i - first) * (2 * n - first - i - 1) / 2
                        row(kernel, p, work, wanted: { lastRow[$0] > i }) { q, d in work.values[q] = d }
                        for j in (i + 1)..<n {
                            let q = map[j]
                            base.pointer?[start + j - i - 1] = p == q ? 0 : work.values[q]
                        }
                        i += workers
                    }
                }
            }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            withWorkspace { work in
                var i = first + w
                while i < rows.upperBound {
                    let p = map[i]
                    let start = (i - first) * (2 * n - first - i - 1) / 2   // row i's first value within `out`
                    for j in (i + 1)..<n {
                        let q = map[j]
                        base.pointer?[start + j - i - 1] = p == q ? 0 : (p < q ? pair(p, q, work) : pair(q, p, work))
                    }
                    i += workers
                }
            }
        }
    }
}
