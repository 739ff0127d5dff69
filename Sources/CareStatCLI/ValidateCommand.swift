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
            "header" for "episodes". Failing rows go to the quarantine file with the rule they failed. \
            Exit status 0 whenever the data could be read, however many rows fail.
            """
    )

    @Option(help: "SSDA903 episodes CSV.") public var ssda903: String?
    @Option(help: "SSDA903 header CSV (default: beside the episodes file).") public var header: String?
    @Option(help: "CIN census: flat CSV, or XML (.xml).") public var cin: String?
    @Option(help: "Directory of SOSCARE module CSV files.") public var soscare: String?
    @Option(help: "Write failing rows, with the failed rule, to this CSV file.") public var quarantine: String?

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func validate() throws {
        if ssda903 == nil && cin == nil && soscare == nil { throw ValidationError("give --ssda903, --cin or --soscare") }
    }

    public func run() throws {
        do {
            let inputs = CareDataInputs(ssda903Path: ssda903, headerPath: header, cinPath: cin, soscareDirectory: soscare)
            let result = try inputs.validate()
            var table = result.table()
            if let quarantine {
                try writeCSV(try result.quarantine(), to: quarantine)
                table.footnotes.append("Failing rows written to \(quarantine).")
            }
            Console.emit([table], as: options.format)
        } catch {
            throw UserError(error.description)
        }
    }
}
