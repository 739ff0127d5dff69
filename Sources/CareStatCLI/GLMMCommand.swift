public import ArgumentParser
import Formulas
public import MixedModels
import Reporting

/// `carestat glmm FILE "y ~ level + x + (1 | la)" --family binomial|poisson|gaussian [--nagq N] [--ml]`:
/// a mixed model with one grouping factor (lme4's lmer / glmer), published through the disclosure gate from the
/// fit's summary (n, factor levels' and groups' rows are counts of people; the number of groups is not).
public struct GLMMCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "glmm",
        abstract: "Fit a linear or generalised linear mixed model with one grouping factor (as lme4).",
        discussion: """
            The formula uses lme4's syntax with one random-effect term: (1 | la) for a random intercept, \
            (1 + x | la) for correlated random slopes (binomial and Poisson: Laplace only, --nagq 1), and for \
            binomial and Poisson also (1 | la) + (0 + x | la) for uncorrelated ones. Binomial responses are \
            0/1 or cbind(successes, failures). Gaussian models are \
            fitted by REML (--ml for maximum likelihood); binomial and Poisson models by the Laplace \
            approximation (--nagq 1) or adaptive Gauss-Hermite quadrature (--nagq N, up to 25). JSON output \
            is the fitted-model object of DESIGN.md with random_effects.
            """
    )

    /// `[FILE] FORMULA`, --dataset (default: the outcome cohort derived from the embedded synthetic data), --quarantine.
    @OptionGroup public var input: ModelDataInput
    @Option(help: "Response family: gaussian, binomial or poisson.") public var family: MixedModelFamily = .gaussian
    @Option(name: .customLong("nagq"), help: "Quadrature nodes per group for binomial/Poisson (1 = Laplace, up to 25).")
    public var nAGQ: Int = 1
    @Flag(help: "Fit a Gaussian model by maximum likelihood instead of REML.") public var ml = false
    @Flag(help: "Also print the conditional modes (BLUPs) of every group.") public var modes = false
    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func validate() throws {
        guard (1...25).contains(nAGQ) else { throw ValidationError("--nagq must be between 1 and 25, got \(nAGQ)") }
        if nAGQ > 1 && family == .gaussian { throw ValidationError("--nagq applies to binomial and Poisson models only") }
        if ml && family != .gaussian { throw ValidationError("--ml applies to --family gaussian only (GLMMs are fitted by ML)") }
    }

    public func run() throws {
        let parsed: Formula
        do { parsed = try Formula(parsing: input.formula) } catch { throw UserError("cannot parse the formula: \(error)") }
        let loaded = try input.load(fallback: .outcomeCohort, seed: options.seed)
        let data = loaded.frame
        let spec = MixedModelSpec(formula: parsed, family: family, nAGQ: nAGQ, reml: !ml)
        let fit: MixedModelFit
        do { fit = try spec.fit(data) } catch { throw UserError(error.description) }
        var run = RunOutput(population: "rows of \(loaded.name) with no missing value in the model's columns")
        run.add(fit.summary(conditionalModes: modes))
        try Console.publish(run, options: options)
    }
}

extension MixedModelFamily: ExpressibleByArgument {}
