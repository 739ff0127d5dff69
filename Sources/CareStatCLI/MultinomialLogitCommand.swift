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
              carestat mlogit offences.csv "convictions ~ intervention + age"
              carestat mlogit offences.csv "convictions ~ intervention + age + cluster(la)"
            A cluster(COL) term or --cluster COL gives cluster-robust standard errors (the sandwich \
            G/(G-1) * B (sum_g u_g u_g') B that sandwich::vcovCL computes by default); rows with a missing COL are \
            dropped. --robust gives the HC0 sandwich without clusters.
            """
    )

    @OptionGroup var model: CategoricalModelOptions

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        let formula = try model.parsedFormula()
        let data = try model.load(formula, seed: options.seed)
        let spec = MultinomialLogitSpec(formula: formula, weights: model.weights, variance: model.variance)
        let summary: FitSummary
        do {
            let fit = try spec.fit(data)
            summary = try fit.summary(profiles: model.parsedProfiles(terms: fit.terms))
        } catch let e as UserError { throw e } catch {
            throw UserError("\(error)")
        }
        var run = RunOutput(population: model.population)
        run.add(summary)
        try Console.publish(run, options: options)
    }
}
