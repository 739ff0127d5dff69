public import ArgumentParser
import Formulas
import Foundation
public import Regression
import Reporting
import Tabular

/// `carestat ologit FILE "y ~ ..."`: ordered (cumulative-link) regression, as `MASS::polr` / `ordinal::clm`.
public struct OrderedLogitCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ologit",
        abstract: "Ordered logit (proportional odds), ordered probit or cloglog regression (as MASS::polr).",
        discussion: """
            The response is an ordered categorical column (its declared level order), a number column or text \
            (byte-wise order). Model: link(P(Y <= k)) = theta_k - x'beta, so a positive coefficient means higher \
            categories. Examples:
              carestat ologit offences.dta "disposal ~ intervention + age"
              carestat ologit housing.dta "Sat ~ Infl + Type + Cont" --weights Freq --parallel-lines
            """
    )

    @Argument(help: "Data file (.dta, .sav, .sas7bdat).")
    public var file: String

    @Argument(help: "Model formula in R syntax, e.g. \"disposal ~ intervention + age\".")
    public var formula: String

    @Option(help: "Link: logit (proportional odds), probit or cloglog.")
    public var link: OrderedLogitLink = .logit

    @Option(help: "Column of case (frequency) weights.")
    public var weights: String?

    @Flag(help: "Also test the parallel-lines assumption (likelihood-ratio tests per term, as ordinal::nominal_test).")
    public var parallelLines = false

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        let data = try Self.loadData(file)
        let spec = OrderedLogitSpec(formula: try Self.parseFormula(formula), link: link, weights: weights)
        do {
            if parallelLines {
                let test = try ParallelLinesTest(spec: spec, data: data)
                if options.format == .json {
                    guard case .object(var fields) = test.base.json() else { return }
                    fields.append(("parallel_lines", test.json()))
                    Console.out(JSONValue.object(fields).serialized() + "\n")
                } else {
                    Console.emit(test.base.tables() + [test.table()], as: options.format)
                }
            } else {
                let result = try spec.fit(data)
                if options.format == .json {
                    Console.out(result.json().serialized() + "\n")
                } else {
                    Console.emit(result.tables(), as: options.format)
                }
            }
        } catch {
            throw UserError(error.description)
        }
    }

    /// Reads a data file for the categorical-outcome commands (`ologit`, `mlogit`): Stata, SPSS or SAS files
    /// through Tabular's ReadStat reader. Errors become user errors (exit status 1).
    static func loadData(_ path: String) throws -> DataFrame {
        do {
            return try ReadStatReader.read(path: path)
        } catch {
            throw UserError(error.description)
        }
    }

    /// Parses a formula, reporting a syntax error as a user error.
    static func parseFormula(_ text: String) throws -> Formula {
        do { return try Formula(parsing: text) } catch { throw UserError("formula: \(error)") }
    }
}

extension OrderedLogitLink: ExpressibleByArgument {}
