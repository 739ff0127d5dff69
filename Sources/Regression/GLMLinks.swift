/// Links allowed with the binomial family (R's `binomial(link = ...)`). The default, logit, is the canonical link.
public enum BinomialLink: String, Sendable, Hashable, CaseIterable {
    case logit, probit, cloglog
}

/// Links allowed with the Poisson family. The default, log, is the canonical link (log-linear rate models).
public enum PoissonLink: String, Sendable, Hashable, CaseIterable {
    case log, identity, sqrt
}

/// Links allowed with the NB2 negative binomial family (as `MASS::glm.nb(link = ...)`). The default is log.
public enum NegativeBinomialLink: String, Sendable, Hashable, CaseIterable {
    case log, identity, sqrt
}

/// Links allowed with the Gaussian family. The default, identity, is ordinary (weighted) least squares.
public enum GaussianLink: String, Sendable, Hashable, CaseIterable {
    case identity, log
}

/// Links allowed with the Gamma family. The default, inverse, is R's (canonical) default; log is the usual
/// choice in practice because it keeps μ positive.
public enum GammaLink: String, Sendable, Hashable, CaseIterable {
    case inverse, log, identity
}
