/// The forecasting methods a user can ask for by name (`carestat forecast --method`).
public enum ForecastMethodChoice: String, Sendable, CaseIterable {
    case auto, ets, arima, naive, snaive, drift, mean
}

/// The one place that turns a method name and its options into a ``ForecastModelSpec``; the command line and the
/// `demand-forecast` spec both call it.
///
/// Automatic ETS uses R's own search (``ETSSearch/r``: R's Nelder–Mead from R's starting values, for every
/// candidate), which reaches R's likelihood on every reference series and keeps a 150-series run fast; a fixed ETS
/// model (`--model AAdN`) gets the thorough search (R's, then restarts that only keep a better point), which is
/// cheap for one model and often finds a higher likelihood than R.
public enum ForecastMethodFactory {
    /// The candidates of the automatic forecast: automatic ETS, automatic ARIMA, then the drift and naive benchmarks.
    /// `--method auto` combines those that fit with equal weights (``AutomaticForecastSpec/Selection/combination``).
    public static func automaticCandidates() -> [any ForecastModelSpec] {
        [ETSSpec(search: .r), AutoARIMASpec(), BenchmarkSpec(.drift), BenchmarkSpec(.naive)]
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
            guard let model else { return ETSSpec(search: .r) }
            return try ETSSpec(code: model)
        case .arima:
            guard let order else {
                if drift { throw .invalidOption("--drift applies with --order (auto.arima decides the drift itself)") }
                return AutoARIMASpec()
            }
            return try ARIMASpec(orderText: order, includeDrift: drift)
        case .naive: return BenchmarkSpec(.naive)
        case .snaive: return BenchmarkSpec(.seasonalNaive)
        case .drift: return BenchmarkSpec(.drift)
        case .mean: return BenchmarkSpec(.mean)
        }
    }
}
