/// The automatic forecast: tries the candidate models, chooses between those that fit, and falls back to simpler
/// models when none can be fitted, saying why in ``Forecast/warnings``. It never fails on a complete series of two or
/// more points (short annual series, zeros, a single jump, all zero, constant).
///
/// The rule, in order:
/// 1. A constant series (all zero included) gets the naive forecast with zero-width intervals from the model and a
///    warning: no model can estimate a variance from it.
/// 2. Every candidate is fitted; one that throws is named in the warnings with its reason, and so is one whose point
///    forecast goes below zero within `horizon` on a series of non-negative values (counts): clipped to zero such a
///    forecast says "none", and intervals built around it on the log scale collapse to near zero width.
/// 3. With ``Selection/combination`` (the default; what `carestat forecast --method auto` and the `demand-forecast` spec use):
///    the equal-weight combination of every candidate that fits. Why: on the LA panel (CLA and CPP, origins
///    2015–2021, panel-calibrated intervals, Benchmarks/forecast_coverage.py) choosing one candidate by its
///    rolling-origin MASE on the series' own short history picked trend models too often and forecast worse than
///    naive (MASE at h = 1: CLA 1.35, CPP 1.29, naive 1.23 and 1.21); the combination of ETS, ARIMA, drift and naive
///    gave 1.245 and 1.200 (h = 5: CLA 3.91 vs naive 4.02, CPP 2.12 vs 1.96). The combination without drift was
///    not better (CLA 1.285 at h = 1) and was not chosen. The variants were compared once on these origins.
/// 3′. With ``Selection/backtestMASE``: with at least `selectionMinimumLength` points, the one with the lowest
///    rolling-origin MASE averaged over horizons 1…`horizon` on the series' own history (training windows from
///    `max(6, n − horizon)` points), because ETS and ARIMA AICcs are not comparable (ARIMA's likelihood is of the
///    differenced series). Ties and shorter series: the first candidate in the given order (callers list ETS first).
/// 4. With no candidate fitted, the first of `fallbacks` (drift → naive → mean) that fits, with the reason.
/// 5. With `calibrated` (the default for a single series), the chosen model's intervals are widened to the
///    series' own rolling-origin errors (``EmpiricallyCalibratedSpec``). On the LA panel (origins 2015–2021) this
///    brought horizon-5 coverage of CPP to 80.4% / 92.1% (80% / 95% intervals) but CLA only to 71.6% / 85.1%
///    (uncalibrated: 67.6% / 82.1%); with many series, ``PanelCalibratedSpec`` does better and is what
///    `carestat forecast` uses by default for ten or more series.
public struct AutomaticForecastSpec: ForecastModelSpec {
    /// How the forecast is made from the candidates that fit.
    public enum Selection: String, Sendable {
        /// The candidate with the lowest rolling-origin MASE on the series' own history (rule 3).
        case backtestMASE = "mase"
        /// The equal-weight combination of every candidate that fits (``CombinationSpec``).
        case combination
    }

    public var candidates: [any ForecastModelSpec]
    public var selection: Selection
    public var fallbacks: [any ForecastModelSpec]
    public var selectionMinimumLength: Int
    public var horizon: Int
    public var calibrated: Bool

    public init(candidates: [any ForecastModelSpec],
                fallbacks: [any ForecastModelSpec] = [BenchmarkSpec(.drift), BenchmarkSpec(.naive), BenchmarkSpec(.mean)],
                selectionMinimumLength: Int = 10, horizon: Int = 5, calibrated: Bool = true,
                selection: Selection = .combination) {
        self.candidates = candidates
        self.selection = selection
        self.fallbacks = fallbacks
        self.selectionMinimumLength = selectionMinimumLength
        self.horizon = horizon
        self.calibrated = calibrated
    }

    public var label: String { calibrated ? "auto, calibrated" : "auto" }

