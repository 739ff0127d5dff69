import ArgumentParser
import Formulas
import Foundation
import Regression
import Tabular

/// The arguments and options `ologit` and `mlogit` share: the data, the formula, case weights, the variance
/// (model-based, `--robust` HC0 or `--cluster COL`), the response's category order and covariate profiles.
struct CategoricalModelOptions: ParsableArguments {
    /// `[FILE] FORMULA`, --dataset (default: the outcome cohort derived from the embedded synthetic data), --quarantine.
    @OptionGroup var input: ModelDataInput

    @Option(help: "Column of case (frequency) weights.")
    var weights: String?

    @Option(help: "Column identifying clusters (e.g. la): cluster-robust standard errors, as cluster(COL) in the formula.")
    var cluster: String?

    @Flag(help: "Robust (HC0 sandwich) standard errors, rows treated as independent.")
    var robust = false

    @Option(help: "Response categories in order, lowest (or baseline) first, comma-separated (e.g. \"caution,noncustodial,custodial\"); needed for text columns from CSV, whose categories otherwise sort alphabetically.")
    var responseLevels: String?

    @Option(name: .customLong("profile"),
            help: "Covariate profile for predicted probabilities (repeatable): design columns and values, e.g. \"intervention=CPP,age=15\"; unnamed columns are 0 (reference levels).")
    var profiles: [String] = []

    func validate() throws {
        if cluster != nil && robust { throw ValidationError("--cluster and --robust: choose one (--cluster is already robust)") }
        if let levels = responseLevels {
            let order = levels.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !order.isEmpty, Set(order).count == order.count else {
                throw ValidationError("--response-levels: give each category once")
            }
        }
    }

    /// The variance asked for (a `cluster()` term in the formula is taken up by the spec itself).
    var variance: CategoricalVariance {
        if let c = cluster { return .cluster(c) }
        return robust ? .robust : .model
    }

    /// The parsed formula, a syntax error as a user error.
    func parsedFormula() throws -> Formula {
        do { return try Formula(parsing: input.formula) } catch { throw UserError("formula: \(error)") }
    }

    /// The data, with the response recoded to `--response-levels` in that order when given.
    func load(_ formula: Formula, seed: UInt64?) throws -> DataFrame {
        let data = try input.load(fallback: .outcomeCohort, seed: seed).frame
        guard let levels = responseLevels else { return data }
        guard case .column(let y)? = formula.response, let column = data.column(named: y) else {
            throw UserError("--response-levels needs a formula whose response is one column of the data")
        }
        let order = levels.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = (0..<column.count).map { column.stringValue(at: $0) }
        if let stray = values.first(where: { $0 != nil && !order.contains($0 ?? "") }) ?? nil {
            throw UserError("--response-levels: \(y) has the value \(stray), which is not in the list")
        }
        var out = data
        do { try out.setColumn(DataColumn(name: y, categories: values, levels: order, ordered: true)) } catch {
            throw UserError("\(error)")
        }
        return out
    }

    /// The profiles as design-column values: an item that is a design column (`intervention=CPP`) sets it to 1;
    /// an item `column=number` sets that column to the number.
    func parsedProfiles(terms: [String]) throws -> [(label: String, values: [String: Double])] {
        try profiles.map { text in
            var out: [String: Double] = [:]
            for raw in text.split(separator: ",") {
                let item = raw.trimmingCharacters(in: .whitespaces)
                if terms.contains(item) { out[item] = 1; continue }
                guard let eq = item.lastIndex(of: "="), let v = Double(item[item.index(after: eq)...]) else {
                    throw UserError("--profile: \(item) is neither a model term nor column=number (terms: "
                                    + terms.joined(separator: ", ") + ")")
                }
                out[String(item[..<eq])] = v
            }
            return (text, out)
        }
    }

    /// The run's population, for the output-checking record.
    var population: String {
        "rows of \(input.file ?? (input.dataset ?? .outcomeCohort).rawValue) with no missing value in the model's columns"
    }
}
