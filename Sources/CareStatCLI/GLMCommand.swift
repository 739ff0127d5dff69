public import ArgumentParser
import Formulas
import Regression
import Reporting
import Tabular
import Foundation

/// `carestat glm FILE "y ~ level + x" --family binomial|poisson|negbin|gaussian|gamma [--link L]`: a generalised
/// linear model fitted as R's `glm` (or `MASS::glm.nb` for `negbin` without `--theta`), printed as the coefficient
/// table (estimates, SE, z or t, p, 95% Wald CI, odds ratios / IRRs where natural) or, with `--format json`, as
/// the GLM JSON contract. Every count of people (n, the rows at each factor level, rows dropped) and every
/// statistic that reveals one goes through the disclosure gate (``DisclosureGate``) with the rest of the run.
public struct GLMCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "glm",
        abstract: "Generalised linear model (as R's glm; negbin as MASS::glm.nb).",
        discussion: """
            Examples:
              carestat glm episodes.csv "returned ~ placement + age" --family binomial
              carestat glm counts.csv "referrals ~ la + offset(log(population))" --family poisson --robust hc1
              carestat glm counts.csv "referrals ~ la + year" --family negbin
              carestat glm episodes.csv "cbind(returned, stayed) ~ band" --family binomial --link probit
              carestat glm episodes.csv "returned ~ placement + age + cluster(la)" --family binomial
            Links: binomial logit|probit|cloglog; poisson log|identity|sqrt; negbin log|identity|sqrt; \
            gaussian identity|log; gamma inverse|log|identity. Rows with a missing value in a used column are \
            dropped and reported. Confidence intervals are 95% Wald intervals.
            """
    )

    public enum FamilyName: String, ExpressibleByArgument, CaseIterable, Sendable {
        case binomial, poisson, negbin, gaussian, gamma
    }

    public enum RobustName: String, ExpressibleByArgument, CaseIterable, Sendable {
        case none, hc0, hc1, cluster

        /// The covariance the library computes for this choice.
        var covariance: GLMCovariance {
            switch self {
            case .none: .model
            case .hc0: .hc0
            case .hc1: .hc1
            case .cluster: .cluster
            }
        }
    }

    /// Every link some family takes; ``validate()`` checks it against the family.
    public enum LinkName: String, ExpressibleByArgument, CaseIterable, Sendable {
        case logit, probit, cloglog, log, identity, sqrt, inverse
    }

    /// `[FILE] FORMULA`, --dataset (default: the outcome cohort derived from the embedded synthetic data), --quarantine.
    @OptionGroup public var input: ModelDataInput

    @Option(help: "Family: \(FamilyName.allCases.map(\.rawValue).joined(separator: ", ")).")
    public var family: FamilyName

    @Option(help: "Link function (default: the family's canonical link; log for negbin).")
    public var link: LinkName?

    @Option(help: "Column of prior (case) weights.")
    public var weights: String?

    @Option(help: "Fixed θ for negbin (default: estimated by maximum likelihood).")
    public var theta: Double?

    @Option(help: "Standard errors: none (model-based; cluster-robust when the formula has cluster(col)), hc0, hc1, or cluster (needs cluster(col) in the formula).")
    public var robust: RobustName = .none

    @Option(help: "A factor whose average marginal effects (vs its reference level) are also reported.")
    public var margins: String?

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func validate() throws {
        if theta != nil && family != .negbin { throw ValidationError("--theta applies to --family negbin only") }
        if let t = theta, !(t > 0 && t.isFinite) { throw ValidationError("--theta must be a positive number, got \(t)") }
        _ = try makeFamily()
    }

    public func run() throws {
        let family = try makeFamily()
        let loaded = try input.load(fallback: .outcomeCohort, seed: options.seed)
        let data = loaded.frame
        let formula = input.formula
        do {
            let fit = try GLMSpec(formula, family: family, weights: weights).fit(data)
            let summary = try margins.map { try fit.summary(covariance: robust.covariance, marginalEffectsOf: $0, data: data) }
                ?? fit.summary(covariance: robust.covariance)
            var run = RunOutput(population: "rows of \(loaded.name) with no missing value in the model's columns")
            run.add(summary)
            try Console.publish(run, options: options)
        } catch let e as FormulaParseError {
            throw UserError("formula: \(e)")
        } catch let e as GLMError {
            switch e {
            case .linearAlgebra(let le): throw le
            default: throw UserError(e.description)
            }
        }
    }

    /// The family with its link (the canonical one when `--link` is not given); a link the family does not take
    /// is a user error naming the ones it does.
    private func makeFamily() throws -> GLMFamily {
        func pick<L: RawRepresentable & CaseIterable>(_ type: L.Type, _ fallback: L) throws -> L where L.RawValue == String {
            guard let name = link?.rawValue else { return fallback }
            guard let l = L(rawValue: name) else {
                throw ValidationError("--link \(name) is not available for \(family.rawValue); use one of "
                                      + L.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return l
        }
        switch family {
        case .binomial: return .binomial(link: try pick(BinomialLink.self, .logit))
        case .poisson: return .poisson(link: try pick(PoissonLink.self, .log))
        case .negbin: return .negativeBinomial(link: try pick(NegativeBinomialLink.self, .log), theta: theta)
        case .gaussian: return .gaussian(link: try pick(GaussianLink.self, .identity))
        case .gamma: return .gamma(link: try pick(GammaLink.self, .inverse))
        }
    }
}
