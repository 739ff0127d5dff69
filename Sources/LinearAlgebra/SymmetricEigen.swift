import _CLAPACK

/// The eigen-decomposition A = V·diag(λ)·Vᵀ of a symmetric matrix (LAPACK dsyevd, divide and conquer),
/// eigenvalues ascending. Only the lower triangle of A is read. Cost about 9n³ flops with vectors.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: Vector
    /// Orthonormal eigenvectors, column k belonging to `values[k]`.
    public let vectors: Matrix

    public init(_ a: Matrix) throws(LinearAlgebraError) {
        try requireSquare(a)
        try requireFinite(a, "matrix passed to SymmetricEigen")
        let n = a.rows
        var v = a
        var w = [Double](repeating: 0, count: n)
        if n > 0 {
            var nn = try lapackInt(n), lda = nn, info: Int32 = 0
            var lwork: Int32 = -1, liwork: Int32 = -1, query = 0.0, iquery: Int32 = 0
            dsyevd_("V", "L", &nn, &v.storage, &lda, &w, &query, &lwork, &iquery, &liwork, &info, 1, 1)
            try checkInfo(info, "dsyevd")
            lwork = workspaceSize(query)
            liwork = Swift.max(1, iquery)
            var work = [Double](repeating: 0, count: Int(lwork)), iwork = [Int32](repeating: 0, count: Int(liwork))
            dsyevd_("V", "L", &nn, &v.storage, &lda, &w, &work, &lwork, &iwork, &liwork, &info, 1, 1)
            try checkInfo(info, "dsyevd")
            if info > 0 { throw .didNotConverge(routine: "dsyevd", info: Int(info)) }
        }
        values = Vector(w)
        vectors = v
    }
}

/// Eigenvalues and eigenvectors of a symmetric tridiagonal matrix (LAPACK dstev, implicit QL/QR), eigenvalues
/// ascending. This is the Golub–Welsch route to Gauss quadrature nodes. Cost O(n²) for values, O(n³) with vectors.
public struct SymmetricTridiagonalEigen: Sendable {
    public let values: [Double]
    /// Column k is the unit eigenvector of `values[k]`.
    public let vectors: Matrix

    /// - Parameters:
    ///   - diagonal: the n diagonal entries.
    ///   - offDiagonal: the n − 1 sub-diagonal entries.
    public init(diagonal: [Double], offDiagonal: [Double]) throws(LinearAlgebraError) {
        let n = diagonal.count
        guard offDiagonal.count == Swift.max(0, n - 1) else {
            throw .dimensionMismatch("tridiagonal matrix of order \(n) needs \(Swift.max(0, n - 1)) off-diagonal entries, got \(offDiagonal.count)")
        }
        guard diagonal.allSatisfy(\.isFinite), offDiagonal.allSatisfy(\.isFinite) else {
            throw .nonFiniteInput("tridiagonal matrix")
        }
        var d = diagonal, e = offDiagonal
        var z = Matrix(rows: n, columns: n)
        if n > 0 {
            if e.isEmpty { e = [0] }
            var nn = try lapackInt(n), ldz = nn, info: Int32 = 0
            var work = [Double](repeating: 0, count: Swift.max(1, 2 * n - 2))
            dstev_("V", &nn, &d, &e, &z.storage, &ldz, &work, &info, 1)
            try checkInfo(info, "dstev")
            if info > 0 { throw .didNotConverge(routine: "dstev", info: Int(info)) }
        }
        values = d
        vectors = z
    }
}