    /// The model chosen for a series (uncalibrated) and the warnings explaining the choice.
    public func choose(_ series: TimeSeries) throws(ForecastError) -> (spec: any ForecastModelSpec, warnings: [String]) {
        let y = try series.complete()
        guard y.count >= 2 else {
            throw .tooShort(series: series.name, count: y.count, needed: 2, model: "any forecasting model")
        }
        if let first = y.first, y.allSatisfy({ $0 == first }) {
            return (BenchmarkSpec(.naive), ["the series is constant (\(first)); naive forecast, intervals of zero width"])
        }
        var warnings: [String] = []
        var fitted: [any ForecastModelSpec] = []
        let nonNegative = y.allSatisfy { $0 >= 0 }
        for c in candidates {
            do {
                let m = try c.fit(series)
                // Counts: a candidate whose point forecast goes below zero within the horizon is not a model of
                // the series (clipped to zero it forecasts "none", and log-scale intervals around zero collapse).
                // The same for a forecast of zero after a last count above zero (e.g. auto.arima's "ARIMA(0,0,0)
                // with zero mean" on a short training window): its log-scale errors swamp a panel's calibration.
                let floorIsZero = (y.last ?? 0) > 0
                if nonNegative, let k = m.forecast(horizon: horizon, levels: []).mean
                    .firstIndex(where: { $0 < 0 || (floorIsZero && $0 <= 0) }) {
                    warnings.append("\(c.label) not used: its forecast is \(floorIsZero ? "at or below" : "below") zero at step \(k + 1)")
                    continue
                }
                fitted.append(c)
            } catch {
                warnings.append("\(c.label) not used: \(error)")
            }
        }
        if fitted.isEmpty {
            for f in fallbacks {
                do {
                    _ = try f.fit(series)
                    if !candidates.isEmpty { warnings.append("no candidate model could be fitted; fell back to \(f.label)") }
                    return (f, warnings)
                } catch {
                    warnings.append("fallback \(f.label) not used: \(error)")
                }
            }
            throw .inapplicableModel(series: series.name, model: "auto", reason: warnings.joined(separator: "; "))
        }
        guard fitted.count > 1 else { return (fitted[0], warnings) }
        if selection == .combination {
            warnings.append("equal-weight combination of \(fitted.map(\.label).joined(separator: ", "))")
            return (CombinationSpec(fitted), warnings)
        }
        guard y.count >= selectionMinimumLength else {
            warnings.append("series shorter than \(selectionMinimumLength) points: first candidate that fits (\(fitted[0].label)) used, not compared by backtest")
            return (fitted[0], warnings)
        }
        let options = BacktestOptions(minimumTraining: max(6, y.count - horizon), horizon: horizon, levels: [])
        var best: (index: Int, mase: Double)?
        for (i, c) in fitted.enumerated() {
            let records = ForecastBacktest.run(c, on: series, options: options).records
            let acc = ForecastBacktest.accuracy(records, levels: [])
            let scores = acc.map(\.mase).filter(\.isFinite)
            guard !scores.isEmpty else { continue }
            let m = scores.reduce(0, +) / Double(scores.count)
            if best == nil || m < best!.mase { best = (i, m) }
        }
        let pick = best?.index ?? 0
        warnings.append("chosen by rolling-origin MASE (horizons 1–\(horizon)) among \(fitted.map(\.label).joined(separator: ", "))")
        return (fitted[pick], warnings)
    }

    public func fit(_ series: TimeSeries) throws(ForecastError) -> any FittedForecastModel {
        let (spec, warnings) = try choose(series)
        let model = calibrated ? try EmpiricallyCalibratedSpec(spec, horizon: horizon).fit(series) : try spec.fit(series)
        return FittedWithWarnings(inner: model, warnings: warnings)
    }
}

/// A fitted model whose forecasts carry extra warnings (the automatic choice's reasons).
public struct FittedWithWarnings: FittedForecastModel {
    public let inner: any FittedForecastModel
    public let warnings: [String]
    public var method: String { inner.method }
    public var fitted: [Double?] { inner.fitted }
    public func forecast(horizon: Int, levels: [Double]) -> Forecast {
        var f = inner.forecast(horizon: horizon, levels: levels)
        f.warnings = warnings + f.warnings
        return f
    }
}
