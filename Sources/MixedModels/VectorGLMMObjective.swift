internal import Foundation
internal import Distributions

/// The Laplace approximation of the marginal log-likelihood of a GLMM with a vector random effect per group
/// (random intercept and slopes, `(1 + x | g)`, one grouping factor; canonical link), with its exact gradient
/// over (β, θ).
///
/// Model (lme4's spherical form, Bates et al. 2015, *J. Stat. Softw.* 67(1), §3): for group j and row i in it,
/// ηᵢ = oᵢ + xᵢᵀβ + zᵢᵀΛ(θ)uⱼ with uⱼ ~ N(0, I_q), so bⱼ = Λuⱼ ~ N(0, ΛΛᵀ). Λ is q×q lower triangular; θ is
/// its lower triangle by columns (lme4's order: Λ₁₁, Λ₂₁, …, Λ_q1, Λ₂₂, …), diagonal ≥ 0. With
/// Fⱼ(u) = Σᵢ log f(yᵢ | ηᵢ(u)) − ½uᵀu, the conditional mode ûⱼ maximises Fⱼ, and with
/// Cⱼ = −∇²Fⱼ(ûⱼ) = I + ΛᵀMⱼΛ, Mⱼ = Σᵢ wᵢzᵢzᵢᵀ (wᵢ = nᵢv(μᵢ)),
///
///     log L ≈ Σⱼ [Fⱼ(ûⱼ) − ½·log det Cⱼ]        (the ½q·log 2π of the prior and of the Laplace integral cancel)
///
/// with every constant of the density included (log C(n, y), −log y!), as lme4's Laplace deviance and glmmTMB.
///
/// Inner problem: ûⱼ by Newton's method on the q×q system Cⱼδ = ΛᵀGⱼ − u (Gⱼ = Σᵢ zᵢ(yᵢ − nᵢμᵢ)), which for a
/// canonical link is lme4's penalised IRLS restricted to one group (the penalised system is block diagonal
/// because there is one grouping factor), with step halving whenever Fⱼ decreases; warm-started at the previous
/// evaluation's modes.
///
/// Gradient (implicit-function theorem; Cⱼ, û, Mⱼ at the mode, P = C⁻¹, K = ΛPΛᵀ, w′ = dw/dη): with
/// sᵢ = zᵢᵀKzᵢ, c = Σᵢ w′ᵢsᵢxᵢ, d = Σᵢ w′ᵢsᵢzᵢ, Aₖ = Σᵢ wᵢzᵢxᵢₖ and v = PΛᵀd,
///
///     ∂/∂βₖ = Σᵢ xᵢₖ(yᵢ − nᵢμᵢ) − ½cₖ + ½(Λv)ᵀAₖ,
///     ∂/∂Λₐ_b = G_a·û_b − (MΛP)ₐ_b − ½[dₐû_b + v_b·G_a − û_b·(MΛv)ₐ],
///
/// from ∂û/∂βₖ = −PΛᵀAₖ and ∂û/∂Λₐ_b = P(e_b·G_a − û_b·ΛᵀMeₐ) (the ∂F terms by the envelope theorem).
/// sᵢ is not formed per row: Σᵢ w′ᵢ zᵢₐzᵢ_b xᵢ and Σᵢ w′ᵢ zᵢₐzᵢ_b zᵢ are accumulated in the pass at the mode and
/// contracted with K afterwards.
///
/// Complexity per evaluation: O(n·p) for Xβ, then O(n·(q² + q·p)·(passes)) with 2 passes per group when the
/// warm start is already at the mode (one Newton pass, one final pass at û), 3–4 after a large step in (β, θ),
/// and O(n·q²·(p + q)) for the third-derivative sums; plus O(groups·q³). Memory O(n·(p + q)) for the row-major
/// copies of X and Z in group order.
struct VectorGLMMObjective: Sendable {
    let family: MixedModelFamily
    let p: Int
    let q: Int
    let groups: Int
    /// Rows in group order; `start[j]..<start[j+1]` are group j's.
    let start: [Int]
    let y: [Double]
    let trials: [Double]
    let offset: [Double]
    /// Row-major X (row i at i·p) and Z (row i at i·q), in group order.
    let xRows: [Double]
    let zRows: [Double]
    /// Σ log-density constants (log C(n, y) or −log y!).
    let constant: Double
    /// Position (row, column) in Λ of each θ entry, lme4's order (lower triangle by columns).
    let thetaPositions: [(row: Int, column: Int)]
    /// Pairs (a ≤ b) of random-effect columns, for the symmetric sums.
    let pairs: [(a: Int, b: Int)]

