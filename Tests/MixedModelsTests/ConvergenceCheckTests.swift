import Testing
import Optimization
@testable import MixedModels

/// The convergence checks on hand-made optimum summaries: the messages must name the problem and the remedy.
@Suite struct ConvergenceCheckTests {
    static let record = OptimizationRecord(iterations: 5, functionEvaluations: 6, objectiveTrace: [2, 1],
                                           reason: .relativeReduction)

    /// Gradient (1, 0) with Hessian I: the Newton step H⁻¹g has a component 1 > 2e-3.
    @Test func largeGradientSuggestsRescaling() {
        let c = ConvergenceCheck(gradient: [1, 0], hessian: [1, 0, 0, 1], at: [0.5, 1], lower: [-.infinity, 0],
                                 varianceIndices: [1], record: Self.record, parameterNames: ["x", "la (Intercept)"])
        #expect(!c.gradientOK && c.hessianOK && !c.singular)
        #expect(c.warnings.count == 1 && c.warnings[0].contains("large gradient") && c.warnings[0].contains("rescaling"))
    }

    /// Hessian diag(1, −1) is indefinite.
    @Test func indefiniteHessianIsReported() {
        let c = ConvergenceCheck(gradient: [0, 0], hessian: [1, 0, 0, -1], at: [0.5, 1], lower: [-.infinity, 0],
                                 varianceIndices: [1], record: Self.record, parameterNames: ["x", "la (Intercept)"])
        #expect(!c.hessianOK)
        #expect(c.warnings.contains { $0.contains("not positive definite") && $0.contains("-1") })
    }

    /// θ = 0 for the variance parameter: a singular fit; the boundary coordinate is left out of the other checks.
    @Test func boundaryIsSingular() {
        let c = ConvergenceCheck(gradient: [0, 5], hessian: [2, 0, 0, 0], at: [0.5, 0], lower: [-.infinity, 0],
                                 varianceIndices: [1], record: Self.record, parameterNames: ["x", "la (Intercept)"])
        #expect(c.singular && c.gradientOK && c.hessianOK)
        #expect(c.warnings.count == 1 && c.warnings[0].contains("la (Intercept)") && c.warnings[0].contains("over-parameterised"))
    }

    /// An optimiser that ran out of iterations is reported even when the gradient looks fine.
    @Test func optimiserFailureIsReported() {
        let r = OptimizationRecord(iterations: 1000, functionEvaluations: 1001, objectiveTrace: [1], reason: .maxIterations)
        let c = ConvergenceCheck(gradient: [0], hessian: [1], at: [0], lower: [-.infinity], varianceIndices: [],
                                 record: r, parameterNames: ["x"])
        #expect(!c.optimiserAccepted)
        #expect(c.warnings.contains { $0.contains("maxIterations") })
    }
}
