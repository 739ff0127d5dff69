public import ArgumentParser
import Comparison
import Formulas
import Regression
import Reporting
import Tabular
import Foundation

/// `carestat funnel FILE --unit COL --observed COL (--denominator COL | --expected COL)`: a funnel plot
/// (Spiegelhalter 2005) of one row per unit — proportions (a denominator of children), rates (`--per N`) or
/// indirectly standardised ratios (`--expected`) — with control limits at the requested levels, overdispersion
/// estimates, each unit's verdict, an outlier table and the method-sensitivity table. JSON follows DESIGN.md's
/// `funnel` contract. Counts of people go through the disclosure gate (see ``FunnelResult/output``).
public struct FunnelCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "funnel",
        abstract: "Funnel plot comparing units (e.g. local authorities) against a common target (Spiegelhalter 2005).",
        discussion: """
            Examples:
              carestat funnel la.csv --unit la_name --observed at31_cla --denominator population_0_16 \\
                --per 10000 --where time_period=2022 --plot cla.svg
              carestat funnel la.csv --unit la --observed returned --denominator left_care --overdispersion tau2
              carestat funnel la.csv --unit la --observed observed --expected expected --limits 95,99.8
            Measures: a proportion when --denominator is given without --per (whole numbers of children); a rate \
            per N with --per N (Poisson; the denominator may be a population estimate); an indirectly standardised \
            ratio O/E with --expected. Methods: exact (default without adjustment; binomial or Poisson with \
            Spiegelhalter's interpolation), gamma (rates and ratios: FunnelPlotR's chi-squared limits, which flag \
            every zero as low), wilson (proportions), normal (arcsine or square-root scale; the default and the \
            only method with --overdispersion phi|tau2). The verdict is against the widest level. Rows with a \
            missing value in a used column are dropped and named.
            """
    )

    @Argument(help: "Data file (CSV/TSV, .dta, .sav, .sas7bdat): one row per unit.")
    public var file: String

    @Option(help: "Column naming the unit.")
    public var unit: String

    @Option(help: "Column of observed counts (whole numbers).")
    public var observed: String

    @Option(help: "Column of denominators (proportions; rates with --per).")
    public var denominator: String?

    @Option(help: "Column of expected counts (indirectly standardised ratios).")
    public var expected: String?

    @Option(help: "Adjust by a model of the counts: right-hand side in R syntax, e.g. \"~ imd19_idaci\". The expected counts are the fitted values of observed ~ covariates + offset(log(denominator)); the funnel compares O/E.")
    public var adjust: String?

    @Option(name: .customLong("adjust-family"), help: "Family of the adjusting model: poisson (glm) or negbin (MASS::glm.nb).")
    public var adjustFamily: String = "poisson"

    @Option(help: "Report a rate per this many (e.g. 10000) instead of a proportion.")
    public var per: Double?

    @Option(help: "Limit levels in percent, comma-separated.")
    public var limits: String = "95,99.8"

    @Option(help: "Overdispersion adjustment: none, phi (multiplicative), tau2 (additive, DerSimonian–Laird), betabinomial (proportions), negbin (rates, ratios): predictive limits with the dispersion by ML.")
    public var overdispersion: String = "none"

    @Option(help: "Limits: exact, gamma (rates, ratios: FunnelPlotR's χ² form), wilson (proportions), normal. Default: exact, or normal with an adjustment.")
    public var method: String?

    @Option(help: "Fraction of z-scores Winsorised in each tail before estimating overdispersion.")
    public var trim: Double = 0.1

    @Option(name: .customLong("where"), help: "Keep rows where COL=VALUE (repeatable; all must hold).")
    public var filters: [String] = []

    @Option(help: "Write the funnel plot as SVG to this file.")
    public var plot: String?

    @Option(help: "Write rows that cannot be read (CSV) to this file instead of stopping at the first.")
    public var quarantine: String?

    @Flag(help: "Add the multilevel view: a GLMM random intercept per unit (Poisson with offset log denominator; binomial for proportions), on the --adjust covariates, with shrunken estimates and a caterpillar plot (--caterpillar FILE.svg).")
    public var shrinkage = false

    @Flag(help: "With the multilevel view: rank intervals by simulation and simultaneous rank confidence sets (Mogstad et al. 2023). Implies --shrinkage.")
    public var ranks = false

    @Option(help: "Add each unit's N statistical neighbours (standardised Euclidean distance on --on).")
    public var neighbours: Int?

    @Option(help: "Input columns for --neighbours, comma-separated (e.g. \"imd19_idaci,population_0_16\").")
    public var on: String?

    @Option(help: "Write the caterpillar plot of --shrinkage as SVG to this file.")
    public var caterpillar: String?

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        guard (denominator == nil) != (expected == nil) else {
            throw UserError("give exactly one of --denominator (proportions, rates) and --expected (ratios)")
        }
        if per != nil && denominator == nil { throw UserError("--per applies with --denominator") }
        if let p = per, !(p > 0 && p.isFinite) { throw UserError("--per must be a positive number, got \(p)") }
        guard let od = OverdispersionMethod(rawValue: overdispersion) else {
            throw UserError("--overdispersion \(overdispersion): use one of none, phi, tau2, betabinomial, negbin")
        }
        let limitMethod: FunnelLimitMethod?
        if let m = method {
            guard let lm = FunnelLimitMethod(rawValue: m) else { throw UserError("--method \(m): use one of exact, gamma, wilson, normal") }
            limitMethod = lm
        } else { limitMethod = nil }
        var levels: [Double] = []
        for part in limits.split(separator: ",") {
            guard let l = Double(part.trimmingCharacters(in: .whitespaces)) else {
                throw UserError("--limits: \"\(part)\" is not a number (use e.g. 95,99.8)")
            }
            levels.append(l)
        }
        if adjust != nil && denominator == nil { throw UserError("--adjust needs --denominator (the model's offset is log(denominator))") }
        guard let family = DeprivationAdjustment.Family(rawValue: adjustFamily) else {
            throw UserError("--adjust-family \(adjustFamily): use poisson or negbin")
        }
        let measure: FunnelMeasure = expected != nil || adjust != nil ? .ratio : (per.map { .rate(per: $0) } ?? .proportion)

        // Non-finite numbers are read as values (the LA panel has an Inf in a column a funnel does not use) and
        // refused below in the columns the funnel uses, naming the line.
        var frame = try DataLoading.load(file, quarantine: quarantine, nonFiniteNumbers: .read).frame
        var population = "rows of \(file)"
        try DataColumns(file: file).applyWhere(filters, to: &frame, population: &population)
        let unitColumn = try column(frame, unit, "--unit")
        let observedColumn = try column(frame, observed, "--observed")
        let sizeName = denominator ?? expected!
        let sizeColumn = try column(frame, sizeName, denominator != nil ? "--denominator" : "--expected")

        for (c, option) in [(observedColumn, "--observed"), (sizeColumn, denominator != nil ? "--denominator" : "--expected")]
        where !c.isNumeric {
            let bad = (0..<c.count).first { !c.isMissing($0) }.flatMap { c.stringValue(at: $0) } ?? ""
            throw UserError("\(file): \(option) \(c.name) is not a numeric column (first value \"\(bad)\")")
        }
        for (c, option) in [(observedColumn, "--observed"), (sizeColumn, denominator != nil ? "--denominator" : "--expected")] {
            if let i = (0..<c.count).first(where: { c.numericValue(at: $0).map { !$0.isFinite } ?? false }) {
                throw UserError("\(file): \(option) \(c.name), data row \(i + 1): \"\(c.stringValue(at: i) ?? "")\" is not a finite number")
            }
        }
        var adjustment: (fit: GLMFit, expected: [Double?])?
        if let adjust {
            do {
                adjustment = try DeprivationAdjustment(covariates: adjust, family: family)
                    .expectedCounts(frame, observed: observed, denominator: sizeName)
            } catch let e as FormulaParseError {
                throw UserError("--adjust: \(e)")
            } catch let e as GLMError {
                throw UserError("--adjust: \(e.description)")
            }
        }
        var units: [FunnelUnit] = []
        var dropped: [String] = []
        for i in 0..<frame.rowCount {
            let name = unitColumn.stringValue(at: i)
            let modelled: Double? = adjustment.map { $0.expected[i] } ?? sizeColumn.numericValue(at: i)
            guard let name, let o = observedColumn.numericValue(at: i), let size = sizeColumn.numericValue(at: i),
                  let e = modelled else {
                dropped.append(name ?? "(row \(i + 1) of the selection, no unit name)")
                continue
            }
            guard o >= 0, o == o.rounded(), o < 1e15 else {
                throw UserError("\(file): unit \"\(name)\", column \(observed): observed count must be a whole non-negative number, got \(o)")
            }
            if adjustment != nil {
                units.append(FunnelUnit(name: name, observed: Int(o), denominator: size, expected: e))
            } else {
                units.append(denominator != nil ? FunnelUnit(name: name, observed: Int(o), denominator: size)
                                                : FunnelUnit(name: name, observed: Int(o), expected: size))
            }
        }
        let result: FunnelResult
        let sensitivity: MethodSensitivity
        do {
            let spec = FunnelPlot(measure: measure, method: limitMethod, overdispersion: od, levels: levels, trim: trim)
            result = try spec.fit(units)
            sensitivity = try MethodSensitivity.compute(units, measure: measure, level: result.verdictLevel, trim: trim)
        } catch {
            throw UserError("\(file): \(error)")
        }
        var (run, observedIDs, denominatorIDs) = result.outputWithCounts(
            population: population + " with no missing value in \(unit), \(observed), \(sizeName)"
                + (adjust.map { " or the model's covariates (\($0))" } ?? ""),
            labels: .init(unit: unit, observed: observed, size: adjustment == nil ? sizeName : "expected"),
            sensitivity: sensitivity, policy: options.disclosurePolicy)
        if shrinkage || ranks {
            guard let den = denominator else { throw UserError("--shrinkage needs --denominator (the GLMM's offset or trials)") }
            let covariates = adjust.map(columnList) ?? []
            let family: ShrunkenEstimates.Family = measure == .proportion ? .binomial : .poisson
            let byName = Dictionary(units.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
            let data = DataColumns(file: file)
            let loaded = try loadShrinkageUnits(data: data, frame: frame, unit: unit, observed: observed, denominator: den, covariates: covariates)
            let fitted: ShrinkageResult
            do { fitted = try ShrunkenEstimates(family: family, covariates: covariates, per: per ?? 10_000).fit(loaded.units) } catch {
                throw UserError("--shrinkage: \(error)")
            }
            // The same units as the funnel: their counts are the funnel's (decided once); otherwise new counts.
            let sameUnits = loaded.units.count == units.count && loaded.units.allSatisfy { byName[$0.name] != nil }
            fitted.add(to: &run, unitLabel: unit, observedLabel: observed, denominatorLabel: den,
                       ranks: ranks ? try computeRanks(fitted, draws: 1000, seed: 20_230_101) : nil,
                       policy: options.disclosurePolicy,
                       observedIDs: sameUnits ? loaded.units.map { observedIDs[byName[$0.name]!] } : nil,
                       denominatorIDs: sameUnits ? loaded.units.map { denominatorIDs[byName[$0.name]!] } : nil)
        }
        if let k = neighbours {
            guard let on else { throw UserError("--neighbours needs --on (the input columns)") }
            let data = DataColumns(file: file)
            let inputs = columnList(on)
            let (lists, counts) = try computeNeighbours(data: data, frame: frame, unit: unit, inputs: inputs, count: k)
            NeighbourList.add(lists, to: &run, unitLabel: unit, inputs: inputs, countInputs: counts, policy: options.disclosurePolicy)
        }
        if let a = adjustment {
            let summary: FitSummary
            do { summary = run.add(try a.fit.summary()) } catch { throw UserError("--adjust: \(error)") }
            // The funnel contract, with the adjusting model's own JSON object under "adjustment".
            if let base = run.json {
                run.json = { d in
                    guard case .object(let fields) = base(d) else { return base(d) }
                    return .object(fields + [("adjustment", d.json(summary))])
                }
            }
        }
        if !dropped.isEmpty {
            run.notes.append(CountNote("Units dropped for a missing value: " + dropped.joined(separator: ", ") + ".", []))
        }
        try Console.publish(run, options: options, figurePath: { $0 == "caterpillar" ? caterpillar : plot })
    }

    private func column(_ frame: DataFrame, _ name: String, _ option: String) throws -> DataColumn {
        try DataColumns(file: file).column(frame, name, option)
    }
}
