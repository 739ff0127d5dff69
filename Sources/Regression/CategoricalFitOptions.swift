/// Newton–Raphson settings shared by the ordered and multinomial logit fits.
///
/// The defaults are tighter than R's (`polr` and `multinom` stop BFGS at a relative change of 1e-8, `clm` at a
/// gradient of 1e-6) because Newton's method converges quadratically: when the predicted remaining decrease is
/// at most 1e-13 of the objective, one more step leaves the parameters correct to ~1e-12; this costs one or two
/// extra iterations and lets results be compared with R's at 1e-9. See ``CategoricalNewton``.
public struct CategoricalFitOptions: Sendable, Hashable {
    /// Maximum Newton iterations. Default 100 (each Newton step on these concave likelihoods usually needs < 10).
    public var maxIterations: Int
    /// Stop (after one last step) when the Newton decrement predicts a remaining decrease of −ℓ of at most
    /// relativeTolerance·max(1, |ℓ|). Default 1e-13 (see above).
    public var relativeTolerance: Double
    /// Also stop when max|∇(−ℓ)| ≤ gradientTolerance. Default 0 (off), so the relative test alone decides.
    public var gradientTolerance: Double

    /// Creates options.
    public init(maxIterations: Int = 100, relativeTolerance: Double = 1e-13, gradientTolerance: Double = 0) {
        self.maxIterations = maxIterations
        self.relativeTolerance = relativeTolerance
        self.gradientTolerance = gradientTolerance
    }
}
