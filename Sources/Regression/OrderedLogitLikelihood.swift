import Distributions
import Foundation
import LinearAlgebra
import Optimization

/// The negative log-likelihood of a cumulative-link model, with its analytic gradient and Hessian, for
/// Newton–Raphson.
///
/// Model (McCullagh 1980; the parametrisation of `MASS::polr` and `ordinal::clm`): for category k of K,
/// P(Y ≤ k | x) = F(θₖ − xᵀβ₍ₖ₎ − oᵢ), k = 1…K−1, with θ₀ = −∞, θ_K = +∞ and oᵢ the row's offset (0 without
/// one; polr's and clm's `offset()`, a known part of the linear predictor). Proportional odds: β₍ₖ₎ = β for all k.
/// Columns listed in `nominal` instead get one coefficient per threshold (clm's `nominal = ~ …` effects, the
/// partial proportional-odds alternative used by ``ParallelLinesTest``).
///
/// Parameters, in order: θ₁…θ_{K−1}; one coefficient per common (non-nominal) design column; then, for each
/// nominal column, K−1 coefficients (threshold 1 first). The intercept column, if present, must not be among
/// the columns (the thresholds play its part).
///
/// For an observation in category y with weight w, let b = c_y and a = c_{y−1} be the linear predictors at its
/// upper and lower cut (c_k = θₖ − xᵀβ₍ₖ₎, linear in the parameters ψ with gradient ∇c_k) and p = F(b) − F(a).
/// Then −ℓᵢ = −w log p, ∇(−ℓᵢ) = −w g with g = (f(b)∇b − f(a)∇a)/p, and
/// ∇²(−ℓᵢ) = w [g gᵀ − f′(b)/p ∇b∇bᵀ + f′(a)/p ∇a∇aᵀ] (terms at an infinite cut vanish).
/// A parameter vector with p ≤ 0 for some observation (thresholds out of order) has value +∞, which the
/// Newton step-halving rejects.
///
/// Complexity O(n·P²) per evaluation for n rows and P parameters.
struct OrderedLogitLikelihood: Sendable {
    let link: OrderedLogitLink
    let categoryCount: Int
    /// Design rows (without intercept), row-major: entry (i, j) at i·columns + j.
    let x: [Double]
    /// Number of design columns.
    let columns: Int
    let codes: [Int]
    let weights: [Double]
    /// Which design columns are nominal (threshold-specific).
    let nominal: [Bool]
    /// Each row's offset oᵢ (nil: all 0).
    let offset: [Double]?

    init(link: OrderedLogitLink, categoryCount: Int, x: [Double], columns: Int, codes: [Int], weights: [Double],
         nominal: [Bool], offset: [Double]? = nil) {
        self.offset = offset
        self.link = link
        self.categoryCount = categoryCount
        self.x = x
        self.columns = columns
        self.codes = codes
        self.weights = weights
        self.nominal = nominal
        let p = nominal.count
        var common: [Int] = []
        var nominalColumns: [Int] = []
        for j in 0..<p { if nominal[j] { nominalColumns.append(j) } else { common.append(j) } }
        commonColumns = common
        self.nominalColumns = nominalColumns
    }

    let commonColumns: [Int]
    let nominalColumns: [Int]

    var thresholdCount: Int { categoryCount - 1 }
    var parameterCount: Int { thresholdCount + commonColumns.count + nominalColumns.count * thresholdCount }

    /// The sparse gradient of c_k for row i: (parameter index, coefficient) pairs.
    private func cutGradient(row i: Int, cut k: Int, into out: inout [(Int, Double)]) {
        out.removeAll(keepingCapacity: true)
        out.append((k, 1))
        let q = thresholdCount
        let r = i * columns
        for (m, j) in commonColumns.enumerated() where x[r + j] != 0 { out.append((q + m, -x[r + j])) }
        let base = q + commonColumns.count
        for (m, j) in nominalColumns.enumerated() where x[r + j] != 0 { out.append((base + m * q + k, -x[r + j])) }
    }

    /// c_k(ψ) for row i (the offset does not depend on ψ, so ``cutGradient(row:cut:into:)`` is unchanged).
    private func cut(_ psi: [Double], row i: Int, cut k: Int) -> Double {
        let q = thresholdCount
        var c = psi[k] - (offset?[i] ?? 0)
        let r = i * columns
        for (m, j) in commonColumns.enumerated() { c -= psi[q + m] * x[r + j] }
        let base = q + commonColumns.count
        for (m, j) in nominalColumns.enumerated() { c -= psi[base + m * q + k] * x[r + j] }
        return c
    }

    /// The linear-predictor bounds (a, b) of row i's category.
    private func bounds(_ psi: [Double], row i: Int) -> (Double, Double) {
        let y = codes[i]
        let a = y == 0 ? -Double.infinity : cut(psi, row: i, cut: y - 1)
        let b = y == thresholdCount ? Double.infinity : cut(psi, row: i, cut: y)
        return (a, b)
    }

    /// −ℓ(ψ) only.
    func value(_ psi: [Double]) -> Double {
        var total = 0.0
        for i in codes.indices {
            let (a, b) = bounds(psi, row: i)
            let p = link.probability(lower: a, upper: b)
            guard p > 0, a < b else { return .infinity }
            total -= weights[i] * log(p)
        }
        return total
    }

