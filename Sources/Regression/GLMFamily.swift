/// The error distribution and link of a generalised linear model. Each family carries only the links R allows
/// for it, so an invalid combination (a Gamma model with a logit link, say) does not compile.
///
/// - `binomial`: 0/1 responses, proportions with the number of trials as weights, or `cbind(successes,
///   failures)`; variance μ(1 − μ); dispersion fixed at 1.
/// - `poisson`: counts, variance μ, dispersion 1; exposure enters as `offset(log(exposure))`.
/// - `negativeBinomial`: NB2 counts, variance μ + μ²/θ, dispersion 1. With `theta: nil` θ is estimated by
///   maximum likelihood alternating with IRLS as `MASS::glm.nb`; with a value it is held fixed, as
///   `glm(family = MASS::negative.binomial(theta))`.
/// - `gaussian`: variance 1, dispersion estimated (Pearson χ²/df).
/// - `gamma`: positive responses, variance μ², dispersion estimated (Pearson χ²/df).
public enum GLMFamily: Sendable, Hashable, CustomStringConvertible {
    case binomial(link: BinomialLink = .logit)
    case poisson(link: PoissonLink = .log)
    case negativeBinomial(link: NegativeBinomialLink = .log, theta: Double? = nil)
    case gaussian(link: GaussianLink = .identity)
    case gamma(link: GammaLink = .inverse)

    /// The family's name as R prints it (`binomial`, `poisson`, `Negative Binomial`, `gaussian`, `Gamma`).
    public var name: String {
        switch self {
        case .binomial: "binomial"
        case .poisson: "poisson"
        case .negativeBinomial: "Negative Binomial"
        case .gaussian: "gaussian"
        case .gamma: "Gamma"
        }
    }

    /// The link's name (`logit`, `log`, …).
    public var linkName: String { link.name }

    /// Whether the dispersion φ is estimated (Gaussian, Gamma: t tests) or fixed at 1 (binomial, Poisson,
    /// negative binomial: z tests), as `summary.glm` decides.
    public var estimatesDispersion: Bool {
        switch self {
        case .gaussian, .gamma: true
        default: false
        }
    }

    public var description: String { "\(name)(link = \(linkName))" }

    var link: LinkFunction {
        switch self {
        case .binomial(let l):
            switch l { case .logit: .logit; case .probit: .probit; case .cloglog: .cloglog }
        case .poisson(let l):
            switch l { case .log: .log; case .identity: .identity; case .sqrt: .sqrt }
        case .negativeBinomial(let l, _):
            switch l { case .log: .log; case .identity: .identity; case .sqrt: .sqrt }
        case .gaussian(let l):
            switch l { case .identity: .identity; case .log: .log }
        case .gamma(let l):
            switch l { case .inverse: .inverse; case .log: .log; case .identity: .identity }
        }
    }
}
