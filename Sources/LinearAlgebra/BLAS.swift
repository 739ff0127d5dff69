import _CLAPACK

/// Level-2 and level-3 BLAS on views and matrices (OpenBLAS through CBLAS, column-major).
///
/// Every shape is checked in Swift before the call and reported as ``LinearAlgebraError/dimensionMismatch(_:)``.
/// Complexity is that of the BLAS routine: gemm 2mnk flops, syrk n²k, gemv 2mn, trsv n².
public enum BLAS {
    /// C ← α·op(A)·op(B) + β·C (dgemm), where op(X) is X or Xᵀ.
    public static func gemm(transposeA: Bool = false, transposeB: Bool = false, alpha: Double = 1,
                            _ a: MatrixView, _ b: MatrixView, beta: Double = 0,
                            into c: MutableMatrixView) throws(LinearAlgebraError) {
        let m = transposeA ? a.columns : a.rows, k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows, n = transposeB ? b.rows : b.columns
        guard k == kb, c.rows == m, c.columns == n else {
            throw .dimensionMismatch("gemm: op(A) is \(m)×\(k), op(B) is \(kb)×\(n), C is \(c.rows)×\(c.columns)")
        }
        if m == 0 || n == 0 { return }
        if k == 0 {  // C ← β·C
            for j in 0..<n { for i in 0..<m { c[i, j] = beta == 0 ? 0 : beta * c[i, j] } }
            return
        }
        cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    try lapackInt(m), try lapackInt(n), try lapackInt(k), alpha,
                    a.base, try lapackInt(a.leadingDimension), b.base, try lapackInt(b.leadingDimension),
                    beta, c.base, try lapackInt(c.leadingDimension))
    }

    /// y ← α·op(A)·x + β·y (dgemv). `x` and `y` are contiguous.
    public static func gemv(transpose: Bool = false, alpha: Double = 1, _ a: MatrixView,
                            _ x: UnsafeBufferPointer<Double>, beta: Double = 0,
                            into y: UnsafeMutableBufferPointer<Double>) throws(LinearAlgebraError) {
        let outLen = transpose ? a.columns : a.rows, inLen = transpose ? a.rows : a.columns
        guard x.count == inLen, y.count == outLen else {
            throw .dimensionMismatch("gemv: op(A) is \(outLen)×\(inLen), x has \(x.count), y has \(y.count)")
        }
        if outLen == 0 { return }
        if inLen == 0 { for i in 0..<outLen { y[i] = beta == 0 ? 0 : beta * y[i] }; return }
        cblas_dgemv(CblasColMajor, transpose ? CblasTrans : CblasNoTrans, try lapackInt(a.rows),
                    try lapackInt(a.columns), alpha, a.base, try lapackInt(a.leadingDimension),
                    x.baseAddress, 1, beta, y.baseAddress, 1)
    }

    /// C ← α·AᵀA + β·C (dsyrk, `transpose: true`) or α·AAᵀ + β·C, writing the lower triangle of C only.
    public static func syrk(transpose: Bool = true, alpha: Double = 1, _ a: MatrixView, beta: Double = 0,
                            intoLower c: MutableMatrixView) throws(LinearAlgebraError) {
        let n = transpose ? a.columns : a.rows, k = transpose ? a.rows : a.columns
        guard c.rows == n, c.columns == n else {
            throw .dimensionMismatch("syrk: result is \(n)×\(n), C is \(c.rows)×\(c.columns)")
        }
        if n == 0 { return }
        if k == 0 { for j in 0..<n { for i in j..<n { c[i, j] = beta == 0 ? 0 : beta * c[i, j] } }; return }
        cblas_dsyrk(CblasColMajor, CblasLower, transpose ? CblasTrans : CblasNoTrans, try lapackInt(n),
                    try lapackInt(k), alpha, a.base, try lapackInt(a.leadingDimension), beta, c.base,
                    try lapackInt(c.leadingDimension))
    }

    /// x ← op(T)⁻¹·x for a triangular T (dtrsv). Does not check for a zero diagonal: callers that can meet
    /// one use ``Matrix/solveTriangular(_:upper:transpose:unitDiagonal:)``, which does.
    public static func trsv(upper: Bool, transpose: Bool = false, unitDiagonal: Bool = false, _ t: MatrixView,
                            _ x: UnsafeMutableBufferPointer<Double>) throws(LinearAlgebraError) {
        guard t.rows == t.columns, x.count == t.rows else {
            throw .dimensionMismatch("trsv: T is \(t.rows)×\(t.columns), x has \(x.count)")
        }
        if x.isEmpty { return }
        cblas_dtrsv(CblasColMajor, upper ? CblasUpper : CblasLower, transpose ? CblasTrans : CblasNoTrans,
                    unitDiagonal ? CblasUnit : CblasNonUnit, try lapackInt(t.rows), t.base,
                    try lapackInt(t.leadingDimension), x.baseAddress, 1)
    }
}