    var thetaCount: Int { thetaPositions.count }

    init(data d: MixedModelData, family: MixedModelFamily) {
        self.family = family
        p = d.p
        q = d.q
        groups = d.groupCount
        var order: [Int] = []
        order.reserveCapacity(d.n)
        var st = [0]
        for rows in d.rowsOfGroup { order += rows; st.append(order.count) }
        start = st
        y = order.map { d.y[$0] }
        trials = order.map { d.trials[$0] }
        offset = order.map { d.offset[$0] }
        var xr = [Double](repeating: 0, count: d.n * d.p)
        var zr = [Double](repeating: 0, count: d.n * d.q)
        for (r, i) in order.enumerated() {
            for k in 0..<d.p { xr[r * d.p + k] = d.x[i + k * d.n] }
            for k in 0..<d.q { zr[r * d.q + k] = d.z[i + k * d.n] }
        }
        xRows = xr
        zRows = zr
        var c = 0.0
        for i in 0..<y.count {
            switch family {
            case .binomial:
                c += SpecialFunctions.logGamma(trials[i] + 1) - SpecialFunctions.logGamma(y[i] + 1)
                    - SpecialFunctions.logGamma(trials[i] - y[i] + 1)
            case .poisson, .gaussian:
                c -= SpecialFunctions.logGamma(y[i] + 1)
            }
        }
        constant = c
        var pos: [(row: Int, column: Int)] = []
        for j in 0..<d.q { for i in j..<d.q { pos.append((i, j)) } }
        thetaPositions = pos
        var pr: [(a: Int, b: Int)] = []
        for a in 0..<d.q { for b in a..<d.q { pr.append((a, b)) } }
        pairs = pr
    }

    /// Λ(θ), q×q column-major lower triangular.
    func lambda(_ theta: ArraySlice<Double>) -> [Double] {
        var l = [Double](repeating: 0, count: q * q)
        for (m, t) in zip(thetaPositions.indices, theta) { l[thetaPositions[m].row + thetaPositions[m].column * q] = t }
        return l
    }

    /// Indices into θ of Λ's diagonal entries (bounded below by 0).
    var diagonalIndices: [Int] { thetaPositions.indices.filter { thetaPositions[$0].row == thetaPositions[$0].column } }

    /// η₀ = o + Xβ for all rows (group order).
    func linearPredictor(_ beta: ArraySlice<Double>) -> [Double] {
        let n = y.count
        var eta0 = [Double](repeating: 0, count: n)
        let b = Array(beta)
        xRows.withUnsafeBufferPointer { xr in
            for i in 0..<n {
                var s = offset[i]
                let o = i * p
                for k in 0..<p { s += xr[o + k] * b[k] }
                eta0[i] = s
            }
        }
        return eta0
    }

    /// One pass over a group at random effect b = Λu: returns ℓ = Σᵢ[yᵢηᵢ − nᵢκ(ηᵢ)] and fills G = Σᵢzᵢrᵢ
    /// (q) and M = Σᵢwᵢzᵢzᵢᵀ (q×q, both triangles). nil if a value is not finite.
    @inline(__always)
    func pass(_ e: UnsafeBufferPointer<Double>, _ z: UnsafeBufferPointer<Double>, _ range: Range<Int>,
              _ b: [Double], _ g: inout [Double], _ m: inout [Double]) -> Double? {
        for k in 0..<q { g[k] = 0 }
        for k in 0..<(q * q) { m[k] = 0 }
        var l = 0.0
        for i in range {
            let zo = i * q
            var eta = e[i]
            for k in 0..<q { eta += z[zo + k] * b[k] }
            let (li, r, w, _) = rowTerms(eta, i)
            l += li
            for a in 0..<q {
                let za = z[zo + a]
                g[a] += za * r
                let wa = w * za
                for bb in a..<q { m[a + bb * q] += wa * z[zo + bb] }
            }
        }
        for a in 0..<q { for bb in (a + 1)..<max(a + 1, q) { m[bb + a * q] = m[a + bb * q] } }
        return l.isFinite ? l : nil
    }

