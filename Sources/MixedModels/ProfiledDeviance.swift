internal import LinearAlgebra
internal import Foundation

/// The profiled deviance of a linear mixed model with one grouping factor (Bates, Mächler, Bolker & Walker
/// 2015, "Fitting linear mixed-effects models using lme4", *J. Stat. Softw.* 67(1), §3), on dense blocks.
///
/// Model: y = Xβ + Zb + ε, b = Λθ·u, u ~ N(0, σ²I), ε ~ N(0, σ²I). With one grouping factor Λθ is block
/// diagonal with the same lower-triangular q×q block T(θ) for every group (θ = T's lower triangle by columns,
/// lme4's order), so the sparse Cholesky factor L of ΛᵀZᵀZΛ + I is block diagonal too: Lⱼ·Lⱼᵀ = TᵀZⱼᵀZⱼT + I.
/// For each θ (eq. 3.1–3.19 of the paper, the blocked form of §3.5):
///
///     R_ZXⱼ = Lⱼ⁻¹TᵀZⱼᵀX,  c_uⱼ = Lⱼ⁻¹TᵀZⱼᵀy,
///     R_XᵀR_X = XᵀX − Σⱼ R_ZXⱼᵀR_ZXⱼ,  c_β = R_X⁻ᵀ(Xᵀy − Σⱼ R_ZXⱼᵀc_uⱼ),  β̂ = R_X⁻¹c_β,
///     r²(θ) = yᵀy − Σ‖c_uⱼ‖² − ‖c_β‖²   (the penalised residual sum of squares),
///     ML:   −2ℓ(θ) = log|L|² + n·(1 + log(2π·r²/n)),
///     REML: −2ℓ_R(θ) = log|L|² + log|R_X|² + (n−p)·(1 + log(2π·r²/(n−p))).
///
/// The sums of squares and cross-products ZⱼᵀZⱼ, ZⱼᵀX, Zⱼᵀy, XᵀX, Xᵀy, yᵀy are formed once, O(n(p+q)²); each
/// evaluation then costs O(J·(q³ + q²p + qp²) + p³) for J groups, independent of n.
struct ProfiledDeviance: Sendable {
    let n: Int
    let p: Int
    let q: Int
    let groups: Int
    let reml: Bool
    /// Per group: ZⱼᵀZⱼ (q×q), ZⱼᵀX (q×p), Zⱼᵀy (q).
    let ztz: [[Double]]
    let ztx: [[Double]]
    let zty: [[Double]]
    let xtx: [Double]
    let xty: [Double]
    let yty: Double

    /// Number of θ parameters, q(q+1)/2.
    var thetaCount: Int { q * (q + 1) / 2 }

    /// Indices in θ of T's diagonal entries (these are bounded below by 0, as in lme4).
    var diagonalIndices: [Int] {
        var out: [Int] = []
        var k = 0
        for j in 0..<q { for i in j..<q { if i == j { out.append(k) }; k += 1 } }
        return out
    }

    init(data: MixedModelData, reml: Bool) {
        n = data.n; p = data.p; q = data.q; groups = data.groupCount; self.reml = reml
        let y = zip(data.y, data.offset).map { $0 - $1 }
        var ztz: [[Double]] = [], ztx: [[Double]] = [], zty: [[Double]] = []
        for rows in data.rowsOfGroup {
            var a = [Double](repeating: 0, count: q * q)
            var b = [Double](repeating: 0, count: q * p)
            var c = [Double](repeating: 0, count: q)
            for i in rows {
                for k in 0..<q {
                    let zk = data.z[i + k * data.n]
                    for l in 0..<q { a[k + l * q] += zk * data.z[i + l * data.n] }
                    for l in 0..<p { b[k + l * q] += zk * data.x[i + l * data.n] }
                    c[k] += zk * y[i]
                }
            }
            ztz.append(a); ztx.append(b); zty.append(c)
        }
        self.ztz = ztz; self.ztx = ztx; self.zty = zty
        var xtx = [Double](repeating: 0, count: p * p), xty = [Double](repeating: 0, count: p)
        for k in 0..<p {
            for l in k..<p {
                var s = 0.0
                for i in 0..<n { s += data.x[i + k * n] * data.x[i + l * n] }
                xtx[k + l * p] = s; xtx[l + k * p] = s
            }
            var s = 0.0
            for i in 0..<n { s += data.x[i + k * n] * y[i] }
            xty[k] = s
        }
        self.xtx = xtx; self.xty = xty
        yty = y.reduce(0) { $0 + $1 * $1 }
    }

    /// T(θ), q×q lower triangular, filled column by column from θ.
    func relativeFactor(_ theta: [Double]) -> [Double] {
        var t = [Double](repeating: 0, count: q * q)
        var k = 0
        for j in 0..<q { for i in j..<q { t[i + j * q] = theta[k]; k += 1 } }
        return t
    }

