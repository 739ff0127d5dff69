import Foundation
import LinearAlgebra
import Optimization
import Tabular

/// Shared pieces of the ordered- and multinomial-logit results: the covariance from the observed information
/// and warnings (their summaries are built in ``CategoricalFitSummary``). Named for these models so as not to collide with the
/// GLM reporting of the same module.
enum CategoricalModelReport {
    /// The inverse of the observed information (the Hessian of −ℓ) by Cholesky, with notes when it is not
    /// positive definite (all-NaN covariance) or nearly singular (reciprocal condition number < 1e-12, a sign of
    /// estimates running off to infinity, or of covariates on very different scales).
    ///
    /// - Throws: ``CategoricalOutcomeError/optimizationFailed(_:)`` for a linear-algebra failure other than the
    ///   matrix's own condition (a bug or a limit, never swallowed).
    static func covariance(fromHessian h: Matrix) throws(CategoricalOutcomeError) -> (Matrix, [String]) {
        let n = h.rows
        guard n > 0 else { return (h, []) }
        let notPositiveDefinite = (Matrix(rows: n, columns: n, repeating: .nan),
                                   ["the observed information is not positive definite at the estimates: standard "
                                    + "errors are not available (possible separation or a non-identified parameter)"])
        guard h.isFinite else { return notPositiveDefinite }
        let chol: Cholesky, inv: Matrix, rcond: Double
        do {
            chol = try Cholesky(h)
            inv = try chol.inverse()
            rcond = try chol.reciprocalConditionNumber()
        } catch where error.isNumericalCondition {
            return notPositiveDefinite
        } catch {
            throw .optimizationFailed("the covariance could not be computed: \(error)")
        }
        var notes: [String] = []
        if rcond < 1e-12 {
            notes.append("the observed information is nearly singular (reciprocal condition number "
                         + "\(String(format: "%.3g", rcond))): possible separation (some estimates may be infinite) or "
                         + "badly scaled covariates")
        }
        return (inv, notes)
    }

    /// Plain-words account of a run that did not converge.
    static func nonConvergenceNotes(_ record: OptimizationRecord) -> [String] {
        ["Newton–Raphson did not converge (\(record.reason.rawValue)) after \(record.iterations) iteration(s)"]
            + record.notes.suffix(3)
    }

    /// The nearest name, for error messages.
    static func nearest(_ name: String, _ among: [String]) -> String? { nearestName(to: name, among: among) }
}
