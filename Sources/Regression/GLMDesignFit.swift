public import Formulas
public import LinearAlgebra

/// The coefficients of a GLM on a design matrix that the caller has already built (no formula, no frame), by
/// the same ``IRLS`` as ``GLMSpec`` — R's `glm.fit(x, y, weights, offset = offset, family = f)`,
/// which is what lme4's `glmer` runs for its fixed-effect starting values. The family's starting means, weights
/// and response checks are `family$initialize`'s (``FamilySetup``).
public enum GLMDesignFit {
    /// The fitted coefficients and whether IRLS converged.
    public struct Result: Sendable {
        /// One per design column; nil for an aliased column (R's NA).
        public var coefficients: [Double?]
        /// IRLS met its deviance criterion within `control.maxIterations`.
        public var converged: Bool
    }

    /// Fits `family` to `response` on the n×p design `x` (with `offset` on the linear predictor and prior
    /// weights; nil means zeros and ones).
    ///
    /// - Throws: ``GLMError`` as ``GLMSpec/fit(_:)``: an invalid response, no valid starting
    ///   values, a step that cannot be corrected, or a linear-algebra failure.
    /// Complexity: O(n·p²) per IRLS iteration.
    public static func fit(x: Matrix, response: ResponseValues, family: GLMFamily, offset: [Double]? = nil,
                           priorWeights: [Double]? = nil, control: GLMControl = GLMControl()) throws(GLMError) -> Result {
        let n = x.rows
        let setup = try FamilySetup(family: family, response: response,
                                    priorWeights: priorWeights ?? [Double](repeating: 1, count: n))
        guard setup.y.count == n else {
            throw .invalidArgument("the response has \(setup.y.count) values for a design of \(n) rows")
        }
        let problem = IRLS.Problem(x: x, y: setup.y, priorWeights: setup.weights,
                                   offset: offset ?? [], link: family.link,
                                   family: GLMSpec.varianceFamily(family), control: control)
        let irls = try IRLS.fit(problem, mustart: setup.mustart)
        return Result(coefficients: irls.coefficients, converged: irls.converged)
    }
}