    /// −ℓ(ψ), its gradient and Hessian.
    func evaluate(_ psi: [Double]) -> NewtonRaphson.Evaluation {
        let n = parameterCount
        var value = 0.0
        var gradient = [Double](repeating: 0, count: n)
        var hessian = [Double](repeating: 0, count: n * n)
        var gradA: [(Int, Double)] = []
        var gradB: [(Int, Double)] = []
        var g = [Double](repeating: 0, count: n)
        var touched: [Int] = []
        var marked = [Bool](repeating: false, count: n)
        for i in codes.indices {
            let w = weights[i]
            let y = codes[i]
            let (a, b) = bounds(psi, row: i)
            let p = link.probability(lower: a, upper: b)
            guard p > 0, a < b, p.isFinite else {
                return .init(value: .infinity, gradient: gradient, hessian: Matrix(rows: n, columns: n))
            }
            value -= w * log(p)
            let (fa, dfa) = link.densityAndSlope(a)
            let (fb, dfb) = link.densityAndSlope(b)
            if y > 0 { cutGradient(row: i, cut: y - 1, into: &gradA) } else { gradA.removeAll() }
            if y < thresholdCount { cutGradient(row: i, cut: y, into: &gradB) } else { gradB.removeAll() }
            // g = (f_b ∇b − f_a ∇a) / p on the indices either cut touches.
            touched.removeAll(keepingCapacity: true)
            for (j, v) in gradB {
                if !marked[j] { marked[j] = true; touched.append(j) }
                g[j] += fb * v / p
            }
            for (j, v) in gradA {
                if !marked[j] { marked[j] = true; touched.append(j) }
                g[j] -= fa * v / p
            }
            for j in touched { gradient[j] -= w * g[j] }
            for j in touched { for l in touched { hessian[j + l * n] += w * g[j] * g[l] } }
            if dfb != 0 { for (j, v) in gradB { for (l, u) in gradB { hessian[j + l * n] -= w * dfb / p * v * u } } }
            if dfa != 0 { for (j, v) in gradA { for (l, u) in gradA { hessian[j + l * n] += w * dfa / p * v * u } } }
            for j in touched { g[j] = 0; marked[j] = false }
        }
        return .init(value: value, gradient: gradient, hessian: Matrix(rows: n, columns: n, columnMajor: hessian))
    }

    /// The per-row scores sᵢ = ∇ℓᵢ = w g (g as above: (f(b)∇b − f(a)∇a)/p), row-major n × P, for the sandwich
    /// variance (`sandwich::estfun` for `clm`/`polr`, in clm's parameter order: thresholds first). A row whose
    /// category probability is not positive gets NaN scores. Complexity O(n·P).
    func scores(_ psi: [Double]) -> [Double] {
        let n = parameterCount
        var out = [Double](repeating: 0, count: codes.count * n)
        var grad: [(Int, Double)] = []
        for i in codes.indices {
            let w = weights[i]
            let y = codes[i]
            let (a, b) = bounds(psi, row: i)
            let p = link.probability(lower: a, upper: b)
            let base = i * n
            guard p > 0, a < b, p.isFinite else {
                for j in 0..<n { out[base + j] = .nan }
                continue
            }
            if y < thresholdCount {
                let fb = link.densityAndSlope(b).density
                cutGradient(row: i, cut: y, into: &grad)
                for (j, v) in grad { out[base + j] += w * fb * v / p }
            }
            if y > 0 {
                let fa = link.densityAndSlope(a).density
                cutGradient(row: i, cut: y - 1, into: &grad)
                for (j, v) in grad { out[base + j] -= w * fa * v / p }
            }
        }
        return out
    }

    /// Starting values: thresholds at F⁻¹ of the weighted cumulative proportions, coefficients 0 (the fit of
    /// the model without covariates, which is feasible and from which the concave log-likelihood — F log-concave,
    /// Pratt 1981 — is climbed by Newton's method). With an offset the thresholds are shifted by its weighted
    /// mean, so that the start describes the rows at their typical offset (every start is feasible: the cuts
    /// stay ordered).
    func start() -> [Double] {
        var total = [Double](repeating: 0, count: categoryCount)
        for (c, w) in zip(codes, weights) { total[c] += w }
        let sum = total.reduce(0, +)
        var psi = [Double](repeating: 0, count: parameterCount)
        var cumulative = 0.0
        for k in 0..<thresholdCount {
            cumulative += total[k]
            let pk = min(max(cumulative / sum, 1e-6), 1 - 1e-6)
            psi[k] = quantile(pk)
        }
        // Keep strictly increasing even with empty categories in between.
        for k in 1..<max(thresholdCount, 1) where psi[k] <= psi[k - 1] { psi[k] = psi[k - 1] + 1e-3 }
        if let offset, sum > 0 {
            let mean = zip(offset, weights).reduce(0.0) { $0 + $1.0 * $1.1 } / sum
            for k in 0..<thresholdCount { psi[k] += mean }
        }
        return psi
    }

    private func quantile(_ p: Double) -> Double {
        switch link {
        case .logit: return log(p / (1 - p))
        case .probit: return Normal.standard.quantile(p)
        case .cloglog: return log(-log1p(-p))
        }
    }
}