    /// Everything the deviance at θ determines.
    struct Solution {
        var deviance: Double
        var beta: [Double]
        /// Penalised residual sum of squares r²(θ).
        var pwrss: Double
        var logDetL2: Double
        var logDetRX2: Double
        /// Lower Cholesky factor of R_XᵀR_X (p×p), i.e. R_Xᵀ.
        var rxLower: [Double]
        /// Per group: Lⱼ (q×q lower), c_uⱼ − R_ZXⱼβ̂ solved: the spherical modes uⱼ.
        var lBlocks: [[Double]]
        var u: [[Double]]
    }

    /// The profiled deviance at θ (ML or REML as configured); +∞ where a factor is not positive definite.
    func deviance(_ theta: [Double]) -> Double { solve(theta, keepBlocks: false)?.deviance ?? .infinity }

    /// Solves the penalised least-squares problem at θ. nil if R_XᵀR_X is not positive definite (a
    /// rank-deficient X).
    func solve(_ theta: [Double], keepBlocks: Bool) -> Solution? {
        let t = relativeFactor(theta)
        var xtxS = xtx
        var xtyS = xty
        var r2 = yty
        var logDetL = 0.0
        var lBlocks: [[Double]] = []
        var rzxBlocks: [[Double]] = []
        var cuBlocks: [[Double]] = []
        if keepBlocks { lBlocks.reserveCapacity(groups); rzxBlocks.reserveCapacity(groups); cuBlocks.reserveCapacity(groups) }
        var m = [Double](repeating: 0, count: q * q)
        var rzx = [Double](repeating: 0, count: q * p)
        var cu = [Double](repeating: 0, count: q)
        for j in 0..<groups {
            let a = ztz[j]
            // M = Tᵀ·A·T + I
            for c in 0..<q {
                for r in c..<q {
                    var s = 0.0
                    for k in r..<q {              // T[k, r] nonzero for k ≥ r
                        var at = 0.0
                        for l in c..<q { at += a[k + l * q] * t[l + c * q] }
                        s += t[k + r * q] * at
                    }
                    m[r + c * q] = s + (r == c ? 1 : 0)
                    m[c + r * q] = m[r + c * q]
                }
            }
            guard SmallDense.cholesky(&m, q) else { return nil }
            for i in 0..<q { logDetL += log(m[i + i * q]) }
            // rzx = L⁻¹·Tᵀ·ZᵀX, cu = L⁻¹·Tᵀ·Zᵀy
            let b = ztx[j], c = zty[j]
            for r in 0..<q {
                for col in 0..<p {
                    var s = 0.0
                    for k in r..<q { s += t[k + r * q] * b[k + col * q] }
                    rzx[r + col * q] = s
                }
                var s = 0.0
                for k in r..<q { s += t[k + r * q] * c[k] }
                cu[r] = s
            }
            SmallDense.solveLower(m, q, &rzx, columns: p)
            SmallDense.solveLower(m, q, &cu, columns: 1)
            for k in 0..<p {
                for l in k..<p {
                    var s = 0.0
                    for r in 0..<q { s += rzx[r + k * q] * rzx[r + l * q] }
                    xtxS[k + l * p] -= s
                }
                var s = 0.0
                for r in 0..<q { s += rzx[r + k * q] * cu[r] }
                xtyS[k] -= s
            }
            for r in 0..<q { r2 -= cu[r] * cu[r] }
            if keepBlocks { lBlocks.append(m); rzxBlocks.append(rzx); cuBlocks.append(cu) }
        }
        for k in 0..<p { for l in (k + 1)..<max(k + 1, p) { xtxS[l + k * p] = xtxS[k + l * p] } }
        guard SmallDense.cholesky(&xtxS, p) else { return nil }
        var cbeta = xtyS
        SmallDense.solveLower(xtxS, p, &cbeta, columns: 1)
        for v in cbeta { r2 -= v * v }
        var beta = cbeta
        SmallDense.solveLowerTransposed(xtxS, p, &beta, columns: 1)
        var logDetRX = 0.0
        for i in 0..<p { logDetRX += log(xtxS[i + i * p]) }
        let ldL2 = 2 * logDetL, ldRX2 = 2 * logDetRX
        // r² can come out as a tiny negative number by cancellation for a perfect fit; it is a sum of squares.
        let pw = max(r2, 0)
        let dev: Double
        if reml {
            let df = Double(n - p)
            dev = ldL2 + ldRX2 + df * (1 + log(2 * Double.pi * pw / df))
        } else {
            let nn = Double(n)
            dev = ldL2 + nn * (1 + log(2 * Double.pi * pw / nn))
        }
        var u: [[Double]] = []
        if keepBlocks {
            for j in 0..<groups {
                var v = cuBlocks[j]
                for r in 0..<q { for k in 0..<p { v[r] -= rzxBlocks[j][r + k * q] * beta[k] } }
                SmallDense.solveLowerTransposed(lBlocks[j], q, &v, columns: 1)
                u.append(v)
            }
        }
        return Solution(deviance: dev.isNaN ? .infinity : dev, beta: beta, pwrss: pw, logDetL2: ldL2,
                        logDetRX2: ldRX2, rxLower: xtxS, lBlocks: lBlocks, u: u)
    }
}
