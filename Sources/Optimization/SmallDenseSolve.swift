/// Solves `A·X = B` for a small dense square `A` (row arrays) by Gaussian elimination with partial pivoting
/// (Golub & Van Loan 2013, Algorithm 3.4.1). Used for the 2m×2m systems of the L-BFGS-B compact representation,
/// where m ≤ 100 in practice, so the O(k³) cost is negligible next to the O(n·m) vector work.
///
/// Returns `nil` if a pivot is zero or a result is not finite (singular or ill-posed system).
func solveSmallDense(_ a: [[Double]], _ b: [[Double]]) -> [[Double]]? {
    let k = a.count
    if k == 0 { return b }
    var m = a
    var rhs = b
    for col in 0..<k {
        var pivot = col
        var largest = abs(m[col][col])
        for r in (col + 1)..<max(col + 1, k) where abs(m[r][col]) > largest {
            largest = abs(m[r][col]); pivot = r
        }
        guard largest > 0, largest.isFinite else { return nil }
        if pivot != col {
            m.swapAt(pivot, col)
            rhs.swapAt(pivot, col)
        }
        let diag = m[col][col]
        for r in (col + 1)..<max(col + 1, k) {
            let factor = m[r][col] / diag
            if factor == 0 { continue }
            for c in col..<k { m[r][c] -= factor * m[col][c] }
            for c in rhs[r].indices { rhs[r][c] -= factor * rhs[col][c] }
        }
    }
    for r in stride(from: k - 1, through: 0, by: -1) {
        for c in rhs[r].indices {
            var sum = rhs[r][c]
            for j in (r + 1)..<max(r + 1, k) { sum -= m[r][j] * rhs[j][c] }
            rhs[r][c] = sum / m[r][r]
            guard rhs[r][c].isFinite else { return nil }
        }
    }
    return rhs
}

/// Dot product of two equal-length arrays.
@inline(__always)
func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in 0..<min(a.count, b.count) { sum += a[i] * b[i] }
    return sum
}

/// Matrix (row arrays) times vector.
func multiply(_ m: [[Double]], _ v: [Double]) -> [Double] {
    m.map { dot($0, v) }
}
