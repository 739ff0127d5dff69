import Testing
import Foundation
import LinearAlgebra
import TestSupport

// Reference values: Fixtures/make-fixtures.R (R's chol/solve/determinant/eigen/svd/lm.fit on the same LAPACK
// family). Tolerance 1e-12 relative unless stated: these are backward-stable algorithms on well-conditioned
// matrices (κ < 1e3), so agreement to ~κ·ε is expected; sign conventions of eigen/singular vectors are
// compared up to sign.

@Suite struct CholeskyTests {
    @Test func matchesRChol() throws {
        let c = try Cholesky(Reference.matrix("spd"))
        #expect(maxRelativeError(c.factor.elements, Reference.matrix("spd_chol_lower").elements) < 1e-12)
        #expect(maxRelativeError(try c.solve(Reference.vector("spd_b")).elements, Reference.vector("spd_solve").elements) < 1e-12)
        #expect(maxRelativeError(try c.inverse().elements, Reference.matrix("spd_inverse").elements) < 1e-12)
        #expect(abs(c.logDeterminant - Reference.scalar("spd_logdet")) < 1e-12 * abs(Reference.scalar("spd_logdet")))
        // dpocon is the same estimator R's rcond(norm = "O") reaches through dtrcon-on-LU; both estimate 1/κ₁,
        // so they agree within the estimator's factor-of-3 guarantee, and in practice closely.
        let r = Reference.scalar("spd_rcond_1norm")
        #expect(try c.reciprocalConditionNumber() > r / 3 && c.reciprocalConditionNumber() < r * 3)
    }

    @Test func handComputed() throws {
        // A = L·Lᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]] (worked by hand).
        let c = try Cholesky(Matrix([[4, 12, -16], [12, 37, -43], [-16, -43, 98]]))
        #expect(isClose(c.factor, Matrix([[2, 0, 0], [6, 1, 0], [-8, 5, 3]]), relative: 1e-15, absolute: 1e-15))
        #expect(abs(c.logDeterminant - log(36.0)) < 1e-14)           // det = (2·1·3)² = 36
        // A·(1,−2,3) = (4−24−48, 12−74−129, −16+86+294) = (−68, −191, 364)
        #expect(try c.solve([-68, -191, 364]).isApproximatelyEqual(to: [1, -2, 3], relativeTolerance: 1e-12))
    }

    @Test func notPositiveDefiniteNamesTheMinor() {
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 2)) {
            try Cholesky(Matrix([[1, 2], [2, 1]]))   // det of 2×2 minor = −3
        }
        #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 1)) { try Cholesky(Matrix([[-1]])) }
    }

    @Test func edgeCases() throws {
        let empty = try Cholesky(Matrix(rows: 0, columns: 0))
        #expect(empty.logDeterminant == 0)
        #expect(try empty.solve(Vector([])) == Vector([]))
        let one = try Cholesky(Matrix([[9]]))
        #expect(isClose(one.factor, Matrix([[3]]), relative: 1e-15))
        #expect(isClose(try one.solve([18]).elements, [2], relative: 1e-15))
        #expect(throws: LinearAlgebraError.nonFiniteInput("matrix passed to Cholesky")) {
            try Cholesky(Matrix([[1, .nan], [.nan, 1]]))
        }
        // Non-finite entries anywhere in the lower triangle are refused (they reach a pivot of L; see Cholesky.init).
        var big = Matrix.identity(5)
        for (i, j, v) in [(0, 0, Double.infinity), (4, 1, .nan), (3, 2, -.infinity), (4, 4, .nan)] {
            var m = big; m[i, j] = v; if i != j { m[j, i] = v }
            #expect(throws: LinearAlgebraError.nonFiniteInput("matrix passed to Cholesky")) { try Cholesky(m) }
        }
        big[0, 4] = .nan                                    // the strict upper triangle is never read
        #expect(try Cholesky(big).logDeterminant == 0)
        #expect(throws: LinearAlgebraError.notSquare(rows: 2, columns: 3)) { try Cholesky(Matrix(rows: 2, columns: 3)) }
        #expect(throws: LinearAlgebraError.self) { try Cholesky(Matrix([[4]])).solve([1, 2]) }
        #expect(throws: LinearAlgebraError.nonFiniteInput("right-hand side")) { try Cholesky(Matrix([[4]])).solve([.infinity]) }
    }
}

