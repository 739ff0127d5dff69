internal import Foundation

/// Automatic ARIMA as R forecast 8.20's `auto.arima(y)` does it by default: d by repeated KPSS tests (`ndiffs`),
/// D for seasonal data by the seasonal-strength rule (`nsdiffs`, see `seasonalDifferences`), then Hyndman &
/// Khandakar's (2008) stepwise search over (p, q, P, Q, constant) by AICc, with forecast's limits (orders at most n/3,
/// start at (2,2)(1,1), or (1,1)(0,0) below ten observations), its order of moves, its constant/drift rules (drift
/// only with one difference, a mean only with none) and its rejection of fits with a root modulus below 1.01 or a
/// NaN standard error.
///
/// Differences from R, stated: R switches to CSS "approximation" above 150 observations or above frequency 12; here
/// every candidate is fitted by exact ML (the criterion R's approximation stands in for). The chosen model is
/// re-fitted with the polishing step of `ARIMASpec` (never a lower likelihood than the search's fit). D comes from
/// forecast's seasonal-strength rule (`ARIMASeasonalStrength`, at most one seasonal difference) unless given.
///
/// Never crashes on short series: when no candidate can be fitted the fit throws `ForecastError.tooShort`, so the
/// caller can fall back to a simpler method.
public struct AutoARIMASpec: ForecastModelSpec, Equatable {
    public var maxP = 5
    public var maxQ = 5
    public var maxSeasonalP = 2
    public var maxSeasonalQ = 2
    public var maxD = 2
    public var maxSeasonalD = 1
    public var startP = 2
    public var startQ = 2
    public var startSeasonalP = 1
    public var startSeasonalQ = 1
    /// Consider seasonal models on series with frequency > 1 (R's `seasonal = TRUE`).
    public var seasonal = true
    public var allowDrift = true
    public var allowMean = true
    /// Fixed number of differences instead of the KPSS tests (R's `d`).
    public var differences: Int?
    /// Fixed number of seasonal differences (R's `D`) instead of the seasonal-strength rule.
    public var seasonalDifferences: Int?
    /// R's `nmodels`: the stepwise search stops after this many candidates.
    public var maxModels = 94

    public init() {}

    public var label: String { "auto.arima" }

    public func fit(_ series: TimeSeries) throws(ForecastError) -> any FittedForecastModel {
        try fitARIMA(series)
    }

    /// One candidate of the search (R's `myarima`): the fit and its criterion (∞ when it failed or was rejected).
    struct Candidate {
        var fit: ARIMAFit?
        var ic: Double
    }

