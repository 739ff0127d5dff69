import Foundation
import Testing
@testable import Optimization
import TestSupport

func rosenbrockGradient(_ x: [Double]) -> [Double] {
    let a = x[1] - x[0] * x[0]
    return [-400 * x[0] * a - 2 * (1 - x[0]), 200 * a]
}

@Suite("L-BFGS-B against R's optim(method = \"L-BFGS-B\")")
struct LBFGSBTests {
    @Test("Rosenbrock, unbounded, R defaults: optimum (1, 1) within 1e-5 like R's, value below 1e-9")
    func rosenbrockUnbounded() throws {
        let r = try LBFGSB().minimize({ (rosenbrock($0), rosenbrockGradient($0)) }, from: [-1.2, 1])
        // R reaches (1 − 2.8e-7, 1 − 5.3e-7), value 2.3e-13; factr = 1e7 allows ~1e-8 relative reduction.
        #expect(isClose(r.solution, Fixtures.vector("rosenbrock_lbfgsb", "par", count: 2), relative: 1e-5, absolute: 1e-5))
        #expect(r.value < 1e-9)
        #expect(r.converged)
        #expect(r.record.objectiveTrace.count == r.record.iterations + 1)
        #expect(abs((r.record.objectiveTrace.first ?? 0) - 24.2) < 1e-13)  // f(−1.2, 1) = 100·0.44² + 2.2² (hand)
    }

    @Test("R's ?optim 25-dimensional flb problem on [2, 4]^25: all 25 coordinates within 1e-5, value within 1e-8")
    func flb25() throws {
        let p = 25
        let w = [1.0] + Array(repeating: 4.0, count: p - 1)
        func residuals(_ x: [Double]) -> [Double] {
            var r = [Double](repeating: 0, count: p)
            for i in 0..<p {
                let previous: Double = i == 0 ? 1 : x[i - 1] * x[i - 1]
                r[i] = x[i] - previous
            }
            return r
        }
        let objective: ([Double]) -> (value: Double, gradient: [Double]) = { x in
            let r = residuals(x)
            var value = 0.0
            var g = [Double](repeating: 0, count: p)
            for i in 0..<p {
                value += w[i] * r[i] * r[i]
                g[i] += 2 * w[i] * r[i]
                if i > 0 { g[i - 1] -= 2 * w[i] * r[i] * 2 * x[i - 1] }
            }
            return (value, g)
        }
        let bounds = try BoxBounds.uniform(count: p, lower: 2, upper: 4)
        let r = try LBFGSB().minimize(objective, from: Array(repeating: 3, count: p), bounds: bounds)
        #expect(isClose(r.solution, Fixtures.vector("flb25_lbfgsb", "par", count: p), relative: 1e-5, absolute: 1e-5))
        #expect(abs(r.value - Fixtures.value("flb25_lbfgsb", "value")) <= 1e-8 * 368.1)
        #expect(r.converged)
    }

    @Test("Bounded quadratic ½xᵀAx − bᵀx on [0, 2]³ with x₂ at its bound: solution (0.25, 0, 1.5) to 1e-8")
    func boundedQuadratic() throws {
        let a: [[Double]] = [[4, 1, 0], [1, 3, 1], [0, 1, 2]], b: [Double] = [1, -8, 3]
        let objective: ([Double]) -> (value: Double, gradient: [Double]) = { x in
            let ax = a.map { dot($0, x) }
            return (0.5 * dot(x, ax) - dot(b, x), zip(ax, b).map { $0 - $1 })
        }
        let options = LBFGSB.Options(factr: 10)
        let r = try LBFGSB(options: options).minimize(objective, from: [1, 1, 1],
                                                      bounds: try .uniform(count: 3, lower: 0, upper: 2))
        // Hand: with x₂ = 0 the free equations 4x₁ = 1, 2x₃ = 3 give (0.25, 0, 1.5), f = −2.375; ∂f/∂x₂ = 8.75 > 0.
        #expect(isClose(r.solution, Fixtures.vector("quad3_lbfgsb", "par", count: 3), relative: 1e-8, absolute: 1e-8))
        #expect(isClose(r.solution, [0.25, 0, 1.5], relative: 1e-8, absolute: 1e-8))
        #expect(abs(r.value - Fixtures.value("quad3_lbfgsb", "value")) < 1e-12)
        #expect(r.solution[1] == 0)
    }

    @Test("Optimum at a corner (0, 2) of [0, 1] × [0, 2]: found exactly, projected gradient zero")
    func corner() throws {
        let r = try LBFGSB().minimize({ x in
            ((x[0] + 1) * (x[0] + 1) + (x[1] - 5) * (x[1] - 5), [2 * (x[0] + 1), 2 * (x[1] - 5)])
        }, from: [0.5, 1], bounds: try BoxBounds(lower: [0, 0], upper: [1, 2]))
        #expect(r.solution == Fixtures.vector("corner_lbfgsb", "par", count: 2))
        #expect(r.value == Fixtures.value("corner_lbfgsb", "value"))
        #expect(r.record.reason == .gradientTolerance && r.record.finalGradientNorm == 0)
    }