@Suite struct PivotedCholeskyTests {
    @Test func rankAndPivotMatchR() throws {
        let a = Reference.matrix("pchol")
        let pc = try PivotedCholesky(a)
        #expect(pc.rank == Int(Reference.scalar("pchol_rank")))
        #expect(pc.permutation == Reference.vector("pchol_pivot").map { Int($0) })
        // Pᵀ A P = L Lᵀ, checked entry-wise (absolute 1e-12 × max|A|).
        let llt = try Matrix.product(pc.factor, pc.factor, transposeB: true)
        for i in 0..<a.rows { for j in 0..<a.rows {
            #expect(abs(llt[i, j] - a[pc.permutation[i], pc.permutation[j]]) < 1e-12 * a.maxAbs)
        } }
    }

    @Test func indefiniteIsRefused() {
        #expect(throws: LinearAlgebraError.self) { try PivotedCholesky(Matrix([[0, 1], [1, 0]])) }
        #expect(throws: LinearAlgebraError.self) { try PivotedCholesky(Matrix([[1, 0], [0, -1]])) }
    }

    @Test func handComputedSemidefinite() throws {
        // [[1,1],[1,1]] = v·vᵀ with v = (1,1): rank 1, L = (1,1)ᵀ.
        let pc = try PivotedCholesky(Matrix([[1, 1], [1, 1]]))
        #expect(pc.rank == 1)
        #expect(pc.factor == Matrix([[1], [1]]))
        let zero = try PivotedCholesky(Matrix(rows: 3, columns: 3))
        #expect(zero.rank == 0)
    }
}

@Suite struct LUTests {
    @Test func matchesRSolveAndDeterminant() throws {
        let g = Reference.matrix("gen")
        let lu = try LU(g)
        #expect(maxRelativeError(try lu.solve(Reference.vector("gen_b")).elements, Reference.vector("gen_solve").elements) < 1e-11)
        #expect(maxRelativeError(try lu.solve(Reference.matrix("gen_B")).elements, Reference.matrix("gen_solveB").elements) < 1e-11)
        #expect(maxRelativeError(try lu.inverse().elements, Reference.matrix("gen_inverse").elements) < 1e-11)
        let ld = Reference.vector("gen_logdet")
        #expect(abs(lu.logDeterminant.logAbsoluteValue - ld[0]) < 1e-12 * max(1, abs(ld[0])))
        #expect(lu.logDeterminant.sign == ld[1])
        #expect(abs(lu.determinant - Reference.scalar("gen_det")) < 1e-12 * abs(Reference.scalar("gen_det")))
        // Same LAPACK estimator (dgecon on the LU factors) as R's rcond: equal to rounding.
        #expect(abs(lu.reciprocalConditionNumber - Reference.scalar("gen_rcond_1norm")) < 1e-12)
        #expect(abs(try conditionNumber(g, norm: .two) - Reference.scalar("gen_kappa2")) < 1e-10 * Reference.scalar("gen_kappa2"))
    }

    @Test func topLevelSolvers() throws {
        let g = Reference.matrix("gen")
        #expect(maxRelativeError(try solve(g, Reference.vector("gen_b")).elements, Reference.vector("gen_solve").elements) < 1e-11)
        #expect(maxRelativeError(try inverse(g).elements, Reference.matrix("gen_inverse").elements) < 1e-11)
        // Hand: det [[0,1],[1,0]] = −1 (one interchange), det [[2,0],[0,3]] = 6.
        #expect(try logDeterminant(Matrix([[0, 1], [1, 0]])) == (0, -1))
        #expect(abs(try LU(Matrix([[2, 0], [0, 3]])).determinant - 6) < 1e-15)
    }

    @Test func singularAndIllConditioned() throws {
        let s = Matrix([[1, 2], [2, 4]])
        let lu = try LU(s)
        #expect(lu.singularPivot == 2)
        #expect(lu.determinant == 0)
        #expect(lu.logDeterminant.logAbsoluteValue == -.infinity)
        #expect(throws: LinearAlgebraError.singular(pivot: 2)) { try lu.solve([1, 1]) }
        #expect(throws: LinearAlgebraError.singular(pivot: 2)) { try solve(s, Vector([1, 1])) }
        // The 14×14 Hilbert matrix has κ ≈ 1e19: R's solve() refuses it as computationally singular.
        let n = 14
        var h = Matrix(rows: n, columns: n)
        for i in 0..<n { for j in 0..<n { h[i, j] = 1 / Double(i + j + 1) } }
        #expect {
            _ = try solve(h, Vector(count: n, repeating: 1))
        } throws: { e in
            if case .computationallySingular = e as? LinearAlgebraError { return true } else { return false }
        }
    }

    @Test func edgeCases() throws {
        #expect(try solve(Matrix(rows: 0, columns: 0), Vector([])) == Vector([]))
        #expect(isClose(try solve(Matrix([[4]]), Vector([2])).elements, [0.5], relative: 1e-15))
        #expect(throws: LinearAlgebraError.nonFiniteInput("matrix passed to LU")) { try LU(Matrix([[.nan]])) }
        #expect(throws: LinearAlgebraError.notSquare(rows: 1, columns: 2)) { try inverse(Matrix([[1, 2]])) }
    }
}

