import _CLAPACK

/// The pivoted Cholesky factorisation Pᵀ·A·P = L·Lᵀ of a symmetric positive-semidefinite matrix, with rank
/// detection (LAPACK dpstrf, complete pivoting on the largest remaining diagonal; Higham 2002 §10.3).
///
/// The factorisation stops when the largest remaining diagonal entry is ≤ `tolerance`; the default is LAPACK's
/// n·ε·maxᵢ Aᵢᵢ. Because dpstrf also stops on an *indefinite* matrix, the remaining Schur complement is checked:
/// an entry larger than 10 × tolerance (impossible for a semidefinite matrix, whose remainder entries are bounded by
/// the largest remaining diagonal) throws ``LinearAlgebraError/notPositiveSemidefinite(residual:)``.
/// Cost n²r/3 flops for rank r, plus O(n²(n−r)) for the check.
public struct PivotedCholesky: Sendable {
    /// n × rank lower-trapezoidal L with Pᵀ·A·P = L·Lᵀ.
    public let factor: Matrix
    /// `permutation[k]` is the original index of the row/column placed at position k.
    public let permutation: [Int]
    public let rank: Int
    public let tolerance: Double

    public init(_ a: Matrix, tolerance: Double? = nil) throws(LinearAlgebraError) {
        try requireSquare(a)
        try requireFinite(a, "matrix passed to PivotedCholesky")
        let n = a.rows
        var maxDiag = 0.0
        for i in 0..<n { maxDiag = Swift.max(maxDiag, a.storage[i + i * n]) }
        let tol = tolerance ?? Double(n) * Double.ulpOfOne * maxDiag
        guard n > 0 else {
            factor = a; permutation = []; rank = 0; self.tolerance = tol; return
        }
        var l = a
        var nn = try lapackInt(n), lda = nn, info: Int32 = 0, r: Int32 = 0, tolArg = tol
        var piv = [Int32](repeating: 0, count: n)
        var work = [Double](repeating: 0, count: 2 * n)
        dpstrf_("L", &nn, &l.storage, &lda, &piv, &r, &tolArg, &work, &info, 1)
        try checkInfo(info, "dpstrf")
        let rk = Int(r)
        let perm = piv.map { Int($0) - 1 }
        // Remainder S = A[p,p][rk:, rk:] − L[rk:, :rk]·L[rk:, :rk]ᵀ must be (numerically) zero for a PSD matrix.
        if rk < n {
            var worst = 0.0
            for j in rk..<n {
                for i in j..<n {
                    var s = a.storage[perm[i] + perm[j] * n]
                    for k in 0..<rk { s -= l.storage[i + k * n] * l.storage[j + k * n] }
                    worst = Swift.max(worst, Swift.abs(s))
                }
            }
            if worst > 10 * Swift.max(tol, Double.leastNormalMagnitude) { throw .notPositiveSemidefinite(residual: worst) }
        }
        var f = Matrix(rows: n, columns: rk)
        for j in 0..<rk { for i in j..<n { f.storage[i + j * n] = l.storage[i + j * n] } }
        factor = f
        permutation = perm
        rank = rk
        self.tolerance = tol
    }
}
