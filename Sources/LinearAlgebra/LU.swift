import _CLAPACK
import Foundation

/// The LU factorisation P·A = L·U of a square matrix with partial pivoting (LAPACK dgetrf), as a value.
///
/// An exactly singular matrix still factors (U has a zero on its diagonal): ``singularPivot`` records it,
/// ``determinant`` is 0 and ``solve(_:)-(Vector)`` throws ``LinearAlgebraError/singular(pivot:)``.
/// Cost 2n³/3 flops; each solve 2n². The 1-norm reciprocal condition number is estimated (dgecon).
public struct LU: Sendable {
    /// L (unit lower, below the diagonal) and U (upper, on and above it), packed as dgetrf returns them.
    public let packed: Matrix
    /// 1-based LAPACK row interchanges: row i was swapped with row `pivots[i]`.
    public let pivots: [Int32]
    /// 1-based index of the first zero diagonal entry of U, if any.
    public let singularPivot: Int?
    /// Estimate of 1 / (‖A‖₁‖A⁻¹‖₁); 0 for a singular matrix.
    public let reciprocalConditionNumber: Double

    public init(_ a: Matrix) throws(LinearAlgebraError) {
        try requireSquare(a)
        try requireFinite(a, "matrix passed to LU")
        let n = a.rows
        var lu = a
        var ipiv = [Int32](repeating: 0, count: n)
        guard n > 0 else {
            packed = lu; pivots = []; singularPivot = nil; reciprocalConditionNumber = .infinity; return
        }
        var nn = try lapackInt(n), lda = nn, info: Int32 = 0
        var anorm = oneNorm(a)
        dgetrf_(&nn, &nn, &lu.storage, &lda, &ipiv, &info)
        try checkInfo(info, "dgetrf")
        var rcond = 0.0
        if info > 0 {
            singularPivot = Int(info)
        } else {
            singularPivot = nil
            var work = [Double](repeating: 0, count: 4 * n), iwork = [Int32](repeating: 0, count: n)
            var cinfo: Int32 = 0
            dgecon_("1", &nn, &lu.storage, &lda, &anorm, &rcond, &work, &iwork, &cinfo, 1)
            try checkInfo(cinfo, "dgecon")
        }
        packed = lu
        pivots = ipiv
        reciprocalConditionNumber = rcond
    }

    public var dimension: Int { packed.rows }

    /// log|det A| and the sign of det A (sign 0 and log −∞ for a singular matrix), as R's
    /// `determinant(A, logarithm = TRUE)`.
    public var logDeterminant: (logAbsoluteValue: Double, sign: Double) {
        if singularPivot != nil { return (-.infinity, 0) }
        var logAbs = 0.0, sign = 1.0
        for i in 0..<dimension {
            let u = packed.storage[i + i * dimension]
            logAbs += log(Swift.abs(u))
            if u < 0 { sign = -sign }
            if Int(pivots[i]) != i + 1 { sign = -sign }
        }
        return (logAbs, sign)
    }

    /// det A = sign · exp(log|det A|) (may overflow to ±∞ for large matrices; prefer ``logDeterminant``).
    public var determinant: Double {
        let (l, s) = logDeterminant
        return s == 0 ? 0 : s * exp(l)
    }

    /// Solves A·x = b (dgetrs).
    public func solve(_ b: Vector) throws(LinearAlgebraError) -> Vector {
        Vector(try solve(Matrix(rows: b.count, columns: 1, columnMajor: b.elements)).elements)
    }

    /// Solves A·X = B (dgetrs), or Aᵀ·X = B with `transpose`.
    public func solve(_ b: Matrix, transpose: Bool = false) throws(LinearAlgebraError) -> Matrix {
        guard b.rows == dimension else {
            throw .dimensionMismatch("LU factor is \(dimension)×\(dimension), right-hand side has \(b.rows) rows")
        }
        try requireFinite(b, "right-hand side")
        if let k = singularPivot { throw .singular(pivot: k) }
        if dimension == 0 || b.columns == 0 { return b }
        var x = b, lu = packed, ipiv = pivots
        var n = try lapackInt(dimension), nrhs = try lapackInt(b.columns), lda = n, ldb = n, info: Int32 = 0
        dgetrs_(transpose ? "T" : "N", &n, &nrhs, &lu.storage, &lda, &ipiv, &x.storage, &ldb, &info, 1)
        try checkInfo(info, "dgetrs")
        return x
    }

    /// A⁻¹ (dgetri).
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        if let k = singularPivot { throw .singular(pivot: k) }
        if dimension == 0 { return packed }
        var inv = packed, ipiv = pivots
        var n = try lapackInt(dimension), lda = n, info: Int32 = 0, lwork: Int32 = -1, query = 0.0
        dgetri_(&n, &inv.storage, &lda, &ipiv, &query, &lwork, &info)
        try checkInfo(info, "dgetri")
        lwork = workspaceSize(query)
        var work = [Double](repeating: 0, count: Int(lwork))
        dgetri_(&n, &inv.storage, &lda, &ipiv, &work, &lwork, &info)
        try checkInfo(info, "dgetri")
        if info > 0 { throw .singular(pivot: Int(info)) }
        return inv
    }
}
