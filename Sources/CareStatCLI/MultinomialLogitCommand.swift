public import ArgumentParser
import Foundation
import ModelSpecs
import Regression
import Reporting

/// `carestat mlogit FILE "y ~ ..."`: multinomial (baseline-category) logit, as `nnet::multinom`.
public struct MultinomialLogitCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mlogit",
        abstract: "Multinomial logit with the first response category as baseline (as nnet::multinom).",
        discussion: """
            Each non-baseline category k gets its own coefficients: log(P(k)/P(baseline)) = x'beta_k; the \
            output also gives relative-risk ratios exp(beta). Example:
              carestat mlogit offences.csv "convictions ~ intervention + age"
              carestat mlogit offences.csv "convictions ~ intervention + age + cluster(la)"
            A cluster(COL) term or --cluster COL gives cluster-robust standard errors (the sandwich \
            G/(G-1) * B (sum_g u_g u_g') B that sandwich::vcovCL computes by default); rows with a missing COL are \
            dropped. --robust gives the HC0 sandwich without clusters.
            """
    )

    @Argument(help: "Data file: CSV/TSV, Stata .dta, SPSS .sav or SAS .sas7bdat.")
    public var file: String

    @Option(help: "Write rows that cannot be read (CSV) to this file instead of stopping at the first.")
    public var quarantine: String?

    @Argument(help: "Model formula in R syntax, e.g. \"convictions ~ intervention + age\".")
    public var formula: String

    @Option(help: "Column of case (frequency) weights.")
    public var weights: String?

    @Option(help: "Column identifying clusters (e.g. la): cluster-robust standard errors, as cluster(COL) in the formula.")
    public var cluster: String?

    @Flag(help: "Robust (HC0 sandwich) standard errors, rows treated as independent.")
    public var robust = false

    @Option(help: "Response categories in order, comma-separated; the first is the baseline (text columns from CSV otherwise sort alphabetically).")
    public var responseLevels: String?

    @Option(name: .customLong("profile"),
            help: "Covariate profile for predicted probabilities (repeatable), e.g. \"intervention=CPP,age=15\"; unnamed columns are 0 (reference levels).")
    public var profiles: [String] = []

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        let parsed = try OrderedLogitCommand.parseFormula(formula)
        let data = try OrderedLogitCommand.orderingResponse(DataLoading.load(file, quarantine: quarantine).frame,
                                                            formula: parsed, levels: responseLevels)
        let spec = MultinomialLogitSpec(formula: parsed, weights: weights,
                                        variance: try OrderedLogitCommand.variance(cluster: cluster, robust: robust))
        let result: MultinomialLogitResult
        var predictions: [(String, [Double])] = []
        do {
            result = try spec.fit(data)
            for text in profiles {
                let profile = try OrderedLogitCommand.parseProfile(text, terms: result.terms)
                predictions.append((text, try result.probabilities(for: profile)))
            }
        } catch {
            throw UserError("\(error)")
        }
        let counts = try OrderedLogitCommand.protectedCounts(n: result.observationCount, totalWeight: result.totalWeight,
                                                             weighted: weights != nil, policy: options.disclosurePolicy)
        if options.format == .json {
            guard case .object(var fields) = ProtectedModelCounts.protect(
                categoricalJSON: result.json(), counts, missing: result.missing, zeroWeightRows: result.zeroWeightRows) else { return }
            if !predictions.isEmpty {
                fields.append(("predictions", OrderedLogitCommand.predictionJSON(predictions, levels: result.responseLevels)))
            }
            Console.out(JSONValue.object(fields).serialized() + "\n")
        } else {
            var tables = ProtectedModelCounts.protect(
                categoricalTables: result.tables(), counts, missing: result.missing, zeroWeightRows: result.zeroWeightRows)
            if !predictions.isEmpty {
                tables.append(OrderedLogitCommand.predictionTable(predictions, levels: result.responseLevels))
            }
            Console.emit(tables, as: options.format)
        }
    }
}
