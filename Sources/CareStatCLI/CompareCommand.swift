public import ArgumentParser
import Comparison
import Reporting
import Tabular
import Foundation

/// `carestat compare shrinkage|neighbours|control-chart|inequality`: the comparisons of units beyond the funnel
/// plot (issue 14): the multilevel view with shrunken estimates and ranks, statistical neighbours, control charts
/// with the funnel/trend agreement view, and inequality by deprivation. The statistics live in the Comparison
/// module; this file reads the data and passes columns. Counts of people go through the disclosure gate.
public struct CompareCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare units (e.g. local authorities): shrinkage and ranks, statistical neighbours, control charts, inequality.",
        subcommands: [CompareShrinkageCommand.self, CompareNeighboursCommand.self, CompareControlChartCommand.self,
                      CompareInequalityCommand.self]
    )
    public init() {}
}

/// The data a comparison reads: a file, optional row filters and a quarantine file.
struct CompareData: ParsableArguments {
    @Argument(help: "Data file (CSV/TSV, .dta, .sav, .sas7bdat).")
    var file: String

    @Option(name: .customLong("where"), help: "Keep rows where COL=VALUE (repeatable; all must hold).")
    var filters: [String] = []

    @Option(help: "Write rows that cannot be read (CSV) to this file instead of stopping at the first.")
    var quarantine: String?

    /// The filtered frame and the population it describes.
    func load() throws -> (frame: DataFrame, population: String) {
        var frame = try DataLoading.load(file, quarantine: quarantine, nonFiniteNumbers: .read).frame
        var population = "rows of \(file)"
        try columns.applyWhere(filters, to: &frame, population: &population)
        return (frame, population)
    }

    var columns: DataColumns { DataColumns(file: file) }

    func column(_ frame: DataFrame, _ name: String, _ option: String) throws -> DataColumn {
        try columns.column(frame, name, option)
    }
}

/// Splits "a,b,c" (or "a + b") into names.
func columnList(_ s: String) -> [String] {
    s.replacingOccurrences(of: "~", with: "").split(whereSeparator: { $0 == "," || $0 == "+" })
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

struct CompareShrinkageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shrinkage",
        abstract: "LA random effects (Poisson or binomial GLMM): shrunken estimates with intervals, caterpillar plot, rank intervals and simultaneous rank sets.",
        discussion: """
            Example:
              carestat compare shrinkage la.csv --where time_period=2022 --unit la_name --observed at31_cla \\
                --denominator population_0_16 --covariates imd19_idaci --ranks --plot caterpillar.svg
            """)

    @OptionGroup var data: CompareData
    @Option(help: "Column naming the unit.") var unit: String
    @Option(help: "Column of observed counts.") var observed: String
    @Option(help: "Column of denominators (population for poisson, trials for binomial).") var denominator: String
    @Option(help: "Numeric covariate columns, comma-separated (e.g. imd19_idaci).") var covariates: String = ""
    @Option(help: "poisson (rates, offset log denominator) or binomial (proportions).") var family: String = "poisson"
    @Option(help: "Report rates per this many.") var per: Double = 10_000
    @Flag(help: "Rank intervals by simulation and simultaneous rank confidence sets (Mogstad et al. 2023).") var ranks = false
    @Option(name: .customLong("rank-draws"), help: "Draws for the rank simulation and the bootstrap.") var rankDraws: Int = 1000
    @Option(name: .customLong("rank-seed"), help: "Seed for the rank simulation and the bootstrap.") var rankSeed: UInt64 = 20_230_101
    @Option(help: "Write the caterpillar plot as SVG to this file.") var plot: String?
    @OptionGroup var options: GlobalOptions

    func run() throws {
        guard let fam = ShrunkenEstimates.Family(rawValue: family) else { throw UserError("--family \(family): use poisson or binomial") }
        guard per > 0, per.isFinite else { throw UserError("--per must be a positive number, got \(per)") }
        let (frame, population) = try data.load()
        let units = try loadShrinkageUnits(data: data.columns, frame: frame, unit: unit, observed: observed, denominator: denominator,
                                           covariates: columnList(covariates))
        let result: ShrinkageResult
        do { result = try ShrunkenEstimates(family: fam, covariates: columnList(covariates), per: per).fit(units.units) } catch {
            throw UserError("\(data.file): \(error)")
        }
        let rankSummary = ranks ? try computeRanks(result, draws: rankDraws, seed: rankSeed) : nil
        var run = result.output(population: population + " with no missing value in the used columns", unitLabel: unit,
                                observedLabel: observed, denominatorLabel: denominator, ranks: rankSummary,
                                policy: options.disclosurePolicy)
        if !units.dropped.isEmpty { run.notes.append(CountNote("Units dropped for a missing value: " + units.dropped.joined(separator: ", ") + ".", [])) }
        try Console.publish(run, options: options, figurePath: { _ in plot })
    }
}