@Suite struct EigenAndSVDTests {
    @Test func symmetricEigenMatchesR() throws {
        let e = try SymmetricEigen(Reference.matrix("sym"))
        #expect(maxRelativeError(e.values.elements, Reference.vector("sym_values").elements) < 1e-12)
        let rv = Reference.matrix("sym_vectors")
        for k in 0..<rv.columns {   // eigenvectors are defined up to sign
            let a = e.vectors.column(k), b = rv.column(k)
            let s: Double = (try a.dot(b)) < 0 ? -1 : 1
            #expect(maxRelativeError(a.map { $0 * s }, b.elements) < 1e-10)
        }
    }

    @Test func handComputedEigen() throws {
        let e = try SymmetricEigen(Matrix([[2, 1], [1, 2]]))   // eigenvalues 1 and 3
        #expect(e.values.isApproximatelyEqual(to: [1, 3], relativeTolerance: 1e-15))
        #expect(try SymmetricEigen(Matrix(rows: 0, columns: 0)).values.isEmpty)
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigen(Matrix([[1, .infinity], [.infinity, 1]])) }
    }

    @Test func tridiagonalMatchesR() throws {
        let off = Reference.vector("tri_off").elements
        let t = try SymmetricTridiagonalEigen(diagonal: Array(repeating: 0, count: off.count + 1), offDiagonal: off)
        #expect(maxRelativeError(t.values, Reference.vector("tri_values").elements) < 1e-13)
        #expect(throws: LinearAlgebraError.self) { try SymmetricTridiagonalEigen(diagonal: [1, 2], offDiagonal: []) }
        let one = try SymmetricTridiagonalEigen(diagonal: [5], offDiagonal: [])
        #expect(one.values == [5] && one.vectors == Matrix([[1]]))
    }

    @Test func svdMatchesR() throws {
        let x = Reference.matrix("svd_x")
        let s = try SVD(x)
        #expect(maxRelativeError(s.singularValues.elements, Reference.vector("svd_d").elements) < 1e-12)
        // Reconstruction U·diag(σ)·Vᵀ = X.
        var us = s.u
        for j in 0..<us.columns { for i in 0..<us.rows { us[i, j] *= s.singularValues[j] } }
        #expect(maxRelativeError(try Matrix.product(us, s.vt).elements, x.elements) < 1e-12)
        #expect(s.rank() == 4)
    }

    @Test func handComputedSVDAndPseudoInverse() throws {
        let s = try SVD(Matrix([[3, 0], [4, 5]]))   // σ = 3√5, √5
        #expect(s.singularValues.isApproximatelyEqual(to: [3 * 5.0.squareRoot(), 5.0.squareRoot()], relativeTolerance: 1e-14))
        #expect(abs(s.conditionNumber - 3) < 1e-14)
        // pinv of the rank-1 matrix [[1,1],[1,1]] is [[1,1],[1,1]]/4.
        let p = try SVD(Matrix([[1, 1], [1, 1]])).pseudoInverse()
        #expect(p.isApproximatelyEqual(to: Matrix([[0.25, 0.25], [0.25, 0.25]]), relativeTolerance: 1e-14))
        #expect(try SVD(Matrix(rows: 0, columns: 3)).rank() == 0)
    }
}

