public import ArgumentParser
import Foundation
import Reporting
import Survival
import Tabular

/// `carestat cuminc FILE --time COL --status COL [--by COL] [--at 30,90,365] [--plot FILE.svg]`: competing
/// risks — Aalen–Johansen cumulative incidence of each cause (R survival's multi-state `survfit`, whose
/// estimates equal `cmprsk::cuminc`'s), built as the formula `Surv([entry, ]time, status) ~ by` and fitted by
/// ``CumulativeIncidenceSpec``. Every count and incidence goes through the disclosure gate with the rest of the
/// run (``CompetingRisksFit/addResults(to:name:title:times:)``: incidence tables coarsened as ``StepFunction``
/// describes, competing events registered so every step adds up).
public struct CumulativeIncidenceCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cuminc",
        abstract: "Competing risks: cumulative incidence by cause (Aalen–Johansen), events by cause.",
        discussion: """
            Examples:
              carestat cuminc episodes.csv --time days_in_care --status reason_left --by la --at 90,365,730
              carestat cuminc episodes.csv --time days --status outcome --censored "still in care" --plot cif.svg
            The status column holds 0 (censored; another value with --censored) and one value per cause, as \
            numbers (1, 2, 3) or labels (returned home, adopted, ...). Causes are reported in R's factor order. \
            Rows with a missing time, entry, status or group are left out (counted in a footnote).
            """
    )

    /// The variance of the cumulative incidence.
    enum VarianceChoice: String, ExpressibleByArgument, CaseIterable {
        /// Infinitesimal jackknife, as R's survfit (default; valid with delayed entry).
        case jackknife
        /// Gray's variance, as cmprsk::cuminc (right-censored data only).
        case gray
    }

    @Argument(help: "The data file (CSV/TSV, Stata, SPSS or SAS).") public var file: String
    @Option(help: "Column with the follow-up (exit) time.") public var time: String
    @Option(help: "Column with the status: the censoring value, or the cause of the event.") public var status: String
    @Option(help: "The status value meaning censored (default 0).") public var censored: String = "0"
    @Option(help: "Column whose values define separate strata.") public var by: String?
    @Option(help: "Column with entry times, for delayed entry (start, stop].") public var entry: String?
    @Option(parsing: .unconditional, help: "Comma-separated times (≥ 0) at which to report the incidence.")
    public var at: String?
    @Option(help: "Variance: jackknife (infinitesimal jackknife, as R survfit; default) or gray (as cmprsk).")
    var variance: VarianceChoice = .jackknife
    @Option(help: "Confidence interval transformation: log (default, as R), log-log or plain.")
    var confType: SurvivalConfidenceType = .log
    @Option(help: "Confidence level of the intervals (default 0.95).") public var confLevel: Double = 0.95
    @Option(help: "Write the cumulative incidence figure (curves, bands, numbers at risk) to this SVG file.")
    public var plot: String?
    @Option(help: "In the figure, divide times by this (e.g. 365.25 to show days as years).")
    public var timeScale: Double = 1
    @Option(help: "In the figure, the x-axis label (default: the time column, with the scale).")
    public var timeLabel: String?
    @Flag(help: "In the figure, leave out the shaded confidence bands.") public var noBands = false
    @Option(help: "In the figure, the upper limit of the probability axis (default 1).")
    public var probabilityLimit: Double = 1
    @Option(help: "Write rows that cannot be read (CSV) to this file instead of stopping at the first.")
    public var quarantine: String?
    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func validate() throws {
        guard confLevel > 0 && confLevel < 1 else { throw ValidationError("--conf-level must be in (0, 1), got \(confLevel)") }
        guard timeScale.isFinite && timeScale > 0 else { throw ValidationError("--time-scale must be > 0, got \(timeScale)") }
        guard probabilityLimit > 0 && probabilityLimit <= 1 else {
            throw ValidationError("--probability-limit must be in (0, 1], got \(probabilityLimit)")
        }
        if variance == .gray && entry != nil {
            throw ValidationError("--variance gray needs right-censored data (no --entry), as cmprsk::cuminc")
        }
        if plot == nil && (noBands || timeLabel != nil) {
            throw ValidationError("--no-bands and --time-label apply to --plot only")
        }
    }

    var formula: String {
        let response = entry.map { "Surv(\($0), \(time), \(status))" } ?? "Surv(\(time), \(status))"
        return "\(response) ~ \(by ?? "1")"
    }

    public func run() throws {
        let times = try at.map { Array(Set(try parseTimes($0, option: "--at"))).sorted() }
        let frame = try DataLoading.load(file, quarantine: quarantine).frame
        let fit: CompetingRisksFit
        do {
            fit = try CumulativeIncidenceSpec(
                formula, censored: censored, confidenceType: confType, confidenceLevel: confLevel,
                variance: variance == .gray ? .gray : .infinitesimalJackknife).fit(frame)
        } catch let SurvivalCurveError.invalidArgument(m) {
            throw UserError(m)
        } catch {
            throw UserError("\(error)")
        }
        var run = RunOutput(population: "rows of \(file) with no missing value in \(formula)")
        let counts = fit.addResults(to: &run, title: "Competing risks: \(URL(fileURLWithPath: file).lastPathComponent)",
                                    times: times)
        run.json = { d in fit.json(d, counts: counts) }
        if plot != nil {
            let figure = SurvivalFigureOptions(
                timeLabel: timeLabel ?? KMCommand.axisLabel(time, scale: timeScale), timeScale: timeScale,
                strataName: by, showsConfidenceBands: !noBands, probabilityLimit: probabilityLimit)
            run.add(figure: RunOutput.Figure(name: "cuminc") { d in try fit.figure(d, counts: counts, options: figure).svg() })
        }
        try Console.publish(run, options: options, figurePath: { _ in plot })
    }
}