    /// Row i's log-density kernel yη − nκ(η), residual y − nμ, weight w = nv(μ) and w′ = dw/dη.
    @inline(__always)
    func rowTerms(_ eta: Double, _ i: Int) -> (Double, Double, Double, Double) {
        switch family {
        case .binomial:
            let ex = exp(-abs(eta))
            let mu = eta >= 0 ? 1 / (1 + ex) : ex / (1 + ex)
            let n = trials[i]
            let w = n * mu * (1 - mu)
            return (y[i] * eta - n * (max(eta, 0) + log1p(ex)), y[i] - n * mu, w, w * (1 - 2 * mu))
        case .poisson, .gaussian:
            let mu = exp(eta)
            return (y[i] * eta - mu, y[i] - mu, mu, mu)
        }
    }

    /// C = I + ΛᵀMΛ (q×q).
    func curvature(_ lam: [Double], _ m: [Double]) -> [Double] {
        // ML = M·Λ, then C = Λᵀ·ML + I
        var ml = [Double](repeating: 0, count: q * q)
        for c in 0..<q { for r in 0..<q {
            var s = 0.0
            for k in c..<q { s += m[r + k * q] * lam[k + c * q] }
            ml[r + c * q] = s
        } }
        var cm = [Double](repeating: 0, count: q * q)
        for c in 0..<q { for r in 0..<q {
            var s = r == c ? 1.0 : 0.0
            for k in r..<q { s += lam[k + r * q] * ml[k + c * q] }
            cm[r + c * q] = s
        } }
        return cm
    }

    /// Λ·v and Λᵀ·v.
    func lambdaTimes(_ lam: [Double], _ v: [Double]) -> [Double] {
        (0..<q).map { r in (0...r).reduce(0.0) { $0 + lam[r + $1 * q] * v[$1] } }
    }
    func lambdaTransposeTimes(_ lam: [Double], _ v: [Double]) -> [Double] {
        (0..<q).map { r in (r..<q).reduce(0.0) { $0 + lam[$1 + r * q] * v[$1] } }
    }

    /// The conditional mode of group `range` from `u0` by safeguarded Newton (see the type's comment): stops
    /// once the Newton step is below 1e-8·(1 + ‖u‖∞) in every coordinate, after taking it (quadratic
    /// convergence leaves an error of order the step squared). nil if it fails to converge in 100 steps or a
    /// value is not finite.
    func mode(_ e: UnsafeBufferPointer<Double>, _ z: UnsafeBufferPointer<Double>, _ range: Range<Int>,
              lambda lam: [Double], from u0: [Double], g: inout [Double], m: inout [Double]) -> [Double]? {
        var u = u0
        guard let l0 = pass(e, z, range, lambdaTimes(lam, u), &g, &m) else {
            // A poor warm start (e.g. after a wild line-search step): restart from 0.
            guard u0.contains(where: { $0 != 0 }) else { return nil }
            return mode(e, z, range, lambda: lam, from: [Double](repeating: 0, count: q), g: &g, m: &m)
        }
        var f = l0 - 0.5 * u.reduce(0) { $0 + $1 * $1 }
        for _ in 0..<100 {
            var c = curvature(lam, m)
            guard DenseKernels.cholesky(&c, q) else { return nil }
            let lg = lambdaTransposeTimes(lam, g)
            var step = (0..<q).map { lg[$0] - u[$0] }
            DenseKernels.solveLower(c, q, &step, columns: 1)
            DenseKernels.solveLowerTransposed(c, q, &step, columns: 1)
            let size = u.reduce(0.0) { max($0, abs($1)) }
            if step.allSatisfy({ abs($0) <= 1e-8 * (1 + size) }) {
                for k in 0..<q { u[k] += step[k] }
                return u.allSatisfy(\.isFinite) ? u : nil
            }
            // Step halving until F does not decrease (beyond rounding).
            var t = 1.0
            var accepted = false
            for _ in 0..<40 {
                let trial = (0..<q).map { u[$0] + t * step[$0] }
                if let lt = pass(e, z, range, lambdaTimes(lam, trial), &g, &m) {
                    let ft = lt - 0.5 * trial.reduce(0) { $0 + $1 * $1 }
                    if ft >= f - 1e-12 * (1 + abs(f)) { u = trial; f = ft; accepted = true; break }
                }
                t /= 2
            }
            guard accepted else { return nil }
        }
        return nil
    }

