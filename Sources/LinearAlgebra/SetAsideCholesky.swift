/// The LDLᵀ factorisation with singular columns set aside that survival's `cholesky2`/`chsolve2`/`chinv2` use
/// for the Cox information matrix (Therneau & Grambsch 2000, App. A): a column whose pivot falls below
/// `tolerance × max diagonal` is declared singular (aliased), gets D = 0, and is skipped — its Newton step
/// and its rows/columns of the inverse are zero, which is how `coxph` reports collinear terms as NA.
///
/// It is a port of survival's C code, operation for operation, so that the Cox iterates match `coxph`'s to the
/// last digit; LAPACK's `dpotrf` would neither set columns aside nor round the same way.
///
/// Preconditions: `matrix` is p×p symmetric (the algorithm reads one triangle, in the order `cholesky2` does).
/// Complexity O(p³) to factor, O(p²) per solve.
public struct SetAsideCholesky: Sendable {
    public let p: Int
    /// Unit lower triangle L (row-major, strictly lower part used) and D on the diagonal, as `cholesky2`.
    private var l: [Double]
    /// Columns declared singular.
    public let singular: [Bool]
    /// The number of columns not set aside.
    public var rank: Int { singular.lazy.filter { !$0 }.count }

    /// Factors the symmetric p×p `matrix`, reading its lower triangle; a pivot below `tolerance` × the largest
    /// diagonal entry (or non-finite) sets its column aside. coxph's default tolerance is
    /// `coxph.control(toler.chol = .Machine$double.eps^0.75)`.
    public init(_ matrix: Matrix, tolerance: Double) {
        precondition(matrix.rows == matrix.columns, "SetAsideCholesky needs a square matrix")
        let p = matrix.rows
        var rowMajor = [Double](repeating: 0, count: p * p)
        for i in 0..<p { for j in 0..<p { rowMajor[i * p + j] = matrix[i, j] } }
        self.init(rowMajor: rowMajor, p: p, tolerance: tolerance)
    }

    /// Factors the symmetric p×p matrix stored row-major in `rowMajor` (as survival's C code holds it), reading
    /// its lower triangle.
    public init(rowMajor matrix: [Double], p: Int, tolerance: Double) {
        precondition(matrix.count == p * p, "SetAsideCholesky needs p×p values")
        self.p = p
        var m = matrix
        var eps = 0.0
        for i in 0..<p where m[i * p + i] > eps { eps = m[i * p + i] }
        if eps == 0 { eps = tolerance } else { eps *= tolerance }
        var sing = [Bool](repeating: false, count: p)
        for i in 0..<p {
            let pivot = m[i * p + i]
            if !pivot.isFinite || pivot < eps {
                m[i * p + i] = 0
                sing[i] = true
                for j in (i + 1)..<max(p, i + 1) { m[j * p + i] = 0 }
                continue
            }
            for j in (i + 1)..<max(p, i + 1) {
                let temp = m[j * p + i] / pivot
                m[j * p + i] = temp
                m[j * p + j] -= temp * temp * pivot
                for k in (j + 1)..<max(p, j + 1) { m[k * p + j] -= temp * m[k * p + i] }
            }
        }
        l = m
        singular = sing
    }

    /// Solves M·x = b on the non-singular columns (singular components of x are 0).
    public func solve(_ b: [Double]) -> [Double] {
        var y = b
        for i in 0..<p {
            var t = y[i]
            for j in 0..<i { t -= y[j] * l[i * p + j] }
            y[i] = t
        }
        for i in 0..<p { y[i] = singular[i] ? 0 : y[i] / l[i * p + i] }
        for i in stride(from: p - 1, through: 0, by: -1) {
            var t = y[i]
            for j in (i + 1)..<max(p, i + 1) { t -= y[j] * l[j * p + i] }
            y[i] = singular[i] ? 0 : t
        }
        return y
    }

    /// The generalised inverse: M⁻¹ on the non-singular block, zero rows and columns for singular ones
    /// (p×p row-major, symmetric).
    public func inverse() -> [Double] {
        var out = [Double](repeating: 0, count: p * p)
        for j in 0..<p where !singular[j] {
            var e = [Double](repeating: 0, count: p)
            e[j] = 1
            let col = solve(e)
            for i in 0..<p { out[i * p + j] = col[i] }
        }
        // Symmetrise against round-off.
        for i in 0..<p { for j in 0..<i { let v = 0.5 * (out[i * p + j] + out[j * p + i]); out[i * p + j] = v; out[j * p + i] = v } }
        return out
    }
}
