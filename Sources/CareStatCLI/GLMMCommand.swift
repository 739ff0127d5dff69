public import ArgumentParser
import Formulas
import ModelSpecs
import MixedModels
import Reporting

/// `carestat glmm FILE "y ~ level + x + (1 | la)" --family binomial|poisson|gaussian [--nagq N] [--ml]`:
/// a mixed model with one grouping factor (lme4's lmer / glmer).
///
/// Disclosure control: the rows used (n) are a count of people and are published under the policy
/// (``ProtectedModelCounts``), as is every model command's n; the number of groups is not a count of people and
/// the per-group output (conditional modes) holds no counts. With n withheld or rounded, the JSON's `bic` (from
/// which n follows) is null.
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

    @Argument(help: "The data file (CSV/TSV, Stata, SPSS, SAS).") public var file: String
    @Argument(help: "The model formula, e.g. \"y ~ level + x + (1 | la)\".") public var formula: String
    @Option(help: "Response family: gaussian, binomial or poisson.") public var family: String = "gaussian"
    @Option(name: .customLong("nagq"), help: "Quadrature nodes per group for binomial/Poisson (1 = Laplace).")
    public var nAGQ: Int = 1
    @Flag(help: "Fit a Gaussian model by maximum likelihood instead of REML.") public var ml = false
    @Flag(help: "Also print the conditional modes (BLUPs) of every group.") public var modes = false
    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func validate() throws {
        guard MixedModelFamily(rawValue: family) != nil else {
            throw ValidationError("--family must be gaussian, binomial or poisson, got \(family)")
        }
        guard (1...25).contains(nAGQ) else { throw ValidationError("--nagq must be between 1 and 25, got \(nAGQ)") }
    }

    public func run() throws {
        let parsed: Formula
        do { parsed = try Formula(parsing: formula) } catch { throw UserError("cannot parse the formula: \(error)") }
        let loaded = try DataLoading.load(file)
        let spec = MixedModelSpec(formula: parsed, family: MixedModelFamily(rawValue: family) ?? .gaussian, nAGQ: nAGQ, reml: !ml)
        let fit: MixedModelFit
        do { fit = try spec.fit(loaded.frame) } catch { throw UserError(error.description) }
        let counts: ProtectedModelCounts
        do { counts = try ProtectedModelCounts(n: fit.n, policy: options.disclosurePolicy) } catch {
            throw UserError("disclosure control: \(error)")
        }
        if options.format == .json {
            // BIC = −2ℓ + k log n gives n back, so it is withheld with n.
            Console.out(counts.protect(json: fit.json(), revealingN: ["bic"]).serialized() + "\n")
            return
        }
        var tables = [counts.protect(mixedModelTable: fit.coefficientTable(), fit: fit), fit.randomEffectsTable()]
        if modes { tables.append(fit.conditionalModesTable()) }
        Console.emit(tables, as: options.format)
    }
}
