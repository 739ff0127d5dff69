import _CLAPACK

/// The thin singular value decomposition A = U·diag(σ)·Vᵀ of an m × n matrix (LAPACK dgesdd, divide and
/// conquer), σ descending. Cost O(mn·min(m, n)).
public struct SVD: Sendable {
    /// m × k left singular vectors, k = min(m, n).
    public let u: Matrix
    /// k singular values, descending, all ≥ 0.
    public let singularValues: Vector
    /// k × n right singular vectors (transposed).
    public let vt: Matrix

    public init(_ a: Matrix) throws(LinearAlgebraError) {
        try requireFinite(a, "matrix passed to SVD")
        let m = a.rows, n = a.columns, k = Swift.min(m, n)
        var work0 = a
        var s = [Double](repeating: 0, count: k)
        var uu = Matrix(rows: m, columns: k), v = Matrix(rows: k, columns: n)
        if k > 0 {
            var mm = try lapackInt(m), nn = try lapackInt(n), lda = mm, ldu = mm, ldvt = try lapackInt(k), info: Int32 = 0
            var lwork: Int32 = -1, query = 0.0
            var iwork = [Int32](repeating: 0, count: 8 * k)
            dgesdd_("S", &mm, &nn, &work0.storage, &lda, &s, &uu.storage, &ldu, &v.storage, &ldvt, &query, &lwork,
                    &iwork, &info, 1)
            try checkInfo(info, "dgesdd")
            lwork = workspaceSize(query)
            var work = [Double](repeating: 0, count: Int(lwork))
            dgesdd_("S", &mm, &nn, &work0.storage, &lda, &s, &uu.storage, &ldu, &v.storage, &ldvt, &work, &lwork,
                    &iwork, &info, 1)
            try checkInfo(info, "dgesdd")
            if info > 0 { throw .didNotConverge(routine: "dgesdd", info: Int(info)) }
        }
        u = uu
        singularValues = Vector(s)
        vt = v
    }

    /// Numerical rank: the number of σᵢ > tolerance·σ₁, tolerance max(m, n)·ε by default (as MATLAB's `rank`).
    public func rank(tolerance: Double? = nil) -> Int {
        guard let s1 = singularValues.first, s1 > 0 else { return 0 }
        let tol = (tolerance ?? Double(Swift.max(u.rows, vt.columns)) * Double.ulpOfOne) * s1
        return singularValues.filter { $0 > tol }.count
    }

    /// 2-norm condition number σ₁ / σₖ (∞ when σₖ = 0).
    public var conditionNumber: Double {
        guard let s1 = singularValues.first, let sk = singularValues.last else { return 0 }
        return sk == 0 ? .infinity : s1 / sk
    }

    /// The Moore–Penrose pseudo-inverse V·diag(1/σᵢ)·Uᵀ over the σᵢ above the rank tolerance.
    public func pseudoInverse(tolerance: Double? = nil) throws(LinearAlgebraError) -> Matrix {
        let r = rank(tolerance: tolerance)
        var scaledV = Matrix(rows: vt.columns, columns: r)   // V[:, :r]·diag(1/σ)
        for j in 0..<r { for i in 0..<vt.columns { scaledV.storage[i + j * vt.columns] = vt.storage[j + i * vt.rows] / singularValues[j] } }
        let ur = u.submatrix(rows: 0..<u.rows, columns: 0..<r)
        return try Matrix.product(scaledV, ur, transposeB: true)
    }
}
