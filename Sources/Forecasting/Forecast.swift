/// A prediction interval at one coverage level, for each step of the horizon.
public struct PredictionInterval: Sendable, Equatable {
    /// Nominal coverage in percent (80, 95, …).
    public var level: Double
    public var lower: [Double]
    public var upper: [Double]

    public init(level: Double, lower: [Double], upper: [Double]) {
        precondition(lower.count == upper.count, "interval bounds differ in length")
        self.level = level
        self.lower = lower
        self.upper = upper
    }
}

/// The forecast of one series by one fitted model: point forecasts for steps 1…h with prediction intervals, and the
/// description of the model that produced them.
///
/// `method` is R forecast's label ("ETS(A,Ad,N)", "ARIMA(1,1,0) with drift", "Naive method", "Random walk with
/// drift", "Mean"), so output reads the same as a user's R output. `warnings` states, in words, anything the user
/// must know: a simpler model used because the series was too short, a back-transform, a bound hit by the optimiser.
public struct Forecast: Sendable {
    public var series: String
    public var method: String
    /// Times of the forecast steps (R's `time(fc$mean)`).
    public var times: [Double]
    public var mean: [Double]
    public var intervals: [PredictionInterval]
    /// Log-likelihood, AIC, AICc and BIC of the fitted model where it has one (benchmarks methods have none).
    public var logLikelihood: Double?
    public var aic: Double?
    public var aicc: Double?
    public var bic: Double?
    /// Named parameter estimates in R's naming (alpha, beta, gamma, phi, l, b, s0…; ar1, ma1, drift…).
    public var parameters: [(name: String, value: Double)]
    public var warnings: [String]

    public init(series: String, method: String, times: [Double], mean: [Double], intervals: [PredictionInterval],
                logLikelihood: Double? = nil, aic: Double? = nil, aicc: Double? = nil, bic: Double? = nil,
                parameters: [(name: String, value: Double)] = [], warnings: [String] = []) {
        precondition(times.count == mean.count, "forecast times and means differ in length")
        self.series = series
        self.method = method
        self.times = times
        self.mean = mean
        self.intervals = intervals
        self.logLikelihood = logLikelihood
        self.aic = aic
        self.aicc = aicc
        self.bic = bic
        self.parameters = parameters
        self.warnings = warnings
    }

    public var horizon: Int { mean.count }

    /// The interval at `level` percent, if it was computed.
    public func interval(at level: Double) -> PredictionInterval? {
        intervals.first { abs($0.level - level) < 1e-9 }
    }
}
