/// Smoothing parameters of an ETS model, in R's naming: α (level), β (slope; trend models), γ (season; seasonal
/// models), φ (damping; damped trend). A parameter the model does not have is `nil`.
public struct ETSParameters: Sendable, Equatable {
    public var alpha: Double
    public var beta: Double?
    public var gamma: Double?
    public var phi: Double?

    public init(alpha: Double, beta: Double? = nil, gamma: Double? = nil, phi: Double? = nil) {
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.phi = phi
    }
}

/// R's `bounds` argument to `ets()`: which constraints the smoothing parameters must meet.
public enum ETSBounds: String, Sendable {
    /// The usual region (lower ≤ α ≤ upper, β ≤ α, γ ≤ 1 − α, φ within its bounds) and the admissible region
    /// (forecastability, Hyndman et al. 2008 ch. 10). R's default.
    case both
    /// Only the usual region.
    case usual
    /// Only the admissible region.
    case admissible
}

/// R's `ic` argument to `ets()`: the criterion that chooses among candidate models.
public enum ETSInformationCriterion: String, Sendable {
    case aicc, aic, bic
}

/// R's `lower`/`upper` arguments: bounds on (α, β, γ, φ) for the usual region. Defaults are R's:
/// lower (1e-4, 1e-4, 1e-4, 0.8), upper (0.9999, 0.9999, 0.9999, 0.98).
public struct ETSParameterBounds: Sendable, Equatable {
    public var lower: [Double]
    public var upper: [Double]

    public init(lower: [Double] = [1e-4, 1e-4, 1e-4, 0.8], upper: [Double] = [0.9999, 0.9999, 0.9999, 0.98]) {
        self.lower = lower
        self.upper = upper
    }
}

/// How far the estimation searches beyond R's own search.
public enum ETSSearch: String, Sendable {
    /// R's search only: Nelder–Mead as R's `nmmin` from R's starting values with R's settings. It follows R's path,
    /// so it reproduces R's estimates (on the LA panel's 149 at31_cla series, the sum of the automatic AICc agrees
    /// with R's to 3e-9), including where R stops early.
    case r
    /// R's search, then up to six Nelder–Mead restarts in a rescaled space that keep only a better point. The
    /// default: the likelihood is never lower than R's search gives, often higher (R's search stops early on
    /// short series), at about twice the cost.
    case thorough
}
