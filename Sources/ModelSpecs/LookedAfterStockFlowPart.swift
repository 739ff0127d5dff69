import CareData
import Forecasting
import Foundation
public import Reporting
public import Tabular

/// The looked-after stock–flow part of the `demand-forecast` spec: ``StockFlowProjection`` fitted to the SSDA903
/// episodes of CareStat's embedded synthetic data (the LA panel the rest of the spec reads has no episode-level
/// data), projected `horizonMonths` ahead from the data end with a `windowMonths` reference window, with projected
/// placement spend and the backtest beside it. Its tables are the `demand-…` tables of `carestat demand`.
///
/// Costs. No published weekly unit cost by placement type is in the project's sources, so the spec uses one
/// figure for every placement group, computed from the panel it reads: England's gross expenditure on children
/// looked after in the panel's latest year with both columns (`gspend_cla`, £ million at 2022 prices, S251 and
/// revenue outturns) divided by the children looked after at 31 March that year (`at31_cla`) and by 365.2425 / 7
/// weeks. It is an average over all placements (residential costs several times foster care), so the spend is
/// the stock times an England average, not a costing of the mix; `carestat demand --costs FILE` takes costs by
/// placement type.
public struct LookedAfterStockFlowPart: Sendable, Equatable {
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

    /// England's average gross weekly expenditure per child looked after (see the type's doc), with the year used.
    /// Sums over the LAs with both values in that year. Throws when the panel has neither column.
    public static func averageWeeklyCost(_ frame: DataFrame, period: String) throws -> (cost: Double, year: Int, las: Int) {
        guard let spend = frame.column(named: "gspend_cla"), let cla = frame.column(named: "at31_cla"),
              let time = frame.column(named: period) else {
            throw SpecError.badData("demand-forecast: the stock–flow costs need columns gspend_cla, at31_cla and \(period)")
        }
        var byYear: [Int: (spend: Double, children: Double, las: Int)] = [:]
        for i in 0..<frame.rowCount {
            guard let t = time.numericValue(at: i), let s = spend.numericValue(at: i), let c = cla.numericValue(at: i),
                  s.isFinite, c.isFinite, s > 0, c > 0 else { continue }
            let y = Int(t)
            let old = byYear[y] ?? (0, 0, 0)
            byYear[y] = (old.spend + s, old.children + c, old.las + 1)
        }
        guard let year = byYear.keys.max(), let v = byYear[year] else {
            throw SpecError.badData("demand-forecast: no year with both gspend_cla and at31_cla for the stock–flow costs")
        }
        return (v.spend * 1_000_000 / v.children / (365.2425 / 7), year, v.las)
    }

    /// Generates (or reuses) the embedded synthetic data in the default cache, fits, projects (with spend at the
    /// panel's average weekly cost) and back-casts, and adds the `demand-…` tables and the `fan` figure to `output`.
    public func add(to output: inout RunOutput, panel: DataFrame, period: String, threads: Int = 2) throws {
        let (cost, costYear, costLAs) = try Self.averageWeeklyCost(panel, period: period)
        let cache = SyntheticDataCache(cacheDirectory: SyntheticDataCache.defaultDirectory(environment: ProcessInfo.processInfo.environment))
        let files = try cache.files(seed: nil)
        let validation = try CareDataInputs(ssda903Path: files.episodes, headerPath: files.header).validate()
        guard let end = validation.dataEnd?.date else { throw SpecError.badData("demand-forecast: the synthetic data have no SSDA903 episodes") }
        let prepared = StockFlowInputs(validation)
        let birthDates = prepared.birthDates, periods = prepared.periods
        let start = end.adding(months: -windowMonths)
        let observations = StockFlowObservations.build(periods: periods, birthDates: birthDates, start: start, origin: end)
        let posterior = try StockFlowPosterior(observations)
        let spec = StockFlowProjectionSpec(horizonMonths: horizonMonths, paths: paths, seed: seed, threads: threads)
        let baseline = try StockFlowProjection.run(posterior, spec: spec)
        let earliest = prepared.earliestEpisodeStart ?? end
        let backtest = try StockFlowBacktest.run(periods: periods, birthDates: birthDates, dataEnd: end, earliest: earliest,
                                                 windowMonths: windowMonths, paths: paths, seed: seed, threads: threads)
        let dates = (0...windowMonths).map { end.adding(months: $0 - windowMonths) }
        let history = Array(zip(dates, StockFlowObservations.stock(periods: periods, birthDates: birthDates, on: dates))).map { ($0.0, $0.1) }
        let costs = [Double](repeating: cost, count: StockFlowPlacement.allCases.count)
        StockFlowDemandResult(origin: end, windowStart: start, observations: observations, posterior: posterior, spec: spec,
                              baseline: baseline, history: history, weeklyCosts: costs, backtest: backtest,
                              population: files.note).add(to: &output)
        if validation.excludedRecordCount > 0 {
            let id = output.ledger.count(validation.excludedRecordCount, role: .records, label: "SSDA903 records excluded by validation")
            output.notes.append(CountNote("Looked-after stock–flow projection: {} SSDA903 records failed validation and were left out.", [id]))
        }
        output.notes.append(.literal("Looked-after stock–flow projection (demand- tables): " + files.note + " Spend at one weekly cost "
            + "for every placement group, £\(Int(cost.rounded())) a week: England's gross expenditure on children looked after in "
            + "\(costYear) (gspend_cla, 2022 prices, \(costLAs) LAs) divided by the children looked after at 31 March and by "
            + "365.2425 / 7 weeks; an average over all placements, not a costing of the mix (give costs by placement type with "
            + "carestat demand --costs)."))
    }
}

extension DemandForecast {
    /// `forecast` with the looked-after stock–flow part set.
    public static func withLookedAfter(_ forecast: DemandForecast, _ part: LookedAfterStockFlowPart) -> DemandForecast {
        var f = forecast
        f.lookedAfter = part
        return f
    }
}
