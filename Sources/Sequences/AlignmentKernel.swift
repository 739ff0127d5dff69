/// The optimal-matching distance between two state sequences (Abbott & Tsay 2000; TraMineR's `seqdist(method =
/// "OM")`): the least total cost of turning a into b by substitutions (cost sub(aᵢ, bⱼ)) and insertions/deletions
/// (cost `indel` each), by the dynamic programme
///   D(i, 0) = i·indel,  D(0, j) = j·indel,
///   D(i, j) = min(D(i−1, j) + indel, D(i, j−1) + indel, D(i−1, j−1) + sub(aᵢ, bⱼ)),   OM(a, b) = D(|a|, |b|).
///
/// Before the programme, the common prefix and common suffix are trimmed: with sub(x, x) = 0 and indel ≥ 0, an
/// optimal alignment can match equal leading (and trailing) states at zero cost, so trimming leaves the distance
/// unchanged and costs nothing when sequences share their start (most care histories begin alike).
///
/// Two programmes compute the same numbers (the same additions and comparisons, cell by cell):
/// - ``distance(_:_:row:)``, the plain programme over all m·n cells (the reference);
/// - ``bandedDistance(_:_:work:)``, which visits only the cells an optimal alignment can pass through. Any alignment
///   through cell (i, j) makes at least |i − j| indels before it and |(m − i) − (n − j)| after it, so costs at least
///   indel·(|i − j| + |(m − i) − (n − j)|); cells where that exceeds an upper bound U on the distance are never on an
///   optimal path and are treated as +∞. U is the smaller of the diagonal alignment (position-wise substitutions plus
///   |m − n| indels) and the indel-only alignment indel·(m + n − 2·LCS) (LCS by ``BitParallelLCS``). Exact, not a
///   heuristic: the band is widened by a relative 1e-9 against round-off in U. Similar sequences (the bulk of care
///   histories) get a narrow band; dissimilar ones fall back to the full programme.
///
/// Cost per pair: O(m·n) additions and comparisons after trimming (banded: O(m·width)), one row of m + 1 doubles of
/// workspace (reused). The LCS distance (TraMineR `method = "LCS"`: |a| + |b| − 2·LCS(a, b)) is OM with sub = 2,
/// indel = 1.
///
/// Preconditions: codes in 0..<costs.size (no missing positions); `indel > 0` and finite; the workspace has at least
/// |b| + 1 elements.
struct AlignmentKernel {
    let costs: SubstitutionCosts
    let indel: Double

    /// Trims the common prefix and suffix: (start, end of a, end of b).
    @inline(__always) static func trim(_ a: UnsafeBufferPointer<Int>, _ b: UnsafeBufferPointer<Int>) -> (lo: Int, ha: Int, hb: Int) {
        var lo = 0
        var ha = a.count, hb = b.count
        while lo < ha && lo < hb && a[lo] == b[lo] { lo += 1 }
        while ha > lo && hb > lo && a[ha - 1] == b[hb - 1] { ha -= 1; hb -= 1 }
        return (lo, ha, hb)
    }

    func distance(_ a: UnsafeBufferPointer<Int>, _ b: UnsafeBufferPointer<Int>, row: UnsafeMutablePointer<Double>) -> Double {
        let (lo, ha, hb) = AlignmentKernel.trim(a, b)
        let m = ha - lo, n = hb - lo
        if m == 0 { return Double(n) * indel }
        if n == 0 { return Double(m) * indel }
        let size = costs.size
        return costs.values.withUnsafeBufferPointer { sub -> Double in
            for j in 0...n { row[j] = Double(j) * indel }
            for i in 1...m {
                let ai = a[lo + i - 1] * size
                var diag = row[0]
                row[0] = Double(i) * indel
                var left = row[0]
                for j in 1...n {
                    let up = row[j]
                    var best = diag + sub[ai + b[lo + j - 1]]
                    let ins = left + indel
                    if ins < best { best = ins }
                    let del = up + indel
                    if del < best { best = del }
                    row[j] = best
                    diag = up
                    left = best
                }
            }
            return row[n]
        }
    }

    func bandedDistance(_ a: UnsafeBufferPointer<Int>, _ b: UnsafeBufferPointer<Int>, work: PairWorkspace) -> Double {
        let (lo, ha, hb) = AlignmentKernel.trim(a, b)
        let m = ha - lo, n = hb - lo
        if m == 0 { return Double(n) * indel }
        if n == 0 { return Double(m) * indel }
        let size = costs.size
        let row = work.row
        return costs.values.withUnsafeBufferPointer { sub -> Double in
            // Upper bound U on the distance.
            var diagonal = Double(abs(m - n)) * indel
            for t in 0..<min(m, n) { diagonal += sub[a[lo + t] * size + b[lo + t]] }
            var bound = min(diagonal, Double(m + n) * indel)
            if bound > 2 * indel {
                let l = BitParallelLCS.trimmedLength(a, from: lo, count: m, b, from: lo, count: n, states: size, work: work)
                bound = min(bound, Double(m + n - 2 * l) * indel)
            }
            // Cells with |i − j| + |(m − i) − (n − j)| ≤ K: with x = j − i, δ = n − m, that is |2x − δ| ≤ K (K ≥ |δ|).
            let k = Int((bound / indel) * (1 + 1e-9)) + 1
            let delta = n - m
            let xlo = (delta - k) >> 1            // floor
            let xhi = -((-(delta + k)) >> 1)      // ceil
            if xhi - xlo >= n { return distance(a, b, row: row) }
            for j in 0...n { row[j] = j <= xhi ? Double(j) * indel : .infinity }
            for i in 1...m {
                let ai = a[lo + i - 1] * size
                let jhi = min(n, i + xhi)
                var j = i + xlo
                var diag: Double, left: Double
                if j <= 0 {
                    diag = row[0]
                    row[0] = Double(i) * indel
                    left = row[0]
                    j = 1
                } else {
                    diag = row[j - 1]
                    left = .infinity
                }
                while j <= jhi {
                    let up = row[j]
                    var best = diag + sub[ai + b[lo + j - 1]]
                    let ins = left + indel
                    if ins < best { best = ins }
                    let del = up + indel
                    if del < best { best = del }
                    row[j] = best
                    diag = up
                    left = best
                    j += 1
                }
            }
            return row[n]
        }
    }
}
