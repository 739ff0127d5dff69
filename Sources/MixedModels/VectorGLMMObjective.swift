internal import LinearAlgebra
internal import Foundation
internal import Distributions

/// The Laplace approximation of the marginal log-likelihood of a GLMM with a vector random effect per group
/// (random intercept and slopes, `(1 + x | g)`, one grouping factor; canonical link), with its exact gradient
/// over (β, θ).
///
/// Model (lme4's spherical form, Bates et al. 2015, *J. Stat. Softw.* 67(1), §3): for group j and row i in it,
/// ηᵢ = oᵢ + xᵢᵀβ + zᵢᵀΛ(θ)uⱼ with uⱼ ~ N(0, I_q), so bⱼ = Λuⱼ ~ N(0, ΛΛᵀ). Λ is q×q lower triangular; θ is
/// its lower triangle by columns (lme4's order: Λ₁₁, Λ₂₁, …, Λ_q1, Λ₂₂, …), diagonal ≥ 0. With several terms on
/// the grouping factor (``MixedModelData/termColumns``, e.g. `(1 | g) + (0 + x | g)`) Λ is block diagonal and θ
/// holds each block's lower triangle in term order (lme4's order again). With
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
/// Sufficient statistics: rows of a group with the same covariates (x, z, offset) are merged once, at
/// construction — binomial successes and trials add, Poisson counts add with the multiplicity t in the mean
/// (Σᵢ yᵢη − t·e^η) — so below n is the number of distinct covariate patterns per group, summed over groups: all
/// rows for continuous covariates, but e.g. at most 150 × 10 for 500,000 Bernoulli rows on 10 time points in 150
/// groups. The density constants are summed over the original rows. Construction costs one hash per row.
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
    /// Per collapsed row: Σ y (successes or counts) and Σ trials (binomial) or the number of rows merged
    /// (Poisson), which multiplies the mean: the kernel is yη − t·κ(η) with κ = log(1 + e^η) or e^η.
    let y: [Double]
    let trials: [Double]
    let offset: [Double]
    /// The values of one row's covariates (x, z, offset), the key under which rows are collapsed.
    struct CovariatePattern: Hashable {
        let values: [Double]
    }
    /// Row-major X (row i at i·p) and Z (row i at i·q), in group order, one row per covariate pattern.
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
        let n = d.n
        var c = 0.0
        for i in 0..<n {
            switch family {
            case .binomial:
                c += SpecialFunctions.logGamma(d.trials[i] + 1) - SpecialFunctions.logGamma(d.y[i] + 1)
                    - SpecialFunctions.logGamma(d.trials[i] - d.y[i] + 1)
            case .poisson, .gaussian:
                c -= SpecialFunctions.logGamma(d.y[i] + 1)
            }
        }
        constant = c
        // Collapse rows of a group with the same covariate pattern (x, z, offset) into one: successes and trials
        // (binomial) or counts and multiplicities (Poisson) add. First-occurrence order within each group.
        var ys: [Double] = [], ts: [Double] = [], os: [Double] = [], xr: [Double] = [], zr: [Double] = []
        ys.reserveCapacity(n); ts.reserveCapacity(n); os.reserveCapacity(n)
        xr.reserveCapacity(n * d.p); zr.reserveCapacity(n * d.q)
        var st = [0]
        var key = [Double](repeating: 0, count: d.p + d.q + 1)
        for rows in d.rowsOfGroup {
            var index: [CovariatePattern: Int] = [:]
            index.reserveCapacity(rows.count)
            for i in rows {
                for k in 0..<d.p { key[k] = d.x[i + k * n] }
                for k in 0..<d.q { key[d.p + k] = d.z[i + k * n] }
                key[d.p + d.q] = d.offset[i]
                let pattern = CovariatePattern(values: key)
                if let r = index[pattern] {
                    ys[r] += d.y[i]; ts[r] += d.trials[i]
                } else {
                    index[pattern] = ys.count
                    ys.append(d.y[i]); ts.append(d.trials[i]); os.append(d.offset[i])
                    xr.append(contentsOf: key[0..<d.p]); zr.append(contentsOf: key[d.p..<(d.p + d.q)])
                }
            }
            st.append(ys.count)
        }
        start = st
        y = ys
        trials = ts
        offset = os
        xRows = xr
        zRows = zr
        var pos: [(row: Int, column: Int)] = []
        for block in d.termColumns { for j in block { for i in j..<block.upperBound { pos.append((i, j)) } } }
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

    /// The index into θ of Λ's entry (row, column), nil if it is structurally zero.
    func thetaIndex(row: Int, column: Int) -> Int? {
        thetaPositions.firstIndex { $0.row == row && $0.column == column }
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

    /// Raw pointers to the row data of one evaluation (valid only inside ``evaluate(_:modes:wantGradient:wantConditionalCovariance:)``).
    struct Rows {
        let e: UnsafePointer<Double>
        let z: UnsafePointer<Double>
        let x: UnsafePointer<Double>
        let y: UnsafePointer<Double>
        let trials: UnsafePointer<Double>
    }

    /// Offsets in the accumulator buffer: G (q), M (q×q, upper triangle filled, then mirrored), and for a full
    /// pass Σxᵢrᵢ (p), A = Σwᵢzᵢxᵢᵀ (q×p), Σw′zₐz_b·x (pairs×p) and Σw′zₐz_b·z (pairs×q).
    var accumulatorSize: Int { q + q * q + p + q * p + pairs.count * (p + q) }

    /// One pass over the rows `range` of a group at random effect b: returns ℓ = Σᵢ[yᵢηᵢ − nᵢκ(ηᵢ)] (nil if not
    /// finite) and accumulates G and M into `acc` (zeroed first), and with `full` also the gradient sums.
    @inline(__always)
    func accumulate(_ r: Rows, _ range: Range<Int>, _ b: UnsafePointer<Double>, full: Bool,
                    _ acc: UnsafeMutablePointer<Double>) -> Double? {
        let q = q, p = p
        acc.update(repeating: 0, count: full ? accumulatorSize : q + q * q)
        let g = acc, m = acc + q, xr = acc + q + q * q, am = xr + p, tx = am + q * p, tz = tx + pairs.count * p
        var l = 0.0
        let binomial = family == .binomial
        for i in range {
            let zi = r.z + i * q
            var eta = r.e[i]
            for k in 0..<q { eta += zi[k] * b[k] }
            let res: Double, w: Double, dw: Double
            if binomial {
                let ex = exp(-abs(eta))
                let mu = eta >= 0 ? 1 / (1 + ex) : ex / (1 + ex)
                let n = r.trials[i]
                w = n * mu * (1 - mu); dw = w * (1 - 2 * mu)
                res = r.y[i] - n * mu
                l += r.y[i] * eta - n * (max(eta, 0) + log1p(ex))
            } else {
                let mu = r.trials[i] * exp(eta)
                w = mu; dw = mu; res = r.y[i] - mu
                l += r.y[i] * eta - mu
            }
            for a in 0..<q {
                let za = zi[a]
                g[a] += za * res
                let wa = w * za
                for c in a..<q { m[a + c * q] += wa * zi[c] }
            }
            guard full else { continue }
            let xi = r.x + i * p
            for k in 0..<p {
                let xk = xi[k]
                xr[k] += xk * res
                for a in 0..<q { am[a + k * q] += w * zi[a] * xk }
            }
            var t = 0
            for a in 0..<q {
                let da = dw * zi[a]
                for c in a..<q {
                    let s = da * zi[c]
                    for k in 0..<p { tx[t * p + k] += s * xi[k] }
                    for k in 0..<q { tz[t * q + k] += s * zi[k] }
                    t += 1
                }
            }
        }
        for a in 0..<q { for c in (a + 1)..<max(a + 1, q) { m[c + a * q] = m[a + c * q] } }
        return l.isFinite ? l : nil
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
    /// once the Newton step is below 1e-6·(1 + ‖u‖∞) in every coordinate, after taking it. Quadratic convergence
    /// leaves an error of order the step squared (~1e-12), so that the gradient stays smooth to that order and
    /// its central differences (the Hessian) keep ~1e-7 relative accuracy. nil if it fails to converge in 100
    /// steps or a value is not finite. `acc` is scratch of ``accumulatorSize``.
    func mode(_ r: Rows, _ range: Range<Int>, lambda lam: [Double], from u0: [Double],
              _ acc: UnsafeMutablePointer<Double>) -> [Double]? {
        var u = u0
        var bvec = lambdaTimes(lam, u)
        guard let l0 = accumulate(r, range, bvec, full: false, acc) else {
            // A poor warm start (e.g. after a wild line-search step): restart from 0.
            guard u0.contains(where: { $0 != 0 }) else { return nil }
            return mode(r, range, lambda: lam, from: [Double](repeating: 0, count: q), acc)
        }
        var f = l0 - 0.5 * u.reduce(0) { $0 + $1 * $1 }
        for _ in 0..<100 {
            let g = (0..<q).map { acc[$0] }
            let m = (0..<(q * q)).map { acc[q + $0] }
            var c = curvature(lam, m)
            guard SmallDense.cholesky(&c, q) else { return nil }
            let lg = lambdaTransposeTimes(lam, g)
            var step = (0..<q).map { lg[$0] - u[$0] }
            SmallDense.solveLower(c, q, &step, columns: 1)
            SmallDense.solveLowerTransposed(c, q, &step, columns: 1)
            let size = u.reduce(0.0) { max($0, abs($1)) }
            if step.allSatisfy({ abs($0) <= 1e-6 * (1 + size) }) {
                for k in 0..<q { u[k] += step[k] }
                return u.allSatisfy(\.isFinite) ? u : nil
            }
            // Step halving until F does not decrease (beyond rounding).
            var t = 1.0
            var accepted = false
            for _ in 0..<40 {
                let trial = (0..<q).map { u[$0] + t * step[$0] }
                bvec = lambdaTimes(lam, trial)
                if let lt = accumulate(r, range, bvec, full: false, acc) {
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
        var scratch = [Double](repeating: 0, count: accumulatorSize)
        var newModes = modes
        let ok: Bool = eta0.withUnsafeBufferPointer { e in
            zRows.withUnsafeBufferPointer { z in
            xRows.withUnsafeBufferPointer { xr in
            y.withUnsafeBufferPointer { yp in
            trials.withUnsafeBufferPointer { tp in
            scratch.withUnsafeMutableBufferPointer { sp in
                guard let eb = e.baseAddress, let zb = z.baseAddress, let xb = xr.baseAddress ?? (p == 0 ? eb : nil),
                      let yb = yp.baseAddress, let tb = tp.baseAddress, let acc = sp.baseAddress else { return groups == 0 }
                let rows = Rows(e: eb, z: zb, x: xb, y: yb, trials: tb)
                let g = acc, m = acc + q, xrs = acc + q + q * q, amat = xrs + p, tx = amat + q * p, tz = tx + np * p
                for j in 0..<groups {
                    let range = start[j]..<start[j + 1]
                    let u0 = Array(newModes[(j * q)..<(j * q + q)])
                    guard let u = mode(rows, range, lambda: lam, from: u0, acc) else { return false }
                    for k in 0..<q { newModes[j * q + k] = u[k] }
                    // Final pass at û: ℓ, G, M and (for the gradient) Σxr, A, and the w′ sums.
                    guard let l = accumulate(rows, range, lambdaTimes(lam, u), full: wantGradient, acc) else { return false }
                    let mArr = (0..<(q * q)).map { m[$0] }
                    var cl = curvature(lam, mArr)
                    guard SmallDense.cholesky(&cl, q) else { return false }
                    var logDet = 0.0
                    for k in 0..<q { logDet += 2 * log(cl[k + k * q]) }
                    total += l - 0.5 * u.reduce(0) { $0 + $1 * $1 } - 0.5 * logDet
                    guard wantGradient || wantConditionalCovariance else { continue }
                    let pinv = SmallDense.inverseFromCholesky(cl, q)
                    // K = Λ P Λᵀ: columns of ΛP, then rows of (ΛP) times Λᵀ.
                    var lp = [Double](repeating: 0, count: q * q)
                    for c in 0..<q {
                        let col = lambdaTimes(lam, (0..<q).map { pinv[$0 + c * q] })
                        for r in 0..<q { lp[r + c * q] = col[r] }
                    }
                    var kfull = [Double](repeating: 0, count: q * q)
                    for r in 0..<q {
                        let v = lambdaTimes(lam, (0..<q).map { lp[r + $0 * q] })
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
                    SmallDense.solveLower(cl, q, &v, columns: 1)
                    SmallDense.solveLowerTransposed(cl, q, &v, columns: 1)
                    let lv = lambdaTimes(lam, v)
                    for k in 0..<p {
                        var s = 0.0
                        for a in 0..<q { s += lv[a] * amat[a + k * q] }
                        grad[k] += xrs[k] - 0.5 * cvec[k] + 0.5 * s
                    }
                    // MΛP = M·lp and MΛv
                    var mlp = [Double](repeating: 0, count: q * q)
                    for c in 0..<q { for r in 0..<q {
                        var s = 0.0
                        for k in 0..<q { s += mArr[r + k * q] * lp[k + c * q] }
                        mlp[r + c * q] = s
                    } }
                    let mlv = (0..<q).map { r in (0..<q).reduce(0.0) { $0 + mArr[r + $1 * q] * lv[$1] } }
                    for (t, pos) in thetaPositions.enumerated() {
                        let a = pos.row, b = pos.column
                        grad[p + t] += g[a] * u[b] - mlp[a + b * q]
                            - 0.5 * (dvec[a] * u[b] + v[b] * g[a] - u[b] * mlv[a])
                    }
                }
                return true
            } } } } }
        }
        guard ok, total.isFinite else {
            return Evaluation(value: .infinity, gradient: [Double](repeating: .nan, count: p + nt), modes: modes,
                              conditionalCovariances: condCov)
        }
        modes = newModes
        return Evaluation(value: -total, gradient: grad.map { -$0 }, modes: newModes, conditionalCovariances: condCov)
    }
}
