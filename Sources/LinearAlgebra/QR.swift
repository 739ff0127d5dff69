import _CLAPACK

/// How a QR factorisation chooses column order and decides rank.
public enum QRPivoting: Sendable, Equatable {
    /// R's rule for `lm`/`glm` (LINPACK dqrdc2 as modified for R): columns keep their order, except that a column
    /// whose norm, after projecting out the columns before it, is below `tolerance` × its original norm is moved
    /// to the end and counted as aliased. This is why R reports `NA` for the *later* of two collinear columns.
    /// R's default tolerance is 1e-7 (`qr(x, tol = 1e-07)`, `lm.fit(tol = 1e-07)`).
    case rCompatible(tolerance: Double)
    /// Businger–Golub pivoting on the largest remaining column norm (LAPACK dgeqp3). Rank is the number of
    /// |Rᵢᵢ| > tolerance · |R₁₁|; nil means max(m, n)·ε, the usual numerical-rank threshold.
    case columnNorms(tolerance: Double?)

    /// R's default, `rCompatible(tolerance: 1e-7)`.
    public static let r = QRPivoting.rCompatible(tolerance: 1e-7)
}

/// The QR factorisation A·P = Q·R of an m × n matrix with column pivoting and rank detection, as a value
/// (Householder QR: LAPACK dgeqrf / dgeqp3; Q applied with dormqr, formed with dorgqr).
///
/// Cost 2mn² − 2n³/3 flops per factorisation; with `.rCompatible` one extra factorisation per aliased column.
/// Columns `permutation[0..<rank]` are estimable; the rest are aliased (linearly dependent on earlier ones).
public struct QR: Sendable {
    public let rows: Int
    public let columns: Int
    /// dgeqrf's output for A·P: R on and above the diagonal, Householder vectors below.
    let compact: Matrix
    let tau: [Double]
    /// `permutation[k]` is the original index of the column at position k of A·P.
    public let permutation: [Int]
    /// Numerical rank.
    public let rank: Int
    public let pivoting: QRPivoting

    public init(_ a: Matrix, pivoting: QRPivoting = .r) throws(LinearAlgebraError) {
        try requireFinite(a, "matrix passed to QR")
        rows = a.rows
        columns = a.columns
        self.pivoting = pivoting
        let k = Swift.min(a.rows, a.columns)
        switch pivoting {
        case .rCompatible(let tol):
            var norms = (0..<a.columns).map { a.column($0).norm }
            for j in norms.indices where norms[j] == 0 { norms[j] = 1 }  // dqrdc2: a zero column is always aliased
            var order = Array(0..<a.columns)
            var candidates = a.columns   // columns at positions ≥ candidates have been declared aliased
            var start = 0
            var (c, t) = try QR.householder(a)
            scan: while true {
                for l in start..<Swift.min(candidates, k) where Swift.abs(c.storage[l + l * a.rows]) < norms[order[l]] * tol {
                    order.append(order.remove(at: l))
                    candidates -= 1
                    start = l
                    (c, t) = try QR.householder(a.selectingColumns(order))
                    continue scan
                }
                break
            }
            compact = c; tau = t; permutation = order; rank = Swift.min(candidates, k)
        case .columnNorms(let tol):
            var c = a
            var jpvt = [Int32](repeating: 0, count: a.columns)
            var t = [Double](repeating: 0, count: k)
            if k > 0 {
                var m = try lapackInt(a.rows), n = try lapackInt(a.columns), lda = m, info: Int32 = 0
                var lwork: Int32 = -1, query = 0.0
                dgeqp3_(&m, &n, &c.storage, &lda, &jpvt, &t, &query, &lwork, &info)
                try checkInfo(info, "dgeqp3")
                lwork = workspaceSize(query)
                var work = [Double](repeating: 0, count: Int(lwork))
                dgeqp3_(&m, &n, &c.storage, &lda, &jpvt, &t, &work, &lwork, &info)
                try checkInfo(info, "dgeqp3")
            } else {
                for j in 0..<a.columns { jpvt[j] = Int32(j + 1) }
            }
            let threshold = (tol ?? Double(Swift.max(a.rows, a.columns)) * Double.ulpOfOne)
                * (k > 0 ? Swift.abs(c.storage[0]) : 0)
            var r = 0
            while r < k && Swift.abs(c.storage[r + r * a.rows]) > threshold { r += 1 }
            compact = c; tau = t; permutation = jpvt.map { Int($0) - 1 }; rank = r
        }
    }

