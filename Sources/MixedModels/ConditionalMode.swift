/// A conditional mode (BLUP for a linear mixed model) of one random effect of one group, with its conditional
/// standard deviation: the square root of the diagonal of lme4's `ranef(condVar = TRUE)` `postVar`, the
/// conditional variance of b given y at the estimated θ, β and σ (uncertainty in β and θ is not included).
public struct ConditionalMode: Sendable, Equatable {
    public let level: String
    public let term: String
    public let mode: Double
    public let conditionalSD: Double
}