@Suite struct QRTests {
    @Test func rCompatiblePivotingMatchesLmFit() throws {
        let qr = try QR(Reference.matrix("ls_x"))
        let fit = try qr.leastSquares(Reference.vector("ls_y"))
        let rc = Reference.vector("ls_coef")
        #expect(fit.rank == Int(Reference.scalar("ls_rank")))
        #expect(qr.permutation == Reference.vector("ls_pivot").map { Int($0) })
        for j in 0..<rc.count {
            if rc[j].isNaN { #expect(fit.coefficients[j] == nil, "column \(j) should be aliased (R: NA)") }
            else { #expect(abs(fit.coefficients[j]! - rc[j]) < 1e-11 * max(1, abs(rc[j])), "coefficient \(j)") }
        }
        #expect(maxRelativeError(fit.fitted.elements, Reference.vector("ls_fitted").elements) < 1e-11)
        #expect(maxRelativeError(fit.residuals.elements, Reference.vector("ls_residuals").elements) < 1e-11)
        #expect(maxRelativeError(try qr.unscaledCovariance().elements, Reference.matrix("ls_unscaled_cov").elements) < 1e-11)
    }

    @Test func fullRankLeastSquares() throws {
        let x = Reference.matrix("lsf_x")
        for pivoting in [QRPivoting.r, .columnNorms(tolerance: nil)] {
            let qr = try QR(x, pivoting: pivoting)
            let fit = try qr.leastSquares(Reference.vector("lsf_y"))
            #expect(maxRelativeError(fit.coefficients.map { $0! }, Reference.vector("lsf_coef").elements) < 1e-11)
            // (XᵀX)⁻¹ reordered from pivoted order back to the original columns.
            let cov = try qr.unscaledCovariance(), ref = Reference.matrix("lsf_xtx_inv")
            for (a, i) in qr.estimableColumns.enumerated() { for (b, j) in qr.estimableColumns.enumerated() {
                #expect(abs(cov[a, b] - ref[i, j]) < 1e-11 * max(1, abs(ref[i, j])))
            } }
        }
    }

    @Test func handComputedLine() throws {
        // y = (6,5,7,10) on (1, x) with x = 1..4: β = (3.5, 1.4), (XᵀX)⁻¹ = [[1.5,−0.5],[−0.5,0.2]] (by hand).
        let x = Matrix([[1, 1], [1, 2], [1, 3], [1, 4]])
        let qr = try QR(x)
        let fit = try qr.leastSquares([6, 5, 7, 10])
        #expect(abs(fit.coefficients[0]! - 3.5) < 1e-13 && abs(fit.coefficients[1]! - 1.4) < 1e-13)
        #expect(abs(fit.residualSumOfSquares - 4.2) < 1e-12)   // residuals (1.1, −1.3, −0.7, 0.9)
        #expect(try qr.unscaledCovariance().isApproximatelyEqual(to: Matrix([[1.5, -0.5], [-0.5, 0.2]]), relativeTolerance: 1e-13))
        let q = try qr.thinQ()
        #expect(try Matrix.product(q, q, transposeA: true).isApproximatelyEqual(to: .identity(2), absoluteTolerance: 1e-15))
        #expect(try qr.reciprocalConditionNumber() > 0.01)
    }

    @Test func columnNormPivotingDetectsRank() throws {
        // Third column = first + second: rank 2 whichever column is set aside.
        let x = Matrix([[1, 0, 1], [0, 1, 1], [1, 1, 2], [2, 1, 3]])
        let qr = try QR(x, pivoting: .columnNorms(tolerance: nil))
        #expect(qr.rank == 2)
        #expect(qr.aliasedColumns.count == 1)
        // R's rule sets aside the later column, the third.
        #expect(try QR(x).aliasedColumns == [2])
    }

    @Test func edgeCases() throws {
        #expect(try QR(Matrix(rows: 3, columns: 0)).rank == 0)
        #expect(try QR(Matrix(rows: 0, columns: 2)).rank == 0)
        let zero = try QR(Matrix(rows: 3, columns: 1))   // a zero column is aliased, as in R
        #expect(zero.rank == 0)
        #expect(try zero.leastSquares([1, 2, 3]).coefficients == [nil])
        #expect(throws: LinearAlgebraError.nonFiniteInput("matrix passed to QR")) { try QR(Matrix([[.nan]])) }
        #expect(throws: LinearAlgebraError.self) { try QR(Matrix([[1], [2]])).leastSquares([1]) }
        // More columns than rows: rank ≤ rows.
        #expect(try QR(Matrix([[1, 2, 3], [4, 5, 7]])).rank == 2)
    }
}

@Suite struct BLASTests {
    @Test func productsMatchR() throws {
        let p = Reference.matrix("prod_p"), q = Reference.matrix("prod_q")
        #expect(maxRelativeError(try Matrix.product(p, q).elements, Reference.matrix("prod_pq").elements) < 1e-13)
        #expect(maxRelativeError(try p.crossProduct().elements, Reference.matrix("prod_ptp").elements) < 1e-13)
        #expect(maxRelativeError(try Matrix.product(p, p, transposeA: true).elements, Reference.matrix("prod_ptp").elements) < 1e-13)
        #expect(maxRelativeError(try Matrix.product(p, [1, -2, 3, -4, 5], transpose: true).elements,
                                 Reference.vector("prod_pt_v").elements) < 1e-13)
    }