    /// Unpivoted blocked Householder QR (dgeqrf) of `a`.
    static func householder(_ a: Matrix) throws(LinearAlgebraError) -> (Matrix, [Double]) {
        var c = a
        let k = Swift.min(a.rows, a.columns)
        var t = [Double](repeating: 0, count: k)
        guard k > 0 else { return (c, t) }
        var m = try lapackInt(a.rows), n = try lapackInt(a.columns), lda = m, info: Int32 = 0
        var lwork: Int32 = -1, query = 0.0
        dgeqrf_(&m, &n, &c.storage, &lda, &t, &query, &lwork, &info)
        try checkInfo(info, "dgeqrf")
        lwork = workspaceSize(query)
        var work = [Double](repeating: 0, count: Int(lwork))
        dgeqrf_(&m, &n, &c.storage, &lda, &t, &work, &lwork, &info)
        try checkInfo(info, "dgeqrf")
        return (c, t)
    }

    /// Original indices of the aliased (linearly dependent) columns, in the order they were set aside.
    public var aliasedColumns: [Int] { Array(permutation[rank...]) }
    /// Original indices of the estimable columns, in pivoted order.
    public var estimableColumns: [Int] { Array(permutation[..<rank]) }

    /// The min(m, n) × n upper-triangular R of A·P = Q·R.
    public var r: Matrix {
        let k = Swift.min(rows, columns)
        var out = Matrix(rows: k, columns: columns)
        for j in 0..<columns {
            for i in 0..<Swift.min(j + 1, k) { out.storage[i + j * k] = compact.storage[i + j * rows] }
        }
        return out
    }

    /// The leading rank × rank block R₁₁ (the Cholesky factor of the estimable columns' cross-product).
    public var r11: Matrix {
        var out = Matrix(rows: rank, columns: rank)
        for j in 0..<rank { for i in 0...j { out.storage[i + j * rank] = compact.storage[i + j * rows] } }
        return out
    }

    /// The thin m × min(m, n) orthonormal factor Q (dorgqr).
    public func thinQ() throws(LinearAlgebraError) -> Matrix {
        let k = Swift.min(rows, columns)
        guard k > 0 else { return Matrix(rows: rows, columns: 0) }
        var q = compact.submatrix(rows: 0..<rows, columns: 0..<k)
        var t = tau
        var m = try lapackInt(rows), n = try lapackInt(k), kk = n, lda = m, info: Int32 = 0
        var lwork: Int32 = -1, query = 0.0
        dorgqr_(&m, &n, &kk, &q.storage, &lda, &t, &query, &lwork, &info)
        try checkInfo(info, "dorgqr")
        lwork = workspaceSize(query)
        var work = [Double](repeating: 0, count: Int(lwork))
        dorgqr_(&m, &n, &kk, &q.storage, &lda, &t, &work, &lwork, &info)
        try checkInfo(info, "dorgqr")
        return q
    }

    /// Qᵀ·y, R's "effects" (dormqr). Its first `rank` entries are the coordinates of ŷ in the column space.
    public func qTransposeTimes(_ y: Vector) throws(LinearAlgebraError) -> Vector {
        try applyQ(y, transpose: true)
    }

    /// Q·z (dormqr).
    public func qTimes(_ z: Vector) throws(LinearAlgebraError) -> Vector { try applyQ(z, transpose: false) }

