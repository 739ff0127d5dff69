import LinearAlgebra

/// Solves `A·X = B` for a small dense square `A` given as row arrays, by LinearAlgebra's LU with partial pivoting
/// (LAPACK dgetrf/dgetrs). Used for the 2m×2m systems of the L-BFGS-B compact representation, where m ≤ 100 in
/// practice, so the O(k³) cost is negligible next to the O(n·m) vector work.
///
/// Returns `nil` if the system is singular, holds a non-finite value, or a result is not finite. The other
/// linear-algebra failures (shapes, LAPACK rejecting an argument) cannot arise from a k×k system built here and
/// would be a bug: they stop with a precondition failure naming the error rather than being read as "singular".
func solveSmallDense(_ a: [[Double]], _ b: [[Double]]) -> [[Double]]? {
    let k = a.count
    if k == 0 { return b }
    let columns = b.first?.count ?? 0
    let x: Matrix
    do {
        let lu = try LU(Matrix(a))
        guard lu.singularPivot == nil else { return nil }
        x = try lu.solve(Matrix(rows: k, columns: columns, columnMajor: (0..<columns).flatMap { c in b.map { $0[c] } }))
    } catch where error.isNumericalCondition {
        return nil
    } catch {
        preconditionFailure("solveSmallDense: \(error)")
    }
    var out = [[Double]](repeating: [Double](repeating: 0, count: columns), count: k)
    for r in 0..<k {
        for c in 0..<columns {
            out[r][c] = x[r, c]
            guard out[r][c].isFinite else { return nil }
        }
    }
    return out
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
