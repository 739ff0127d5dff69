/// The error component of an exponential smoothing state space model (Hyndman et al. 2008, *Forecasting with
/// Exponential Smoothing*, ch. 2): additive errors `y = μ + ε`, or multiplicative (relative) errors `y = μ(1 + ε)`.
public enum ETSErrorType: String, Sendable, CaseIterable {
    case additive = "A"
    case multiplicative = "M"
}

/// The trend component: none, additive (Holt's linear trend) or additive damped by φ.
///
/// Multiplicative trends (R's `allow.multiplicative.trend = TRUE`, off by default in R) are not offered: R forecasts
/// them only by simulation, and they are rarely chosen for the short annual series this module is for.
public enum ETSTrendType: String, Sendable, CaseIterable {
    case none = "N"
    case additive = "A"
    case damped = "Ad"

    /// Whether the model has a slope state `b`.
    public var hasSlope: Bool {
        switch self {
        case .none: return false
        case .additive, .damped: return true
        }
    }
}

/// The seasonal component: none, additive or multiplicative. Seasonal models need a frequency above 1.
public enum ETSSeasonType: String, Sendable, CaseIterable {
    case none = "N"
    case additive = "A"
    case multiplicative = "M"
}

/// One ETS model: error, trend and season, named as R forecast names it ("ETS(M,Ad,N)").
public struct ETSModel: Sendable, Hashable, CustomStringConvertible {
    public var error: ETSErrorType
    public var trend: ETSTrendType
    public var season: ETSSeasonType

    public init(error: ETSErrorType, trend: ETSTrendType, season: ETSSeasonType) {
        self.error = error
        self.trend = trend
        self.season = season
    }

    /// R's method label, "ETS(A,Ad,N)".
    public var name: String { "ETS(\(error.rawValue),\(trend.rawValue),\(season.rawValue))" }
    /// The letter code, "AAdN".
    public var code: String { error.rawValue + trend.rawValue + season.rawValue }
    public var description: String { name }

    /// R's `restrict = TRUE` rule: additive error with multiplicative season is numerically unstable and forbidden.
    public var isRestricted: Bool { error == .additive && season == .multiplicative }

    /// Parses a fixed model code: error `A|M`, trend `N|A|Ad`, season `N|A|M` ("ANN", "AAdN", "MAM").
    public init(code: String) throws(ForecastError) {
        let pattern = try ETSModelPattern(code: code)
        guard pattern.errors.count == 1, pattern.trends.count == 1, pattern.seasons.count == 1 else {
            throw .invalidOption("ETS model '\(code)' is not a single model (it contains Z)")
        }
        self.init(error: pattern.errors[0], trend: pattern.trends[0], season: pattern.seasons[0])
    }
}

/// A set of ETS models written in R's letters, where `Z` means "select": "ZZZ", "AZN", "MAdM".
///
/// Difference from R, stated: a trend letter `A` means the undamped additive trend only and `Ad` the damped one;
/// R's `ets(y, model = "AAN")` with `damped = NULL` tries both. `Z` for the trend tries none, additive and damped,
/// as R does. The trend letter `M` (multiplicative trend) is refused (see ``ETSTrendType``).
public struct ETSModelPattern: Sendable, Hashable {
    public var errors: [ETSErrorType]
    public var trends: [ETSTrendType]
    public var seasons: [ETSSeasonType]

    public init(errors: [ETSErrorType], trends: [ETSTrendType], seasons: [ETSSeasonType]) {
        self.errors = errors
        self.trends = trends
        self.seasons = seasons
    }

    /// Every model: R's "ZZZ".
    public static let all = ETSModelPattern(errors: ETSErrorType.allCases, trends: ETSTrendType.allCases,
                                            seasons: ETSSeasonType.allCases)

    public init(_ model: ETSModel) {
        self.init(errors: [model.error], trends: [model.trend], seasons: [model.season])
    }

    /// Parses R's letters: error `A|M|Z`, trend `N|A|Ad|Z`, season `N|A|M|Z`.
    public init(code: String) throws(ForecastError) {
        let letters = Array(code.uppercased().replacingOccurrences(of: "D", with: "d"))
        func bad(_ why: String) -> ForecastError {
            .invalidOption("ETS model '\(code)': \(why); expected three letters such as ANN, AAdN, MAM or ZZZ")
        }
        guard letters.count == 3 || (letters.count == 4 && letters[2] == "d") else { throw bad("wrong length") }
        let damped = letters.count == 4
        let errors: [ETSErrorType]
        switch letters[0] {
        case "A": errors = [.additive]
        case "M": errors = [.multiplicative]
        case "Z": errors = ETSErrorType.allCases
        default: throw bad("error must be A, M or Z")
        }
        let trends: [ETSTrendType]
        switch (letters[1], damped) {
        case ("N", false): trends = [.none]
        case ("A", false): trends = [.additive]
        case ("A", true): trends = [.damped]
        case ("Z", false): trends = ETSTrendType.allCases
        case ("M", _): throw bad("multiplicative trends are not supported (R forecasts them only by simulation)")
        default: throw bad("trend must be N, A, Ad or Z")
        }
        let seasons: [ETSSeasonType]
        switch letters[damped ? 3 : 2] {
        case "N": seasons = [.none]
        case "A": seasons = [.additive]
        case "M": seasons = [.multiplicative]
        case "Z": seasons = ETSSeasonType.allCases
        default: throw bad("season must be N, A, M or Z")
        }
        self.init(errors: errors, trends: trends, seasons: seasons)
    }

    /// The letters back, with `Z` for a full choice.
    public var code: String {
        let e = errors.count == 1 ? errors[0].rawValue : "Z"
        let t = trends.count == 1 ? trends[0].rawValue : "Z"
        let s = seasons.count == 1 ? seasons[0].rawValue : "Z"
        return e + t + s
    }
}
