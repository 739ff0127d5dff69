import LinearAlgebra

/// One weighted least-squares step of IRLS by Householder QR of √W·X with R's pivoting rule, as R's
/// `Cdqrls` (LINPACK dqrls with dqrdc2): rows with zero working weight are left out, aliased columns get
/// coefficient nil. Cost 2·n_good·p² flops plus one refactorisation per aliased column.
enum QRStep {
    struct Solution {
        var coefficients: [Double?]
        var rank: Int
        var estimable: [Int]
        var unscaledCovariance: Matrix
        var observations: Int
    }

    static func solve(x: Matrix, w: [Double], z: [Double], allRowsGood: Bool,
                      tolerance: Double) throws(GLMError) -> Solution {
        let n = x.rows, p = x.columns
        let good = allRowsGood ? Array(0..<n) : (0..<n).filter { w[$0] > 0 }
        let m = good.count
        var scaled = [Double](repeating: 0, count: m * p)
        x.withUnsafeBufferPointer { xb in
            scaled.withUnsafeMutableBufferPointer { sb in
                for j in 0..<p {
                    let src = j * n, dst = j * m
                    if allRowsGood {
                        for i in 0..<n { sb[dst + i] = xb[src + i] * w[i] }
                    } else {
                        for (k, i) in good.enumerated() { sb[dst + k] = xb[src + i] * w[i] }
                    }
                }
            }
        }
        let rhs = Vector(good.map { z[$0] * w[$0] })
        let matrix = Matrix(rows: m, columns: p, columnMajor: scaled)
        scaled = []
        return try wrap { () throws(LinearAlgebraError) in
            let qr = try QR(matrix, pivoting: .rCompatible(tolerance: tolerance))
            let ls = try qr.leastSquares(rhs)
            // dqrdc2 keeps the estimable columns in their original order, so the covariance (in pivoted order)
            // is already in ascending column order.
            return Solution(coefficients: ls.coefficients, rank: qr.rank, estimable: qr.estimableColumns,
                          unscaledCovariance: try qr.unscaledCovariance(), observations: m)
        }
    }
}
