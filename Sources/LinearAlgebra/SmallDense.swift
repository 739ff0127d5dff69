internal import Foundation

/// Small dense kernels on column-major `[Double]` buffers, for the per-group blocks of a mixed model (q×q with
/// q the number of random-effect columns, and q×p) and other matrices of a few rows. These are the textbook algorithms (Golub & Van Loan 2013,
/// *Matrix Computations*, 4th ed., Alg. 4.2.1 for Cholesky, §3.1 for triangular solves); LAPACK's call overhead
/// would dominate at these sizes.
public enum SmallDense {
    /// Overwrites the lower triangle of the n×n symmetric matrix `a` with its Cholesky factor L (A = L·Lᵀ) and
    /// zeroes the strict upper triangle. Returns false if A is not (numerically) positive definite.
    /// Complexity n³/3 flops.
    public static func cholesky(_ a: inout [Double], _ n: Int) -> Bool {
        for j in 0..<n {
            var d = a[j + j * n]
            for k in 0..<j { d -= a[j + k * n] * a[j + k * n] }
            guard d > 0, d.isFinite else { return false }
            let l = d.squareRoot()
            a[j + j * n] = l
            for i in (j + 1)..<max(j + 1, n) {
                var s = a[i + j * n]
                for k in 0..<j { s -= a[i + k * n] * a[j + k * n] }
                a[i + j * n] = s / l
            }
            for i in 0..<j { a[i + j * n] = 0 }
        }
        return true
    }

    /// Solves L·X = B in place for lower-triangular n×n L and B with `m` columns (n×m, column-major).
    public static func solveLower(_ l: [Double], _ n: Int, _ b: inout [Double], columns m: Int) {
        for c in 0..<m {
            let o = c * n
            for i in 0..<n {
                var s = b[o + i]
                for k in 0..<i { s -= l[i + k * n] * b[o + k] }
                b[o + i] = s / l[i + i * n]
            }
        }
    }

    /// Solves Lᵀ·X = B in place for lower-triangular n×n L and B with `m` columns.
    public static func solveLowerTransposed(_ l: [Double], _ n: Int, _ b: inout [Double], columns m: Int) {
        for c in 0..<m {
            let o = c * n
            for i in stride(from: n - 1, through: 0, by: -1) {
                var s = b[o + i]
                for k in (i + 1)..<max(i + 1, n) { s -= l[k + i * n] * b[o + k] }
                b[o + i] = s / l[i + i * n]
            }
        }
    }

    /// (A⁻¹ for A = L·Lᵀ) from the lower Cholesky factor L, n×n. Complexity O(n³).
    public static func inverseFromCholesky(_ l: [Double], _ n: Int) -> [Double] {
        var x = [Double](repeating: 0, count: n * n)
        for i in 0..<n { x[i + i * n] = 1 }
        solveLower(l, n, &x, columns: n)
        solveLowerTransposed(l, n, &x, columns: n)
        return x
    }

    /// Inverse of a symmetric positive-definite n×n matrix, or nil if it is not positive definite.
    public static func inverseSPD(_ a: [Double], _ n: Int) -> [Double]? {
        var l = a
        guard cholesky(&l, n) else { return nil }
        return inverseFromCholesky(l, n)
    }
}