    public func fitARIMA(_ series: TimeSeries) throws(ForecastError) -> ARIMAFit {
        let x = try series.complete()
        let n = x.count
        guard n >= 1 else { throw .tooShort(series: series.name, count: 0, needed: 1, model: "auto.arima") }
        if ARIMASeries.isConstant(x) {
            return try constantFit(series, x)
        }
        let m = seasonal ? max(1, series.frequency) : 1
        var maxp = min(maxP, n / 3)
        var maxq = min(maxQ, n / 3)
        var maxSP = min(maxSeasonalP, n / 3 / m)
        var maxSQ = min(maxSeasonalQ, n / 3 / m)
        let useAIC = n <= 3
        var D: Int
        if m == 1 {
            D = 0
            maxSP = 0
            maxSQ = 0
        } else if let given = seasonalDifferences {
            D = given
        } else if n <= 2 * m {
            D = 0
        } else {
            D = min(maxSeasonalD, ARIMASeasonalStrength.seasonalDifferences(x, period: m))
        }
        if D > 0 && ARIMASeries.difference(x, lag: m, times: D).isEmpty { D -= 1 }
        var dx = D > 0 ? ARIMASeries.difference(x, lag: m, times: D) : x
        var d: Int
        if let given = differences {
            d = given
        } else {
            d = kpssDifferences(dx, maxD: maxD)
            if d > 0 && ARIMASeries.difference(dx, lag: 1, times: d).isEmpty { d -= 1 }
        }
        if d > 0 { dx = ARIMASeries.difference(dx, lag: 1, times: d) }
        guard !dx.isEmpty else {
            throw .tooShort(series: series.name, count: n, needed: d + D * m + 1, model: "auto.arima")
        }
        if ARIMASeries.isConstant(dx) {
            return try linearFit(series, x, d: d, D: D, m: m, dx: dx)
        }
        if m > 1 {
            if maxSP > 0 { maxp = min(maxp, m - 1) }
            if maxSQ > 0 { maxq = min(maxq, m - 1) }
        }
        let allowdrift = allowDrift && d + D == 1
        let allowmean = allowMean && d + D == 0
        var constant = allowdrift || allowmean

        func candidate(_ p: Int, _ q: Int, _ P: Int, _ Q: Int, _ withConstant: Bool) -> Candidate {
            let regressor: ARIMARegressor = withConstant ? (d + D == 1 ? .drift : (d + D == 0 ? .intercept : .none)) : .none
            let useSeason = P + D + Q > 0
            let estimator = ARIMAEstimator(x: x, p: p, d: d, q: q, seasonalP: useSeason ? P : 0,
                                           seasonalD: useSeason ? D : 0, seasonalQ: useSeason ? Q : 0,
                                           period: series.frequency, regressor: regressor)
            guard let estimate = try? estimator.fit(polish: false) else { return Candidate(fit: nil, ic: .infinity) }
            let fit = ARIMAFit(series: series, values: x, estimate: estimate, period: m, criteria: .autoArima,
                               warnings: [])
            let ic = useAIC ? fit.aic : fit.aicc
            guard !ic.isNaN, fit.passesAutoARIMAChecks else { return Candidate(fit: fit, ic: .infinity) }
            return Candidate(fit: fit, ic: ic)
        }

        var startp = startP, startq = startQ, startSP = startSeasonalP, startSQ = startSeasonalQ
        if n < 10 {
            startp = min(startp, 1)
            startq = min(startq, 1)
            startSP = 0
            startSQ = 0
        }
        var p = min(startp, maxp)
        var q = min(startq, maxq)
        var P = min(startSP, maxSP)
        var Q = min(startSQ, maxSQ)
        let nmodels = maxModels
        var results: [(p: Int, q: Int, P: Int, Q: Int, constant: Bool)] = []
        func isNew(_ p: Int, _ q: Int, _ P: Int, _ Q: Int, _ c: Bool) -> Bool {
            !results.contains { $0.p == p && $0.q == q && $0.P == P && $0.Q == Q && $0.constant == c }
        }
        var best = candidate(p, q, P, Q, constant)
        results.append((p, q, P, Q, constant))
        var fit = candidate(0, 0, 0, 0, constant)
        results.append((0, 0, 0, 0, constant))
        if fit.ic < best.ic {
            best = fit
            p = 0; q = 0; P = 0; Q = 0
        }
        var k = 2
        if maxp > 0 || maxSP > 0 {
            let np = maxp > 0 ? 1 : 0, nP = (m > 1 && maxSP > 0) ? 1 : 0
            fit = candidate(np, 0, nP, 0, constant)
            results.append((np, 0, nP, 0, constant))
            if fit.ic < best.ic {
                best = fit
                p = np; P = nP; q = 0; Q = 0
            }
            k += 1
        }
        if maxq > 0 || maxSQ > 0 {
            let nq = maxq > 0 ? 1 : 0, nQ = (m > 1 && maxSQ > 0) ? 1 : 0
            fit = candidate(0, nq, 0, nQ, constant)
            results.append((0, nq, 0, nQ, constant))
            if fit.ic < best.ic {
                best = fit
                p = 0; P = 0; Q = nQ; q = nq
            }
            k += 1
        }
        if constant {
            fit = candidate(0, 0, 0, 0, false)
            results.append((0, 0, 0, 0, false))
            if fit.ic < best.ic {
                best = fit
                p = 0; q = 0; P = 0; Q = 0
            }
            k += 1
        }

        // The stepwise neighbourhood search, in forecast's order of moves; after an improvement the search restarts
        // from the new model.
        var startk = 0
        search: while startk < k && k < nmodels {
            startk = k
            let moves: [(dp: Int, dq: Int, dP: Int, dQ: Int, allowed: Bool)] = [
                (0, 0, -1, 0, P > 0), (0, 0, 0, -1, Q > 0), (0, 0, 1, 0, P < maxSP), (0, 0, 0, 1, Q < maxSQ),
                (0, 0, -1, -1, Q > 0 && P > 0), (0, 0, -1, 1, Q < maxSQ && P > 0), (0, 0, 1, -1, Q > 0 && P < maxSP),
                (0, 0, 1, 1, Q < maxSQ && P < maxSP),
                (-1, 0, 0, 0, p > 0), (0, -1, 0, 0, q > 0), (1, 0, 0, 0, p < maxp), (0, 1, 0, 0, q < maxq),
                (-1, -1, 0, 0, q > 0 && p > 0), (-1, 1, 0, 0, q < maxq && p > 0), (1, -1, 0, 0, q > 0 && p < maxp),
                (1, 1, 0, 0, q < maxq && p < maxp),
            ]
            for move in moves where move.allowed {
                let np = p + move.dp, nq = q + move.dq, nP = P + move.dP, nQ = Q + move.dQ
                guard isNew(np, nq, nP, nQ, constant) else { continue }
                k += 1
                if k > nmodels { continue search }
                fit = candidate(np, nq, nP, nQ, constant)
                results.append((np, nq, nP, nQ, constant))
                if fit.ic < best.ic {
                    best = fit
                    p = np; q = nq; P = nP; Q = nQ
                    continue search
                }
            }
            if allowdrift || allowmean {
                if isNew(p, q, P, Q, !constant) {
                    k += 1
                    if k > nmodels { continue search }
                    fit = candidate(p, q, P, Q, !constant)
                    results.append((p, q, P, Q, !constant))
                    if fit.ic < best.ic {
                        best = fit
                        constant.toggle()
                    }
                }
            }
        }
        guard best.ic < .infinity, let chosen = best.fit else {
            throw .tooShort(series: series.name, count: n, needed: n + 1, model: "auto.arima (no ARIMA model could be fitted)")
        }
        return polished(chosen, series: series, x: x, m: m)
    }

