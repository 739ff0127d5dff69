/// The forecasting methods a user can ask for by name (`carestat forecast --method`).
public enum ForecastMethodChoice: String, Sendable, CaseIterable {
    case auto, ets, arima, naive, snaive, drift, mean
}

/// The one place that turns a method name and its options into a ``ForecastModelSpec``; the command line and the
/// `demand-forecast` spec both call it.
///
/// In this build ETS and ARIMA are not yet wired in (they are written on other branches): `--method ets|arima`
/// reports "not available in this build", and the automatic choice compares drift and naive only. Completing the
/// two `case`s below and ``automaticCandidates()`` (ETS first, then ARIMA, then drift) is all that is needed.
public enum ForecastMethodFactory {
    /// The candidates of the automatic choice, in order of preference on ties and short series.
    public static func automaticCandidates() -> [any ForecastModelSpec] {
        [BenchmarkSpec(.drift), BenchmarkSpec(.naive)]
    }

    /// The specification for a method name. `model` is R's ETS letters ("AAdN"), `order` "p,d,q", `drift` for
    /// ARIMA; `calibrated` applies to the automatic choice (``AutomaticForecastSpec``).
    public static func spec(_ method: ForecastMethodChoice, model: String? = nil, order: String? = nil,
                            drift: Bool = false, horizon: Int = 5, calibrated: Bool = true) throws(ForecastError) -> any ForecastModelSpec {
        if model != nil && method != .ets { throw .invalidOption("--model applies with --method ets") }
        if (order != nil || drift) && method != .arima { throw .invalidOption("--order and --drift apply with --method arima") }
        switch method {
        case .auto:
            return AutomaticForecastSpec(candidates: automaticCandidates(), horizon: horizon, calibrated: calibrated)
        case .ets:
            throw .invalidOption("--method ets: not available in this build")
        case .arima:
            throw .invalidOption("--method arima: not available in this build")
        case .naive: return BenchmarkSpec(.naive)
        case .snaive: return BenchmarkSpec(.seasonalNaive)
        case .drift: return BenchmarkSpec(.drift)
        case .mean: return BenchmarkSpec(.mean)
        }
    }
}
