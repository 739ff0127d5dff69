/// Errors from forecasting: each names the series and what is wrong with it.
public enum ForecastError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model cannot take missing observations.
    case missingValues(series: String, time: Double)
    /// Too few observations for the requested model (`needed` is the minimum).
    case tooShort(series: String, count: Int, needed: Int, model: String)
    /// A fixed model that cannot be applied to this series (e.g. multiplicative error with zeros).
    case inapplicableModel(series: String, model: String, reason: String)
    /// An option that does not parse (a model string, an order, a level).
    case invalidOption(String)

    public var description: String {
        switch self {
        case let .missingValues(series, time):
            return "series \(series): missing value at time \(time); this model needs a complete series"
        case let .tooShort(series, count, needed, model):
            return "series \(series): \(model) needs at least \(needed) observations, the series has \(count)"
        case let .inapplicableModel(series, model, reason):
            return "series \(series): \(model) cannot be fitted: \(reason)"
        case let .invalidOption(message):
            return message
        }
    }
}
