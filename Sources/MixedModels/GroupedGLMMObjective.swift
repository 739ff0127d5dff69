internal import Foundation
internal import Dispatch
internal import Distributions
internal import Optimization

/// The marginal log-likelihood of a GLMM with one scalar random effect per group (canonical link), by the
/// Laplace approximation or adaptive Gauss–Hermite quadrature.
///
/// Model: ηᵢ = oᵢ + xᵢᵀβ + θ·zᵢ·uⱼ₍ᵢ₎ with uⱼ ~ N(0, 1) (lme4's spherical random effect; the random-effect SD is
/// θ), yᵢ | u ~ Binomial(nᵢ, logit⁻¹ηᵢ) or Poisson(exp ηᵢ). For each group the integrand's log is
///
///     hⱼ(u) = Σᵢ log f(yᵢ | ηᵢ(u)) − u²/2 − ½·log 2π,
///
/// maximised by Newton's method (the scalar case of lme4's penalised IRLS, which for a canonical link is exactly
/// Newton's method) to |Δu| ≤ 1e-12·(1 + |u|); with c = −h″(û) = 1 + θ²Σ zᵢ²nᵢv(μᵢ),
///
///     Laplace:  log Lⱼ ≈ hⱼ(û) + ½·log 2π − ½·log c,
///     AGHQ(k):  log Lⱼ ≈ log Σₘ √2·c^{−1/2}·wₘ·e^{xₘ²}·exp hⱼ(û + √2·c^{−1/2}·xₘ)   (Liu & Pierce 1994),
///
/// with (xₘ, wₘ) the k-point physicists' Gauss–Hermite rule (k = 1 is the Laplace approximation). Every
/// constant of the density (the binomial coefficient, log y!) is included, as in lme4's Laplace deviance and in
/// glmmTMB. Complexity per evaluation O(n·(p + Newton steps + k)).
///
/// Hot loops: `carestat glmm` spends about 90% of its time here (perf, n = 5·10⁵, p = 18): the Laplace value and
/// gradient's pass over the rows (one exp and one log1p per row, 3p multiply-adds), η₀ = Xβ (p per row), and the
/// modes' Newton passes (one exp per row each). L-BFGS-B takes a few tens of evaluations and the Hessian's central
/// differences of the gradient 2(p + 1) more. The n·p loops run on raw buffers (no bounds or uniqueness checks).
/// The groups are independent given (β, θ), so from ``parallelMinimumRows`` rows they are split into blocks of
/// about equal rows, one per core (``forEachBlock(_:)``); each group's terms land in its own slots and are summed
/// in group order, so the result does not depend on the number of threads.
struct GroupedGLMMObjective: Sendable {
    let family: MixedModelFamily
    let p: Int
    let groups: Int
    /// Rows in group order; `start[j]..<start[j+1]` are group j's.
    let start: [Int]
    let y: [Double]
    let trials: [Double]
    let z: [Double]
    let offset: [Double]
    /// Row-major X (row i at i·p).
    let xRows: [Double]
    /// Σ log-density constants (log C(n, y) or −log y!).
    let constant: Double
    /// Σ of the saturated model's log-likelihood (lme4's nAGQ > 1 convention subtracts it).
    let saturated: Double
    let rule: GaussHermiteRule
    /// The groups split into contiguous blocks of about equal rows, one per worker (``forEachBlock(_:)``).
    let blocks: [Range<Int>]

    /// Rows below which the group loops run on one thread (the dispatch costs more than it saves).
    static let parallelMinimumRows = 50_000

