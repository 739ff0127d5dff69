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

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        let data = try OrderedLogitCommand.loadData(file)
        let spec = MultinomialLogitSpec(formula: try OrderedLogitCommand.parseFormula(formula), weights: weights)
        do {
            let result = try spec.fit(data)
            if options.format == .json {
                Console.out(result.json().serialized() + "\n")
            } else {
                Console.emit(result.tables(), as: options.format)
            }
        } catch {
            throw UserError(error.description)
        }
    }
}
