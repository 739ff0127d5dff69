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

    static func load(_ path: String, quarantine: String? = nil) throws -> Loaded {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        switch ext {
        case "dta", "sav", "zsav", "sas7bdat":
            if quarantine != nil {
                throw UserError("--quarantine applies to CSV input; \(path) is read through ReadStat, which rejects a malformed file as a whole")
            }
            do { return Loaded(frame: try DeclaredLevelOrders.apply(to: try ReadStatReader.read(path: path)).frame, summary: nil) }
            catch { throw UserError(String(describing: error)) }
        default:
            var options = CSVReadOptions()
            options.quarantinePath = quarantine
            do {
                let result = try CSVReader.read(path: path, options: options)
                return Loaded(frame: try DeclaredLevelOrders.apply(to: result.frame).frame, summary: result.summary)
            } catch {
                throw UserError(String(describing: error))
            }
        }
    }
}
