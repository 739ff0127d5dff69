internal import LinearAlgebra
internal import Foundation

/// R's orthogonal polynomial basis `poly(x, degree)` (stats package), computed as R computes it: centre x at its
/// mean x̄, take the Householder QR (``LinearAlgebra/LinpackQR``, LINPACK `dqrdc2`) of `X = [1, (x−x̄), …, (x−x̄)^degree]`,
/// form `Z = Q · diag(R)` — column k is x^k minus its least-squares projection on lower powers, i.e. the monic
/// orthogonal polynomial of degree k evaluated at the data (Kennedy & Gentle 1980, §8.2) — and scale each column
/// to unit length. The constant column is dropped, so the columns are orthonormal and orthogonal to 1.
///
/// Preconditions: degree ≥ 1 and fewer than the number of distinct values (R's rule), otherwise
/// ``FormulaError/polynomialDegreeTooHigh(column:degree:distinctValues:)``. Complexity O(n·degree²).
enum OrthogonalPolynomial {
    /// Columns (each of x.count entries) of the basis.
    static func basis(_ x: [Double], degree: Int, column: String) throws(FormulaError) -> [[Double]] {
        let distinct = Set(x).count
        guard degree >= 1 else { throw .invalidArgument("poly(\(column), \(degree)): the degree must be at least 1") }
        guard degree < distinct else {
            throw .polynomialDegreeTooHigh(column: column, degree: degree, distinctValues: distinct)
        }
        let n = x.count
        // R's mean(): the sum divided by n, then corrected by the mean residual (a second pass).
        var mean = x.reduce(0, +) / Double(n)
        mean += x.reduce(0) { $0 + ($1 - mean) } / Double(n)
        let xc = x.map { $0 - mean }
        var a = [Double](repeating: 1, count: n * (degree + 1))
        for k in 1...degree {
            for i in 0..<n { a[i + k * n] = k == 1 ? xc[i] : (k == 2 ? xc[i] * xc[i] : pow(xc[i], Double(k))) }
        }
        let qr = QR.linpack(rows: n, columns: degree + 1, columnMajor: a)
        guard qr.isFullRank else {
            throw .polynomialDegreeTooHigh(column: column, degree: degree, distinctValues: distinct)
        }
        let d = qr.rDiagonal
        var out: [[Double]] = []
        for k in 1...degree {
            var e = [Double](repeating: 0, count: n)
            e[k] = d[k]
            let z = qr.applyQ(e)
            let norm = z.reduce(0) { $0 + $1 * $1 }.squareRoot()
            out.append(z.map { $0 / norm })
        }
        return out
    }
}
