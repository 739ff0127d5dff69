internal import Foundation
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

    init(data d: MixedModelData, family: MixedModelFamily, nAGQ: Int) throws(MixedModelError) {
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

    /// −log L(β, θ) for parameters (β₁…β_p, θ); `modes` holds the conditional modes (warm start in, û out) and
    /// `curvatures` receives c per group. +∞ if the inner Newton iteration fails.
    func negativeLogLikelihood(_ par: [Double], modes: inout [Double], curvatures: inout [Double]) -> Double {
        let theta = par[p]
        let n = y.count
        var eta0 = [Double](repeating: 0, count: n)
        xRows.withUnsafeBufferPointer { xr in
            for i in 0..<n {
                var s = offset[i]
                let o = i * p
                for k in 0..<p { s += xr[o + k] * par[k] }
                eta0[i] = s
            }
        }
        let logSqrt2Pi = 0.5 * log(2 * Double.pi)
        var total = constant
        let ok: Bool = eta0.withUnsafeBufferPointer { e in
            for j in 0..<groups {
                let range = start[j]..<start[j + 1]
                var u = modes[j].isFinite ? modes[j] : 0
                var (l, g, w) = kernel(e, range, theta * u)
                var h = l - u * u / 2
                var converged = false
                for _ in 0..<100 {
                    let grad = theta * g - u
                    let curv = 1 + theta * theta * w
                    var step = grad / curv
                    var accepted = false
                    for _ in 0..<30 {
                        let un = u + step
                        let (ln, gn, wn) = kernel(e, range, theta * un)
                        let hn = ln - un * un / 2
                        if hn >= h - 1e-12 * abs(h) || abs(step) < 1e-14 {
                            u = un; l = ln; g = gn; w = wn; h = hn; accepted = true
                            break
                        }
                        step /= 2
                    }
                    if !accepted { return false }
                    if abs(step) <= 1e-12 * (1 + abs(u)) { converged = true; break }
                }
                if !converged || !h.isFinite { return false }
                let c = 1 + theta * theta * w
                modes[j] = u
                curvatures[j] = c
                if rule.order == 1 {
                    total += h - 0.5 * log(c)
                } else {
                    let s = (2 / c).squareRoot()
                    var terms = [Double](repeating: 0, count: rule.order)
                    for m in 0..<rule.order {
                        let x = rule.nodes[m]
                        let um = u + s * x
                        let (lm, _, _) = kernel(e, range, theta * um)
                        terms[m] = log(s) + rule.logWeights[m] + x * x + lm - um * um / 2 - logSqrt2Pi
                    }
                    total += logSumExp(terms)
                }
            }
            return true
        }
        return ok && total.isFinite ? -total : .infinity
    }
}
