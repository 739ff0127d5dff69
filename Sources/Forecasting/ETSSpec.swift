import Foundation

/// Exponential smoothing (ETS) as R forecast 8.20's `ets()`: a fixed model ("AAdN") or automatic selection among
/// the candidates of a pattern ("ZZZ", R's default) by an information criterion (AICc by default), with R's rules
/// for which candidates are tried:
/// - multiplicative-error models (and multiplicative seasons) only for strictly positive data;
/// - seasonal models only for frequency > 1, n > m and m ≤ 24 (with `Z` the season is otherwise set to N);
/// - additive error with multiplicative season is never fitted (R's `restrict = TRUE`);
/// - a model with k ≥ n − 1 (parameters, free initial states) is not fitted;
/// - R's short-series rule: if n ≤ npars + 4, where npars = 2, + 2 for a stated (non-`Z`) trend, + m for a stated
///   season, + 1 for a stated damped trend, R fits Holt–Winters by least squares instead of ETS. This type does not
///   (that is a different model): it throws ``ForecastError/tooShort(series:count:needed:model:)`` so the caller
///   falls back to a simpler method and says so.
///
/// Differences from R, stated: a constant series is refused with
/// ``ForecastError/inapplicableModel(series:model:reason:)`` (R returns simple exponential smoothing with α =
/// 0.99999 and zero-width intervals); a stated seasonal model on a series with n ≤ m is refused (R silently fits
/// the non-seasonal model); the trend letter `A` is undamped only (see ``ETSModelPattern``); multiplicative trends
/// are not offered. Estimation is ``ETSEstimation`` (R's Nelder–Mead start, then restarts).
public struct ETSSpec: ForecastModelSpec {
    /// The candidate models.
    public var pattern: ETSModelPattern
    /// The selection criterion among candidates. Default AICc (R's default).
    public var criterion: ETSInformationCriterion
    /// Parameter region. Default `.both` (R's default).
    public var bounds: ETSBounds
    /// Bounds of the usual region. Default R's.
    public var limits: ETSParameterBounds
    /// How far the estimation searches. Default ``ETSSearch/thorough``.
    public var search: ETSSearch

    public init(pattern: ETSModelPattern = .all, criterion: ETSInformationCriterion = .aicc,
                bounds: ETSBounds = .both, limits: ETSParameterBounds = ETSParameterBounds(),
                search: ETSSearch = .thorough) {
        self.pattern = pattern
        self.search = search
        self.criterion = criterion
        self.bounds = bounds
        self.limits = limits
    }

    /// One fixed model.
    public init(model: ETSModel) {
        self.init(pattern: ETSModelPattern(model))
    }

    /// A model code in R's letters: "AAdN", "MNM", "ZZZ", "AZN".
    public init(code: String) throws(ForecastError) {
        self.init(pattern: try ETSModelPattern(code: code))
    }

    /// In automatic selection with the thorough search, candidates whose criterion after R's search is more than
    /// this behind the best are not given the restarts. 10 (criterion units; 5 in log-likelihood).
    public static let restartMargin = 10.0

    /// R's `ets(y)`: every admissible model, chosen by AICc.
    public static let automatic = ETSSpec()

    public var label: String { "ets \(pattern.code)" }

    public func fit(_ series: TimeSeries) throws(ForecastError) -> any FittedForecastModel {
        try fitETS(series)
    }

