public import ArgumentParser
import Forecasting
import Reporting
import Tabular
import Foundation

/// `carestat forecast FILE --series COL --time COL --value COL --horizon 5`: forecasts of annual (or quarterly,
/// monthly) counts for one or many series, with prediction intervals, an optional rolling-origin backtest and
/// reconciliation over a hierarchy. JSON follows DESIGN.md's `forecast` contract; counts of people (the history)
/// go through the disclosure gate and forecasts that would reveal a withheld count are withheld
/// (see ``ForecastRunSpec/Result/output(population:spec:policy:valueLabel:historyAreCounts:)``).
public struct ForecastCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast counts (e.g. children looked after per LA) with prediction intervals, backtests and reconciliation.",
        discussion: """
            Examples:
              carestat forecast la.csv --series new_la_code --time time_period --value at31_cla --horizon 5
              carestat forecast la.csv --series new_la_code --time time_period --value at31_cpp --backtest --plot cpp.svg
              carestat forecast la.csv --series new_la_code --time time_period --value at31_cla \\
                --reconcile mint --hierarchy regions.csv
            Methods: auto (default: the equal-weight combination of automatic ETS, automatic ARIMA, drift and \
            naive, with fallbacks drift → naive → mean for short series, intervals calibrated to the series' own rolling-origin errors), ets, arima, \
            naive, snaive, drift, mean (R forecast's naive, snaive, rwf(drift = TRUE), meanf). --transform fits on \
            the log, log(1 + y) or Box–Cox scale and back-transforms (medians; --bias-adjust for means), so bounds \
            never go below zero. --hierarchy FILE: CSV with columns unit,parent (LA → region → England); the \
            aggregates are summed from the units' series. --hierarchy england-regions: the built-in list of English \
            LA codes and their nine regions; series that cannot be summed or placed are forecast alone and named.
            """
    )

    @Argument(help: "Data file (CSV/TSV, .dta, .sav, .sas7bdat): one row per series and time.")
    public var file: String

    @Option(help: "Column naming the series (an LA code). Without it the file is one series.")
    public var series: String?

    @Option(help: "Column of times (years; decimals for quarters or months, as R's ts).")
    public var time: String

    @Option(help: "Column of values (counts).")
    public var value: String

    @Option(help: "Steps to forecast.")
    public var horizon: Int = 5

    @Option(help: "Observations per year (1 annual, 4 quarterly, 12 monthly).")
    public var frequency: Int = 1

    @Option(help: "Method: auto, ets, arima, naive, snaive, drift, mean.")
    public var method: String = "auto"

    @Option(help: "ETS model in R's letters (e.g. AAdN), with --method ets.")
    public var model: String?

    @Option(help: "ARIMA order p,d,q, with --method arima.")
    public var order: String?

    @Flag(help: "Include a drift in the ARIMA model.")
    public var drift = false

    @Option(help: "Interval levels in percent, comma-separated.")
    public var level: String = "80,95"

    @Option(help: "Transform: none, log, log1p, boxcox:λ.")
    public var transform: String = "none"

    @Flag(name: .customLong("bias-adjust"), help: "Back-transform to the mean (R biasadj = TRUE) instead of the median.")
    public var biasAdjust = false

    @Option(help: "Interval calibration to rolling-origin errors: default (for --method auto: panel with ten or more series, series otherwise; none for other methods), none, series (each series' own errors), panel (errors pooled over all the series in the file).")
    public var calibration: String = "default"

    @Flag(help: "Rolling-origin backtest (horizons 1..h) against naive and drift.")
    public var backtest = false

    @Option(name: .customLong("min-training"), help: "Shortest training window of the backtest.")
    public var minTraining: Int = 6

    @Option(help: "Reconcile over --hierarchy: bottomup, ols, wls, mint.")
    public var reconcile: String?

    @Option(help: "CSV with columns unit,parent describing the hierarchy, or england-regions for the built-in English LA → region → England list (DfE codes).")
    public var hierarchy: String?

    @Flag(name: .customLong("fix-top"), help: "Keep the top level's forecast as it is when reconciling.")
    public var fixTop = false

    @Option(help: "Write the fan chart as SVG to this file.")
    public var plot: String?

    @Option(help: "Write rows that cannot be read (CSV) to this file instead of stopping at the first.")
    public var quarantine: String?

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        guard let choice = ForecastMethodChoice(rawValue: method) else {
            throw UserError("--method \(method): use one of " + ForecastMethodChoice.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard horizon >= 1 && horizon <= 1000 else { throw UserError("--horizon must be between 1 and 1000, got \(horizon)") }
        guard [1, 2, 4, 12, 52].contains(frequency) else { throw UserError("--frequency \(frequency): use 1, 4 or 12") }
        var levels: [Double] = []
        for part in level.split(separator: ",") {
            guard let l = Double(part.trimmingCharacters(in: .whitespaces)), l > 0, l < 100 else {
                throw UserError("--level: \"\(part)\" is not a percentage between 0 and 100 (use e.g. 80,95)")
            }
            levels.append(l)
        }
        let spec: any ForecastModelSpec
        var runSpec: ForecastRunSpec
        do {
            let tr = try ForecastTransform(parsing: transform)
            guard ["default", "none", "series", "panel"].contains(calibration) else {
                throw UserError("--calibration \(calibration): use default, none, series or panel")
            }
            let base = try ForecastMethodFactory.spec(choice, model: model, order: order, drift: drift, horizon: horizon,
                                                      calibrated: false)
            let transformed = TransformedSpec(base, transform: tr, biasAdjusted: biasAdjust)
            spec = transformed
            var recon: (Hierarchy, ReconciliationMethod, Bool)?
            if let reconcile {
                guard let m = ReconciliationMethod(rawValue: reconcile) else {
                    throw UserError("--reconcile \(reconcile): use bottomup, ols, wls or mint")
                }
                guard let hierarchy else { throw UserError("--reconcile needs --hierarchy FILE (columns unit,parent)") }
                if hierarchy != EnglandRegions.keyword { recon = (try readHierarchy(hierarchy), m, fixTop) }
            } else if hierarchy != nil || fixTop {
                throw UserError("--hierarchy and --fix-top apply with --reconcile")
            }
            runSpec = ForecastRunSpec(spec: spec, horizon: horizon, levels: levels,
                                      backtest: backtest ? BacktestOptions(minimumTraining: minTraining, horizon: horizon, levels: levels) : nil,
                                      reconciliation: recon)
        } catch let e as ForecastError {
            throw UserError(e.description)
        }
        let frame = try DataLoading.load(file, quarantine: quarantine, nonFiniteNumbers: .read).frame
        let timeColumn = try column(frame, time, "--time"), valueColumn = try column(frame, value, "--value")
        let seriesColumn = try series.map { try column(frame, $0, "--series") }
        for (c, option) in [(timeColumn, "--time"), (valueColumn, "--value")] where !c.isNumeric {
            let bad = (0..<c.count).first { !c.isMissing($0) }.flatMap { c.stringValue(at: $0) } ?? ""
            throw UserError("\(file): \(option) \(c.name) is not a numeric column (first value \"\(bad)\")")
        }
        // Rows grouped by series, in first-seen order; each series must be regularly spaced.
        var order: [String] = [], rows: [String: [(line: Int, time: Double, value: Double?)]] = [:]
        for i in 0..<frame.rowCount {
            let name = seriesColumn.map { $0.stringValue(at: i) ?? "" } ?? value
            guard let t = timeColumn.numericValue(at: i), t.isFinite else {
                throw UserError("\(file): data row \(i + 1), column \(time): \"\(timeColumn.stringValue(at: i) ?? "")\" is not a time")
            }
            let v = valueColumn.numericValue(at: i)
            if let v, !v.isFinite || v < 0 {
                throw UserError("\(file): data row \(i + 1), column \(value): \(v) is not a non-negative finite count")
            }
            if rows[name] == nil { order.append(name) }
            rows[name, default: []].append((i + 1, t, v))
        }
        var panel: [TimeSeries] = []
        for name in order {
            let r = rows[name]!.sorted { $0.time < $1.time }
            let step = 1 / Double(frequency)
            var values: [Double?] = []
            for (k, row) in r.enumerated() {
                if k > 0 {
                    let gap = (row.time - r[k - 1].time) / step
                    guard gap > 0.5 else { throw UserError("\(file): data row \(row.line): series \(name) has time \(row.time) twice") }
                    guard abs(gap - gap.rounded()) < 1e-6 else {
                        throw UserError("\(file): data row \(row.line): time \(row.time) of series \(name) is not on the --frequency \(frequency) grid")
                    }
                    for _ in 1..<Int(gap.rounded()) { values.append(nil) }   // a gap is a missing value, stated by the model
                }
                values.append(row.value)
            }
            panel.append(TimeSeries(name: name, values: values, start: r[0].time, frequency: frequency))
        }
        var hierarchyNotes: [String] = []
        if let reconcile, hierarchy == EnglandRegions.keyword, let m = ReconciliationMethod(rawValue: reconcile) {
            // The built-in LA → region → England hierarchy over the series that can be summed (every year present,
            // the longest span); the others are forecast on their own and named.
            let longest = panel.map(\.count).max() ?? 0
            let summable = panel.filter { s in s.count == longest && s.values.allSatisfy { $0 != nil } }.map(\.name)
            let left = panel.map(\.name).filter { !summable.contains($0) }
            do {
                let (h, unplaced) = try EnglandRegions.hierarchy(units: summable)
                runSpec.reconciliation = (h, m, fixTop)
                if !left.isEmpty { hierarchyNotes.append("\(left.count) series with a missing or extra time are forecast on their own, outside the region and England sums: \(left.joined(separator: ", ")).") }
                if !unplaced.isEmpty { hierarchyNotes.append("\(unplaced.count) series are not English LA codes in the region list and are forecast on their own, outside the sums: \(unplaced.joined(separator: ", ")).") }
            } catch { throw UserError("\(file): \(error)") }
        }
        let counts = panel.allSatisfy { $0.values.allSatisfy { $0.map { $0 == $0.rounded() } ?? true } }
        let mode = calibration != "default" ? calibration : (choice != .auto ? "none" : (panel.count >= 10 ? "panel" : "series"))
        if mode == "series" {
            runSpec.spec = EmpiricallyCalibratedSpec(spec, horizon: horizon)
        } else if mode == "panel" {
            runSpec.spec = PanelCalibratedSpec(spec, panel: panel, horizon: horizon)
        }
        let result: ForecastRunSpec.Result
        do { result = try runSpec.run(panel) } catch { throw UserError("\(file): \(error)") }
        if result.forecasts.isEmpty, let first = result.failures.sorted(by: { $0.key < $1.key }).first {
            throw UserError("\(file): no series could be forecast; \(first.value)")
        }
        var run = result.output(population: "series of \(value) in \(file)", spec: runSpec, policy: options.disclosurePolicy,
                                valueLabel: value, historyAreCounts: counts)
        run.notes += hierarchyNotes.map { .literal($0) }
        if !counts {
            run.notes.append(.literal("The values of \(value) are not whole numbers, so they are treated as estimates, not counts of people."))
        }
        try Console.publish(run, options: options, figurePath: { _ in plot })
    }

    private func readHierarchy(_ path: String) throws -> Hierarchy {
        let frame = try DataLoading.load(path).frame
        guard let u = frame.column(named: "unit"), let p = frame.column(named: "parent") else {
            throw UserError("--hierarchy \(path): needs columns unit and parent (found \(frame.columnNames.joined(separator: ", ")))")
        }
        var pairs: [(String, String)] = []
        for i in 0..<frame.rowCount {
            guard let a = u.stringValue(at: i), let b = p.stringValue(at: i), !a.isEmpty, !b.isEmpty else {
                throw UserError("--hierarchy \(path): data row \(i + 1) has an empty unit or parent")
            }
            pairs.append((a, b))
        }
        do { return try Hierarchy(pairs: pairs) } catch { throw UserError("--hierarchy \(path): \(error)") }
    }

    private func column(_ frame: DataFrame, _ name: String, _ option: String) throws -> DataColumn {
        try DataColumns(file: file).column(frame, name, option)
    }
}
