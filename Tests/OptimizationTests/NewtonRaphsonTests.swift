import Foundation
import LinearAlgebra
import Testing
@testable import Optimization
import TestSupport

@Suite("Newton–Raphson with step-halving and Hessian regularisation")
struct NewtonRaphsonTests {
    @Test("Logistic regression (mtcars am ~ wt + hp/100): coefficients within 1e-8 relative of R's glm, deviance/2 to 1e-12")
    func logisticMatchesGLM() throws {
        let data = LogisticData.load()
        let r = try NewtonRaphson(options: .init(relativeTolerance: 1e-14)).minimize({ beta in
            .init(value: data.negativeLogLikelihood(beta), gradient: data.gradient(beta),
                  hessian: Matrix(data.hessian(beta)))
        }, from: [0, 0, 0])
        #expect(r.converged && r.record.reason == .relativeReduction)
        #expect(isClose(r.solution, Fixtures.vector("logistic_glm", "coef", count: 3), relative: 1e-8, absolute: 1e-8))
        #expect(abs(r.value - Fixtures.value("logistic_glm", "nll")) < 1e-12 * 5.03)
        #expect(r.record.hessianRegularizations == 0)
        #expect(r.record.objectiveTrace.count == r.record.iterations + 1)
    }

    /// f(x, y) = x⁴/4 − x²/2 + y²: minima at (±1, 0) with value −1/4 (hand); Hessian diag(3x² − 1, 2) is
    /// indefinite for |x| < 1/√3.
    static func doubleWell(_ v: [Double]) -> NewtonRaphson.Evaluation {
        let x = v[0], y = v[1]
        return .init(value: x * x * x * x / 4 - x * x / 2 + y * y, gradient: [x * x * x - x, 2 * y],
                     hessian: Matrix([[3 * x * x - 1, 0], [0, 2]]))
    }

    @Test("Indefinite Hessian: both regularisations reach a minimum (±1, 0), value −1/4, and record it",
          arguments: [NewtonRaphson.Regularization.eigenvalueModification, .levenbergRidge])
    func regularisation(method: NewtonRaphson.Regularization) throws {
        let options = NewtonRaphson.Options(maxIterations: 100, relativeTolerance: 0, gradientTolerance: 1e-12,
                                            regularization: method)
        let r = try NewtonRaphson(options: options).minimize(Self.doubleWell, from: [0.1, 1])
        #expect(r.converged)
        #expect(abs(abs(r.solution[0]) - 1) < 1e-10 && abs(r.solution[1]) < 1e-10)
        #expect(abs(r.value + 0.25) < 1e-14)
        #expect(r.record.hessianRegularizations >= 1)
        #expect(r.record.notes.contains { $0.contains("not positive definite") })
    }

    @Test("Step-halving: f = √(1 + x²) from x = 2 (pure Newton diverges: x ↦ −x³); minimum 1 at 0 (hand)")
    func stepHalving() throws {
        let r = try NewtonRaphson(options: .init(gradientTolerance: 1e-12)).minimize({ v in
            let x = v[0], s = (1 + x * x).squareRoot()
            return .init(value: s, gradient: [x / s], hessian: Matrix([[1 / (s * s * s)]]))
        }, from: [2])
        #expect(r.converged)
        #expect(abs(r.solution[0]) < 1e-8 && abs(r.value - 1) < 1e-15)
        #expect(r.record.stepHalvings >= 1)
    }

    @Test("Non-finite trial points are halved away from: f = x − log x (NaN for x ≤ 0) from x = 3; minimum at 1")
    func nonFiniteTrial() throws {
        let r = try NewtonRaphson().minimize({ v in
            let x = v[0]
            return .init(value: x > 0 ? x - log(x) : .nan, gradient: [1 - 1 / x], hessian: Matrix([[1 / (x * x)]]))
        }, from: [3])
        #expect(r.converged && abs(r.solution[0] - 1) < 1e-4)
        #expect(r.record.stepHalvings >= 1)
    }

