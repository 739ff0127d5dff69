internal import Distributions

/// A chi-squared test of all coefficients of a Cox model (likelihood-ratio, Wald or score), as printed by
/// `summary.coxph`.
public struct CoxModelTest: Sendable, Equatable {
    public let statistic: Double
    public let degreesOfFreedom: Int
    /// Upper tail of χ²(df) at the statistic; NaN when df = 0 or the statistic is not finite.
    public let pValue: Double

    init(statistic: Double, degreesOfFreedom: Int) {
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        if degreesOfFreedom > 0, statistic.isFinite,
           let chi = try? ChiSquared(degreesOfFreedom: Double(degreesOfFreedom)) {
            pValue = chi.upperTail(max(statistic, 0))
        } else {
            pValue = .nan
        }
    }
}