    init(data d: MixedModelData, family: MixedModelFamily, nAGQ: Int,
         threads: Int = ProcessInfo.processInfo.activeProcessorCount,
         minimumParallelRows: Int = GroupedGLMMObjective.parallelMinimumRows) throws(MixedModelError) {
        self.family = family
        p = d.p
        groups = d.groupCount
        var order: [Int] = []
        var st = [0]
        for rows in d.rowsOfGroup { order += rows; st.append(order.count) }
        start = st
        y = order.map { d.y[$0] }
        trials = order.map { d.trials[$0] }
        z = order.map { d.z[$0] }
        offset = order.map { d.offset[$0] }
        var xr = [Double](repeating: 0, count: d.n * d.p)
        for (r, i) in order.enumerated() { for k in 0..<d.p { xr[r * d.p + k] = d.x[i + k * d.n] } }
        xRows = xr
        var c = 0.0, sat = 0.0
        for i in 0..<y.count {
            let yi = y[i], ni = trials[i]
            switch family {
            case .binomial:
                let lc = SpecialFunctions.logGamma(ni + 1) - SpecialFunctions.logGamma(yi + 1) - SpecialFunctions.logGamma(ni - yi + 1)
                c += lc
                var s = lc
                if yi > 0 { s += yi * log(yi / ni) }
                if ni - yi > 0 { s += (ni - yi) * log((ni - yi) / ni) }
                sat += s
            case .poisson, .gaussian:
                let lg = -SpecialFunctions.logGamma(yi + 1)
                c += lg
                sat += lg + (yi > 0 ? yi * log(yi) - yi : 0)
            }
        }
        constant = c
        saturated = sat
        do { rule = try GaussHermiteRule(order: nAGQ, weight: .physicists) } catch {
            throw .invalidQuadratureOrder(nAGQ)
        }
        let workers = d.n >= minimumParallelRows ? max(1, min(threads, groups)) : 1
        var cuts = [0]
        for w in 1..<max(workers, 1) {
            let target = d.n * w / workers
            var j = cuts.last ?? 0
            while j < groups, st[j + 1] <= target { j += 1 }
            cuts.append(max(j, cuts.last ?? 0))
        }
        cuts.append(groups)
        blocks = (0..<(cuts.count - 1)).map { cuts[$0]..<cuts[$0 + 1] }.filter { !$0.isEmpty }
    }

    /// Runs `body` on each block of groups, the blocks on separate threads when there are several. Each group's
    /// results go to its own slots and are summed afterwards in group order, so the value and gradient are the
    /// same (bit for bit) whatever the number of threads.
    func forEachBlock(_ body: @Sendable (Range<Int>) -> Void) {
        if blocks.count <= 1 { blocks.forEach(body); return }
        let blocks = blocks
        DispatchQueue.concurrentPerform(iterations: blocks.count) { body(blocks[$0]) }
    }