    /// The chosen model re-fitted with the polishing step; kept only if it still passes the checks and its AICc is
    /// no worse.
    private func polished(_ fit: ARIMAFit, series: TimeSeries, x: [Double], m: Int) -> ARIMAFit {
        let e = fit.estimate
        let estimator = ARIMAEstimator(x: x, p: e.layout.p, d: e.d, q: e.layout.q, seasonalP: e.layout.seasonalP,
                                       seasonalD: e.seasonalD, seasonalQ: e.layout.seasonalQ, period: e.layout.period,
                                       regressor: e.regressor)
        guard let better = try? estimator.fit(polish: true) else { return fit }
        let refit = ARIMAFit(series: series, values: x, estimate: better, period: m, criteria: .autoArima, warnings: [])
        return refit.passesAutoARIMAChecks && refit.aicc <= fit.aicc ? refit : fit
    }

    /// forecast's answer for an exactly constant series: ARIMA(0,0,0) with the mean fixed at the value; forecasts
    /// repeat it with zero-width intervals.
    private func constantFit(_ series: TimeSeries, _ x: [Double]) throws(ForecastError) -> ARIMAFit {
        let mean = x.reduce(0, +) / Double(x.count)
        let estimator = ARIMAEstimator(x: x, p: 0, d: 0, q: 0, seasonalP: 0, seasonalD: 0, seasonalQ: 0,
                                       period: series.frequency, regressor: allowMean ? .intercept : .none)
        let estimate: ARIMAEstimate
        do {
            estimate = try estimator.fit(fixedRegression: allowMean ? mean : nil)
        } catch {
            throw .inapplicableModel(series: series.name, model: "ARIMA(0,0,0)", reason: error.reason)
        }
        return ARIMAFit(series: series, values: x, estimate: estimate, period: 1, criteria: .arima,
                        warnings: ["the series is constant: forecasts repeat its value with no uncertainty"],
                        constantValue: x[0])
    }

    /// forecast's answer when the differenced series is constant (an exactly linear or seasonal pattern):
    /// ARIMA(0,d,0)(0,D,0) with the drift or mean fixed at the differences' mean.
    private func linearFit(_ series: TimeSeries, _ x: [Double], d: Int, D: Int, m: Int,
                           dx: [Double]) throws(ForecastError) -> ARIMAFit {
        let meanDx = dx.reduce(0, +) / Double(dx.count)
        var regressor: ARIMARegressor = .none
        var fixed: Double? = nil
        if D > 0 && d == 0 {
            regressor = .drift
            fixed = meanDx / Double(m)
        } else if D == 0 && d < 2 {
            regressor = d == 1 ? .drift : .intercept
            fixed = meanDx
        } else if D == 0 && d > 2 {
            throw .inapplicableModel(series: series.name, model: "ARIMA",
                                     reason: "the data follow a simple polynomial and are not suitable for ARIMA modelling")
        }
        let estimator = ARIMAEstimator(x: x, p: 0, d: d, q: 0, seasonalP: 0, seasonalD: D, seasonalQ: 0,
                                       period: m, regressor: regressor)
        let estimate: ARIMAEstimate
        do {
            estimate = try estimator.fit(fixedRegression: fixed)
        } catch {
            throw .inapplicableModel(series: series.name, model: "ARIMA(0,\(d),0)", reason: error.reason)
        }
        return ARIMAFit(series: series, values: x, estimate: estimate, period: m, criteria: .arima, warnings: [])
    }
}