    @Test("Edge cases: non-finite start, zero dimensions, maxIterations, NaN Hessian, bad Hessian shape")
    func edgeCases() throws {
        let nan = try NewtonRaphson().minimize({ _ in .init(value: .nan, gradient: [0], hessian: Matrix([[1]])) },
                                               from: [1])
        #expect(nan.record.reason == .nonFiniteObjective && !nan.converged)
        let zero = try NewtonRaphson().minimize({ _ in .init(value: 2, gradient: [], hessian: Matrix(rows: 0, columns: 0)) },
                                                from: [])
        #expect(zero.record.reason == .zeroDimensional)
        let capped = try NewtonRaphson(options: .init(maxIterations: 1)).minimize(Self.doubleWell, from: [3, 1])
        #expect(capped.record.reason == .maxIterations && !capped.converged && capped.record.iterations == 1)
        let badHessian = try NewtonRaphson().minimize({ _ in
            .init(value: 1, gradient: [1], hessian: Matrix([[Double.nan]]))
        }, from: [0])
        #expect(badHessian.record.reason == .hessianFailure)
        #expect(throws: OptimizationError.dimensionMismatch(expected: 4, actual: 1)) {
            try NewtonRaphson().minimize({ _ in .init(value: 1, gradient: [1, 1], hessian: Matrix([[1]])) }, from: [0, 0])
        }
    }

    /// The halve-forever at the optimum. f = 1 + (x − 1)² with a gradient off by 2e-5 (as an analytic gradient
    /// is off by rounding at an optimum, scaled up here to be seen): from x = 1 every full Newton step raises f by
    /// 1e-10 relative — rounding level against the 1e-9 tolerance. The old loop halved every such step (about ten
    /// times, until the rise vanished below one ulp of f) and, never meeting its test after a halved step, ran
    /// out of iterations; the relative-change rule now judges the full step before comparing it with f_old.
    @Test("A rounding-level rise of a full step ends the run as converged instead of being halved (hand)")
    func roundingLevelRiseConverges() throws {
        let r = try NewtonRaphson().minimize({ v in
            let x = v[0]
            return .init(value: 1 + (x - 1) * (x - 1), gradient: [2 * (x - 1) + 2e-5], hessian: Matrix([[2]]))
        }, from: [1])
        #expect(r.converged && r.record.reason == .relativeReduction)
        #expect(r.record.iterations == 1 && r.record.stepHalvings == 0)
        #expect(isClose(r.solution[0], 1 - 1e-5, relative: 1e-15))
    }

    /// coxph's step rule: a failed trial moves to the midpoint with the last accepted point, and every evaluation
    /// counts as an iteration. f = √(1 + x²) from x = 2: the full step goes to −8 (f rises), the midpoint −3
    /// (f rises), then −0.5 (accepted): 3 evaluations, 3 iterations (hand).
    @Test("Step rule halveTowardLastAccepted: midpoints, each evaluation one iteration (hand)")
    func halveTowardLastAccepted() throws {
        let options = NewtonRaphson.Options(maxIterations: 3, gradientTolerance: nil, maxStepHalvings: 3,
                                            step: .halveTowardLastAccepted)
        let r = try NewtonRaphson(options: options).minimize({ v in
            let x = v[0], s = (1 + x * x).squareRoot()
            return .init(value: s, gradient: [x / s], hessian: Matrix([[1 / (s * s * s)]]))
        }, from: [2])
        #expect(r.record.iterations == 3 && r.record.functionEvaluations == 4 && r.record.stepHalvings == 2)
        #expect(isClose(r.solution[0], -0.5, relative: 1e-15))
        #expect(r.record.reason == .maxIterations)
    }

    @Test("Newton-decrement stopping: a quadratic stops after the step whose decrement is below tolerance (hand)")
    func newtonDecrementStops() throws {
        let options = NewtonRaphson.Options(maxIterations: 10, relativeTolerance: 1e-13, stopping: .newtonDecrement)
        let r = try NewtonRaphson(options: options).minimize({ v in
            let x = v[0]
            return .init(value: 3 + (x - 2) * (x - 2), gradient: [2 * (x - 2)], hessian: Matrix([[2]]))
        }, from: [5])
        // Step 1 (decrement 9 ≫ tol) lands on 2 up to the rounding of the solve; there either the gradient is 0
        // (the default gradient test) or the decrement is at rounding level and one last step is taken.
        #expect(r.converged && isClose(r.solution[0], 2, absolute: 1e-15) && r.record.iterations <= 2)
    }
}
