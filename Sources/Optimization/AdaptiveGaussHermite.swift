import Foundation

/// Adaptive Gauss–Hermite quadrature (Liu & Pierce 1994, *Biometrika* 81:624–629; the `nAGQ > 1` rule of lme4,
/// Bates et al. 2015) for one-dimensional integrals ∫ g(u) du of a positive, roughly Gaussian-shaped integrand.
///
/// The Gauss–Hermite rule is centred at the mode û of g and scaled by σ̂ = (−d²/du² log g(û))^{−1/2}:
///
///     ∫ g(u) du ≈ Σᵢ √2·σ̂·wᵢ·e^{xᵢ²}·g(û + √2·σ̂·xᵢ),
///
/// with (xᵢ, wᵢ) the physicists' rule. With one node this is the Laplace approximation √(2π)·σ̂·g(û). The rule
/// is exact when log g is quadratic (g Gaussian) and, more generally, when g/N(û, σ̂²) is a polynomial of degree
/// ≤ 2n − 1. ``logIntegral(_:)`` works with log g throughout and combines the terms by ``logSumExp(_:)``, so
/// likelihoods of order e^{−1000} are handled.
///
/// Finding û and σ̂ is the caller's job (e.g. by Newton–Raphson on log g, as lme4's PIRLS does).
/// Complexity: O(n) evaluations of log g per integral after the O(n²) rule construction.
public struct AdaptiveGaussHermite: Sendable, Equatable {
    /// The underlying physicists' rule.
    public let rule: GaussHermiteRule
    /// The centre û.
    public let mode: Double
    /// The scale σ̂.
    public let scale: Double
    /// Transformed nodes uᵢ = û + √2·σ̂·xᵢ, ascending.
    public let nodes: [Double]
    /// log of the transformed weights: log(√2·σ̂) + log wᵢ + xᵢ², so ∫ g ≈ Σ exp(logWeightsᵢ)·g(uᵢ).
    public let logWeights: [Double]

    /// Creates the n-point rule centred at `mode` with scale `scale` = σ̂.
    ///
    /// - Throws: ``OptimizationError/invalidOrder(_:)`` for an unsupported n;
    ///   ``OptimizationError/invalidScale(_:)`` unless the scale is finite and positive;
    ///   ``OptimizationError/nonFiniteStart(index:)`` (index 0) if the mode is not finite.
    public init(order: Int, mode: Double, scale: Double) throws(OptimizationError) {
        guard mode.isFinite else { throw .nonFiniteStart(index: 0) }
        guard scale.isFinite, scale > 0 else { throw .invalidScale(scale) }
        let rule = try GaussHermiteRule(order: order, weight: .physicists)
        let factor = 2.0.squareRoot() * scale
        let logFactor = log(factor)
        self.rule = rule
        self.mode = mode
        self.scale = scale
        self.nodes = rule.nodes.map { mode + factor * $0 }
        self.logWeights = zip(rule.nodes, rule.logWeights).map { logFactor + $0.1 + $0.0 * $0.0 }
    }

    /// Creates the rule from the curvature c = −d²/du² log g(û) > 0 at the mode (σ̂ = 1/√c).
    ///
    /// - Throws: as ``init(order:mode:scale:)``; ``OptimizationError/invalidScale(_:)`` (with the curvature) if
    ///   c is not finite and positive (the point is not a maximum of log g).
    public init(order: Int, mode: Double, curvature: Double) throws(OptimizationError) {
        guard curvature.isFinite, curvature > 0 else { throw .invalidScale(curvature) }
        try self.init(order: order, mode: mode, scale: 1 / curvature.squareRoot())
    }

    /// log ∫ g(u) du from log g, by log-sum-exp over the nodes. Nodes where log g is −∞ contribute 0; a NaN
    /// value gives NaN.
    public func logIntegral(_ logIntegrand: (Double) -> Double) -> Double {
        var terms = [Double](repeating: 0, count: nodes.count)
        for i in nodes.indices { terms[i] = logWeights[i] + logIntegrand(nodes[i]) }
        return logSumExp(terms)
    }

    /// ∫ g(u) du ≈ Σ exp(logWeightsᵢ)·g(uᵢ) for an integrand given directly.
    public func integral(_ integrand: (Double) -> Double) -> Double {
        var sum = 0.0
        for i in nodes.indices { sum += exp(logWeights[i]) * integrand(nodes[i]) }
        return sum
    }
}
