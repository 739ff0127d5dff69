import CareData
import Forecasting
import Foundation
public import Reporting

/// The child-protection stock–flow part of the `demand-forecast` spec: ``ChildProtectionProjection`` fitted to the
/// CIN census files of CareStat's embedded synthetic data (the LA panel the rest of the spec reads has no
/// episode-level data), projected `horizonMonths` ahead from the data end with a `windowMonths` reference window,
/// with the backtest beside it. Its tables are the `cp-…` tables of `carestat demand --cin`.
public struct ChildProtectionStockFlowPart: Sendable, Equatable {
    public let horizonMonths: Int
    public let windowMonths: Int
    public let paths: Int
    public let seed: UInt64

    public init(horizonMonths: Int = 60, windowMonths: Int = 36, paths: Int = 1000, seed: UInt64 = 20_240_331) {
        self.horizonMonths = horizonMonths
        self.windowMonths = windowMonths
        self.paths = paths
        self.seed = seed
    }

    /// Generates (or reuses) the embedded synthetic data in the default cache, fits, projects and back-casts, and
    /// adds the CP tables and the `cp-fan` figure to `output`.
    public func add(to output: inout RunOutput, threads: Int = 2) throws {
        let cache = SyntheticDataCache(cacheDirectory: SyntheticDataCache.defaultDirectory(environment: ProcessInfo.processInfo.environment))
        let files = try cache.files(seed: nil)
        let validation = try CareDataInputs(cinPaths: [files.directory]).validate()
        guard let end = validation.cinDataEnd?.date else { throw SpecError.badData("demand-forecast: the synthetic data have no CIN census") }
        let episodes = validation.cinEpisodes
        let start = end.adding(months: -windowMonths)
        let observations = ChildProtectionObservations.build(episodes: episodes, start: start, origin: end)
        let posterior = try ChildProtectionPosterior(observations)
        let spec = StockFlowProjectionSpec(horizonMonths: horizonMonths, paths: paths, seed: seed, threads: threads)
        let baseline = try ChildProtectionProjection.run(posterior, spec: spec)
        let earliest = episodes.compactMap { $0.referralDate.date }.min() ?? end
        let backtest = try ChildProtectionBacktest.run(episodes: episodes, dataEnd: end, earliest: earliest, windowMonths: windowMonths,
                                                       paths: paths, seed: seed, threads: threads)
        let dates = (0...windowMonths).map { end.adding(months: $0 - windowMonths) }
        let history = Array(zip(dates, ChildProtectionObservations.stock(episodes: episodes, on: dates))).map { ($0.0, $0.1) }
        ChildProtectionDemandResult(origin: end, windowStart: start, observations: observations, posterior: posterior, spec: spec,
                                    baseline: baseline, history: history, backtest: backtest,
                                    population: files.note).add(to: &output)
        output.notes.append(.literal("Child protection stock–flow projection (cp- tables): " + files.note))
    }
}

extension DemandForecast {
    /// `forecast` with the child-protection stock–flow part set.
    public static func withChildProtection(_ forecast: DemandForecast, _ part: ChildProtectionStockFlowPart) -> DemandForecast {
        var f = forecast
        f.childProtection = part
        return f
    }
}
