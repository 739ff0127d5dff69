import _CLAPACK
import Foundation

/// The Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix (LAPACK dpotrf), as a value.
///
/// Only the lower triangle of `A` is read, also for the NaN/∞ check (as R's `chol` reads one triangle). Cost n³/3 flops; solves cost 2n²
/// per right-hand side. The reciprocal condition number in the 1-norm is estimated on request (dpocon, O(n²)).
///
/// Failure is typed: a matrix that is not positive definite throws
/// ``LinearAlgebraError/notPositiveDefinite(leadingMinor:)`` naming the first failing leading minor; NaN or ∞
/// throws ``LinearAlgebraError/nonFiniteInput(_:)``.
public struct Cholesky: Sendable {
    /// dpotrf's output: L on and below the diagonal; the strict upper triangle still holds A's (unread) entries.
    let packed: Matrix
    /// A itself (shared storage, no copy), read only by the condition estimate.
    let original: Matrix

    /// Lower-triangular L with A = L·Lᵀ (strict upper triangle zero). Built on access, O(n²).
    public var factor: Matrix {
        var l = packed
        let n = l.rows
        l.storage.withUnsafeMutableBufferPointer { p in
            for j in 1..<Swift.max(1, n) { for i in 0..<j { p[i + j * n] = 0 } }
        }
        return l
    }

    public init(_ a: Matrix) throws(LinearAlgebraError) {
        try requireSquare(a)
        let n = a.rows
        var l = a
        if n > 0 {
            var nn = try lapackInt(n), lda = nn, info: Int32 = 0
            dpotrf_("L", &nn, &l.storage, &lda, &info, 1)
            try checkInfo(info, "dpotrf")
            // NaN or ∞ anywhere in the lower triangle reaches a diagonal entry of L (every L[i][j] enters the
            // update of L[i][i]), where it either stops dpotrf or is left behind as a non-finite pivot; so the O(n)
            // diagonal check below, plus an input scan only on failure, refuses non-finite input without an
            // O(n²) pass on the success path. (OpenBLAS's own potrf does not stop on a NaN pivot.)
            var finiteDiagonal = true
            for j in 0..<n where !l.storage[j + j * n].isFinite { finiteDiagonal = false; break }
            if info > 0 || !finiteDiagonal {
                if !Cholesky.lowerTriangleIsFinite(a) { throw .nonFiniteInput("matrix passed to Cholesky") }
                throw .notPositiveDefinite(leadingMinor: info > 0 ? Int(info) : n)
            }
        }
        packed = l
        original = a
    }

    static func lowerTriangleIsFinite(_ a: Matrix) -> Bool {
        let n = a.rows
        for j in 0..<n { for i in j..<n where !a.storage[i + j * n].isFinite { return false } }
        return true
    }

    /// Estimate of 1 / (‖A‖₁‖A⁻¹‖₁) (dpocon, O(n²)); near machine epsilon means solves lose all accuracy.
    /// ‖A‖₁ is that of the symmetric matrix whose lower triangle A holds.
    public func reciprocalConditionNumber() throws(LinearAlgebraError) -> Double {
        guard dimension > 0 else { return .infinity }
        let n = dimension
        var sums = [Double](repeating: 0, count: n)
        for j in 0..<n {
            for i in j..<n {
                let m = Swift.abs(original.storage[i + j * n])
                sums[j] += m
                if i != j { sums[i] += m }
            }
        }
        var nn = try lapackInt(n), lda = nn, info: Int32 = 0, anorm = sums.max() ?? 0, rcond = 0.0
        var work = [Double](repeating: 0, count: 3 * n), iwork = [Int32](repeating: 0, count: n)
        dpocon_("L", &nn, packed.storage, &lda, &anorm, &rcond, &work, &iwork, &info, 1)
        try checkInfo(info, "dpocon")
        return rcond
    }

    public var dimension: Int { packed.rows }

    /// log det A = 2 Σ log Lᵢᵢ (never overflows, unlike det A).
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<dimension { s += log(packed.storage[i + i * dimension]) }
        return 2 * s
    }

    /// Solves A·x = b (dpotrs).
    public func solve(_ b: Vector) throws(LinearAlgebraError) -> Vector {
        let x = try solve(Matrix(rows: b.count, columns: 1, columnMajor: b.elements))
        return Vector(x.elements)
    }

    /// Solves A·X = B for several right-hand sides (dpotrs).
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard b.rows == dimension else {
            throw .dimensionMismatch("Cholesky factor is \(dimension)×\(dimension), right-hand side has \(b.rows) rows")
        }
        try requireFinite(b, "right-hand side")
        if dimension == 0 || b.columns == 0 { return b }
        var x = b
        var n = try lapackInt(dimension), nrhs = try lapackInt(b.columns), lda = n, ldb = n, info: Int32 = 0
        dpotrs_("L", &n, &nrhs, packed.storage, &lda, &x.storage, &ldb, &info, 1)
        try checkInfo(info, "dpotrs")
        return x
    }

    /// A⁻¹ (dpotri), symmetric.
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        if dimension == 0 { return packed }
        var inv = packed
        var n = try lapackInt(dimension), lda = n, info: Int32 = 0
        dpotri_("L", &n, &inv.storage, &lda, &info, 1)
        try checkInfo(info, "dpotri")
        if info > 0 { throw .singular(pivot: Int(info)) }
        inv.symmetrize(fromLower: true)
        return inv
    }
}