/// Rank intervals and sets of a shrinkage fit (shared by `compare shrinkage` and `funnel --ranks`).
func computeRanks(_ result: ShrinkageResult, draws: Int, seed: UInt64) throws -> ShrinkageResult.Ranks {
    do {
        let modes = result.units.map(\.mode), sds = result.units.map(\.conditionalSD)
        let sim = try SimulatedRanks(draws: draws, seed: seed).compute(modes: modes, sds: sds)
        let sets = try RankConfidenceSets(draws: draws, seed: seed).compute(estimates: modes, standardErrors: sds)
        return .init(simulated: sim, simultaneous: sets, draws: draws, seed: seed, coverage: 0.95)
    } catch { throw UserError("--ranks: \(error)") }
}

/// One row per unit for the multilevel view; rows with a missing value are dropped and named.
func loadShrinkageUnits(data: DataColumns, frame: DataFrame, unit: String, observed: String, denominator: String,
                        covariates: [String]) throws -> (units: [ShrunkenEstimates.Unit], dropped: [String]) {
    let u = try data.column(frame, unit, "--unit")
    let o = try data.numeric(frame, observed, "--observed"), d = try data.numeric(frame, denominator, "--denominator")
    let xs = try covariates.map { try data.numeric(frame, $0, "--covariates") }
    var units: [ShrunkenEstimates.Unit] = [], dropped: [String] = []
    for i in 0..<frame.rowCount {
        guard let name = u.stringValue(at: i), let y = o.numericValue(at: i), let n = d.numericValue(at: i) else {
            dropped.append(u.stringValue(at: i) ?? "(row \(i + 1) of the selection, no unit name)")
            continue
        }
        let x = xs.compactMap { $0.numericValue(at: i) }
        guard x.count == xs.count else { dropped.append(name); continue }
        units.append(.init(name: name, observed: try data.count(y, unit: name, column: observed), denominator: n, covariates: x))
    }
    return (units, dropped)
}

struct CompareNeighboursCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbours",
        abstract: "Statistical neighbours: each unit's nearest units by standardised Euclidean distance on chosen inputs, with the distances.",
        discussion: """
            Example:
              carestat compare neighbours la.csv --where time_period=2022 --unit la_name \\
                --on "imd19_idaci,population_0_16" --neighbours 10 --of Hartlepool
            """)

    @OptionGroup var data: CompareData
    @Option(help: "Column naming the unit.") var unit: String
    @Option(help: "Input columns, comma-separated.") var on: String
    @Option(help: "How many neighbours.") var neighbours: Int = 10
    @Option(help: "Show only this unit's neighbours.") var of: String?
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let (frame, population) = try data.load()
        let inputs = columnList(on)
        guard !inputs.isEmpty else { throw UserError("--on: give at least one input column") }
        let (lists, counts) = try computeNeighbours(data: data.columns, frame: frame, unit: unit, inputs: inputs, count: neighbours)
        if let of, !lists.contains(where: { $0.unit == of }) { throw UserError("--of \(of): no such unit in \(data.file)") }
        let run = NeighbourList.output(lists, population: population, unitLabel: unit, inputs: inputs, countInputs: counts,
                                       policy: options.disclosurePolicy, shown: of.map { [$0] })
        try Console.publish(run, options: options)
    }
}

