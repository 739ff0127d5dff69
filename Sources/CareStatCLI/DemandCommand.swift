public import ArgumentParser
import CareData
import Forecasting
import Foundation
import Reporting
import Tabular

/// `carestat demand [--ssda903 FILE] --horizon 5y`: the stock–flow demand model (``StockFlowProjection``) fitted to
/// child-level SSDA903 episodes over a reference window and projected by Monte Carlo, with scenarios, costs,
/// backtest and fan charts. Without `--ssda903` it runs on the embedded synthetic data.
public struct DemandCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "demand",
        abstract: "Stock-flow projection of children looked after (age band x placement type), with scenarios and costs.",
        discussion: """
            Examples:
              carestat demand --horizon 5y --plot fan.svg
              carestat demand --ssda903 episodes.csv --horizon 5y --paths 10000 --scenario entry:+10% --scenario mix:residential>foster:10%
              carestat demand --ssda903 episodes.csv --costs costs.csv --backtest
              carestat demand --cin cin_census_*.csv --cp-scenario stepup:+20% --plot cp.svg
            States: DfE age band (under 1, 1-4, 5-9, 10-15, 16-17) x placement group (foster, residential, \
            supported, other). Monthly move and exit hazards (exits home, adoption, SGO/CAO, other) are counts over \
            child-months in the reference window with Gamma posteriors; entrants by band are Poisson with a Gamma \
            posterior, UASC apart; children age by month and leave at 18. Each Monte Carlo path draws its rates from \
            the posterior. Scenarios: entry:+10%, uasc:+20%, exit:-5%, mix:FROM>TO:10% (groups), cap:24m or cap:2y \
            (caps the expected time in care). --costs FILE: CSV with columns placement,weekly_cost (one row per group); \
            CareStat ships no unit costs (none are published with its data), so without --costs there is no spend \
            and the output says "no costs given".
            """
    )

    @Option(help: "SSDA903 episodes CSV (default: the embedded synthetic data).") public var ssda903: String?
    @Option(help: "SSDA903 header CSV (default: beside the episodes file).") public var header: String?
    @Option(help: "SSDA903 UASC table CSV (CHILD, SEX, DOB, DUC): marks UASC entrants (default: a proxy, V2 with N8 at 10+).")
    public var uasc: String?
    @Option(parsing: .upToNextOption, help: "CIN census files (CSV or XML) or directories: adds the child-protection projection (CIN and CPP states); alone without --ssda903.")
    public var cin: [String] = []
    @Option(help: "A child-protection scenario (repeatable): entry:+10%, stepup:+20%, stepdown:-10%, exit:-5%.")
    public var cpScenario: [String] = []
    @Option(help: "Projection horizon: 5y, 60m or a number of years.") public var horizon: String = "5y"
    @Option(help: "Monte Carlo paths.") public var paths: Int = 10_000
    @Option(help: "Projection origin date (yyyy-mm-dd or dd/mm/yyyy; default: the data end).") public var origin: String?
    @Option(help: "Reference window before the origin: 3y, 36m or a number of years.") public var window: String = "3y"
    @Option(help: "A scenario (repeatable): entry:+10%, uasc:+20%, exit:-5%, mix:residential>foster:10%, cap:24m.")
    public var scenario: [String] = []
    @Option(help: "Weekly unit costs per placement group: CSV with columns placement,weekly_cost (none are built in: without it, no spend).") public var costs: String?
    @Option(help: "Write the fan chart as SVG to this file (scenarios go to FILE-scenarios.svg).") public var plot: String?
    @Flag(help: "Also back-cast from origins 2-5 years before the data end and compare with the observed stock.")
    public var backtest = false
    @Option(help: "Worker threads (default: the processor count). The result does not depend on it.") public var threads: Int?
    @Flag(help: "Show a progress bar on stderr (default: only when stderr is a terminal).") public var progress = false
    @Flag(help: "Project on the posterior means only (no parameter uncertainty), for comparison.")
    public var noParameterUncertainty = false
    @Option(help: ArgumentHelp("Run the coverage simulation study with this many replications and print its table.", visibility: .hidden))
    public var coverageStudy: Int?
    @Option(help: ArgumentHelp("Run the child-protection model's coverage simulation study with this many replications.", visibility: .hidden))
    public var cpCoverageStudy: Int?
    @OptionGroup public var options: GlobalOptions

    public init() {}

    static func months(_ text: String, option: String) throws -> Int {
        let t = text.lowercased()
        let value: Double?, factor: Double
        if t.hasSuffix("y") { value = Double(t.dropLast()); factor = 12 } else if t.hasSuffix("m") { value = Double(t.dropLast()); factor = 1 } else {
            value = Double(t); factor = 12
        }
        guard let v = value, v.isFinite, v > 0, (v * factor).rounded() == v * factor, v * factor <= 1200 else {
            throw UserError("\(option) \(text): use e.g. 5y, 60m or 5 (whole months, at most 100 years)")
        }
        return Int(v * factor)
    }

    static func parseDate(_ text: String) throws -> CivilDate {
        guard let d = DateField.parse(text).date else { throw UserError("--origin \(text): not a date (use yyyy-mm-dd or dd/mm/yyyy)") }
        return d
    }

    /// Reads `placement,weekly_cost` rows; every group must be given once.
    static func readCosts(_ path: String) throws -> [Double] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw UserError("cannot read \(path)") }
        var costs = [Double?](repeating: nil, count: StockFlowPlacement.allCases.count)
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "")
            if line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if i == 0 && fields.first?.lowercased() == "placement" { continue }
            guard fields.count == 2 else { throw UserError("\(path), line \(i + 1): expected placement,weekly_cost, got \"\(line)\"") }
            guard let g = StockFlowPlacement(name: fields[0]) else {
                throw UserError("\(path), line \(i + 1), column placement: \"\(fields[0])\" is not one of foster, residential, supported, other")
            }
            guard let c = Double(fields[1]), c.isFinite, c >= 0 else {
                throw UserError("\(path), line \(i + 1), column weekly_cost: \"\(fields[1])\" is not a non-negative number")
            }
            guard costs[g.rawValue] == nil else { throw UserError("\(path), line \(i + 1): \(g.name) is given twice") }
            costs[g.rawValue] = c
        }
        let missing = StockFlowPlacement.allCases.filter { costs[$0.rawValue] == nil }.map(\.name)
        guard missing.isEmpty else { throw UserError("\(path): no weekly cost for \(missing.joined(separator: ", "))") }
        return costs.map { $0! }
    }

    public func run() throws {
        guard paths >= 1 else { throw UserError("--paths must be at least 1, got \(paths)") }
        if let t = threads, t < 1 { throw UserError("--threads must be at least 1, got \(t)") }
        let threadCount = threads ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
        let seed = options.seed ?? 20_240_331
        if let replications = coverageStudy {
            guard replications >= 1 else { throw UserError("--coverage-study must be at least 1") }
            let rows: [StockFlowSimulationStudy.Row]
            do { rows = try StockFlowSimulationStudy.run(replications: replications, paths: paths, seed: seed, threads: threadCount) } catch {
                throw UserError("\(error)")
            }
            var t = Table(title: "Stock-flow simulation study: interval coverage of the true stock (\(replications) replications, \(paths) paths, seed \(seed))",
                          columns: [Column("Year"), Column("80% total"), Column("95% total"), Column("80% groups"),
                                    Column("95% groups"), Column("95% total, no parameter uncertainty"),
                                    Column("Mean z (total)"), Column("SD z (total)")])
            for r in rows {
                t.rows.append([.integer(r.year), .number(r.coverage80, significantDigits: 3), .number(r.coverage95, significantDigits: 3),
                               .number(r.groupCoverage80, significantDigits: 3), .number(r.groupCoverage95, significantDigits: 3),
                               .number(r.coverage95WithoutParameterUncertainty, significantDigits: 3),
                               .number(r.meanZ, significantDigits: 3), .number(r.sdZ, significantDigits: 3)])
            }
            try Console.publish(countFree: [t], options: options)
            return
        }
        if let replications = cpCoverageStudy { return try childProtectionCoverageStudy(replications, seed: seed, threads: threadCount) }
        let horizonMonths = try Self.months(horizon, option: "--horizon")
        let windowMonths = try Self.months(window, option: "--window")
        if !cin.isEmpty && ssda903 == nil {
            // Options of the looked-after model would be silently unused here: refuse them.
            let unused = [("--uasc", uasc != nil), ("--scenario", !scenario.isEmpty), ("--costs", costs != nil),
                          ("--header", header != nil)].filter(\.1).map(\.0)
            guard unused.isEmpty else {
                throw UserError("\(unused.joined(separator: ", ")) belong\(unused.count == 1 ? "s" : "") to the looked-after model: give --ssda903 as well, or use --cp-scenario for child protection")
            }
            var run = RunOutput(population: "CIN referral episodes in \(cin.joined(separator: ", "))")
            try addChildProtection(to: &run, seed: seed, threads: threadCount, horizonMonths: horizonMonths, windowMonths: windowMonths)
            try Console.publish(run, options: options, figurePath: { name in name == "cp-fan" ? plot : nil })
            return
        }
        var scenarios: [StockFlowScenario] = []
        for text in scenario {
            guard let change = StockFlowChange(parsing: text) else {
                throw UserError("--scenario \(text): use entry:+10%, uasc:+20%, exit:-5%, mix:FROM>TO:10% (foster, residential, supported, other) or cap:24m")
            }
            scenarios.append(StockFlowScenario(name: text, changes: [change]))
        }
        let weeklyCosts = try costs.map(Self.readCosts)

        // Data.
        let embedded = ssda903 == nil ? try EmbeddedSyntheticData.files(seed: options.seed) : nil
        let inputs = CareDataInputs(ssda903Path: ssda903 ?? embedded?.episodes, headerPath: header ?? embedded?.header)
        let validation: Validation
        do { validation = try inputs.validate() } catch { throw UserError(error.description) }
        guard let dataEnd = validation.dataEnd?.date else { throw UserError("\(ssda903 ?? "the data"): no episodes to model") }
        let prepared = StockFlowInputs(validation)
        let birthDates = prepared.birthDates, periods = prepared.periods
        guard !birthDates.isEmpty else {
            throw UserError("the stock-flow model needs dates of birth: give --header (the SSDA903 header file)")
        }
        let originDate = try origin.map(Self.parseDate) ?? dataEnd
        guard originDate <= dataEnd else {
            throw UserError("--origin \(originDate.isoString) is after the data end \(dataEnd.isoString)")
        }
        let start = originDate.adding(months: -windowMonths)
        guard let earliest = prepared.earliestEpisodeStart, earliest <= start else {
            throw UserError("the reference window (\(start.isoString) to \(originDate.isoString)) starts before the data do; shorten --window or move --origin")
        }
        var uascSource = StockFlowUASCSource.proxy
        if let uasc {
            do { uascSource = .table(try SSDA903UASCReader.read(path: uasc)) } catch { throw UserError(error.description) }
        }
        let observations = StockFlowObservations.build(periods: periods, birthDates: birthDates, start: start, origin: originDate,
                                                       uasc: uascSource)
        let posterior: StockFlowPosterior
        do { posterior = try StockFlowPosterior(observations) } catch { throw UserError("\(error)") }

        // Projections (with a progress bar on long runs).
        let spec = StockFlowProjectionSpec(horizonMonths: horizonMonths, paths: paths, seed: seed, threads: threadCount,
                                           parameterUncertainty: !noParameterUncertainty)
        let runs = 1 + scenarios.count
        let showProgress = progress || isatty(STDERR_FILENO) == 1
        func bar(_ index: Int) -> (@Sendable (Int) -> Void)? {
            guard showProgress else { return nil }
            let total = paths * runs, done = paths * index
            return { n in
                let fraction = Double(done + n) / Double(total)
                let width = 30, filled = Int(fraction * Double(width))
                Console.err("\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                            + "] \(Int(fraction * 100))% paths")
            }
        }
        let baseline: StockFlowPaths
        var scenarioPaths: [(scenario: StockFlowScenario, paths: StockFlowPaths)] = []
        do {
            baseline = try StockFlowProjection.run(posterior, spec: spec, progress: bar(0))
            for (i, s) in scenarios.enumerated() {
                scenarioPaths.append((s, try StockFlowProjection.run(posterior, scenario: s, spec: spec, progress: bar(i + 1))))
            }
        } catch { throw UserError("\(error)") }
        if showProgress { Console.err("\n") }
        var backtestRows: [StockFlowBacktest.Row]?
        if backtest {
            do {
                backtestRows = try StockFlowBacktest.run(periods: periods, birthDates: birthDates, dataEnd: dataEnd, earliest: earliest,
                                                         windowMonths: windowMonths, paths: min(paths, 2000), seed: seed,
                                                         threads: threadCount)
            } catch { throw UserError("\(error)") }
            if backtestRows?.isEmpty ?? true { throw UserError("--backtest: the data do not cover a window before any origin 2-5 years before the data end") }
        }
        let historyDates = (0...windowMonths).map { originDate.adding(months: $0 - windowMonths) }
        let historyCounts = StockFlowObservations.stock(periods: periods, birthDates: birthDates, on: historyDates)
        var result = StockFlowDemandResult(
            origin: originDate, windowStart: start, observations: observations, posterior: posterior, spec: spec,
            baseline: baseline, scenarios: scenarioPaths, history: Array(zip(historyDates, historyCounts)).map { ($0.0, $0.1) },
            weeklyCosts: weeklyCosts, backtest: backtestRows,
            population: ssda903.map { "children looked after in \($0)" } ?? "children looked after in the embedded synthetic data (seed \(embedded?.seed ?? 0))")
        if uasc != nil { result.uascTableUnmatched = uascSource.unmatched(in: periods) }
        var run = result.output()
        if validation.excludedRecordCount > 0 {
            let id = run.ledger.count(validation.excludedRecordCount, role: .records, label: "records excluded by validation")
            run.notes.append(CountNote("{} records failed validation and were left out (carestat validate lists them).", [id]))
        }
        if !cin.isEmpty {
            try addChildProtection(to: &run, seed: seed, threads: threadCount, horizonMonths: horizonMonths, windowMonths: windowMonths)
        }
        try Console.publish(run, options: options, figurePath: { name in
            guard let plot else { return nil }
            if name == "fan" { return plot }
            let base = plot.lowercased().hasSuffix(".svg") ? String(plot.dropLast(4)) : plot
            return "\(base)-\(name).svg"
        })
    }
}
