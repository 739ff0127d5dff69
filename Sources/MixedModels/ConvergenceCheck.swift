internal import Foundation
internal import Optimization
internal import LinearAlgebra

/// Checks at the optimum of a mixed-model objective, modelled on lme4's `checkConv` (lme4 ≥ 1.1-7) and
/// `isSingular`, each turned into a message that says what is wrong and what to try.
///
/// 1. Boundary (singular fit): a variance parameter (a diagonal entry of θ) within 1e-4 of 0, lme4's
///    `isSingular(tol = 1e-4)`.
/// 2. Gradient: the Newton step H⁻¹g over the free parameters (those off the boundary), lme4's scaled gradient;
///    a component above 2e-3 in absolute value (lme4's `check.conv.grad` tolerance) fails.
/// 3. Hessian: the finite-difference Hessian over the free parameters must be positive definite (lme4's
///    `check.conv.hess`); its smallest eigenvalue is reported otherwise.
/// 4. The optimiser's own stopping reason, if it is not a convergence — except a line-search failure with a
///    scaled gradient below 1e-5 (200 times below lme4's tolerance): that is L-BFGS-B at the rounding-noise floor
///    of the objective, where no further decrease is measurable, and the point is accepted as converged.
public struct ConvergenceCheck: Sendable, Equatable {
    public let singular: Bool
    public let gradientOK: Bool
    public let hessianOK: Bool
    /// Whether the optimiser's stopping reason is accepted (see 4. above).
    public let optimiserAccepted: Bool
    public let warnings: [String]
    /// Tolerance on the scaled gradient (lme4's default 0.002) and on the boundary (lme4's 1e-4).
    public static let gradientTolerance = 2e-3
    public static let boundaryTolerance = 1e-4

    /// Checks with finite-difference derivatives of the objective (``NumericalDerivatives``).
    init(objective f: ([Double]) -> Double, at x: [Double], value: Double, lower: [Double],
         varianceIndices: [Int], record: OptimizationRecord, parameterNames: [String]) {
        self.init(gradient: NumericalDerivatives.gradient(f, at: x, value: value, lower: lower),
                  hessian: NumericalDerivatives.hessian(f, at: x, value: value), at: x, lower: lower,
                  varianceIndices: varianceIndices, record: record, parameterNames: parameterNames)
    }

    /// Checks with a given gradient and (full, n×n column-major) Hessian of the objective at x.
    /// `singularMessage` replaces the default boundary message (used where a zero diagonal entry of θ means a
    /// correlation of ±1 rather than a zero variance).
    init(gradient g: [Double], hessian hFull: [Double], at x: [Double], lower: [Double],
         varianceIndices: [Int], record: OptimizationRecord, parameterNames: [String], singularMessage: String? = nil) {
        var warnings: [String] = []
        let atBoundary = varianceIndices.filter { x[$0] < Self.boundaryTolerance }
        singular = !atBoundary.isEmpty
        if singular {
            let names = atBoundary.map { parameterNames[$0] }.joined(separator: ", ")
            warnings.append(singularMessage ?? "singular fit: the variance of \(names) is estimated at (or next to) zero. The model may be over-parameterised for these data: consider dropping that random effect (e.g. a random slope, or the correlation), or check that the grouping factor has enough groups and observations per group.")
        }
        var optimiserWarning: String?
        if !record.reason.isConvergence {
            optimiserWarning = ("the optimiser stopped without meeting its convergence test (\(record.reason.rawValue) after \(record.iterations) iterations): the estimates may not be the maximum-likelihood estimates; try rescaling covariates to unit size or simplifying the model.")
        }
        let free = x.indices.filter { !(lower[$0].isFinite && x[$0] - lower[$0] < Self.boundaryTolerance) }
        var gradOK = true, hessOK = true
        var maxScaled = Double.infinity
        if !free.isEmpty {
            let m = free.count
            var h = [Double](repeating: 0, count: m * m)
            for (a, i) in free.enumerated() { for (b, j) in free.enumerated() { h[a + b * m] = hFull[i + j * x.count] } }
            if !h.allSatisfy(\.isFinite) {
                hessOK = false
                warnings.append("the Hessian of the objective could not be evaluated at the optimum (non-finite values); standard errors are unreliable.")
            } else if let hinv = SmallDense.inverseSPD(h, m) {
                var worst = 0.0, worstName = ""
                for a in 0..<m {
                    var s = 0.0
                    for b in 0..<m { s += hinv[a + b * m] * g[free[b]] }
                    if abs(s) > worst { worst = abs(s); worstName = parameterNames[free[a]] }
                }
                maxScaled = worst
                if worst > Self.gradientTolerance {
                    gradOK = false
                    warnings.append("large gradient at the optimum: the scaled gradient for \(worstName) is \(Self.format(worst)) (tolerance \(Self.format(Self.gradientTolerance))). The optimiser may have stopped early; try rescaling covariates (centre them and put them on a unit scale) and refit.")
                }
            } else {
                hessOK = false
                let smallest: String
                do {
                    let ev = try SymmetricEigen(Matrix(rows: m, columns: m, columnMajor: h)).values.elements.first ?? .nan
                    smallest = "smallest eigenvalue \(Self.format(ev))"
                } catch {
                    smallest = "its eigenvalues could not be computed: \(error)"
                }
                warnings.append("the Hessian at the optimum is not positive definite (\(smallest)): the optimum is not a proper maximum, so standard errors are unreliable. The model may be unidentifiable or over-parameterised; try simplifying the random effects or rescaling covariates.")
            }
        }
        if let w = optimiserWarning {
            if record.reason == .lineSearchFailure && gradOK && hessOK && maxScaled < 1e-5 {
                optimiserAccepted = true
            } else {
                warnings.insert(w, at: singular ? 1 : 0)
                optimiserAccepted = false
            }
        } else {
            optimiserAccepted = true
        }
        gradientOK = gradOK
        hessianOK = hessOK
        self.warnings = warnings
    }

    static func format(_ x: Double) -> String { String(format: "%.3g", x) }
}
