internal import Foundation
internal import Dispatch
import LinearAlgebra

/// One weighted least-squares step of IRLS by the normal equations: XₑᵀW²Xₑ·β = XₑᵀW²z for the estimable
/// columns Xₑ, with w the √ working weights. The cross-product is accumulated over blocks of
/// ``blockRows`` rows (each block scaled by w into a small buffer, then one dsyrk and one dgemv), so X is
/// never copied; the matrix is scaled to unit diagonal, D·A·D, before the Cholesky factorisation (dpotrf),
/// and the step is refused (nil: the caller falls back to QR) when the scaled matrix is not positive definite
/// or its reciprocal condition number (dpocon) is below ``minimumReciprocalCondition``.
///
/// Cost n·p² flops (half of QR's) plus O(p³).
enum CrossProductStep {
    /// 10⁻⁷: keeps the normal equations' rounding error κ·ε below about 2·10⁻⁹ (see ``GLMSolver/crossProduct``).
    static let minimumReciprocalCondition = 1e-7
    /// Pivot ratio above which R's rank rule (tolerance ≤ 1e-7) certainly keeps every column: the computed
    /// ratio² carries an absolute error of order p·ε ≈ 1e-15, so a ratio ≥ 1e-5 means a true ratio ≫ 1e-7.
    static let fullRankPivotRatio = 1e-5
    /// Rows per block: 2048 rows × p columns stay in the L2 cache for p up to about 60.
    static let blockRows = 2048

    struct Solution {
        var beta: [Double]
        /// (XₑᵀW²Xₑ)⁻¹.
        var inverse: Matrix
        /// The smallest diagonal entry of the Cholesky factor of the unit-diagonal matrix: for each column, the
        /// norm of its part orthogonal to the earlier columns over its norm — dqrdc2's rank ratio.
        var minimumPivotRatio: Double
    }

    /// Rows from which the cross-product is accumulated by two threads, each over a contiguous half of the rows
    /// into its own matrix (2¹⁶: below it the thread start-up outweighs the saving). The halves are added in a
    /// fixed order, so the result does not depend on thread timing. OpenBLAS built with threading (Debian's
    /// libopenblas0-pthread) and Accelerate may be called from two threads at once.
    static let parallelRows = 1 << 16

    static func solve(x: Matrix, columns: [Int], w: [Double], z: [Double]) throws(GLMError) -> Solution? {
        let n = x.rows, pe = columns.count
        guard pe > 0 else { return Solution(beta: [], inverse: Matrix(rows: 0, columns: 0), minimumPivotRatio: 1) }
        var cross: Matrix
        var rhs: [Double]
        if n >= parallelRows {
            let half = n / 2
            let parts = ThreadSlots<Result<(cross: Matrix, rhs: [Double]), GLMError>?>(repeating: nil, count: 2)
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                let rows = k == 0 ? 0..<half : half..<n
                parts[k] = Result { () throws(GLMError) in
                    try accumulate(x: x, columns: columns, w: w, z: z, rows: rows)
                }
            }
            guard let a = parts[0], let b = parts[1] else { return nil }
            let first = try a.get(), second = try b.get()
            cross = first.cross
            rhs = first.rhs
            cross.withUnsafeMutableBufferPointer { cb in
                second.cross.withUnsafeBufferPointer { sb in
                    for k in 0..<(pe * pe) { cb[k] += sb[k] }
                }
            }
            for j in 0..<pe { rhs[j] += second.rhs[j] }
        } else {
            (cross, rhs) = try accumulate(x: x, columns: columns, w: w, z: z, rows: 0..<n)
        }
        // Scale to unit diagonal.
        var d = [Double](repeating: 0, count: pe)
        for j in 0..<pe {
            let c = cross[j, j]
            guard c > 0, c.isFinite else { return nil }
            d[j] = 1 / c.squareRoot()
        }
        cross.withUnsafeMutableBufferPointer { cb in
            for j in 0..<pe { for i in j..<pe { cb[i + j * pe] *= d[i] * d[j] } }
        }
        cross.symmetrize(fromLower: true)
        guard cross.isFinite, rhs.allSatisfy(\.isFinite) else { return nil }
        let chol: Cholesky
        do {
            chol = try Cholesky(cross)
        } catch where error.isNumericalCondition {
            return nil
        } catch {
            throw .linearAlgebra(error)
        }
        let rcond = try wrap { () throws(LinearAlgebraError) in try chol.reciprocalConditionNumber() }
        guard rcond >= minimumReciprocalCondition else { return nil }
        let scaledRhs = Vector((0..<pe).map { rhs[$0] * d[$0] })
        let y = try wrap { () throws(LinearAlgebraError) in try chol.solve(scaledRhs) }
        var inv = try wrap { () throws(LinearAlgebraError) in try chol.inverse() }
        inv.withUnsafeMutableBufferPointer { ib in
            for j in 0..<pe { for i in 0..<pe { ib[i + j * pe] *= d[i] * d[j] } }
        }
        let ratio = chol.factor.diagonal.min() ?? 1
        return Solution(beta: (0..<pe).map { y[$0] * d[$0] }, inverse: inv, minimumPivotRatio: ratio)
    }
    /// The lower triangle of XₑᵀW²Xₑ and XₑᵀW²z over `rows`, in blocks of ``blockRows`` rows: each block's √W·Xₑ
    /// is written into a small buffer (one pass over those rows of X), then one dsyrk and one dgemv add it in.
    /// Cost (rows)·p² flops; X is read once and never copied.
    static func accumulate(x: Matrix, columns: [Int], w: [Double], z: [Double],
                           rows: Range<Int>) throws(GLMError) -> (cross: Matrix, rhs: [Double]) {
        let n = x.rows, pe = columns.count
        let block = Swift.min(blockRows, Swift.max(1, rows.count))
        var buffer = Matrix(rows: block, columns: pe)
        var cross = Matrix(rows: pe, columns: pe)
        var rhs = [Double](repeating: 0, count: pe)
        var wz = [Double](repeating: 0, count: block)
        var r0 = rows.lowerBound
        while r0 < rows.upperBound {
            let m = Swift.min(block, rows.upperBound - r0)
            x.withUnsafeBufferPointer { xb in
                buffer.withUnsafeMutableBufferPointer { bb in
                    w.withUnsafeBufferPointer { wb in
                        guard let xs = xb.baseAddress, let bs = bb.baseAddress, let ws = wb.baseAddress else { return }
                        for (k, j) in columns.enumerated() {
                            let src = xs + (j * n + r0), dst = bs + k * block, wr = ws + r0
                            for i in 0..<m { dst[i] = src[i] * wr[i] }
                        }
                    }
                }
            }
            for i in 0..<m { wz[i] = w[r0 + i] * z[r0 + i] }
            try wrap { () throws(LinearAlgebraError) in
                try buffer.withView(rows: 0..<m) { (bv: MatrixView) throws(LinearAlgebraError) in
                    try cross.withMutableView { (cv: MutableMatrixView) throws(LinearAlgebraError) in
                        try BLAS.syrk(transpose: true, bv, beta: 1, intoLower: cv)
                    }
                    let r: Result<Void, LinearAlgebraError> = wz.withUnsafeBufferPointer { wb in
                        rhs.withUnsafeMutableBufferPointer { rb in
                            Result { () throws(LinearAlgebraError) in
                                try BLAS.gemv(transpose: true, bv, UnsafeBufferPointer(rebasing: wb[0..<m]), beta: 1, into: rb)
                            }
                        }
                    }
                    try r.get()
                }
            }
            r0 += m
        }
        return (cross, rhs)
    }
}
