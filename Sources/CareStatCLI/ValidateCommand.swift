public import ArgumentParser
import CareData
import Foundation
import Reporting

/// `carestat validate`: data-quality checks on SSDA903, CIN census or SOSCARE files (CareData's `Validation`).
public struct ValidateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check SSDA903, CIN census or SOSCARE files and report data quality per rule and LA.",
        discussion: """
            Examples:
              carestat validate --ssda903 episodes.csv --quarantine bad-rows.csv
              carestat validate --cin cin_2017.xml
              carestat validate --soscare soscare/
            The SSDA903 header is read from --header, or from the file beside the episodes file named with \
            "header" for "episodes". The default output is a summary by rule with an example of each; --by-la \
            gives the long table. Copies of an episode repeated across returns or census years are expected \
            and reported as de-duplication, not as failures. Dates after the data's end (--end-date, \
            --collection-year, else the latest return year or DECOM / census date, stated) fail. Failing rows go \
            to the quarantine file with the rule they failed. Exit status 0 whenever the data could be read, \
            however many rows fail.
            """
    )

    @Option(help: "SSDA903 episodes CSV.") public var ssda903: String?
    @Option(help: "SSDA903 header CSV (default: beside the episodes file).") public var header: String?
    @Option(help: "CIN census file (flat CSV, or XML if .xml) or a directory of them; repeat for several census years.")
    public var cin: [String] = []
    @Option(help: "Directory of SOSCARE module CSV files.") public var soscare: String?
    @Option(help: "Write failing rows, with the failed rule, to this CSV file; rows that cannot be read at all (wrong number of fields, invalid UTF-8) go there too instead of stopping the check.")
    public var quarantine: String?
    @Flag(help: "Show the long table: one row per source, rule and LA (default: a summary by rule).")
    public var byLa = false
    @OptionGroup public var end: DataEndOptions
    @Flag(help: "Show progress (each CIN census file as it is read) on stderr (default: only when stderr is a terminal).")
    public var progress = false

    @OptionGroup public var options: GlobalOptions

    public init() {}


    public func run() throws {
        do {
            // No input named: the embedded synthetic data (its SSDA903 return and every CIN census year).
            let embedded = ssda903 == nil && cin.isEmpty && soscare == nil ? try EmbeddedSyntheticData.files(seed: options.seed) : nil
            let inputs = CareDataInputs(ssda903Path: ssda903 ?? embedded?.episodes, headerPath: header ?? embedded?.header,
                                        cinPaths: embedded.map { [$0.directory] } ?? cin, soscareDirectory: soscare,
                                        dataEnd: end.dataEnd, keepMalformedRows: quarantine != nil)
            // The report needs no cleaned CIN records: they are not kept (the census is checked file by file).
            let showProgress = progress || isatty(STDERR_FILENO) == 1
            let result = try inputs.validate(cinRecords: .none,
                                             progress: showProgress ? { Console.err("validate: \($0)\n") } : nil)
            var run = RunOutput(population: "records of the input files")
            var table = byLa ? result.table(ledger: &run.ledger) : result.summary(ledger: &run.ledger)
            if result.issues.allSatisfy(\.rule.isExpected) { table.footnotes.insert("Every record passed every check.", at: 0) }
            if let embedded { table.footnotes.append(embedded.note) }
            table.footnotes.append("Counts are of records, for the data holder's checking; the examples quote single "
                + "records, so check them before publishing this table.")
            if let quarantine {
                if showProgress { Console.err("validate: writing the failing rows to \(quarantine)\n") }
                try result.writeQuarantine(to: quarantine)
                table.footnotes.append("Failing rows written to \(quarantine).")
            }
            run.add(table)
            try Console.publish(run, options: options)
        } catch let e as CareDataError {
            throw UserError(e.description)
        }
    }
}
