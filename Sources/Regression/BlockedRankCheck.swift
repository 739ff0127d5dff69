import LinearAlgebra

/// R's rank decision for √W·X without copying X: the triangular factor R of √W·X is accumulated over row
/// blocks (tall-skinny QR, Demmel, Grigori, Hoemmen & Langou 2012: R of [R_prev; next block] by Householder
/// QR, repeated), and R's dqrdc2 rule (``QRPivoting/rCompatible(tolerance:)``) is then applied to that p × p
/// factor. Orthogonal transformations preserve column norms and the norms of the columns' components
/// orthogonal to earlier columns, which are exactly what dqrdc2 compares, so the decision is the one a QR of the
/// whole matrix makes (to rounding, both being backward stable).
///
/// Cost 2np² flops, memory (b + p)·p for blocks of b rows.
enum BlockedRankCheck {
    static let blockRows = 8192

    /// Rank and estimable columns (ascending) of diag(w)·X by R's rule with the given tolerance.
    static func estimable(x: Matrix, w: [Double], tolerance: Double) throws(GLMError) -> (rank: Int, columns: [Int]) {
        let n = x.rows, p = x.columns
        var r = Matrix(rows: 0, columns: p)
        var r0 = 0
        while r0 < n {
            let m = Swift.min(blockRows, n - r0)
            let top = r.rows
            var stack = Matrix(rows: top + m, columns: p)
            let rows = top + m
            r.withUnsafeBufferPointer { rb in
                x.withUnsafeBufferPointer { xb in
                    stack.withUnsafeMutableBufferPointer { sb in
                        for j in 0..<p {
                            for i in 0..<top { sb[i + j * rows] = rb[i + j * top] }
                            let src = j * n + r0, dst = top + j * rows
                            for i in 0..<m { sb[dst + i] = xb[src + i] * w[r0 + i] }
                        }
                    }
                }
            }
            let stacked = stack
            r = try wrap { () throws(LinearAlgebraError) in try QR(stacked, pivoting: .rCompatible(tolerance: 0)).r }
            r0 += m
        }
        let factor = r
        let qr = try wrap { () throws(LinearAlgebraError) in try QR(factor, pivoting: .rCompatible(tolerance: tolerance)) }
        return (qr.rank, qr.estimableColumns.sorted())
    }
}
