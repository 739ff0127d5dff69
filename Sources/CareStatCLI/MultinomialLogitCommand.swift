public import ArgumentParser
import Foundation
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
              carestat mlogit offences.dta "convictions ~ intervention + age"
            """
    )

    @Argument(help: "Data file (.dta, .sav, .sas7bdat).")
    public var file: String

    @Argument(help: "Model formula in R syntax, e.g. \"convictions ~ intervention + age\".")
    public var formula: String

    @Option(help: "Column of case (frequency) weights.")
    public var weights: String?

    @Option(name: .customLong("profile"),
            help: "Covariate profile for predicted probabilities (repeatable), e.g. \"intervention=CPP,age=15\"; unnamed columns are 0 (reference levels).")
    public var profiles: [String] = []

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        let data = try OrderedLogitCommand.loadData(file)
        let spec = MultinomialLogitSpec(formula: try OrderedLogitCommand.parseFormula(formula), weights: weights)
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
        if options.format == .json {
            guard case .object(var fields) = result.json() else { return }
            if !predictions.isEmpty {
                fields.append(("predictions", OrderedLogitCommand.predictionJSON(predictions, levels: result.responseLevels)))
            }
            Console.out(JSONValue.object(fields).serialized() + "\n")
        } else {
            var tables = result.tables()
            if !predictions.isEmpty {
                tables.append(OrderedLogitCommand.predictionTable(predictions, levels: result.responseLevels))
            }
            Console.emit(tables, as: options.format)
        }
    }
}
