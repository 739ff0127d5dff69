/// The Householder QR decomposition as LINPACK's `dqrdc2`/`dqrsl` compute it (Dongarra et al. 1979, *LINPACK
/// Users' Guide*, ch. 9; R's `qr()` default), so that `Q` — which is unique only up to the signs and, for the
/// completion beyond the rank, the choice of reflections — is the very matrix R uses in `poly()` and
/// `splines::ns()`.
///
/// For column l the reflection is `H_l = I - v vᵀ / v_l` with `v = x / ±‖x‖` on rows l… and `v_l = 1 + x_l/±‖x‖`,
/// the sign being that of `x_l`. R's limited column pivoting (tolerance 1e-7) only reorders nearly dependent
/// columns; callers here have full column rank, which ``isFullRank`` checks instead.
///
/// It lives in LinearAlgebra beside the LAPACK ``QR`` (whose Householder vectors and signs differ) because it is a
/// factorisation; `poly()` and `ns()` in Formulas need its exact Q. ``QR/linpack(rows:columns:columnMajor:)`` names it.
///
/// Complexity: O(n p²) to decompose, O(n p) per vector for ``applyQᵀ(_:)`` and ``applyQ(_:)``.
public struct LinpackQR: Sendable {
    public let rows: Int
    public let columns: Int
    /// The compact form: R on and above the diagonal, the reflection vectors below it (column-major).
    private(set) var qr: [Double]
    /// The leading entries v_l of the reflections (LINPACK's `qraux`).
    private(set) var qraux: [Double]
    /// False when a column's norm after reduction fell below 1e-7 of its original norm (R's rank tolerance).
    public private(set) var isFullRank = true

    /// `a` is `rows × columns`, column-major.
    public init(rows n: Int, columns p: Int, columnMajor a: [Double]) {
        rows = n
        columns = p
        qr = a
        qraux = [Double](repeating: 0, count: p)
        let originalNorms = (0..<p).map { j in Self.norm(a, from: j * n, count: n) }
        for l in 0..<min(n, p) {
            let ll = l + l * n
            var nrmxl = Self.norm(qr, from: ll, count: n - l)
            if nrmxl < 1e-7 * originalNorms[l] || nrmxl == 0 { isFullRank = false }
            if nrmxl == 0 { continue }
            if qr[ll] != 0 { nrmxl = qr[ll] < 0 ? -abs(nrmxl) : abs(nrmxl) }
            let s = 1.0 / nrmxl
            for i in l..<n { qr[i + l * n] *= s }
            qr[ll] = 1 + qr[ll]
            for j in (l + 1)..<max(l + 1, p) {
                var dot = 0.0
                for i in l..<n { dot += qr[i + l * n] * qr[i + j * n] }
                let t = -dot / qr[ll]
                for i in l..<n { qr[i + j * n] += t * qr[i + l * n] }
            }
            qraux[l] = qr[ll]
            qr[ll] = -nrmxl
        }
    }

    /// Euclidean norm with scaling against overflow (as BLAS `dnrm2`).
    private static func norm(_ a: [Double], from start: Int, count: Int) -> Double {
        var scale = 0.0, ssq = 1.0
        for i in start..<(start + count) where a[i] != 0 {
            let x = abs(a[i])
            if scale < x { ssq = 1 + ssq * (scale / x) * (scale / x); scale = x } else { ssq += (x / scale) * (x / scale) }
        }
        return scale * ssq.squareRoot()
    }

    /// The diagonal of R.
    public var rDiagonal: [Double] { (0..<min(rows, columns)).map { qr[$0 + $0 * rows] } }

    private func reflect(_ y: inout [Double], _ j: Int) {
        guard qraux[j] != 0 else { return }
        let n = rows
        var dot = qraux[j] * y[j]
        for i in (j + 1)..<max(j + 1, n) { dot += qr[i + j * n] * y[i] }
        let t = -dot / qraux[j]
        y[j] += t * qraux[j]
        for i in (j + 1)..<max(j + 1, n) { y[i] += t * qr[i + j * n] }
    }

    /// Qᵀ y (LINPACK `dqrsl` job `qty`): reflections 1…min(p, n−1) in order.
    public func applyQᵀ(_ y: [Double]) -> [Double] {
        var y = y
        for j in 0..<min(columns, rows - 1) { reflect(&y, j) }
        return y
    }

    /// Q y (LINPACK `dqrsl` job `qy`): reflections in reverse order.
    public func applyQ(_ y: [Double]) -> [Double] {
        var y = y
        for j in (0..<min(columns, rows - 1)).reversed() { reflect(&y, j) }
        return y
    }
}

extension QR {
    /// R's default `qr()` (LINPACK `dqrdc2`) of the `rows × columns` column-major matrix, whose Q is R's to the
    /// last digit; see ``LinpackQR``.
    public static func linpack(rows: Int, columns: Int, columnMajor a: [Double]) -> LinpackQR {
        LinpackQR(rows: rows, columns: columns, columnMajor: a)
    }
}
