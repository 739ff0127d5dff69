internal import Foundation
internal import Optimization

/// Profile-likelihood confidence intervals for the variance parameters of a linear mixed model: the standard
/// deviations of the random effects, their correlations and the residual σ, as lme4's
/// `confint(method = "profile")` (Bates et al. 2015, §5.1).
///
/// In the parametrisation ψ = (s₁…s_q, ρ₁₂…, σ), Σ_b = diag(s)·R(ρ)·diag(s) and T = chol(Σ_b)/σ, the
/// deviance with β profiled out but σ free is (ML; REML adds log|R_X|² and uses n − p for n)
///
///     D(ψ) = log|L_θ|² + r²(θ)/σ² + n·log(2πσ²),
///
/// whose minimum over σ is the profiled deviance. For each component ψₖ the profile is
/// Dₖ(v) = min over the other components of D(ψ) with ψₖ = v, minimised by L-BFGS-B with finite-difference
/// gradients from the previous profile point; the 95% interval is {v : Dₖ(v) − D̂ ≤ χ²₁,₀.₉₅ = 3.8415}, its
/// ends found by Brent's root finder (tolerance 1e-7·scale) after stepping out to a bracket. Where the profile
/// stays below the cut-off up to a boundary (s = 0, ρ = ±1) the boundary is the end, as lme4 reports it.
/// lme4 interpolates its profile by splines, so the two agree to about 1e-4 rather than to the optimiser's
/// precision. Complexity: a few hundred deviance evaluations per end, each O(J·q³ + p³).
enum ProfileIntervals {
    struct Interval { var low: Double; var high: Double }

    /// Intervals for ψ = (s₁…s_q, correlations by columns of the lower triangle, σ); NaN ends where the search
    /// failed.
    static func compute(_ pd: ProfiledDeviance, theta: [Double], sigma: Double) -> [Interval] {
        let q = pd.q
        let t = pd.relativeFactor(theta)
        // ψ̂ from θ̂ and σ̂.
        var cov = [Double](repeating: 0, count: q * q)
        for i in 0..<q { for j in 0..<q {
            var s = 0.0
            for k in 0..<q { s += t[i + k * q] * t[j + k * q] }
            cov[i + j * q] = sigma * sigma * s
        } }
        var psi: [Double] = (0..<q).map { cov[$0 + $0 * q].squareRoot() }
        var lower = [Double](repeating: 0, count: q), upper = [Double](repeating: .infinity, count: q)
        for j in 0..<q { for i in (j + 1)..<max(j + 1, q) {
            let d = psi[i] * psi[j]
            psi.append(d > 0 ? cov[i + j * q] / d : 0)
            lower.append(-1); upper.append(1)
        } }
        psi.append(sigma); lower.append(0); upper.append(.infinity)
        let m = pd.reml ? Double(pd.n - pd.p) : Double(pd.n)

        func deviance(_ v: [Double]) -> Double {
            guard v[v.count - 1] > 0 else { return .infinity }
            for k in v.indices where v[k] < lower[k] || v[k] > upper[k] { return .infinity }
            // Σ_b/σ² → its Cholesky factor is T.
            var a = [Double](repeating: 0, count: q * q)
            var c = q
            for j in 0..<q {
                a[j + j * q] = v[j] * v[j]
                for i in (j + 1)..<max(j + 1, q) { let r = v[c]; c += 1; a[i + j * q] = r * v[i] * v[j]; a[j + i * q] = a[i + j * q] }
            }
            let s2 = v[v.count - 1] * v[v.count - 1]
            for k in a.indices { a[k] /= s2 }
            // Cholesky allowing zero pivots (a zero SD): fall back to a column of zeros.
            var l = [Double](repeating: 0, count: q * q)
            for j in 0..<q {
                var d = a[j + j * q]
                for k in 0..<j { d -= l[j + k * q] * l[j + k * q] }
                if d < -1e-12 { return .infinity }
                let ljj = max(d, 0).squareRoot()
                l[j + j * q] = ljj
                for i in (j + 1)..<max(j + 1, q) {
                    var s = a[i + j * q]
                    for k in 0..<j { s -= l[i + k * q] * l[j + k * q] }
                    l[i + j * q] = ljj > 0 ? s / ljj : 0
                }
            }
            var th: [Double] = []
            for j in 0..<q { for i in j..<q { th.append(l[i + j * q]) } }
            guard let sol = pd.solve(th, keepBlocks: false) else { return .infinity }
            var d = sol.logDetL2 + sol.pwrss / s2 + m * log(2 * Double.pi * s2)
            if pd.reml { d += sol.logDetRX2 }
            return d
        }
        let dHat = deviance(psi)
        let cutoff = 3.841458820694124            // qchisq(0.95, 1)
        var out: [Interval] = []
        for k in psi.indices {
            let others = psi.indices.filter { $0 != k }
            var warm = others.map { psi[$0] }
            let lo = others.map { lower[$0] }
            func profile(_ v: Double) -> Double {
                func full(_ w: [Double]) -> [Double] {
                    var x = psi
                    x[k] = v
                    for (a, i) in others.enumerated() { x[i] = w[a] }
                    return x
                }
                let f: ([Double]) -> Double = { w in
                    for (a, i) in others.enumerated() where w[a] > upper[i] { return .infinity }
                    return deviance(full(w))
                }
                var start = warm
                for (a, i) in others.enumerated() { start[a] = min(max(start[a], lower[i]), upper[i]) }
                if !f(start).isFinite { start = others.map { psi[$0] } }
                guard let r = NumericalDerivatives.minimize(f, from: start, lower: lo), r.value.isFinite else { return .nan }
                warm = r.solution
                return r.value - dHat - cutoff
            }
            let scale = max(abs(psi[k]), 1e-3 * sigma)
            func end(direction: Double) -> Double {
                warm = others.map { psi[$0] }
                var inside = psi[k]
                var step = 0.25 * scale
                let bound = direction < 0 ? lower[k] : upper[k]
                for _ in 0..<60 {
                    var v = inside + direction * step
                    var atBound = false
                    if bound.isFinite && (direction < 0 ? v <= bound : v >= bound) { v = bound; atBound = true }
                    let g = profile(v)
                    if g.isNaN { return .nan }
                    if g > 0 {
                        let finder = BrentRootFinder(options: .init(tolerance: 1e-7 * scale))
                        let a = min(inside, v), b = max(inside, v)
                        guard let r = try? finder.findRoot({ profile($0) }, lower: a, upper: b) else { return .nan }
                        return r.root
                    }
                    if atBound { return bound }
                    inside = v
                    step *= 2
                }
                return .nan
            }
            out.append(Interval(low: end(direction: -1), high: end(direction: 1)))
        }
        return out
    }
}
