import Foundation
import LinearAlgebra
import Optimization

/// The negative log-likelihood of the baseline-category (multinomial) logit model with its analytic gradient and
/// Hessian, for Newton–Raphson.
///
/// Model (`nnet::multinom`; Agresti 2013, §8.1): for categories 0 (baseline) … K−1,
/// P(Y = k | x) = exp(xᵀβₖ) / (1 + Σ_{l≥1} exp(xᵀβₗ)), β₀ = 0. Parameters: β₁ (p entries), β₂, …, β_{K−1}, i.e.
/// entry (k − 1)·p + j is the coefficient of design column j for category k (`vcov(multinom)`'s order).
///
/// With πₖ the probabilities of a row with weight w and category y: −ℓᵢ = −w(xᵀβ_y − log Σₗ exp(xᵀβₗ)) (the log-sum
/// computed with the maximum factored out); ∂(−ℓᵢ)/∂βₖ = −w(1{y = k} − πₖ)x;
/// ∂²(−ℓᵢ)/∂βₖ∂βₗᵀ = w πₖ(δₖₗ − πₗ) x xᵀ. The Hessian is positive semi-definite, so −ℓ is convex.
///
/// Complexity O(n·(K − 1)²·p²) per evaluation.
struct MultinomialLogitLikelihood: Sendable {
    let categoryCount: Int
    /// Design rows, row-major (with the intercept column if the formula has one).
    let x: [[Double]]
    let codes: [Int]
    let weights: [Double]

    var columnCount: Int { x.first?.count ?? 0 }
    var parameterCount: Int { (categoryCount - 1) * columnCount }

    /// Category probabilities for design row `xi`.
    func probabilities(_ beta: [Double], row xi: [Double]) -> [Double] {
        let p = xi.count
        var eta = [Double](repeating: 0, count: categoryCount)
        for k in 1..<categoryCount {
            var s = 0.0
            for j in 0..<p { s += beta[(k - 1) * p + j] * xi[j] }
            eta[k] = s
        }
        let m = eta.max() ?? 0
        let total = eta.reduce(0) { $0 + exp($1 - m) }
        return eta.map { exp($0 - m) / total }
    }

    /// The per-row scores sᵢ = ∇ℓᵢ, entry (k − 1)·p + j = w (1{y = k} − πₖ) xⱼ, row-major n × (K − 1)p, for the
    /// sandwich variance. Complexity O(n·(K − 1)·p).
    func scores(_ beta: [Double]) -> [Double] {
        let p = columnCount
        let n = parameterCount
        var out = [Double](repeating: 0, count: x.count * n)
        for (i, xi) in x.enumerated() {
            let pi = probabilities(beta, row: xi)
            let w = weights[i]
            for k in 1..<categoryCount {
                let r = w * ((codes[i] == k ? 1.0 : 0.0) - pi[k])
                for j in 0..<p { out[i * n + (k - 1) * p + j] = r * xi[j] }
            }
        }
        return out
    }

    /// −ℓ(β), its gradient and Hessian.
    func evaluate(_ beta: [Double]) -> NewtonRaphson.Evaluation {
        let p = columnCount
        let n = parameterCount
        let q = categoryCount - 1
        var value = 0.0
        var gradient = [Double](repeating: 0, count: n)
        var hessian = [Double](repeating: 0, count: n * n)
        var eta = [Double](repeating: 0, count: categoryCount)
        for (i, xi) in x.enumerated() {
            let w = weights[i]
            let y = codes[i]
            for k in 1..<categoryCount {
                var s = 0.0
                for j in 0..<p { s += beta[(k - 1) * p + j] * xi[j] }
                eta[k] = s
            }
            let m = eta.max() ?? 0
            var total = 0.0
            for v in eta { total += exp(v - m) }
            let logSum = m + log(total)
            value -= w * (eta[y] - logSum)
            let pi = eta.map { exp($0 - logSum) }
            for k in 1...q {
                let r = (y == k ? 1.0 : 0.0) - pi[k]
                for j in 0..<p { gradient[(k - 1) * p + j] -= w * r * xi[j] }
                for l in 1...k {
                    let c = w * pi[k] * ((k == l ? 1 : 0) - pi[l])
                    if c == 0 { continue }
                    for j in 0..<p where xi[j] != 0 {
                        let cj = c * xi[j]
                        let row = (k - 1) * p + j
                        for i2 in 0..<p { hessian[row + ((l - 1) * p + i2) * n] += cj * xi[i2] }
                    }
                }
            }
        }
        // Fill the upper blocks (k < l) from the lower ones.
        for col in 0..<n { for row in 0..<col { hessian[row + col * n] = hessian[col + row * n] } }
        guard value.isFinite else {
            return .init(value: .infinity, gradient: gradient, hessian: Matrix(rows: n, columns: n))
        }
        return .init(value: value, gradient: gradient, hessian: Matrix(rows: n, columns: n, columnMajor: hessian))
    }
}