    /// Σᵢ [yᵢηᵢ − nᵢb(ηᵢ)] over a group (the kernel of the log-density), with its first two η-derivatives
    /// accumulated against zᵢ: returns (ℓ, Σ zᵢ(yᵢ − nᵢμᵢ), Σ zᵢ²nᵢvᵢ).
    @inline(__always)
    func kernel(_ eta0: UnsafeBufferPointer<Double>, _ range: Range<Int>, _ shift: Double) -> (Double, Double, Double) {
        var l = 0.0, g = 0.0, w = 0.0
        switch family {
        case .binomial:
            for i in range {
                let eta = eta0[i] + z[i] * shift
                // log(1 + e^η) without overflow; μ = logistic(η)
                let e = exp(-abs(eta))
                let log1pe = max(eta, 0) + log1p(e)
                let mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e)
                l += y[i] * eta - trials[i] * log1pe
                g += z[i] * (y[i] - trials[i] * mu)
                w += z[i] * z[i] * trials[i] * mu * (1 - mu)
            }
        case .poisson, .gaussian:
            for i in range {
                let eta = eta0[i] + z[i] * shift
                let mu = exp(eta)
                l += y[i] * eta - mu
                g += z[i] * (y[i] - mu)
                w += z[i] * z[i] * mu
            }
        }
        return (l, g, w)
    }

    /// Σ zᵢ(yᵢ − nᵢμᵢ) and Σ zᵢ²nᵢvᵢ over a group at shift θu: the first two derivatives for Newton's method,
    /// without the log-likelihood (one exp per row).
    @inline(__always)
    func scoreAndWeight(_ eta0: UnsafeBufferPointer<Double>, _ range: Range<Int>, _ shift: Double) -> (Double, Double) {
        var g = 0.0, w = 0.0
        switch family {
        case .binomial:
            for i in range {
                let eta = eta0[i] + z[i] * shift
                let mu = 1 / (1 + exp(-eta))
                g += z[i] * (y[i] - trials[i] * mu)
                w += z[i] * z[i] * trials[i] * mu * (1 - mu)
            }
        case .poisson, .gaussian:
            for i in range {
                let mu = exp(eta0[i] + z[i] * shift)
                g += z[i] * (y[i] - mu)
                w += z[i] * z[i] * mu
            }
        }
        return (g, w)
    }

    /// The conditional mode û of group `range`: the root of h′(u) = θ·Σzᵢ(yᵢ − nᵢμᵢ) − u, which is strictly
    /// decreasing (h″ ≤ −1), by Newton's method safeguarded by bisection on a bracket (Press et al. 2007,
    /// *Numerical Recipes* 3rd ed., §9.4, `rtsafe`), from `start` (the previous evaluation's mode, so that
    /// usually one or two passes suffice). Stops when the Newton step is below 1e-7·(1 + |u|), after taking it;
    /// the remaining error is then of order the step squared, ~1e-14. Then h(û) = ℓ(û) − û²/2 and W = Σzᵢ²nᵢvᵢ at û.
    /// nil if the iteration fails (non-finite values).
    @inline(__always)
    func conditionalMode(_ e: UnsafeBufferPointer<Double>, _ range: Range<Int>, theta: Double, start: Double)
        -> (u: Double, h: Double, w: Double)? {
        guard let u = modeOnly(e, range, theta: theta, start: start) else { return nil }
        let (l, _, w) = kernel(e, range, theta * u)
        let h = l - u * u / 2
        return h.isFinite ? (u, h, w) : nil
    }

    /// û alone (see ``conditionalMode(_:_:theta:start:)``).
    @inline(__always)
    func modeOnly(_ e: UnsafeBufferPointer<Double>, _ range: Range<Int>, theta: Double, start: Double) -> Double? {
        var u = start.isFinite ? start : 0
        var lo = -Double.infinity, hi = Double.infinity
        var converged = false
        for _ in 0..<200 {
            let (g, w) = scoreAndWeight(e, range, theta * u)
            let grad = theta * g - u
            guard grad.isFinite, w.isFinite else { return nil }
            if grad > 0 { lo = u } else if grad < 0 { hi = u } else { converged = true; break }
            let step = grad / (1 + theta * theta * w)
            var next = u + step
            var newton = true
            if !(next > lo && next < hi) {
                // Newton left the bracket: bisect (or expand an open bracket).
                newton = false
                if lo.isFinite && hi.isFinite { next = (lo + hi) / 2 }
                else if lo.isFinite { next = lo + max(1, abs(step)) } else { next = hi - max(1, abs(step)) }
            }
            // Only a small Newton step bounds the remaining error (by its square); a bisection step does not.
            let done = newton && abs(step) <= 1e-7 * (1 + abs(u))
            u = next
            if done || (lo.isFinite && hi.isFinite && hi - lo <= 1e-14 * (1 + abs(u))) { converged = true; break }
        }
        return converged ? u : nil
    }

    /// η₀ = o + Xβ for all rows.
    func linearPredictor(_ par: [Double]) -> [Double] {
        let n = y.count
        // Raw pointers: no bounds or uniqueness checks in the n·p loop (the same operations in the same order).
        let p = p
        return [Double](unsafeUninitializedCapacity: n) { eta0, count in
            xRows.withUnsafeBufferPointer { xr in
                offset.withUnsafeBufferPointer { off in
                    par.withUnsafeBufferPointer { beta in
                        guard let x = xr.baseAddress, let bp = beta.baseAddress else {
                            for i in 0..<n { eta0[i] = off[i] }
                            return
                        }
                        for i in 0..<n {
                            var s = off[i]
                            let row = x + i * p
                            for k in 0..<p { s += row[k] * bp[k] }
                            eta0[i] = s
                        }
                    }
                }
            }
            count = n
        }
    }

    /// −log L and its exact gradient for the Laplace approximation (nAGQ = 1), by the implicit-function theorem
    /// for û(β, θ). With G = Σzᵢ(yᵢ − nᵢμᵢ), W = Σzᵢ²nᵢvᵢ, c = 1 + θ²W and v′ = dv/dη
    /// (binomial nμ(1−μ)(1−2μ), Poisson μ):
    ///
    ///     ∂û/∂βₖ = −θ·Σzᵢnᵢvᵢxᵢₖ / c,   ∂û/∂θ = (G − θWû) / c,
    ///     ∂ℓ_L/∂βₖ = Σxᵢₖ(yᵢ − nᵢμᵢ) − θ²/(2c)·Σzᵢ²nᵢv′ᵢ(xᵢₖ + θzᵢ∂û/∂βₖ),
    ///     ∂ℓ_L/∂θ = ûG − (2θW + θ²Σzᵢ³nᵢv′ᵢ(û + θ∂û/∂θ)) / (2c),
    ///
    /// (the first terms by the envelope theorem, since û maximises ℓ − u²/2). One extra pass over the rows.
    func laplaceValueAndGradient(_ par: [Double], modes: inout [Double]) -> (Double, [Double]) {
        let theta = par[p]
        let eta0 = linearPredictor(par)
        let p = p, groups = groups
        // Per group: p + 1 gradient entries, then the log-likelihood contribution, then 1 if its mode failed.
        // The accumulators are raw buffers: in the n·p loop below, Swift arrays captured by the closure would be
        // checked for uniqueness and bounds on every access.
        let stride = p + 3
        let slots = UnsafeMutableBufferPointer<Double>.allocate(capacity: groups * stride)
        slots.initialize(repeating: 0)
        let modeIn = modes
        let modeOut = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(groups, 1))
        _ = modeOut.initialize(from: modeIn)
        defer { slots.deallocate(); modeOut.deallocate() }
        let out = SendableBuffer(slots), mo = SendableBuffer(modeOut)
        eta0.withUnsafeBufferPointer { eb in
            xRows.withUnsafeBufferPointer { xb in
                let e = SendableConstBuffer(eb), xr = SendableConstBuffer(xb)
                forEachBlock { block in
                    let a = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(p, 1))
                    let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(p, 1))
                    defer { a.deallocate(); b.deallocate() }
                    for j in block {
                        laplaceGroup(j, e.buffer, xr.buffer, theta: theta, modes: mo.buffer,
                                     slot: out.buffer.baseAddress! + j * stride, a: a, b: b)
                    }
                }
            }
        }
        // In group order: the modes up to the first failure (as a serial pass would leave them), the sums.
        var total = constant
        var grad = [Double](repeating: 0, count: p + 1)
        for j in 0..<groups {
            let slot = slots.baseAddress! + j * stride
            if slot[p + 2] != 0 {
                for k in 0..<j { modes[k] = modeOut[k] }
                return (.infinity, [Double](repeating: .nan, count: p + 1))
            }
            total += slot[p + 1]
            for k in 0...p { grad[k] += slot[k] }
        }
        for k in 0..<groups { modes[k] = modeOut[k] }
        guard total.isFinite else { return (.infinity, [Double](repeating: .nan, count: p + 1)) }
        return (-total, grad.map { -$0 })
    }

    /// Group j's terms of ``laplaceValueAndGradient(_:modes:)``: its mode (warm-started from and written to
    /// `modes[j]`), and into `slot` its gradient terms (0..<p β, p θ), its log-likelihood term (p + 1) and a
    /// failure flag (p + 2). `a`, `b`: scratch of p entries.
    @inline(__always)
    private func laplaceGroup(_ j: Int, _ e: UnsafeBufferPointer<Double>, _ xr: UnsafeBufferPointer<Double>,
                              theta: Double, modes: UnsafeMutableBufferPointer<Double>, slot: UnsafeMutablePointer<Double>,
                              a: UnsafeMutableBufferPointer<Double>, b: UnsafeMutableBufferPointer<Double>) {
        let p = p
        let range = start[j]..<start[j + 1]
        guard let u = modeOnly(e, range, theta: theta, start: modes[j]) else { slot[p + 2] = 1; return }
        modes[j] = u
        for k in 0..<p { a[k] = 0; b[k] = 0 }
        var gsum = 0.0, c3 = 0.0, l = 0.0, w = 0.0
        for i in range {
            let eta = e[i] + z[i] * theta * u
            let mu: Double, v: Double, dv: Double
            switch family {
            case .binomial:
                let ex = exp(-abs(eta))
                mu = eta >= 0 ? 1 / (1 + ex) : ex / (1 + ex)
                v = trials[i] * mu * (1 - mu); dv = v * (1 - 2 * mu)
                l += y[i] * eta - trials[i] * (max(eta, 0) + log1p(ex))
            case .poisson, .gaussian:
                mu = exp(eta); v = mu; dv = mu
                l += y[i] * eta - mu
            }
            let r = y[i] - trials[i] * mu
            let zi = z[i]
            gsum += zi * r
            w += zi * zi * v
            c3 += zi * zi * zi * dv
            let o = i * p
            let zv = zi * v, zzdv = zi * zi * dv
            for k in 0..<p {
                let x = xr[o + k]
                slot[k] += x * r
                a[k] += zv * x
                b[k] += zzdv * x
            }
        }
        let c = 1 + theta * theta * w
        slot[p + 1] = l - u * u / 2 - 0.5 * log(c)
        let t2 = theta * theta
        for k in 0..<p {
            let du = -theta * a[k] / c
            slot[k] -= t2 / (2 * c) * (b[k] + theta * c3 * du)
        }
        let duTheta = (gsum - theta * w * u) / c
        slot[p] = u * gsum - (2 * theta * w + t2 * c3 * (u + theta * duTheta)) / (2 * c)
    }

    /// −log L(β, θ) for parameters (β₁…β_p, θ); `modes` holds the conditional modes (warm start in, û out) and
    /// `curvatures` receives c per group. +∞ if the inner Newton iteration fails.
    func negativeLogLikelihood(_ par: [Double], modes: inout [Double], curvatures: inout [Double]) -> Double {
        let theta = par[p]
        let eta0 = linearPredictor(par)
        let groups = groups
        // Per group: its term, its curvature, its mode, and 1 if the mode failed; summed in group order.
        let slots = UnsafeMutableBufferPointer<Double>.allocate(capacity: groups * 4)
        slots.initialize(repeating: 0)
        defer { slots.deallocate() }
        let out = SendableBuffer(slots)
        let modeIn = modes
        eta0.withUnsafeBufferPointer { eb in
            let e = SendableConstBuffer(eb)
            forEachBlock { block in
                for j in block { groupTerm(j, e.buffer, theta: theta, start: modeIn[j], slot: out.buffer.baseAddress! + 4 * j) }
            }
        }
        var total = constant
        for j in 0..<groups {
            let slot = slots.baseAddress! + 4 * j
            if slot[3] != 0 { return .infinity }   // modes and curvatures before j updated, as a serial pass
            modes[j] = slot[2]
            curvatures[j] = slot[1]
            total += slot[0]
        }
        return total.isFinite ? -total : .infinity
    }

    /// Group j's term of ``negativeLogLikelihood(_:modes:curvatures:)`` (Laplace or AGHQ) into slot[0], its c into
    /// slot[1], its mode into slot[2]; slot[3] = 1 if the inner Newton iteration fails.
    private func groupTerm(_ j: Int, _ e: UnsafeBufferPointer<Double>, theta: Double, start u0: Double,
                           slot: UnsafeMutablePointer<Double>) {
        let logSqrt2Pi = 0.5 * log(2 * Double.pi)
        let range = start[j]..<start[j + 1]
        guard let (u, h, w) = conditionalMode(e, range, theta: theta, start: u0) else { slot[3] = 1; return }
        let c = 1 + theta * theta * w
        slot[1] = c
        slot[2] = u
        if rule.order == 1 {
            slot[0] = h - 0.5 * log(c)
        } else {
            let s = (2 / c).squareRoot()
            var terms = [Double](repeating: 0, count: rule.order)
            for m in 0..<rule.order {
                let x = rule.nodes[m]
                let um = u + s * x
                let (lm, _, _) = kernel(e, range, theta * um)
                terms[m] = log(s) + rule.logWeights[m] + x * x + lm - um * um / 2 - logSqrt2Pi
            }
            slot[0] = logSumExp(terms)
        }
    }
}

/// Workers write disjoint slots of one buffer.
struct SendableBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Double>
    init(_ b: UnsafeMutableBufferPointer<Double>) { buffer = b }
}

/// Workers read one buffer.
struct SendableConstBuffer: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Double>
    init(_ b: UnsafeBufferPointer<Double>) { buffer = b }
}
