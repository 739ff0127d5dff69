public import ArgumentParser
import Foundation
import Reporting
import Survival
import Tabular

extension SurvivalConfidenceType: ExpressibleByArgument {}

/// `carestat km FILE --time COL --event COL [--entry COL] [--by COL] [--at 30,90,365]`: Kaplan–Meier survival
/// curves (R's `survfit` with `timefix`), built as the formula `Surv([entry, ]time, event) ~ by` (or `~ 1`) and fitted
/// by ``KaplanMeierSpec``: per-group n, events and median, the survival table of each group, survival at chosen
/// times, and with `--plot` the figure. Every count and every estimate goes through the disclosure gate with the
/// rest of the run (``KaplanMeierFit/addResults(to:name:title:times:)``; survival tables coarsened as
/// ``StepFunction`` describes); `--no-disclosure-control` prints R's full table, marked not for release.
public struct KMCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "km",
        abstract: "Kaplan–Meier survival curves: medians, survival tables, survival at chosen times.",
        discussion: """
            Examples:
              carestat km episodes.csv --time days_in_care --event left_care --by la --at 30,90,365
              carestat km cohort.csv --time exit_age --entry entry_age --event event --conf-type log-log
              carestat km episodes.csv --time days_in_care --event left_care --by la --plot km.svg \
                --time-scale 365.25 --time-label "Years in care"
            The event column may be 0/1 (1 = event), 1/2 (2 = event, as R's Surv) or TRUE/FALSE. Rows with a \
            missing time, entry, event or group are left out (counted in a footnote). Matches R survival's \
            survfit (Greenwood standard errors, log confidence intervals by default, times equal up to rounding \
            merged).
            """
    )

    /// FILE, or --dataset (default: the return-to-care data derived from the embedded synthetic data), --quarantine.
    @OptionGroup public var input: DataInput
    @Option(help: "Column with the follow-up (exit) time.") public var time: String
    @Option(help: "Column with the event indicator (0/1, 1/2 or TRUE/FALSE).") public var event: String
    @Option(help: "Column whose values define separate curves (strata).") public var by: String?
    @Option(help: "Column with entry times, for delayed entry (start, stop].") public var entry: String?
    @Option(parsing: .unconditional, help: "Comma-separated times (≥ 0) at which to report survival.")
    public var at: String?
    @Option(help: "Confidence interval transformation: log (default, as R), log-log or plain.")
    var confType: SurvivalConfidenceType = .log
    @Option(help: "Confidence level of the intervals (default 0.95).") public var confLevel: Double = 0.95
    @Option(help: "Write the Kaplan–Meier figure (curves, confidence bands, numbers at risk) to this SVG file.")
    public var plot: String?
    @Flag(help: "In the figure, plot the cumulative incidence 1 − S(t) instead of S(t).")
    public var cumulativeIncidence = false
    @Option(help: "In the figure, divide times by this (e.g. 365.25 to show days as years).")
    public var timeScale: Double = 1
    @Option(help: "In the figure, the x-axis label (default: the time column, with the scale).")
    public var timeLabel: String?
    @Flag(help: "In the figure, leave out the shaded confidence bands.") public var noBands = false
    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func validate() throws {
        guard confLevel > 0 && confLevel < 1 else { throw ValidationError("--conf-level must be in (0, 1), got \(confLevel)") }
        guard timeScale.isFinite && timeScale > 0 else { throw ValidationError("--time-scale must be > 0, got \(timeScale)") }
        if plot == nil && (cumulativeIncidence || noBands || timeLabel != nil) {
            throw ValidationError("--cumulative-incidence, --no-bands and --time-label apply to --plot only")
        }
    }

    /// The formula the flags describe.
    var formula: String {
        let response = entry.map { "Surv(\($0), \(time), \(event))" } ?? "Surv(\(time), \(event))"
        return "\(response) ~ \(by ?? "1")"
    }

    public func run() throws {
        let times = try at.map { Array(Set(try parseTimes($0, option: "--at"))).sorted() }
        let loaded = try input.load(fallback: .returnToCare, seed: options.seed)
        let frame = loaded.frame
        let fit: KaplanMeierFit
        do {
            fit = try KaplanMeierSpec(formula, confidenceType: confType, confidenceLevel: confLevel).fit(frame)
        } catch let SurvivalCurveError.invalidArgument(m) {
            throw UserError(m)
        } catch {
            throw UserError("\(error)")
        }
        var run = RunOutput(population: "rows of \(loaded.name) with no missing value in \(formula)")
        let counts = fit.addResults(to: &run, title: "Kaplan–Meier survival: \(loaded.name)",
                                    times: times)
        run.json = { d in fit.json(d, counts: counts) }
        if plot != nil {
            let figure = SurvivalFigureOptions(
                timeLabel: timeLabel ?? KMCommand.axisLabel(time, scale: timeScale), timeScale: timeScale,
                strataName: by, showsConfidenceBands: !noBands)
            let incidence = cumulativeIncidence
            run.add(figure: RunOutput.Figure(name: "km") { d in
                try fit.figure(d, counts: counts, options: figure, cumulativeIncidence: incidence).svg()
            })
        }
        try Console.publish(run, options: options, figurePath: { _ in plot })
    }

    /// The x-axis label: the time column, with the divisor when times are scaled ("days / 365.25").
    static func axisLabel(_ time: String, scale: Double) -> String {
        scale == 1 ? time : "\(time) / \(NumberFormatting.human(scale, significantDigits: 8))"
    }
}
