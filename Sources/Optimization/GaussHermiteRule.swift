import Foundation
import LinearAlgebra

/// An n-point Gauss–Hermite quadrature rule.
///
/// With ``Weight/physicists`` the rule is ∫ f(x)·e^{−x²} dx ≈ Σ wᵢ f(xᵢ) (numpy's `hermgauss`), exact for
/// polynomials f of degree ≤ 2n − 1, with Σ wᵢ = √π. With ``Weight/standardNormal`` it is
/// ∫ f(z)·φ(z) dz ≈ Σ wᵢ f(zᵢ) with zᵢ = √2·xᵢ and weights divided by √π, so Σ wᵢ = 1 ("probabilists'" form,
/// as used by lme4's `GHrule`).
///
/// Computation: Newton's method on the three-term recurrence of the orthonormal Hermite polynomials
/// h̃ₖ(x) = x√(2/k)·h̃ₖ₋₁(x) − √((k−1)/k)·h̃ₖ₋₂(x), h̃₀ = π^{−1/4}, with h̃ₙ′ = √(2n)·h̃ₙ₋₁ (Press et al. 2007,
/// *Numerical Recipes* 3rd ed., §4.6, `gauher`), started from the Golub–Welsch (1969) nodes, the eigenvalues of the
/// symmetric tridiagonal Jacobi matrix (``SymmetricTridiagonalEigen``), then wᵢ = 2/h̃ₙ′(xᵢ)². Weights are formed
/// in log space (log wᵢ = log 2 − 2·log|h̃ₙ′(xᵢ)|), so weights far below the double range are still available
/// through ``logWeights``. Accuracy: nodes and weights to about 1e-14 relative for n ≤ 100 (see tests).
///
/// Complexity: O(n³) for the tridiagonal eigen-decomposition (LAPACK computes vectors too; about 0.1 s at
/// n = 1000) plus O(n²) for the Newton polish; O(n²) memory.
public struct GaussHermiteRule: Sendable, Equatable {
    /// The weight function the rule integrates against.
    public enum Weight: Sendable, Equatable {
        /// e^{−x²} (Hermite polynomials H_n; numpy's `hermgauss`).
        case physicists
        /// The standard normal density φ(z) = e^{−z²/2}/√(2π) (Hermite polynomials He_n).
        case standardNormal
    }

    /// Largest supported order (the O(n²) construction and the starting values are tested up to here).
    public static let maximumOrder = 1000

    /// Number of nodes n.
    public let order: Int
    /// The weight function.
    public let weight: Weight
    /// Nodes in ascending order (symmetric about 0; exactly 0 in the middle for odd n).
    public let nodes: [Double]
    /// Weights for ``nodes`` (may underflow to 0 for the outermost nodes at large n).
    public let weights: [Double]
    /// Natural logarithms of the weights, accurate even where ``weights`` underflow.
    public let logWeights: [Double]

    /// Computes the n-point rule.
    ///
    /// - Throws: ``OptimizationError/invalidOrder(_:)`` unless 1 ≤ n ≤ ``maximumOrder``.
    public init(order n: Int, weight: Weight = .physicists) throws(OptimizationError) {
        guard n >= 1, n <= Self.maximumOrder else { throw .invalidOrder(n) }
        let quarterPi = pow(Double.pi, -0.25)
        let m = (n + 1) / 2
        var positiveNodes = [Double](repeating: 0, count: m)      // largest first
        var positiveLogW = [Double](repeating: 0, count: m)
        let dn = Double(n)
        /// (h̃ₙ(z), h̃ₙ₋₁(z)) by the orthonormal recurrence, both divided by e^{logScale}: the pair is rescaled
        /// whenever it grows past 1e150, so that large orders and outer nodes never overflow.
        func recurrence(_ z: Double) -> (Double, Double, logScale: Double) {
            var p1 = quarterPi, p2 = 0.0, logScale = 0.0
            for j in 1...n {
                let p3 = p2
                p2 = p1
                let dj = Double(j)
                p1 = z * (2 / dj).squareRoot() * p2 - ((dj - 1) / dj).squareRoot() * p3
                if abs(p1) > 1e150 {
                    p1 *= 1e-150; p2 *= 1e-150; logScale += 150 * log(10.0)
                }
            }
            return (p1, p2, logScale)
        }
        // Starting values: the eigenvalues of the Jacobi matrix (zero diagonal, off-diagonal √(k/2)), i.e. the
        // Golub–Welsch (1969) nodes, accurate to ~ε·max|x| absolutely; Newton then restores full relative
        // accuracy and the weights come from the recurrence, not from the eigenvectors.
        // If the eigen-solver fails (it does not for these well-separated eigenvalues) the documented fallback
        // starts below are used: they are starts only, and Newton plus the checks on the rule decide its accuracy.
        var starts: [Double] = []
        if n > 1 {
            do {
                starts = try SymmetricTridiagonalEigen(
                    diagonal: Array(repeating: 0, count: n), offDiagonal: (1..<n).map { (Double($0) / 2).squareRoot() }
                ).values.sorted(by: >)
            } catch {
                starts = []
            }
        }
        var z = 0.0
        for i in 0..<m {
            if starts.count == n {
                z = starts[i]
            } else {
                // Fallback (and n = 1): Numerical Recipes' asymptotic starts and extrapolation.
                switch i {
                case 0: z = (2 * dn + 1).squareRoot() - 1.85575 * pow(2 * dn + 1, -0.16667)
                case 1: z -= 1.14 * pow(dn, 0.426) / z
                case 2: z = 1.86 * z - 0.86 * positiveNodes[0]
                case 3: z = 1.91 * z - 0.91 * positiveNodes[1]
                default: z = 2 * z - positiveNodes[i - 2]
                }
            }
            if n % 2 == 1 && i == m - 1 { z = 0 }
            var derivative = 0.0
            var converged = false
            for _ in 0..<100 {
                let (p, pPrevious, _) = recurrence(z)
                derivative = (2 * dn).squareRoot() * pPrevious
                let dz = p / derivative
                z -= dz
                if converged { break }             // one extra polishing step after convergence
                if abs(dz) <= 1e-15 * max(1, abs(z)) { converged = true }
            }
            if n % 2 == 1 && i == m - 1 { z = 0 }
            let final = recurrence(z)
            derivative = (2 * dn).squareRoot() * final.1
            positiveNodes[i] = z
            positiveLogW[i] = log(2.0) - 2 * (log(abs(derivative)) + final.logScale)
        }
        var x = [Double](repeating: 0, count: n)
        var logW = [Double](repeating: 0, count: n)
        for i in 0..<m {
            x[i] = -positiveNodes[i]; logW[i] = positiveLogW[i]
            x[n - 1 - i] = positiveNodes[i]; logW[n - 1 - i] = positiveLogW[i]
        }
        if weight == .standardNormal {
            let scale = 2.0.squareRoot(), logSqrtPi = 0.5 * log(Double.pi)
            for i in 0..<n { x[i] *= scale; logW[i] -= logSqrtPi }
        }
        self.order = n
        self.weight = weight
        self.nodes = x
        self.logWeights = logW
        self.weights = logW.map { exp($0) }
    }

    /// Σ wᵢ f(xᵢ): approximates ∫ f(x)·e^{−x²} dx (physicists) or ∫ f(z)·φ(z) dz (standard normal).
    public func integrate(_ f: (Double) -> Double) -> Double {
        var sum = 0.0
        for i in 0..<order { sum += weights[i] * f(nodes[i]) }
        return sum
    }
}