extension Matrix {
    /// α·op(A)·op(B) as a new matrix (dgemm). The result's storage is not zero-filled first: dgemm with β = 0
    /// writes every entry of C without reading it, so the fill would be a wasted pass over m·n doubles.
    public static func product(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false,
                               alpha: Double = 1) throws(LinearAlgebraError) -> Matrix {
        let m = transposeA ? a.columns : a.rows, k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows, n = transposeB ? b.rows : b.columns
        guard k == kb else {
            throw .dimensionMismatch("gemm: op(A) is \(m)×\(k), op(B) is \(kb)×\(n)")
        }
        if m == 0 || n == 0 || k == 0 { return Matrix(rows: m, columns: n) }
        let (mm, nn, kk) = (try lapackInt(m), try lapackInt(n), try lapackInt(k))
        let (lda, ldb) = (try lapackInt(Swift.max(1, a.rows)), try lapackInt(Swift.max(1, b.rows)))
        let storage = [Double](unsafeUninitializedCapacity: m * n) { buffer, count in
            cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        mm, nn, kk, alpha, a.storage, lda, b.storage, ldb, 0.0, buffer.baseAddress, mm)
            count = m * n
        }
        return Matrix(rows: m, columns: n, columnMajor: storage)
    }

    /// op(A)·x (dgemv).
    public static func product(_ a: Matrix, _ x: Vector, transpose: Bool = false) throws(LinearAlgebraError) -> Vector {
        var y = [Double](repeating: 0, count: transpose ? a.columns : a.rows)
        try a.withView { (av: MatrixView) throws(LinearAlgebraError) in
            let r: Result<Void, LinearAlgebraError> = x.elements.withUnsafeBufferPointer { xb in
                y.withUnsafeMutableBufferPointer { yb in
                    Result { () throws(LinearAlgebraError) in try BLAS.gemv(transpose: transpose, av, xb, into: yb) }
                }
            }
            try r.get()
        }
        return Vector(y)
    }

    /// The cross-product XᵀX (R's `crossprod(X)`), symmetric, by dsyrk: n p² flops, half of gemm's.
    public func crossProduct() throws(LinearAlgebraError) -> Matrix {
        var c = Matrix(rows: columns, columns: columns)
        try withView { (xv: MatrixView) throws(LinearAlgebraError) in
            try c.withMutableView { (cv: MutableMatrixView) throws(LinearAlgebraError) in
                try BLAS.syrk(transpose: true, xv, intoLower: cv)
            }
        }
        c.symmetrize(fromLower: true)
        return c
    }

    /// XᵀWX for diagonal weights W = diag(w), w ≥ 0 (the IRLS normal-equations matrix), by scaling rows by √wᵢ
    /// and one dsyrk. Negative or non-finite weights are refused.
    public func weightedCrossProduct(weights w: Vector) throws(LinearAlgebraError) -> Matrix {
        guard w.count == rows else { throw .dimensionMismatch("weights have \(w.count) entries, X has \(rows) rows") }
        guard w.allSatisfy({ $0 >= 0 && $0.isFinite }) else { throw .nonFiniteInput("weights (must be finite and ≥ 0)") }
        var scaled = self
        let r = rows
        scaled.storage.withUnsafeMutableBufferPointer { s in
            for i in 0..<r {
                let root = w[i].squareRoot()
                for j in 0..<columns { s[i + j * r] *= root }
            }
        }
        return try scaled.crossProduct()
    }

    /// Solves op(T)·x = b for triangular T (dtrsv); throws ``LinearAlgebraError/singular(pivot:)`` on a zero
    /// diagonal instead of dividing by it.
    public func solveTriangular(_ b: Vector, upper: Bool, transpose: Bool = false,
                                unitDiagonal: Bool = false) throws(LinearAlgebraError) -> Vector {
        try requireSquare(self)
        guard b.count == rows else { throw .dimensionMismatch("triangular system is \(rows)×\(rows), b has \(b.count)") }
        if !unitDiagonal {
            for i in 0..<rows where storage[i + i * rows] == 0 { throw .singular(pivot: i + 1) }
        }
        var x = b.elements
        try withView { (tv: MatrixView) throws(LinearAlgebraError) in
            let r: Result<Void, LinearAlgebraError> = x.withUnsafeMutableBufferPointer { xb in
                Result { () throws(LinearAlgebraError) in
                    try BLAS.trsv(upper: upper, transpose: transpose, unitDiagonal: unitDiagonal, tv, xb)
                }
            }
            try r.get()
        }
        return Vector(x)
    }
}