/// Neighbours of every unit with a value for every input (a unit with a missing input is an error naming it, since
/// leaving it out would change everyone's standardisation silently).
func computeNeighbours(data: DataColumns, frame: DataFrame, unit: String, inputs: [String], count: Int) throws -> ([NeighbourList], [[Int]?]) {
    let u = try data.column(frame, unit, "--unit")
    let cols = try inputs.map { try data.numeric(frame, $0, "--on") }
    var names: [String] = []
    var values = [[Double]](repeating: [], count: inputs.count)
    for i in 0..<frame.rowCount {
        guard let name = u.stringValue(at: i) else { throw UserError("\(data.file): data row \(i + 1) has no unit name (--unit \(unit))") }
        names.append(name)
        for (k, c) in cols.enumerated() {
            guard let v = c.numericValue(at: i) else { throw UserError("\(data.file): unit \"\(name)\" has no value of \(inputs[k]) (--on)") }
            values[k].append(v)
        }
    }
    let lists: [NeighbourList]
    do { lists = try StatisticalNeighbours(count: count).compute(names: names, inputNames: inputs, inputs: values) } catch {
        throw UserError("\(data.file): \(error)")
    }
    // An input whose every value is a whole number is treated as a count of people (disclosure).
    let counts: [[Int]?] = values.map { col in col.allSatisfy { $0 >= 0 && $0 == $0.rounded() && $0 < 1e15 } ? col.map { Int($0) } : nil }
    return (lists, counts)
}

