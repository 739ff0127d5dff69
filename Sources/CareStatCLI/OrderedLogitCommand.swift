public import ArgumentParser
import Formulas
import Tabular
import Foundation
public import Regression
import Reporting

/// `carestat ologit FILE "y ~ ..."`: ordered (cumulative-link) regression, as `MASS::polr` / `ordinal::clm`.
public struct OrderedLogitCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ologit",
        abstract: "Ordered logit (proportional odds), ordered probit or cloglog regression (as MASS::polr).",
        discussion: """
            The response is an ordered categorical column (its declared level order), a number column or text \
            (byte-wise order). Model: link(P(Y <= k)) = theta_k - x'beta, so a positive coefficient means higher \
            categories. Examples:
              carestat ologit offences.csv "disposal ~ intervention + age" \\
                --response-levels caution,noncustodial,custodial --profile "intervention=CPP,age=15"
              carestat ologit housing.csv "Sat ~ Infl + Type + Cont" --weights Freq --parallel-lines
              carestat ologit children.csv "convictions ~ la_deprivation + intervention + cluster(la)"
            A cluster(COL) term or --cluster COL gives cluster-robust standard errors (the sandwich of \
            sandwich::vcovCL with its defaults, G/(G-1) * B (sum_g u_g u_g') B); rows with a missing COL are dropped. \
            --robust gives the HC0 sandwich without clusters.
            """
    )

    @OptionGroup var model: CategoricalModelOptions

    @Option(help: "Link: logit (proportional odds), probit or cloglog.")
    public var link: OrderedLogitLink = .logit

    @Flag(help: "Also test the parallel-lines assumption (likelihood-ratio tests per term, as ordinal::nominal_test).")
    public var parallelLines = false

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        let formula = try model.parsedFormula()
        let data = try model.load(formula, seed: options.seed)
        let spec = OrderedLogitSpec(formula: formula, link: link, weights: model.weights, variance: model.variance)
        let summary: FitSummary
        do {
            let test = parallelLines ? try ParallelLinesTest(spec: spec, data: data) : nil
            let fit = try test?.base ?? spec.fit(data)
            summary = try fit.summary(profiles: model.parsedProfiles(terms: fit.coefficients.map(\.term)),
                                      parallelLines: test)
        } catch let e as UserError { throw e } catch {
            throw UserError("\(error)")
        }
        var run = RunOutput(population: model.population)
        run.add(summary)
        try Console.publish(run, options: options)
    }
}

extension OrderedLogitLink: ExpressibleByArgument {}
