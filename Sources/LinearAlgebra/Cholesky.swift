import _CLAPACK
import Foundation

/// The Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix (LAPACK dpotrf), as a value.
///
/// Only the lower triangle of `A` is read (as R's `chol` reads one triangle). Cost n³/3 flops; solves cost 2n²
/// per right-hand side. The reciprocal condition number in the 1-norm is estimated once (dpocon, O(n²)).
///
/// Failure is typed: a matrix that is not positive definite throws
/// ``LinearAlgebraError/notPositiveDefinite(leadingMinor:)`` naming the first failing leading minor; NaN or ∞
/// throws ``LinearAlgebraError/nonFiniteInput(_:)``.
public struct Cholesky: Sendable {
    /// Lower-triangular L with A = L·Lᵀ (strict upper triangle zero).
    public let factor: Matrix
    /// Estimate of 1 / (‖A‖₁‖A⁻¹‖₁) (dpocon); near machine epsilon means solves lose all accuracy.
    public let reciprocalConditionNumber: Double

    public init(_ a: Matrix) throws(LinearAlgebraError) {
        try requireSquare(a)
        try requireFinite(a, "matrix passed to Cholesky")
        var l = a
        let n = a.rows
        guard n > 0 else { factor = l; reciprocalConditionNumber = .infinity; return }
        var nn = try lapackInt(n), lda = nn, info: Int32 = 0
        var anorm = symmetricOneNormFromLower(a)
        dpotrf_("L", &nn, &l.storage, &lda, &info, 1)
        try checkInfo(info, "dpotrf")
        if info > 0 { throw .notPositiveDefinite(leadingMinor: Int(info)) }
        for j in 0..<n { for i in 0..<j { l.storage[i + j * n] = 0 } }
        var rcond = 0.0
        var work = [Double](repeating: 0, count: 3 * n), iwork = [Int32](repeating: 0, count: n)
        dpocon_("L", &nn, &l.storage, &lda, &anorm, &rcond, &work, &iwork, &info, 1)
        try checkInfo(info, "dpocon")
        factor = l
        reciprocalConditionNumber = rcond
    }

    public var dimension: Int { factor.rows }

    /// log det A = 2 Σ log Lᵢᵢ (never overflows, unlike det A).
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<dimension { s += log(factor.storage[i + i * dimension]) }
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
        var l = factor
        var n = try lapackInt(dimension), nrhs = try lapackInt(b.columns), lda = n, ldb = n, info: Int32 = 0
        dpotrs_("L", &n, &nrhs, &l.storage, &lda, &x.storage, &ldb, &info, 1)
        try checkInfo(info, "dpotrs")
        return x
    }

    /// A⁻¹ (dpotri), symmetric.
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        if dimension == 0 { return factor }
        var inv = factor
        var n = try lapackInt(dimension), lda = n, info: Int32 = 0
        dpotri_("L", &n, &inv.storage, &lda, &info, 1)
        try checkInfo(info, "dpotri")
        if info > 0 { throw .singular(pivot: Int(info)) }
        inv.symmetrize(fromLower: true)
        return inv
    }
}

