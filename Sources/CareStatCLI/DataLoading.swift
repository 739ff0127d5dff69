import CareData
import Foundation
import Tabular

/// Reads a data file for a command: CSV/TSV through Tabular's reader (with an optional quarantine file), Stata,
/// SPSS and SAS files through ReadStat. Errors become one-line user errors naming the file. Columns holding a
/// vocabulary with a declared order (intervention level, conviction bands: ``DeclaredLevelOrders``) get that
/// order, so their first level is the reference of a model.
enum DataLoading {
    struct Loaded {
        let frame: DataFrame
        /// Present for CSV input.
        let summary: ReadSummary?
    }

    /// The formats read, for the message about any other.
    static let supportedFormats = "CSV (.csv, .tsv, .txt, .tab, or no extension), Stata .dta, SPSS .sav/.zsav, SAS .sas7bdat"

    /// Reads `path`. `requireRows`: a file without data rows (a header only, or every row quarantined) is a user
    /// error "FILE: no data rows" (for commands that fit or tabulate; `describe` shows the columns instead).
    /// With a quarantine file, the number of rows written there is announced on stderr unless `announce` is
    /// false (a command that reports it in its output). Non-finite numbers (`Inf`, `NaN`, `1e400`) in CSV are
    /// errors naming file, line, column and value unless `nonFiniteNumbers` is `.read` (describe, which shows them).
    static func load(_ path: String, quarantine: String? = nil, requireRows: Bool = true,
                     announceQuarantine: Bool = true, nonFiniteNumbers: NonFiniteNumbers = .error) throws -> Loaded {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        let loaded: Loaded
        switch ext {
        case "dta", "sav", "zsav", "sas7bdat":
            if quarantine != nil {
                throw UserError("--quarantine applies to CSV input; \(path) is read through ReadStat, which rejects a malformed file as a whole")
            }
            do { loaded = Loaded(frame: try DeclaredLevelOrders.apply(to: try ReadStatReader.read(path: path)).frame, summary: nil) }
            catch { throw UserError(String(describing: error)) }
        case "csv", "tsv", "txt", "tab", "":
            var options = CSVReadOptions()
            options.quarantinePath = quarantine
            options.nonFiniteNumbers = nonFiniteNumbers
            do {
                let result = try CSVReader.read(path: path, options: options)
                loaded = Loaded(frame: try DeclaredLevelOrders.apply(to: result.frame).frame, summary: result.summary)
            } catch {
                throw UserError(String(describing: error))
            }
        case "xpt":
            throw UserError("\(path): SAS transport (.xpt) files are not supported; export the data as CSV or .sas7bdat. Supported: \(supportedFormats)")
        default:
            throw UserError("\(path): unsupported file type .\(ext). Supported: \(supportedFormats)")
        }
        if let quarantine, announceQuarantine, let s = loaded.summary {
            Console.err("carestat: \(path): \(s.rowsQuarantined) row\(s.rowsQuarantined == 1 ? "" : "s") quarantined to \(quarantine)"
                        + " (\(s.rowsRead) read)\n")
        }
        if requireRows, loaded.frame.rowCount == 0 {
            let q = (loaded.summary?.rowsQuarantined ?? 0)
            throw UserError("\(path): no data rows" + (q > 0 ? " (all \(q) were quarantined\(quarantine.map { " to \($0)" } ?? ""))" : ""))
        }
        return loaded
    }
}
