public import Forecasting
public import Reporting
public import Tabular

/// Demand forecasts from an LA panel: each measure (children looked after, on a child protection plan) forecast
/// `horizon` years out for every local authority, for each English region and for England (regions and England
/// the sums of the LAs with a complete series), reconciled over LA → region → England (``Levels/regions``, the
/// default; the panel has no region column, so regions come from ``EnglandRegions``' DfE code list) or LA →
/// England (``Levels/england``), with the rolling-origin backtest (accuracy and coverage) beside the forecasts.
///
/// Every LA is accounted for: LAs with a missing year are forecast on their own where the model allows and left
/// out of the sums, because a sum with a gap is not England; LA codes not in the region list are left out of the
/// sums too; both are named in a note of the output.
///
/// The stock–flow projections (looked after from SSDA903, with spend; child protection from the CIN census) are
/// separate parts of the `demand-forecast` spec on the embedded synthetic data: ``lookedAfter`` and
/// ``childProtection``.
public struct DemandForecast: Sendable {
    /// The levels the LA forecasts are reconciled to.
    public enum Levels: String, Sendable, Equatable {
        /// LA → England.
        case england
        /// LA → region (the nine English regions) → England.
        case regions
    }

    public struct Measure: Sendable, Equatable {
        public let label: String
        public let column: String
        public init(_ label: String, column: String) {
            self.label = label
            self.column = column
        }
    }

    public let unit: String
    public let period: String
    public let measures: [Measure]
    public let horizon: Int
    public let method: ForecastMethodChoice
    public let reconciliation: ReconciliationMethod
    public let levels: Levels
    public let backtest: BacktestOptions
    /// The name of the top of the hierarchy.
    public let total: String
    /// The looked-after stock–flow projection with spend on the synthetic SSDA903 (nil: none).
    public var lookedAfter: LookedAfterStockFlowPart? = nil
    /// The child-protection stock–flow projection on the synthetic CIN census (nil: none).
    public var childProtection: ChildProtectionStockFlowPart? = nil

    public init(unit: String, period: String, measures: [Measure], horizon: Int = 5, method: ForecastMethodChoice = .auto,
                reconciliation: ReconciliationMethod = .mintShrink, levels: Levels = .regions, backtest: BacktestOptions = BacktestOptions(),
                total: String = "England") {
        self.unit = unit
        self.period = period
        self.measures = measures
        self.horizon = horizon
        self.method = method
        self.reconciliation = reconciliation
        self.levels = levels
        self.backtest = backtest
        self.total = total
    }

    /// Computes every measure's forecasts and adds them to `output` (tables named by measure column).
    public func add(_ frame: DataFrame, to output: inout RunOutput, policy: DisclosurePolicy) throws {
        guard let unitColumn = frame.column(named: unit), let periodColumn = frame.column(named: period) else {
            throw SpecError.badData("demand-forecast: the data need columns \(unit) and \(period)")
        }
        for m in measures {
            guard let valueColumn = frame.column(named: m.column) else {
                throw SpecError.badData("demand-forecast: no column \(m.column) in the data")
            }
            var byUnit: [String: [(Double, Double?)]] = [:], order: [String] = []
            for i in 0..<frame.rowCount {
                guard let u = unitColumn.stringValue(at: i), let t = periodColumn.numericValue(at: i) else { continue }
                if byUnit[u] == nil { order.append(u) }
                byUnit[u, default: []].append((t, valueColumn.numericValue(at: i)))
            }
            var panel: [TimeSeries] = []
            for u in order {
                let rows = byUnit[u]!.sorted { $0.0 < $1.0 }
                panel.append(TimeSeries(name: u, values: rows.map(\.1), start: rows[0].0))
            }
            let longest = panel.map(\.count).max() ?? 0
            let complete = panel.filter { s in s.values.allSatisfy { $0 != nil } && s.count == longest }
            let incomplete = panel.filter { s in !complete.contains { $0.name == s.name } }.map(\.name)
            do {
                let hierarchy: Hierarchy
                var unplaced: [String] = []
                switch levels {
                case .england:
                    hierarchy = try Hierarchy(pairs: complete.map { ($0.name, total) })
                case .regions:
                    (hierarchy, unplaced) = try EnglandRegions.hierarchy(units: complete.map(\.name), total: total)
                }
                if !incomplete.isEmpty {
                    output.notes.append(.literal("\(m.column): \(incomplete.count) LA series with a missing year are forecast on their own and left out of the region and England sums: \(incomplete.joined(separator: ", "))."))
                }
                if !unplaced.isEmpty {
                    output.notes.append(.literal("\(m.column): \(unplaced.count) LA codes are not in the English region list and are forecast on their own, outside the sums: \(unplaced.joined(separator: ", "))."))
                }
                let base = try ForecastMethodFactory.spec(method, horizon: horizon, calibrated: false)
                // Intervals calibrated to the panel's rolling-origin errors (PanelCalibratedSpec: the coverage
                // study behind this choice is in its documentation).
                let spec = method == .auto ? PanelCalibratedSpec(base, panel: panel, horizon: horizon) : base
                let run = ForecastRunSpec(spec: spec, horizon: horizon, levels: [80, 95], backtest: backtest,
                                          reconciliation: (hierarchy, reconciliation, false))
                let result = try run.run(panel)
                result.add(to: &output, spec: run, policy: policy, valueLabel: m.column, prefix: m.column + "-", setsJSON: false)
            } catch {
                throw SpecError.badData("demand-forecast, \(m.column): \(error)")
            }
        }
    }
}
