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
/// Cost per pair: O(m·n) additions and comparisons after trimming, one row of m + 1 doubles of workspace (reused).
/// The LCS distance (TraMineR `method = "LCS"`: |a| + |b| − 2·LCS(a, b)) is OM with sub = 2, indel = 1 and is
/// computed here by the same programme with integer costs, which is exact.
///
/// Preconditions: codes in 0..<costs.size (no missing positions); `indel > 0` and finite; the workspace has at least
/// |b| + 1 elements.
struct AlignmentKernel {
    let costs: SubstitutionCosts
    let indel: Double

    func distance(_ a: UnsafeBufferPointer<Int>, _ b: UnsafeBufferPointer<Int>, row: UnsafeMutablePointer<Double>) -> Double {
        var lo = 0
        var ha = a.count, hb = b.count
        while lo < ha && lo < hb && a[lo] == b[lo] { lo += 1 }
        while ha > lo && hb > lo && a[ha - 1] == b[hb - 1] { ha -= 1; hb -= 1 }
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
}