    private func applyQ(_ y: Vector, transpose: Bool) throws(LinearAlgebraError) -> Vector {
        guard y.count == rows else { throw .dimensionMismatch("QR has \(rows) rows, vector has \(y.count)") }
        try requireFinite(y, "vector multiplied by Q")
        let k = Swift.min(rows, columns)
        guard k > 0 else { return y }
        var c = y.elements, a = compact, t = tau
        var m = try lapackInt(rows), n: Int32 = 1, kk = try lapackInt(k), lda = m, ldc = m, info: Int32 = 0
        var lwork: Int32 = -1, query = 0.0
        dormqr_("L", transpose ? "T" : "N", &m, &n, &kk, &a.storage, &lda, &t, &c, &ldc, &query, &lwork, &info, 1, 1)
        try checkInfo(info, "dormqr")
        lwork = workspaceSize(query)
        var work = [Double](repeating: 0, count: Int(lwork))
        dormqr_("L", transpose ? "T" : "N", &m, &n, &kk, &a.storage, &lda, &t, &c, &ldc, &work, &lwork, &info, 1, 1)
        try checkInfo(info, "dormqr")
        return Vector(c)
    }

    /// Least-squares fit of y on the columns of A: minimises ‖y − A·β‖₂ over the estimable columns, aliased
    /// coefficients reported as `nil` (R's `NA`). Cost O(mn) beyond the factorisation.
    public func leastSquares(_ y: Vector) throws(LinearAlgebraError) -> LeastSquaresFit {
        let effects = try qTransposeTimes(y)
        var beta = [Double](repeating: 0, count: rank)
        for i in 0..<rank { beta[i] = effects[i] }
        if rank > 0 {
            var a = compact
            var n = try lapackInt(rank), nrhs: Int32 = 1, lda = try lapackInt(rows), ldb = n, info: Int32 = 0
            dtrtrs_("U", "N", "N", &n, &nrhs, &a.storage, &lda, &beta, &ldb, &info, 1, 1, 1)
            try checkInfo(info, "dtrtrs")
            if info > 0 { throw .singular(pivot: Int(info)) }
        }
        var coefficients = [Double?](repeating: nil, count: columns)
        for (position, original) in permutation[..<rank].enumerated() { coefficients[original] = beta[position] }
        var residualCoordinates = effects
        for i in 0..<Swift.min(rank, rows) { residualCoordinates[i] = 0 }
        let residuals = try qTimes(residualCoordinates)
        var fitted = y
        for i in 0..<rows { fitted[i] = y[i] - residuals[i] }
        var rss = 0.0
        for i in rank..<rows { rss += effects[i] * effects[i] }
        return LeastSquaresFit(coefficients: coefficients, fitted: fitted, residuals: residuals, effects: effects,
                               rank: rank, residualSumOfSquares: rss)
    }

    /// (R₁₁ᵀR₁₁)⁻¹ = (XₑᵀXₑ)⁻¹ for the estimable columns Xₑ, rows/columns in the order of ``estimableColumns``
    /// (R's `chol2inv(qr.R(qr))` on the leading block; times σ² it is the coefficient covariance).
    public func unscaledCovariance() throws(LinearAlgebraError) -> Matrix {
        var r = r11
        guard rank > 0 else { return r }
        var n = try lapackInt(rank), lda = n, info: Int32 = 0
        dpotri_("U", &n, &r.storage, &lda, &info, 1)
        try checkInfo(info, "dpotri")
        if info > 0 { throw .singular(pivot: Int(info)) }
        r.symmetrize(fromLower: false)
        return r
    }

    /// Estimate of the reciprocal 1-norm condition number of R₁₁ (dtrcon): the conditioning of the estimable
    /// part of the least-squares problem.
    public func reciprocalConditionNumber() throws(LinearAlgebraError) -> Double {
        guard rank > 0 else { return .infinity }
        var a = compact
        var n = try lapackInt(rank), lda = try lapackInt(rows), info: Int32 = 0, rcond = 0.0
        var work = [Double](repeating: 0, count: 3 * rank), iwork = [Int32](repeating: 0, count: rank)
        dtrcon_("1", "U", "N", &n, &a.storage, &lda, &rcond, &work, &iwork, &info, 1, 1, 1)
        try checkInfo(info, "dtrcon")
        return rcond
    }
}

/// The result of a least-squares fit by QR.
public struct LeastSquaresFit: Sendable, Equatable {
    /// One per column of A in its original order; `nil` for an aliased column (R's `NA`).
    public let coefficients: [Double?]
    public let fitted: Vector
    public let residuals: Vector
    /// Qᵀy (R's `effects`, up to the sign convention of the Householder vectors).
    public let effects: Vector
    public let rank: Int
    public let residualSumOfSquares: Double
}