struct CompareControlChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "control-chart",
        abstract: "Per-unit control charts (XmR, P, C, U) with the NHS Making Data Count rules, and the funnel/trend agreement view.",
        discussion: """
            Example:
              carestat compare control-chart la.csv --unit la_name --period time_period --observed at31_cla \\
                --denominator population_0_16 --chart u --per 10000 --funnel --plot chart.svg
            One row per unit and period. XmR charts a --value column (or the rate of --observed over --denominator); \
            P charts proportions (--observed of --denominator); C charts counts; U charts rates of counts over a \
            changing --denominator. Rebasing happens only with --rebase-at.
            """)

    @OptionGroup var data: CompareData
    @Option(help: "Column naming the unit.") var unit: String
    @Option(help: "Column of the period (year or month), sortable.") var period: String
    @Option(help: "Column of counts (p, c, u charts; or XmR of the rate).") var observed: String?
    @Option(help: "Column of denominators (p, u charts; XmR of a rate).") var denominator: String?
    @Option(help: "Column of a measured value (XmR).") var value: String?
    @Option(help: "Chart: xmr, p, c, u.") var chart: String = "xmr"
    @Option(help: "Report rates per this many (u, and XmR of a rate).") var per: Double = 10_000
    @Option(name: .customLong("run-length"), help: "Points in a run on one side of the centre that signal a shift.") var runLength: Int = 7
    @Option(name: .customLong("trend-length"), help: "Points rising (or falling) in a row that signal a trend.") var trendLength: Int = 6
    @Option(name: .customLong("rebase-at"), help: "Periods at which a new phase (centre and limits) starts, comma-separated. Default: none.") var rebaseAt: String?
    @Flag(help: "Add the funnel verdict of the latest period (exact limits) and flag units where funnel and trend agree.") var funnel = false
    @Option(name: .customLong("chart-unit"), help: "The unit whose chart is drawn (default: the first flagged, else the first).") var chartUnit: String?
    @Option(help: "Write the chart as SVG to this file.") var plot: String?
    @OptionGroup var options: GlobalOptions

    func run() throws {
        guard let kind = ControlChart.Kind(rawValue: chart) else { throw UserError("--chart \(chart): use xmr, p, c or u") }
        guard runLength >= 2, trendLength >= 2 else { throw UserError("--run-length and --trend-length must be at least 2") }
        guard per > 0, per.isFinite else { throw UserError("--per must be a positive number, got \(per)") }
        if kind == .xmr {
            guard (value != nil) != (observed != nil) else { throw UserError("an XmR chart takes --value, or --observed with --denominator") }
            if observed != nil, denominator == nil { throw UserError("an XmR chart of --observed needs --denominator (the rate is charted)") }
        } else {
            guard observed != nil, value == nil else { throw UserError("a \(kind.rawValue) chart takes --observed (counts), not --value") }
            if (kind == .p || kind == .u), denominator == nil { throw UserError("a \(kind.rawValue) chart needs --denominator") }
        }
        if funnel, observed == nil || denominator == nil { throw UserError("--funnel needs --observed and --denominator") }
        let (frame, population) = try data.load()
        let u = try data.column(frame, unit, "--unit"), t = try data.column(frame, period, "--period")
        let o = try observed.map { try data.columns.numeric(frame, $0, "--observed") }
        let d = try denominator.map { try data.columns.numeric(frame, $0, "--denominator") }
        let v = try value.map { try data.columns.numeric(frame, $0, "--value") }
        var rows: [String: [(period: String, sortKey: Double?, count: Double?, den: Double?, value: Double?)]] = [:]
        var order: [String] = []
        var dropped = 0
        for i in 0..<frame.rowCount {
            guard let name = u.stringValue(at: i), let p = t.stringValue(at: i) else { dropped += 1; continue }
            let c = o?.numericValue(at: i), n = d?.numericValue(at: i), x = v?.numericValue(at: i)
            if (o != nil && c == nil) || (d != nil && n == nil) || (v != nil && x == nil) { dropped += 1; continue }
            if rows[name] == nil { order.append(name) }
            rows[name, default: []].append((p, t.numericValue(at: i), c, n, x))
        }
        guard !order.isEmpty else { throw UserError("\(data.file): no rows with all of the used columns") }
        let rebasePeriods = rebaseAt.map(columnList) ?? []
        var series: [ControlChartSeries] = []
        var latest: [(String, Int, Double)] = []
        for name in order {
            let r = rows[name]!.sorted { a, b in
                if let x = a.sortKey, let y = b.sortKey { return x < y }
                return a.period < b.period
            }
            let labels = r.map(\.period)
            guard Set(labels).count == labels.count else { throw UserError("\(data.file): unit \"\(name)\" has more than one row for a period") }
            var rebase: [Int] = []
            for p in rebasePeriods {
                guard let k = labels.firstIndex(of: p) else { throw UserError("--rebase-at \(p): unit \"\(name)\" has no such period") }
                rebase.append(k)
            }
            let counts = try r.compactMap(\.count).map { try data.columns.count($0, unit: name, column: observed ?? "") }
            let values: [Double]
            var dens: [Double]? = r.compactMap(\.den)
            switch kind {
            case .xmr: values = value != nil ? r.map { $0.value! } : r.map { $0.count! / $0.den! * per }
            default: values = counts.map(Double.init)
            }
            if kind == .c { dens = nil }
            let spec = ControlChart(kind: kind, rules: ControlChartRules(runLength: runLength, trendLength: trendLength),
                                    rebaseAt: rebase.sorted(), per: kind == .p ? 1 : per)
            let result: ControlChartResult
            do { result = try spec.fit(labels: labels, values: values, denominators: kind == .p || kind == .u ? dens : nil) } catch {
                throw UserError("\(data.file): unit \"\(name)\": \(error)")
            }
            series.append(ControlChartSeries(unit: name, chart: result, counts: observed != nil ? counts : nil,
                                             denominators: denominator != nil ? r.map { $0.den! } : nil))
            if funnel, let last = r.last { latest.append((name, counts.last!, last.den!)) }
        }
        if funnel {
            let measure: FunnelMeasure = kind == .p ? .proportion : .rate(per: per)
            let units = latest.map { FunnelUnit(name: $0.0, observed: $0.1, denominator: $0.2) }
            do {
                let f = try FunnelPlot(measure: measure).fit(units)
                for (k, fu) in f.units.enumerated() { series[k].funnelVerdict = fu.verdict }
            } catch { throw UserError("--funnel: \(error)") }
        }
        var run = ControlChartSeries.output(series, population: population, unitLabel: unit, periodLabel: period,
                                            policy: options.disclosurePolicy, figureUnit: chartUnit)
        if dropped > 0 { run.notes.append(.literal("Rows with a missing value in a used column were left out.")) }
        try Console.publish(run, options: options, figurePath: { _ in plot })
    }
}

