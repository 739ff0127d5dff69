public import ArgumentParser
import Foundation
import Reporting
import Survival
import Tabular

/// `carestat km FILE --time COL --event COL [--by COL] [--at 30,90,365]`: Kaplan–Meier survival curves (R's
/// `survfit`, with its default `timefix`), medians with confidence intervals, survival at chosen times, and the
/// numbers of events and censorings by interval under disclosure control.
///
/// Disclosure control: counts of people appear only in one protected table per stratum — events and
/// censorings in the intervals (−∞, t₁], (t₁, t₂], …, (t_k, ∞) cut at the `--at` times, with row totals (people
/// leaving observation in the interval), column totals (events, censorings) and the grand total (people in
/// the stratum), protected by `DisclosureControl` (primary and secondary suppression). The summary table's n and
/// events are that table's protected totals. Numbers at risk are not printed separately: at risk at t_j is the
/// stratum total minus the people who left in earlier intervals (for data without delayed entry), so printing
/// them unprotected would undo the suppression. Survival estimates, standard errors and confidence limits are
/// not counts and are shown as computed.
///
/// `--plot FILE.svg` writes the figure (`KaplanMeierFit.figure`): its numbers at risk under the plot, at the
/// axis ticks, are each published under the same policy (1 ..< threshold withheld, rounding when asked for),
/// as is usual for at-risk tables. Where an `--at` time coincides with a tick, an at-risk count and the interval
/// table's totals can together narrow down a withheld interval count; check the two together before release.
public struct KMCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "km",
        abstract: "Kaplan–Meier survival curves: medians, survival at chosen times, events by interval.",
        discussion: """
            Examples:
              carestat km episodes.csv --time days_in_care --event left_care --by la --at 30,90,365
              carestat km cohort.csv --time exit_age --entry entry_age --event event --conf-type log-log
              carestat km episodes.csv --time days_in_care --event left_care --by la --plot km.svg \\
                --time-scale 365.25 --time-label "Years in care"
            The event column may be 0/1 (1 = event), 1/2 (2 = event, as R's Surv) or TRUE/FALSE. Rows with a \
            missing time, entry or event are left out (counted in a footnote). Matches R survival's survfit \
            (Greenwood standard errors, log confidence intervals by default, times equal up to rounding merged).
            """
    )

    @Argument(help: "The data file (CSV/TSV, Stata, SPSS or SAS).") public var file: String
    @Option(help: "Column with the follow-up (exit) time.") public var time: String
    @Option(help: "Column with the event indicator (0/1, 1/2 or TRUE/FALSE).") public var event: String
    @Option(help: "Column whose values define separate curves (strata).") public var by: String?
    @Option(help: "Column with entry times, for delayed entry (start, stop].") public var entry: String?
    @Option(help: "Comma-separated times at which to report survival and cut the count intervals.")
    public var at: String?
    @Option(help: "Confidence interval transformation: log (default, as R), log-log or plain.")
    public var confType: String = "log"
    @Option(help: "Confidence level of the intervals (default 0.95).") public var confLevel: Double = 0.95
    @Option(help: "Write rows that cannot be read (CSV) to this file instead of stopping at the first.")
    public var quarantine: String?
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
        guard SurvivalConfidenceType(rawValue: confType) != nil else {
            throw ValidationError("--conf-type must be log, log-log or plain, got \(confType)")
        }
        guard confLevel > 0 && confLevel < 1 else { throw ValidationError("--conf-level must be in (0, 1), got \(confLevel)") }
        guard timeScale.isFinite && timeScale > 0 else { throw ValidationError("--time-scale must be > 0, got \(timeScale)") }
    }

    public func run() throws {
        let times = try at.map { Array(Set(try parseList($0, option: "--at"))).sorted() }
        let frame = try DataLoading.load(file, quarantine: quarantine).frame
        let input = try KMCommand.input(frame, time: time, event: event, entry: entry, by: by)
        let fit: KaplanMeierFit
        do {
            let data = try SurvivalData(time: input.time, event: input.event, entry: input.entry,
                                        strataLabels: input.strata, timefix: true)
            fit = try KaplanMeier.fit(data, confidenceLevel: confLevel,
                                      confidenceType: SurvivalConfidenceType(rawValue: confType) ?? .log)
        } catch let e as SurvivalDataError {
            throw UserError(KMCommand.describe(e, time: time, entry: entry))
        } catch {
            throw UserError("\(error)")
        }
        let policy = options.disclosurePolicy
        let level = confLevel * 100 == (confLevel * 100).rounded() ? String(Int(confLevel * 100)) : String(confLevel * 100)

        // Protected counts by interval, one cross table per stratum.
        let cuts = times ?? []
        let labels = KMCommand.intervalLabels(cuts)
        var protected: [ProtectedCrossTable] = []
        for curve in fit.curves {
            var counts = [[Int]](repeating: [0, 0], count: cuts.count + 1)
            for i in curve.time.indices {
                let j = cuts.firstIndex { curve.time[i] <= $0 } ?? cuts.count
                counts[j][0] += Int(curve.nEvent[i].rounded())
                counts[j][1] += Int(curve.nCensor[i].rounded())
            }
            protected.append(try DisclosureControl.protect(
                counts: counts, rowLabels: labels, columnLabels: ["Events", "Censored"], policy: policy))
        }

        let stratified = by != nil
        var summary = Table(
            title: "Kaplan–Meier survival: \(URL(fileURLWithPath: file).lastPathComponent)",
            columns: (stratified ? [Column(by ?? "", key: "name", alignment: .left)] : [])
                + [Column("n", key: "n"), Column("Events", key: "events"), Column("Median", key: "median"),
                   Column("\(level)% CI lower", key: "median_conf_low"), Column("\(level)% CI upper", key: "median_conf_high")])
        for (s, curve) in fit.curves.enumerated() {
            let m = curve.median
            let row: [Cell] = [protected[s].grandTotal.cell(marker: policy.marker),
                               protected[s].columnTotals[0].cell(marker: policy.marker),
                               KMCommand.number(m.estimate), KMCommand.number(m.lower), KMCommand.number(m.upper)]
            summary.append((stratified ? [.text(curve.name)] : []) + row)
        }
        var notes = ["Median survival time with \(level)% confidence interval (\(confType) transformation), as R's survfit; blank when not reached.",
                     "n and events are counts of people: " + policy.footnote(secondaryApplies: true)]
        if input.omitted > 0 { notes.append("\(input.omitted) rows with a missing time, entry or event were left out.") }
        summary.footnotes = notes
        var tables = [summary]

        if let times {
            for (s, curve) in fit.curves.enumerated() {
                let suffix = stratified ? " (\(by ?? "") = \(curve.name))" : ""
                var t = Table(
                    title: "Survival at chosen times\(suffix)",
                    columns: [Column("Time", key: "time"), Column("Survival", key: "survival"),
                              Column("Std. error", key: "std_error"), Column("\(level)% CI lower", key: "conf_low"),
                              Column("\(level)% CI upper", key: "conf_high")],
                    footnotes: ["Times after the last follow-up time are not shown (R's summary(fit, times =))."])
                for p in curve.summary(at: times) {
                    t.append([.number(p.time, significantDigits: 8), KMCommand.number(p.survival),
                              KMCommand.number(p.standardError), KMCommand.number(p.lower), KMCommand.number(p.upper)])
                }
                tables.append(t)
                var counts = protected[s].table(title: "Events and censorings by interval\(suffix)", rowHeader: "Interval")
                counts.footnotes.append("At risk at the start of an interval = Total minus the people in earlier intervals (without delayed entry).")
                tables.append(counts)
            }
        }
        Console.emit(tables, as: options.format)
        if let xlsx = options.xlsx { try writeWorkbook(tables, to: xlsx) }
        if let plot {
            let figure = SurvivalFigureOptions(
                timeLabel: timeLabel ?? KMCommand.axisLabel(time, scale: timeScale), timeScale: timeScale,
                strataName: by, showsConfidenceBands: !noBands, disclosure: policy)
            let chart: Chart
            do { chart = try fit.figure(figure, cumulativeIncidence: cumulativeIncidence) } catch { throw UserError("\(error)") }
            try KMCommand.writeSVG(chart.svg(), to: plot)
        }
    }

    /// The x-axis label: the time column, with the divisor when times are scaled ("days / 365.25").
    static func axisLabel(_ time: String, scale: Double) -> String {
        scale == 1 ? time : "\(time) / \(NumberFormatting.human(scale, significantDigits: 8))"
    }

    static func writeSVG(_ svg: String, to path: String) throws {
        do { try svg.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw UserError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    struct Input {
        var time: [Double]
        var event: [Bool]
        var entry: [Double]?
        var strata: [String]
        var omitted: Int
    }

    /// Reads the columns; a missing event marks the row missing (its time becomes NaN, which SurvivalData drops).
    static func input(_ frame: DataFrame, time: String, event: String, entry: String?, by: String?) throws -> Input {
        func column(_ name: String) throws -> DataColumn {
            guard let c = frame.column(named: name) else {
                let hint = nearestName(to: name, among: frame.columnNames).map { " (did you mean \($0)?)" } ?? ""
                throw UserError("no column \(name) in the file\(hint)")
            }
            return c
        }
        func numbers(_ name: String) throws -> [Double] {
            let c = try column(name)
            guard c.isNumeric else { throw UserError("column \(name) is not numeric") }
            return (0..<frame.rowCount).map { c.numericValue(at: $0) ?? .nan }
        }
        var t = try numbers(time)
        let e = try column(event)
        var events = [Bool](repeating: false, count: frame.rowCount)
        if case .boolean = e.values {
            for i in 0..<frame.rowCount { if let v = e.numericValue(at: i) { events[i] = v == 1 } else { t[i] = .nan } }
        } else {
            guard e.isNumeric else { throw UserError("column \(event) must be 0/1, 1/2 or TRUE/FALSE") }
            let values = (0..<frame.rowCount).map { e.numericValue(at: $0) }
            let present = Set(values.compactMap { $0 })
            let eventValue: Double
            if present.isSubset(of: [0, 1]) { eventValue = 1 } else if present.isSubset(of: [1, 2]) { eventValue = 2 } else {
                throw UserError("column \(event) must be 0/1, 1/2 or TRUE/FALSE; it has \(present.sorted().prefix(5).map { "\($0)" }.joined(separator: ", "))")
            }
            for i in 0..<frame.rowCount { if let v = values[i] { events[i] = v == eventValue } else { t[i] = .nan } }
        }
        let start = try entry.map { try numbers($0) }
        let strata: [String]
        if let by {
            let c = try column(by)
            strata = (0..<frame.rowCount).map { c.stringValue(at: $0) ?? "NA" }
        } else {
            strata = [String](repeating: "", count: frame.rowCount)
        }
        var omitted = 0
        for i in 0..<frame.rowCount where t[i].isNaN || (start?[i].isNaN ?? false) { omitted += 1 }
        return Input(time: t, event: events, entry: start, strata: strata, omitted: omitted)
    }

    /// Labels "≤ t1", "(t1, t2]", ..., "> tk" (one interval, "all", without cuts).
    static func intervalLabels(_ cuts: [Double]) -> [String] {
        guard let first = cuts.first, let last = cuts.last else { return ["all"] }
        func show(_ x: Double) -> String { NumberFormatting.human(x, significantDigits: 8) }
        var labels = ["<= \(show(first))"]
        for j in 1..<cuts.count { labels.append("(\(show(cuts[j - 1])), \(show(cuts[j]))]") }
        labels.append("> \(show(last))")
        return labels
    }

    static func number(_ x: Double) -> Cell { x.isNaN ? .missing : .number(x) }

    static func describe(_ e: SurvivalDataError, time: String, entry: String?) -> String {
        switch e {
        case .lengthMismatch(let m): return m
        case .nonFiniteTime(let row): return "row \(row + 1): \(time) or \(entry ?? "entry") is infinite"
        case .entryNotBeforeExit(let row): return "row \(row + 1): \(entry ?? "entry") must be below \(time)"
        case .invalidWeight(let row): return "row \(row + 1): invalid weight"
        case .stratumOutOfRange(let row): return "row \(row + 1): invalid stratum"
        case .intervalCollapsed(let row): return "row \(row + 1): \(entry ?? "entry") equals \(time) up to rounding"
        }
    }
}
