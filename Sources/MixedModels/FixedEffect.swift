/// One fixed-effect coefficient with its Wald inference: statistic = estimate / SE, a two-sided p-value and a
/// 95% interval estimate ± z₀.₉₇₅·SE from the standard normal (lme4's `confint(method = "Wald")`; lme4 prints
/// the t/z value but, for `lmer`, no p-value — the normal reference is CareStat's choice and is large-sample).
public struct FixedEffect: Sendable, Equatable {
    public let term: String
    public let estimate: Double
    public let standardError: Double
    public let statistic: Double
    public let pValue: Double
    public let confLow: Double
    public let confHigh: Double
}