    /// Products of small integers: no rounding occurs in any summation order, so every BLAS kernel gives them exactly.
    @Test func handComputedProducts() throws {
        let a = Matrix([[1, 2], [3, 4]]), b = Matrix([[5, 6], [7, 8]])
        #expect(try Matrix.product(a, b) == Matrix([[19, 22], [43, 50]]))
        #expect(try Matrix.product(a, b, transposeA: true) == Matrix([[26, 30], [38, 44]]))
        #expect(try Matrix.product(a, [1, 1]) == [3, 7])
        // XᵀWX with w = (1, 4): rows scaled by (1, 2) → [[1+36, 2+48],[2+48, 4+64]]
        #expect(try a.weightedCrossProduct(weights: [1, 4]) == Matrix([[37, 50], [50, 68]]))
        #expect(try Matrix([[2, 0], [1, 4]]).solveTriangular([4, 6], upper: false) == [2, 1])
        #expect(throws: LinearAlgebraError.singular(pivot: 2)) { try Matrix([[2, 0], [1, 0]]).solveTriangular([1, 1], upper: false) }
    }

    @Test func viewsOperateOnBlocksInPlace() throws {
        // C[1..2, 1..2] ← A[0..1, 0..1] · B, leaving the rest of C untouched.
        let a = Matrix([[1, 2, 9], [3, 4, 9]]), b = Matrix([[5, 6], [7, 8]])
        var c = Matrix(rows: 3, columns: 3, repeating: -1)
        try a.withView(columns: 0..<2) { (av: MatrixView) throws(LinearAlgebraError) in
            try b.withView { (bv: MatrixView) throws(LinearAlgebraError) in
                try c.withMutableView(rows: 1..<3, columns: 1..<3) { (cv: MutableMatrixView) throws(LinearAlgebraError) in
                    try BLAS.gemm(av, bv, into: cv)
                }
            }
        }
        #expect(c == Matrix([[-1, -1, -1], [-1, 19, 22], [-1, 43, 50]]))
        #expect(a.withView(rows: 1..<2) { $0.copy() } == Matrix([[3, 4, 9]]))
    }

    @Test func shapeErrorsAreTyped() {
        #expect(throws: LinearAlgebraError.self) { try Matrix.product(Matrix(rows: 2, columns: 3), Matrix(rows: 2, columns: 3)) }
        #expect(throws: LinearAlgebraError.self) { try Matrix.product(Matrix(rows: 2, columns: 3), Vector([1, 2])) }
        #expect(throws: LinearAlgebraError.self) { try Matrix([[1]]).weightedCrossProduct(weights: [-1]) }
        #expect(throws: LinearAlgebraError.self) { try Vector([1]).dot([1, 2]) }
    }

    @Test func emptyProducts() throws {
        // (2×0)·(0×3) is the 2×3 zero matrix.
        #expect(try Matrix.product(Matrix(rows: 2, columns: 0), Matrix(rows: 0, columns: 3)) == Matrix(rows: 2, columns: 3))
        #expect(try Matrix(rows: 0, columns: 2).crossProduct() == Matrix(rows: 2, columns: 2))
    }
}

@Suite struct MatrixValueTests {
    @Test func layoutAndCopyOnWrite() {
        var a = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(a.elements == [1, 4, 2, 5, 3, 6])          // column-major
        #expect(a.transposed() == Matrix([[1, 4], [2, 5], [3, 6]]))
        let b = a
        a[0, 0] = 100
        #expect(b[0, 0] == 1)                               // value semantics
        #expect(a.column(1) == [2, 5] && a.row(1) == [4, 5, 6])
        #expect(a.submatrix(rows: 0..<2, columns: 1..<3) == Matrix([[2, 3], [5, 6]]))
        #expect(a.selectingColumns([2, 0]) == Matrix([[3, 100], [6, 4]]))
        #expect(Matrix.identity(2) == Matrix.diagonal([1, 1]))
        // dnrm2's scaling and summation order follow the CPU's BLAS kernel: 2 ulps.
        #expect(isClose(Vector([3, 4]).norm, 5, relative: 4.5e-16))
        #expect(isClose(Vector([1e200, 1e200]).norm, 1e200 * 2.0.squareRoot(), relative: 4.5e-16))   // no overflow
    }

    @Test func blasConfigurationIsReadable() {
        #expect(BLASConfiguration.threads >= 1)
        #expect(BLASConfiguration.lapackVersion.split(separator: ".").count == 3)
        #expect(BLASConfiguration.configuration.contains("OpenBLAS"))
    }
}
