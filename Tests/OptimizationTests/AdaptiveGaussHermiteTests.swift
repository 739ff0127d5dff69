import Foundation
import LinearAlgebra
import Testing
@testable import Optimization

/// A one-dimensional random-intercept integrand log g(u) = Σ log p(y_j | β + u) + log φ(u; 0, σ).
struct RandomInterceptIntegrand {
    enum Family { case poisson, bernoulli }
    var family: Family
    var y: [Double]
    var beta: Double
    var sigma: Double

    func logIntegrand(_ u: Double) -> Double {
        let eta = beta + u
        var sum = -0.5 * log(2 * Double.pi) - log(sigma) - 0.5 * u * u / (sigma * sigma)
        for yj in y {
            switch family {
            case .poisson: sum += yj * eta - exp(eta) - lgamma(yj + 1)
            case .bernoulli: sum += yj * eta - (eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta)))
            }
        }
        return sum
    }

    /// −log g, its derivative and second derivative, for NewtonRaphson.
    func negativeLog(_ u: [Double]) -> NewtonRaphson.Evaluation {
        let eta = beta + u[0]
        var g = u[0] / (sigma * sigma), h = 1 / (sigma * sigma)
        for yj in y {
            switch family {
            case .poisson: g += exp(eta) - yj; h += exp(eta)
            case .bernoulli:
                let p = 1 / (1 + exp(-eta))
                g += p - yj; h += p * (1 - p)
            }
        }
        return .init(value: -logIntegrand(u[0]), gradient: [g], hessian: Matrix(rows: 1, columns: 1, columnMajor: [h]))
    }

    /// Mode and curvature by the module's Newton–Raphson (tight tolerances).
    func modeAndCurvature() throws -> (Double, Double) {
        let r = try NewtonRaphson(options: .init(maxIterations: 100, relativeTolerance: 0, gradientTolerance: 1e-13))
            .minimize(negativeLog, from: [0])
        return (r.solution[0], negativeLog(r.solution).hessian[0, 0])
    }
}

@Suite("Adaptive Gauss–Hermite quadrature against R's integrate()")
struct AdaptiveGaussHermiteTests {
    @Test("Poisson–normal marginal likelihood: 20 nodes within 1e-8 relative of integrate() (its error ≈ 1.6e-9)")
    func poissonNormal() throws {
        let model = RandomInterceptIntegrand(family: .poisson, y: [2, 5, 3, 0, 4], beta: 0.5, sigma: 0.8)
        let (mode, curvature) = try model.modeAndCurvature()
        let reference = Fixtures.value("poisson_normal", "integral")
        let rule = try AdaptiveGaussHermite(order: 20, mode: mode, curvature: curvature)
        let value = exp(rule.logIntegral(model.logIntegrand))
        #expect(abs(value - reference) <= 1e-8 * reference)
        // Direct (non-log) form agrees with the log form.
        #expect(abs(rule.integral { exp(model.logIntegrand($0)) } - value) <= 1e-13 * value)
        // Laplace (n = 1) is only a few per cent off: the adaptive rule's accuracy comes from the extra nodes.
        let laplace = exp(try AdaptiveGaussHermite(order: 1, mode: mode, curvature: curvature)
            .logIntegral(model.logIntegrand))
        #expect(abs(laplace - reference) > 1e-4 * reference)
        #expect(abs(laplace - reference) < 0.05 * reference)
    }

    @Test("Logistic–normal marginal likelihood: 25 nodes within 1e-10 relative of integrate() (its error ≈ 1e-13)")
    func logisticNormal() throws {
        let model = RandomInterceptIntegrand(family: .bernoulli, y: [1, 0, 1, 1, 0, 1, 1], beta: 0.3, sigma: 1.5)
        let (mode, curvature) = try model.modeAndCurvature()
        let reference = Fixtures.value("logistic_normal", "integral")
        let value = exp(try AdaptiveGaussHermite(order: 25, mode: mode, curvature: curvature)
            .logIntegral(model.logIntegrand))
        #expect(abs(value - reference) <= 1e-10 * reference)
    }

    @Test("Peaked Poisson integrand (likelihood ≈ e^−28.6): log integral within 1e-9 absolute of log(integrate())")
    func peaked() throws {
        let model = RandomInterceptIntegrand(family: .poisson, y: [30, 41, 35, 38, 29, 44, 37, 33], beta: 1, sigma: 2)
        let (mode, curvature) = try model.modeAndCurvature()
        let rule = try AdaptiveGaussHermite(order: 10, mode: mode, curvature: curvature)
        #expect(abs(rule.logIntegral(model.logIntegrand) - Fixtures.value("poisson_peaked", "log")) < 1e-9)
    }

    @Test("Gaussian integrand is integrated exactly by one node: ∫ exp(−(u−1)²/(2·0.3²)) du = 0.3√(2π) (hand)")
    func gaussianExact() throws {
        let rule = try AdaptiveGaussHermite(order: 1, mode: 1, scale: 0.3)
        let log = rule.logIntegral { -($0 - 1) * ($0 - 1) / (2 * 0.09) }
        #expect(abs(exp(log) - 0.3 * (2 * Double.pi).squareRoot()) < 1e-15)
    }

    @Test("Invalid scale/curvature throws")
    func invalid() {
        #expect(throws: OptimizationError.invalidScale(0)) { try AdaptiveGaussHermite(order: 5, mode: 0, scale: 0) }
        #expect(throws: OptimizationError.invalidScale(-1)) { try AdaptiveGaussHermite(order: 5, mode: 0, curvature: -1) }
    }
}
