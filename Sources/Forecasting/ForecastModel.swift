/// A forecasting model specification: a Sendable value that, fitted to a series, gives a model that forecasts.
///
/// ETS, ARIMA, their automatic selections and the benchmark methods (naive, seasonal naive, drift, mean) conform, so
/// the command line, backtests and reconciliation take `any ForecastModelSpec` and never switch on a model's kind.
public protocol ForecastModelSpec: Sendable {
    /// A short label for the specification as the user gave it ("auto", "ets AAdN", "arima 1,1,0 drift", "naive").
    var label: String { get }
    /// Fits the model. Throws (never crashes) on a series the model cannot take, naming the series and the reason.
    func fit(_ series: TimeSeries) throws(ForecastError) -> any FittedForecastModel
}

/// A fitted forecasting model.
public protocol FittedForecastModel: Sendable {
    /// R forecast's description of the fitted model ("ETS(A,Ad,N)", "ARIMA(0,1,1) with drift", "Naive method").
    var method: String { get }
    /// Fitted one-step-ahead values on the training data (`nil` where none, e.g. the first naive step).
    var fitted: [Double?] { get }
    /// Point forecasts and prediction intervals at the given levels (percent) for steps 1…horizon.
    func forecast(horizon: Int, levels: [Double]) -> Forecast
}
