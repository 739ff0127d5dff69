/// The response distribution of a mixed model, each with its canonical link (lme4's defaults).
public enum MixedModelFamily: String, Sendable, Hashable, CaseIterable {
    /// Normal errors, identity link: a linear mixed model fitted as `lme4::lmer`.
    case gaussian
    /// Binomial counts (`cbind(successes, failures)`) or a 0/1 response, logit link, as `glmer(family = binomial)`.
    case binomial
    /// Counts, log link, as `glmer(family = poisson)`.
    case poisson
}