    @Test("Logistic negative log-likelihood: optimum within 1e-4 of glm (R's L-BFGS-B is within 5e-6), value 1e-9")
    func logistic() throws {
        let data = LogisticData.load()
        let r = try LBFGSB().minimize({ (data.negativeLogLikelihood($0), data.gradient($0)) }, from: [0, 0, 0])
        #expect(isClose(r.solution, Fixtures.vector("logistic_glm", "coef", count: 3), relative: 1e-4, absolute: 1e-4))
        #expect(abs(r.value - Fixtures.value("logistic_glm", "nll")) < 1e-9 * 5.03)
        let tight = try LBFGSB(options: .init(factr: 0, projectedGradientTolerance: 1e-10, maxIterations: 1000))
            .minimize({ (data.negativeLogLikelihood($0), data.gradient($0)) }, from: [0, 0, 0])
        #expect(isClose(tight.solution, Fixtures.vector("logistic_glm", "coef", count: 3), relative: 1e-8, absolute: 1e-8))
        // With factr = 0 the run ends either on the gradient test or when the line search can no longer decrease
        // f in floating point (R reports ABNORMAL_TERMINATION_IN_LNSRCH there); which one happens depends on the
        // last bits of the BLAS kernels in use. Either way the projected gradient must be at rounding level.
        #expect(tight.record.reason == .gradientTolerance || tight.record.reason == .lineSearchFailure,
                "\(tight.record.reason)")
        #expect((tight.record.finalGradientNorm ?? .infinity) < 1e-7, "\(String(describing: tight.record.finalGradientNorm))")
    }

    @Test("Start outside the bounds is projected (documented) and noted; optimum unchanged")
    func startOutside() throws {
        let r = try LBFGSB().minimize({ x in
            ((x[0] + 1) * (x[0] + 1) + (x[1] - 5) * (x[1] - 5), [2 * (x[0] + 1), 2 * (x[1] - 5)])
        }, from: [7, -3], bounds: try BoxBounds(lower: [0, 0], upper: [1, 2]))
        #expect(r.solution == [0, 2])
        #expect(r.record.notes.contains { $0.contains("projected") })
    }

    @Test("lower > upper throws invalidBounds; wrong lengths throw dimensionMismatch")
    func invalidBounds() {
        #expect(throws: OptimizationError.invalidBounds(index: 1, lower: 3, upper: 2)) {
            try BoxBounds(lower: [0, 3], upper: [1, 2])
        }
        #expect(throws: OptimizationError.dimensionMismatch(expected: 2, actual: 3)) {
            try LBFGSB().minimize({ (rosenbrock($0), rosenbrockGradient($0)) }, from: [0, 0],
                                  bounds: try .uniform(count: 3, lower: 0, upper: 1))
        }
    }

    @Test("Non-finite objective: at the start stops with nonFiniteObjective; inside a line search it is backed out of")
    func nonFinite() throws {
        let start = try LBFGSB().minimize({ _ in (.nan, [0, 0]) }, from: [1, 1])
        #expect(start.record.reason == .nonFiniteObjective && !start.converged)
        // f = −log(x) + x: minimum at x = 1 (hand); f is NaN for x < 0 and the first step from x = 0.1 overshoots.
        let r = try LBFGSB().minimize({ x in
            (x[0] > 0 ? -log(x[0]) + x[0] : .nan, [x[0] > 0 ? -1 / x[0] + 1 : .nan])
        }, from: [0.1])
        #expect(abs(r.solution[0] - 1) < 1e-4)
        #expect(r.converged)
    }

    @Test("Zero-dimensional problem and maxIterations")
    func edgeCases() throws {
        let zero = try LBFGSB().minimize({ _ in (3.0, []) }, from: [])
        #expect(zero.record.reason == .zeroDimensional && zero.value == 3)
        let r = try LBFGSB(options: .init(maxIterations: 3)).minimize(
            { (rosenbrock($0), rosenbrockGradient($0)) }, from: [-1.2, 1])
        #expect(r.record.reason == .maxIterations && !r.converged && r.record.iterations == 3)
    }

    @Test("One-sided bound x₁ ≥ 1.5 on Rosenbrock: solution (1.5, 2.25), value 0.25 (hand: x₂ = x₁², f = (1 − x₁)²)")
    func oneSidedBound() throws {
        let bounds = try BoxBounds(lower: [1.5, -.infinity], upper: [.infinity, .infinity])
        let r = try LBFGSB(options: .init(factr: 10, maxIterations: 500)).minimize(
            { (rosenbrock($0), rosenbrockGradient($0)) }, from: [2, 2], bounds: bounds)
        #expect(r.solution[0] == 1.5)
        #expect(abs(r.solution[1] - 2.25) < 1e-6)
        #expect(abs(r.value - 0.25) < 1e-10)
    }

    @Test("Fixed variable (equal bounds): (x₁ − 1)² + (x₂ − 2)² + x₁x₂ with x₂ ∈ [0, 0] gives x₁ = 1 (hand)")
    func fixedVariable() throws {
        let r = try LBFGSB().minimize({ x in
            ((x[0] - 1) * (x[0] - 1) + (x[1] - 2) * (x[1] - 2) + x[0] * x[1],
             [2 * (x[0] - 1) + x[1], 2 * (x[1] - 2) + x[0]])
        }, from: [5, 0], bounds: try BoxBounds(lower: [-.infinity, 0], upper: [.infinity, 0]))
        #expect(r.solution[1] == 0)
        #expect(abs(r.solution[0] - 1) < 1e-8)
        #expect(abs(r.value - 4) < 1e-14)  // hand: 0 + 4 + 0
    }
}