    /// The result of one evaluation: −log L, its gradient over (β, θ) (if asked), and per group the mode û and
    /// K = ΛC⁻¹Λᵀ (the conditional covariance of b = Λû, lme4's `condVar`).
    struct Evaluation {
        var value: Double
        var gradient: [Double]
        var modes: [Double]
        var conditionalCovariances: [Double]
    }

    /// −log L at `par` = (β₁…β_p, θ₁…θ_T) with warm-start modes `modes` (q per group, updated to û); the
    /// gradient if `wantGradient`. Value +∞ (and NaN gradient) if an inner Newton iteration fails.
    func evaluate(_ par: [Double], modes: inout [Double], wantGradient: Bool = true,
                  wantConditionalCovariance: Bool = false) -> Evaluation {
        let lam = lambda(par[p...])
        let eta0 = linearPredictor(par[0..<p])
        let nt = thetaCount, np = pairs.count
        var total = constant
        var grad = [Double](repeating: 0, count: p + nt)
        var condCov = [Double](repeating: 0, count: wantConditionalCovariance ? groups * q * q : 0)
        var g = [Double](repeating: 0, count: q), m = [Double](repeating: 0, count: q * q)
        var amat = [Double](repeating: 0, count: q * p)
        var tx = [Double](repeating: 0, count: np * p), tz = [Double](repeating: 0, count: np * q)
        let ok: Bool = eta0.withUnsafeBufferPointer { e in
            zRows.withUnsafeBufferPointer { z in
                xRows.withUnsafeBufferPointer { xr in
                    for j in 0..<groups {
                        let range = start[j]..<start[j + 1]
                        let u0 = Array(modes[(j * q)..<(j * q + q)])
                        guard let u = mode(e, z, range, lambda: lam, from: u0, g: &g, m: &m) else { return false }
                        for k in 0..<q { modes[j * q + k] = u[k] }
                        let bvec = lambdaTimes(lam, u)
                        // Final pass at û: ℓ, G, M and (for the gradient) Σxr, A, and the w′ sums.
                        for k in 0..<q { g[k] = 0 }
                        for k in 0..<(q * q) { m[k] = 0 }
                        if wantGradient {
                            for k in 0..<(q * p) { amat[k] = 0 }
                            for k in 0..<(np * p) { tx[k] = 0 }
                            for k in 0..<(np * q) { tz[k] = 0 }
                        }
                        var l = 0.0
                        for i in range {
                            let zo = i * q, xo = i * p
                            var eta = e[i]
                            for k in 0..<q { eta += z[zo + k] * bvec[k] }
                            let (li, r, w, dw) = rowTerms(eta, i)
                            l += li
                            for a in 0..<q {
                                let za = z[zo + a]
                                g[a] += za * r
                                let wa = w * za
                                for bb in a..<q { m[a + bb * q] += wa * z[zo + bb] }
                            }
                            guard wantGradient else { continue }
                            for k in 0..<p {
                                let x = xr[xo + k]
                                grad[k] += x * r
                                for a in 0..<q { amat[a + k * q] += w * z[zo + a] * x }
                            }
                            for (pi, pr) in pairs.enumerated() {
                                let s = dw * z[zo + pr.a] * z[zo + pr.b]
                                for k in 0..<p { tx[pi * p + k] += s * xr[xo + k] }
                                for c in 0..<q { tz[pi * q + c] += s * z[zo + c] }
                            }
                        }
                        for a in 0..<q { for bb in (a + 1)..<max(a + 1, q) { m[bb + a * q] = m[a + bb * q] } }
                        var cl = curvature(lam, m)
                        guard l.isFinite, DenseKernels.cholesky(&cl, q) else { return false }
                        var logDet = 0.0
                        for k in 0..<q { logDet += 2 * log(cl[k + k * q]) }
                        total += l - 0.5 * u.reduce(0) { $0 + $1 * $1 } - 0.5 * logDet
                        guard wantGradient || wantConditionalCovariance else { continue }
                        let pinv = DenseKernels.inverseFromCholesky(cl, q)
                        // K = Λ P Λᵀ
                        var kmat = [Double](repeating: 0, count: q * q)
                        for c in 0..<q {
                            let col = lambdaTimes(lam, (0..<q).map { pinv[$0 + c * q] })   // Λ·P[:, c]
                            for r in 0..<q { kmat[r + c * q] = col[r] }
                        }
                        // K ← (ΛP)Λᵀ: row r of ΛP times Λᵀ
                        var kfull = [Double](repeating: 0, count: q * q)
                        for r in 0..<q {
                            let row = (0..<q).map { kmat[r + $0 * q] }
                            let v = lambdaTimes(lam, row)
                            for c in 0..<q { kfull[r + c * q] = v[c] }
                        }
                        if wantConditionalCovariance {
                            for k in 0..<(q * q) { condCov[j * q * q + k] = kfull[k] }
                        }
                        guard wantGradient else { continue }
                        // c = Σ_{a≤b} (2 − δ_ab) K_ab · tx[ab], d likewise.
                        var cvec = [Double](repeating: 0, count: p), dvec = [Double](repeating: 0, count: q)
                        for (pi, pr) in pairs.enumerated() {
                            let kab = (pr.a == pr.b ? 1.0 : 2.0) * kfull[pr.a + pr.b * q]
                            for k in 0..<p { cvec[k] += kab * tx[pi * p + k] }
                            for c in 0..<q { dvec[c] += kab * tz[pi * q + c] }
                        }
                        var v = lambdaTransposeTimes(lam, dvec)               // v = PΛᵀd
                        DenseKernels.solveLower(cl, q, &v, columns: 1)
                        DenseKernels.solveLowerTransposed(cl, q, &v, columns: 1)
                        let lv = lambdaTimes(lam, v)
                        for k in 0..<p {
                            var s = 0.0
                            for a in 0..<q { s += lv[a] * amat[a + k * q] }
                            grad[k] += -0.5 * cvec[k] + 0.5 * s
                        }
                        // MΛP and MΛv
                        var mlp = [Double](repeating: 0, count: q * q)
                        for c in 0..<q {
                            let lp = lambdaTimes(lam, (0..<q).map { pinv[$0 + c * q] })
                            for r in 0..<q {
                                var s = 0.0
                                for k in 0..<q { s += m[r + k * q] * lp[k] }
                                mlp[r + c * q] = s
                            }
                        }
                        let mlv = (0..<q).map { r in (0..<q).reduce(0.0) { $0 + m[r + $1 * q] * lv[$1] } }
                        for (t, pos) in thetaPositions.enumerated() {
                            let a = pos.row, b = pos.column
                            grad[p + t] += g[a] * u[b] - mlp[a + b * q]
                                - 0.5 * (dvec[a] * u[b] + v[b] * g[a] - u[b] * mlv[a])
                        }
                    }
                    return true
                }
            }
        }
        guard ok, total.isFinite else {
            return Evaluation(value: .infinity, gradient: [Double](repeating: .nan, count: p + nt), modes: modes,
                              conditionalCovariances: condCov)
        }
        return Evaluation(value: -total, gradient: grad.map { -$0 }, modes: modes, conditionalCovariances: condCov)
    }
}
