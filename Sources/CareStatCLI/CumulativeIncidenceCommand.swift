public import ArgumentParser
import Foundation
import Reporting
import Survival
import Tabular

/// `carestat cuminc FILE --time COL --status COL [--by COL] [--at 30,90,365] [--plot FILE.svg]`: competing
/// risks — Aalen–Johansen cumulative incidence of each cause (R survival's multi-state `survfit`, whose
/// estimates equal `cmprsk::cuminc`'s), with standard errors and pointwise confidence intervals at chosen
/// times, and the numbers of events of each cause under disclosure control.
///
/// Disclosure control, as `km`: counts of people appear only in one protected table per stratum — events of
/// each cause and censorings in the intervals cut at the `--at` times (a single interval without `--at`), with
/// row totals, column totals (events per cause, censorings) and the grand total (people in the stratum),
/// protected by `DisclosureControl` (primary and secondary suppression). The summary table shows that table's
/// protected totals. Incidences, standard errors and limits are not counts and are shown as computed. The
/// figure's numbers at risk are each published under the same policy (see `km`).
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
            Rows with a missing time, entry or status are left out (counted in a footnote). Without --at, the \
            incidence is reported at round times within follow-up (the figure's axis ticks).
            """
    )

    @Argument(help: "The data file (CSV/TSV, Stata, SPSS or SAS).") public var file: String
    @Option(help: "Column with the follow-up (exit) time.") public var time: String
    @Option(help: "Column with the status: the censoring value, or the cause of the event.") public var status: String
    @Option(help: "The status value meaning censored (default 0).") public var censored: String = "0"
    @Option(help: "Column whose values define separate strata.") public var by: String?
    @Option(help: "Column with entry times, for delayed entry (start, stop].") public var entry: String?
    @Option(help: "Comma-separated times at which to report the incidence and cut the count intervals.")
    public var at: String?
    @Option(help: "Variance: jackknife (infinitesimal jackknife, as R survfit; default) or gray (as cmprsk).")
    public var variance: String = "jackknife"
    @Option(help: "Confidence interval transformation: log (default, as R), log-log or plain.")
    public var confType: String = "log"
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
        guard SurvivalConfidenceType(rawValue: confType) != nil else {
            throw ValidationError("--conf-type must be log, log-log or plain, got \(confType)")
        }
        guard ["jackknife", "gray"].contains(variance) else {
            throw ValidationError("--variance must be jackknife or gray, got \(variance)")
        }
        guard confLevel > 0 && confLevel < 1 else { throw ValidationError("--conf-level must be in (0, 1), got \(confLevel)") }
        guard timeScale.isFinite && timeScale > 0 else { throw ValidationError("--time-scale must be > 0, got \(timeScale)") }
        guard probabilityLimit > 0 && probabilityLimit <= 1 else {
            throw ValidationError("--probability-limit must be in (0, 1], got \(probabilityLimit)")
        }
    }

    public func run() throws {
        let requested = try at.map { Array(Set(try parseList($0, option: "--at"))).sorted() }
        let frame = try DataLoading.load(file, quarantine: quarantine).frame
        let input = try CumulativeIncidenceCommand.input(frame, time: time, status: status, censored: censored,
                                                         entry: entry, by: by)
        let fit: CompetingRisksFit
        do {
            fit = try AalenJohansen.fit(
                time: input.time, status: input.status, censored: censored, causes: input.causes, entry: input.entry,
                strataLabels: input.strata, confidenceLevel: confLevel,
                confidenceType: SurvivalConfidenceType(rawValue: confType) ?? .log,
                variance: variance == "gray" ? .gray : .infinitesimalJackknife)
        } catch let e as SurvivalDataError {
            throw UserError(KMCommand.describe(e, time: time, entry: entry))
        } catch let SurvivalCurveError.invalidArgument(m) {
            throw UserError(m)
        } catch {
            throw UserError("\(error)")
        }
        let policy = options.disclosurePolicy
        let level = confLevel * 100 == (confLevel * 100).rounded() ? String(Int(confLevel * 100)) : String(confLevel * 100)
        let causes = fit.causeNames
        let stratified = by != nil

        // Protected counts by interval: events of each cause and censorings, one cross table per stratum.
        let cuts = requested ?? []
        let labels = KMCommand.intervalLabels(cuts)
        var protected: [ProtectedCrossTable] = []
        for curve in fit.curves {
            var counts = [[Int]](repeating: [Int](repeating: 0, count: causes.count + 1), count: cuts.count + 1)
            for i in curve.time.indices {
                let j = cuts.firstIndex { curve.time[i] <= $0 } ?? cuts.count
                for k in causes.indices { counts[j][k] += Int(curve.nEvent[k][i].rounded()) }
                counts[j][causes.count] += Int(curve.nCensor[i].rounded())
            }
            protected.append(try DisclosureControl.protect(
                counts: counts, rowLabels: labels, columnLabels: causes + ["Censored"], policy: policy))
        }

        var summary = Table(
            title: "Competing risks: \(URL(fileURLWithPath: file).lastPathComponent)",
            columns: (stratified ? [Column(by ?? "", key: "name", alignment: .left)] : [])
                + [Column("n", key: "n")] + causes.map { Column($0, key: "events_\($0)") }
                + [Column("Censored", key: "censored")])
        for (s, curve) in fit.curves.enumerated() {
            let p = protected[s]
            summary.append((stratified ? [.text(curve.name)] : []) + [p.grandTotal.cell(marker: policy.marker)]
                           + p.columnTotals.map { $0.cell(marker: policy.marker) })
        }
        var notes = ["Events of each cause and censorings. n, events and censorings are counts of people: "
                     + policy.footnote(secondaryApplies: true)]
        if input.omitted > 0 { notes.append("\(input.omitted) rows with a missing time, entry or status were left out.") }
        summary.footnotes = notes
        var tables = [summary]

        let times = requested ?? CumulativeIncidenceCommand.defaultTimes(fit)
        for (s, curve) in fit.curves.enumerated() {
            let suffix = stratified ? " (\(by ?? "") = \(curve.name))" : ""
            var t = Table(
                title: "Cumulative incidence at chosen times\(suffix)",
                columns: [Column("Time", key: "time"), Column("Cause", key: "cause", alignment: .left),
                          Column("Incidence", key: "incidence"), Column("Std. error", key: "std_error"),
                          Column("\(level)% CI lower", key: "conf_low"), Column("\(level)% CI upper", key: "conf_high")],
                footnotes: ["Aalen–Johansen estimate; standard errors: "
                            + (fit.variance == .gray ? "Gray (cmprsk::cuminc)" : "infinitesimal jackknife (R survfit)")
                            + "; \(confType) confidence intervals. Times after the last follow-up time are not shown."])
            for r in fit.rows(stratum: s, times: times) {
                t.append([.number(r.time, significantDigits: 8), .text(r.cause), KMCommand.number(r.incidence),
                          KMCommand.number(r.standardError), KMCommand.number(r.lower), KMCommand.number(r.upper)])
            }
            tables.append(t)
            if requested != nil {
                tables.append(protected[s].table(title: "Events by cause and interval\(suffix)", rowHeader: "Interval"))
            }
        }
        Console.emit(tables, as: options.format)

        if let plot {
            let figure = SurvivalFigureOptions(
                timeLabel: timeLabel ?? KMCommand.axisLabel(time, scale: timeScale), timeScale: timeScale,
                strataName: by, showsConfidenceBands: !noBands, probabilityLimit: probabilityLimit,
                disclosure: policy)
            let chart: Chart
            do { chart = try fit.figure(figure) } catch { throw UserError("\(error)") }
            try KMCommand.writeSVG(chart.svg(), to: plot)
        }
    }

    /// Round times within follow-up: the positive ticks of Heckbert's axis over [0, last time] (``ChartTicks``).
    static func defaultTimes(_ fit: CompetingRisksFit) -> [Double] {
        let last = fit.curves.compactMap(\.time.last).max() ?? 0
        guard last > 0 else { return [last] }
        return ChartTicks.heckbert(minimum: 0, maximum: last, count: 5).values.filter { $0 > 0 && $0 <= last }
    }

    struct Input {
        var time: [Double]
        var status: [String]
        var causes: [String]
        var entry: [Double]?
        var strata: [String]
        var omitted: Int
    }

    /// Reads the columns. Status values become labels (numbers in their shortest form: 1, not 1.0); a missing
    /// status marks the row missing (its time becomes NaN, which SurvivalData drops).
    static func input(_ frame: DataFrame, time: String, status: String, censored: String, entry: String?,
                      by: String?) throws -> Input {
        func column(_ name: String, role: String) throws -> DataColumn {
            guard let c = frame.column(named: name) else {
                let hint = nearestName(to: name, among: frame.columnNames).map { " (did you mean \($0)?)" } ?? ""
                throw UserError("no \(role) column \(name) in the file\(hint)")
            }
            return c
        }
        func numbers(_ name: String, role: String) throws -> [Double] {
            let c = try column(name, role: role)
            guard c.isNumeric else { throw UserError("\(role) column \(name) is not numeric") }
            return (0..<frame.rowCount).map { c.numericValue(at: $0) ?? .nan }
        }
        var t = try numbers(time, role: "time")
        let s = try column(status, role: "status")
        var labels = [String](repeating: censored, count: frame.rowCount)
        for i in 0..<frame.rowCount {
            let label: String?
            if s.isNumeric {
                label = s.numericValue(at: i).map { v in v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)" }
            } else {
                label = s.stringValue(at: i)
            }
            if let label { labels[i] = label } else { t[i] = .nan }
        }
        let present = Set(labels.indices.filter { !t[$0].isNaN }.map { labels[$0] }).subtracting([censored])
        guard !present.isEmpty else {
            throw UserError("status column \(status) has no events: every value is the censoring value \(censored) (set it with --censored)")
        }
        let causes: [String]
        if s.isNumeric {
            causes = present.sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
        } else if case let .categorical(_, levels, _) = s.values {
            causes = levels.filter { present.contains($0) }
        } else {
            causes = SurvivalData.factorCodes(Array(present)).levels
        }
        if causes.count > 20 {
            throw UserError("status column \(status) has \(causes.count) distinct causes; is it the right column (and --censored the censoring value)?")
        }
        let start = try entry.map { try numbers($0, role: "entry") }
        let strata: [String]
        if let by {
            let c = try column(by, role: "--by")
            strata = (0..<frame.rowCount).map { c.stringValue(at: $0) ?? "NA" }
        } else {
            strata = [String](repeating: "", count: frame.rowCount)
        }
        var omitted = 0
        for i in 0..<frame.rowCount where t[i].isNaN || (start?[i].isNaN ?? false) { omitted += 1 }
        return Input(time: t, status: labels, causes: causes, entry: start, strata: strata, omitted: omitted)
    }
}