    /// Fits the pattern's candidates and returns the best by the criterion.
    public func fitETS(_ series: TimeSeries) throws(ForecastError) -> ETSFit {
        guard limits.lower.count == 4, limits.upper.count == 4,
              zip(limits.lower, limits.upper).allSatisfy({ $0.isFinite && $1.isFinite && $0 <= $1 }) else {
            throw .invalidOption("ETS parameter bounds must give four finite lower ≤ upper pairs (α, β, γ, φ); "
                                 + "got lower \(limits.lower), upper \(limits.upper)")
        }
        let y = try series.complete()
        let n = y.count
        let m = series.frequency
        let isFixed = pattern.errors.count == 1 && pattern.trends.count == 1 && pattern.seasons.count == 1
        let what = isFixed
            ? ETSModel(error: pattern.errors[0], trend: pattern.trends[0], season: pattern.seasons[0]).name
            : "ETS \(pattern.code)"
        guard n > 0 else { throw .tooShort(series: series.name, count: 0, needed: 1, model: what) }
        guard y.allSatisfy(\.isFinite) else {
            throw .inapplicableModel(series: series.name, model: what, reason: "the series has non-finite values")
        }
        if let first = y.first, y.allSatisfy({ $0 == first }) {
            throw .inapplicableModel(series: series.name, model: what,
                                     reason: "the series is constant (every value is \(first)); "
                                         + "there is nothing to smooth")
        }
        var warnings: [String] = []
        var seasons = pattern.seasons
        let statesSeason = seasons.contains { $0 != .none }
        if statesSeason {
            var why: String?
            if m <= 1 { why = "the series is not seasonal (frequency \(m))" }
            else if m > 24 { why = "the frequency \(m) is above 24, which ETS cannot take" }
            else if n <= m { why = "the series has \(n) observations, not more than one season (\(m))" }
            if let why {
                if seasons.count == 1 { throw .inapplicableModel(series: series.name, model: what, reason: why) }
                seasons = [.none]
                if m > 1 { warnings.append("seasonality ignored: \(why)") }
            }
        }
        let positive = (y.min() ?? 0) > 0
        if pattern.errors == [.multiplicative] && !positive {
            throw .inapplicableModel(series: series.name, model: what,
                                     reason: "multiplicative errors need strictly positive data; "
                                         + "the series has zeros or negative values")
        }
        if isFixed && ETSModel(error: pattern.errors[0], trend: pattern.trends[0], season: seasons[0]).isRestricted {
            throw .inapplicableModel(series: series.name, model: what,
                                     reason: "additive error with multiplicative season is unstable (R forbids it)")
        }
        // R's short-series rule.
        var npars = 2
        if pattern.trends.count == 1 && pattern.trends[0].hasSlope { npars += 2 }
        if seasons.count == 1 && seasons[0] != .none { npars += m }
        if pattern.trends.count == 1 && pattern.trends[0] == .damped { npars += 1 }
        if n <= npars + 4 {
            throw .tooShort(series: series.name, count: n, needed: npars + 5, model: what)
        }

        // Candidates in R's order: error, trend, season, then damped before undamped. First R's search for every
        // candidate; then, with the thorough search, the restarts for the candidates within
        // `ETSSpec.restartMargin` of the best score (a candidate further behind is not re-searched: restarts raise
        // a short series' log-likelihood by well under that in practice, and the result can only improve on R's).
        let trendOrder: [ETSTrendType] = [.none, .damped, .additive].filter { pattern.trends.contains($0) }
        func score(_ fit: ETSFit) -> Double {
            switch criterion {
            case .aicc: return fit.aicc
            case .aic: return fit.aic
            case .bic: return fit.bic
            }
        }
        var candidates: [(problem: ETSEstimation.Problem, fit: ETSFit)] = []
        for error in pattern.errors {
            for trendGroup in [[ETSTrendType.none], [.damped, .additive]] {
                for season in seasons {
                    for trend in trendGroup where trendOrder.contains(trend) {
                        let model = ETSModel(error: error, trend: trend, season: season)
                        if model.isRestricted { continue }
                        if !positive && (error == .multiplicative || season == .multiplicative) { continue }
                        let problem = ETSEstimation.Problem(y: y, model: model, period: m, bounds: bounds,
                                                            limits: limits, search: .r)
                        guard let fit = ETSEstimation.fit(problem, seriesName: series.name, start: series.start,
                                                          frequency: m) else { continue }
                        candidates.append((problem, fit))
                    }
                }
            }
        }
        let firstBest = candidates.map { score($0.fit) }.filter { !$0.isNaN }.min() ?? .infinity
        var best: ETSFit?
        var bestScore = Double.infinity
        for (problem, rFit) in candidates {
            var fit = rFit
            if search == .thorough && (isFixed || score(rFit) <= firstBest + Self.restartMargin) {
                let thorough = ETSEstimation.Problem(y: y, model: problem.model, period: m, bounds: bounds,
                                                     limits: limits, search: .thorough)
                if let refit = ETSEstimation.fit(thorough, seriesName: series.name, start: series.start,
                                                 frequency: m, continuing: rFit),
                   !(refit.logLikelihood < rFit.logLikelihood) {
                    fit = refit
                }
            }
            let s = score(fit)
            if !s.isNaN && s < bestScore {
                best = fit
                bestScore = s
            }
        }
        guard let best else {
            throw .tooShort(series: series.name, count: n, needed: n + 1, model: what)
        }
        if warnings.isEmpty { return best }
        return ETSFit(seriesName: best.seriesName, start: best.start, frequency: best.frequency, y: best.y,
                      model: best.model, parameters: best.parameters, initialStates: best.initialStates,
                      states: best.states, logLikelihood: best.logLikelihood, aic: best.aic, aicc: best.aicc,
                      bic: best.bic, sigma2: best.sigma2, residuals: best.residuals,
                      fittedValues: best.fittedValues, parameterCount: best.parameterCount,
                      warnings: warnings + best.warnings)
    }

    /// The fit at given smoothing parameters and initial states, without estimation (R's `ets(y, model = fit,
    /// use.initial.values = TRUE)`): log-likelihood, criteria, σ², residuals, states, and forecasts from them.
    ///
    /// `initialStates` is R's `initstate`: ℓ₀, then b₀ for trend models, then all m seasonal states s₀ … s_{−m+1}
    /// for seasonal models. The parameters are not checked against the bounds (R does not check them here either).
    public static func evaluate(_ series: TimeSeries, model: ETSModel, parameters: ETSParameters,
                                initialStates: [Double]) throws(ForecastError) -> ETSFit {
        let y = try series.complete()
        let m = model.season == .none ? 1 : series.frequency
        let expected = 1 + (model.trend.hasSlope ? 1 : 0) + (model.season == .none ? 0 : m)
        guard initialStates.count == expected else {
            throw .invalidOption("\(model.name) needs \(expected) initial states, \(initialStates.count) given")
        }
        guard (parameters.beta != nil) == model.trend.hasSlope,
              (parameters.gamma != nil) == (model.season != .none),
              (parameters.phi != nil) == (model.trend == .damped) else {
            throw .invalidOption("\(model.name): the smoothing parameters given do not match the model's components")
        }
        guard !y.isEmpty else { throw .tooShort(series: series.name, count: 0, needed: 1, model: model.name) }
        return ETSEstimation.evaluate(y: y, model: model, period: m, parameters: parameters,
                                      initialStates: initialStates, seriesName: series.name, start: series.start,
                                      frequency: series.frequency, warnings: [])
    }
}