struct CompareInequalityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inequality",
        abstract: "Inequality of unit rates by deprivation per period: most/least deprived and decile ratios, RII and SII with intervals.",
        discussion: """
            Example (seed 001's "8:1 looked after, 13:1 protection plans"):
              carestat compare inequality merged_data.csv --unit new_la_code --period time_period \\
                --observed at31_cla,at31_cpp --population population_0_16 --deprivation imd19_idaci --plot rii.svg
            """)

    @OptionGroup var data: CompareData
    @Option(help: "Column naming the unit.") var unit: String
    @Option(help: "Column of the period (one summary per period).") var period: String
    @Option(help: "Count columns, comma-separated (one summary each).") var observed: String
    @Option(help: "Column of the population (denominator).") var population: String
    @Option(help: "Column of the deprivation score (higher = more deprived).") var deprivation: String
    @Option(help: "Model for RII/SII: negbin (default: LA counts vary beyond Poisson) or poisson.") var family: String = "negbin"
    @Option(help: "Report rates per this many.") var per: Double = 10_000
    @Option(help: "Write the RII over the periods as SVG to this file.") var plot: String?
    @OptionGroup var options: GlobalOptions

    func run() throws {
        guard let fam = InequalitySummary.Family(rawValue: family) else { throw UserError("--family \(family): use negbin or poisson") }
        guard per > 0, per.isFinite else { throw UserError("--per must be a positive number, got \(per)") }
        let (frame, pop) = try data.load()
        let u = try data.column(frame, unit, "--unit"), t = try data.column(frame, period, "--period")
        let p = try data.columns.numeric(frame, population, "--population"), x = try data.columns.numeric(frame, deprivation, "--deprivation")
        let measures = columnList(observed)
        guard !measures.isEmpty else { throw UserError("--observed: give at least one count column") }
        var periods: [String] = []
        var seen = Set<String>()
        for i in 0..<frame.rowCount { if let s = t.stringValue(at: i), seen.insert(s).inserted { periods.append(s) } }
        periods.sort { (Double($0) ?? .infinity, $0) < (Double($1) ?? .infinity, $1) }
        var items: [InequalityResult.Labelled] = []
        for m in measures {
            let y = try data.columns.numeric(frame, m, "--observed")
            for per in periods {
                var units: [InequalitySummary.Unit] = []
                for i in 0..<frame.rowCount where t.stringValue(at: i) == per {
                    guard let name = u.stringValue(at: i), let c = y.numericValue(at: i), let n = p.numericValue(at: i),
                          let s = x.numericValue(at: i) else { continue }
                    units.append(.init(name: name, count: try data.columns.count(c, unit: name, column: m), population: n, deprivation: s))
                }
                do { items.append(.init(measure: m, period: per, result: try InequalitySummary(family: fam, per: self.per).fit(units))) } catch {
                    throw UserError("\(data.file): \(m), \(period) \(per): \(error)")
                }
            }
        }
        var run = InequalityResult.output(items, population: pop + " with the used columns present (units missing one are left out of that period)",
                                          unitLabel: unit, policy: options.disclosurePolicy)
        run.notes.append(.literal("Units with a missing count, population or deprivation score in a period are left out of that period; the units column gives how many were used."))
        try Console.publish(run, options: options, figurePath: { _ in plot })
    }
}
