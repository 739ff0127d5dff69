/// Complete or quasi-complete separation in a binomial model (Albert & Anderson 1984): some linear
/// combination of the covariates predicts the outcome perfectly for all (complete) or some (quasi-complete)
/// observations, so the maximum-likelihood estimates of the coefficients involved are infinite and the
/// reported values are only where IRLS stopped.
///
/// The rule CareStat applies after a binomial fit:
/// 1. observations whose fitted probability is within 10⁻⁶ of the boundary their response lies on
///    (μ < 10⁻⁶ with y = 0, or μ > 1 − 10⁻⁶ with y = 1) are "perfectly predicted"; with none, no separation;
/// 2. five further IRLS iterations are run from the final fit (QR solver, no convergence stop); a coefficient
///    "diverges" when it moves by more than 0.01·max(1, |β|) over them (a converged finite MLE moves by
///    rounding only; a separated one grows without bound, about one unit per iteration on the logit scale);
/// 3. with at least one diverging coefficient the model is separated: completely when every observation with
///    positive weight is perfectly predicted, else quasi-completely.
/// R itself only warns "fitted probabilities numerically 0 or 1 occurred" (μ within 10·ε of 0 or 1), which
/// CareStat also reports; that warning alone neither proves nor excludes separation.
public struct SeparationDiagnosis: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case complete, quasiComplete = "quasi-complete"
    }
    public let kind: Kind
    /// Names of the diverging coefficients.
    public let divergingTerms: [String]
    /// Observations (rows of the fit) with fitted probability within 10⁻⁶ of their observed 0 or 1.
    public let perfectlyPredicted: Int

    public init(kind: Kind, divergingTerms: [String], perfectlyPredicted: Int) {
        self.kind = kind
        self.divergingTerms = divergingTerms
        self.perfectlyPredicted = perfectlyPredicted
    }

    /// The warning text recorded in ``GLMFit/warnings``.
    public var message: String {
        "\(kind.rawValue) separation: coefficients of \(divergingTerms.joined(separator: ", ")) diverge "
            + "(\(perfectlyPredicted) observations fitted with probability within 1e-6 of their observed 0 or 1); "
            + "their estimates, standard errors and tests are not meaningful"
    }
}

/// Applies the rule documented on ``SeparationDiagnosis``.
enum SeparationCheck {
    static let boundary = 1e-6
    static let extraIterations = 5

    static func diagnose(problem: IRLS.Problem, result: IRLSResult, terms: [String]) -> SeparationDiagnosis? {
        let y = problem.y, mu = result.mu, w = problem.priorWeights
        var perfect = 0, informative = 0
        for i in y.indices where w[i] > 0 {
            informative += 1
            if (y[i] == 0 && mu[i] < boundary) || (y[i] == 1 && mu[i] > 1 - boundary) { perfect += 1 }
        }
        guard perfect > 0 else { return nil }
        var p = problem
        p.control = GLMControl(epsilon: 0, maxIterations: extraIterations, solver: .qr)
        guard let more = try? IRLS.fit(p, etastart: result.eta) else { return nil }
        var diverging: [String] = []
        for j in terms.indices {
            guard let a = result.coefficients[j], let b = more.coefficients[j] else { continue }
            if Swift.abs(b - a) > 0.01 * Swift.max(1, Swift.abs(a)) { diverging.append(terms[j]) }
        }
        guard !diverging.isEmpty else { return nil }
        return SeparationDiagnosis(kind: perfect == informative ? .complete : .quasiComplete,
                                   divergingTerms: diverging, perfectlyPredicted: perfect)
    }
}
