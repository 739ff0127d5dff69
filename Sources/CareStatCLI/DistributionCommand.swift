public import ArgumentParser
import Distributions
import Reporting
import Foundation

/// `carestat distribution`: densities, tail probabilities and quantiles (R's d/p/q functions) for the
/// distributions analysts look up critical values and p-values in.
public struct DistributionCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "distribution",
        abstract: "Density, tail probabilities and quantiles of a probability distribution (as R's d/p/q functions).",
        discussion: """
            Examples:
              carestat distribution normal --at 1.96 --p 0.975
              carestat distribution t --df 10 --at 2.228 --p 0.95,0.975
              carestat distribution poisson --lambda 3.5 --at 0,1,2,10
            Upper tails and upper quantiles are computed directly, so they stay accurate for tiny probabilities \
            (e.g. --p 1e-300).
            """
    )

    public enum Family: String, ExpressibleByArgument, CaseIterable, Sendable {
        case normal, t, chisq, f, gamma, beta, binomial, poisson, negbin
    }

    @Argument(help: "One of: \(Family.allCases.map(\.rawValue).joined(separator: ", ")).")
    public var family: Family

    @Option(help: "Normal mean (default 0).") public var mean: Double = 0
    @Option(help: "Normal standard deviation (default 1).") public var sd: Double = 1
    @Option(help: "Degrees of freedom (t, chisq; numerator df for f).") public var df: Double?
    @Option(help: "Denominator degrees of freedom (f).") public var df2: Double?
    @Option(help: "Shape (gamma).") public var shape: Double?
    @Option(help: "Rate (gamma; default 1).") public var rate: Double = 1
    @Option(help: "First shape parameter (beta).") public var alpha: Double?
    @Option(help: "Second shape parameter (beta).") public var beta: Double?
    @Option(help: "Number of trials (binomial).") public var trials: Int?
    @Option(help: "Success probability (binomial, negbin).") public var prob: Double?
    @Option(help: "Size (negbin, the NB2 dispersion θ).") public var size: Double?
    @Option(help: "Mean (poisson; or negbin instead of --prob).") public var lambda: Double?

    @Option(help: "Comma-separated values at which to evaluate density and tail probabilities.")
    public var at: String?
    @Option(help: "Comma-separated probabilities at which to evaluate lower and upper quantiles.")
    public var p: String?

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func validate() throws {
        if at == nil && p == nil { throw ValidationError("give --at VALUES, --p PROBABILITIES, or both") }
    }

    public func run() throws {
        let points = try at.map { try parseList($0, option: "--at") } ?? []
        let probabilities = try p.map { try parseList($0, option: "--p") } ?? []
        let (name, model) = try makeDistribution()
        var tables: [Table] = []
        if !points.isEmpty {
            var t = Table(title: "\(name): density and tail probabilities",
                          columns: [Column("x"), Column(model.isDiscrete ? "P(X = x)" : "density", key: "density"),
                                    Column("P(X <= x)", key: "lower_tail"), Column("P(X > x)", key: "upper_tail")])
            for x in points {
                let v = try model.evaluate(x)
                t.append([.number(x, significantDigits: 8), .number(v.density, significantDigits: 8),
                          .number(v.lower, significantDigits: 8), .number(v.upper, significantDigits: 8)])
            }
            if model.isDiscrete { t.footnotes.append("Discrete distribution: x is rounded down to a whole number, as R's p-functions do.") }
            tables.append(t)
        }
        if !probabilities.isEmpty {
            var t = Table(title: "\(name): quantiles",
                          columns: [Column("p"), Column("x: P(X <= x) = p", key: "lower_quantile"),
                                    Column("x: P(X > x) = p", key: "upper_quantile")])
            for q in probabilities {
                guard q >= 0 && q <= 1 else { throw UserError("--p: \(show(q)) is not a probability between 0 and 1") }
                t.append([.number(q, significantDigits: 8), .number(model.quantile(q), significantDigits: 8),
                          .number(model.upperQuantile(q), significantDigits: 8)])
            }
            tables.append(t)
        }
        try Console.publish(countFree: tables, options: options)
    }

    private func show(_ x: Double) -> String { NumberFormatting.roundTrip(x) ?? "\(x)" }

    private func require<T>(_ value: T?, _ option: String) throws -> T {
        guard let value else { throw UserError("\(family.rawValue) needs \(option)") }
        return value
    }

    private func makeDistribution() throws -> (String, AnyDistribution) {
        switch family {
        case .normal: return ("Normal(mean = \(show(mean)), sd = \(show(sd)))", .continuous(try Normal(mean: mean, sd: sd)))
        case .t:
            let d = try require(df, "--df")
            return ("Student's t (df = \(show(d)))", .continuous(try StudentT(degreesOfFreedom: d)))
        case .chisq:
            let d = try require(df, "--df")
            return ("Chi-squared (df = \(show(d)))", .continuous(try ChiSquared(degreesOfFreedom: d)))
        case .f:
            let d1 = try require(df, "--df"), d2 = try require(df2, "--df2")
            return ("F (df = \(show(d1)), \(show(d2)))", .continuous(try FisherF(numeratorDF: d1, denominatorDF: d2)))
        case .gamma:
            let a = try require(shape, "--shape")
            return ("Gamma (shape = \(show(a)), rate = \(show(rate)))", .continuous(try GammaDistribution(shape: a, rate: rate)))
        case .beta:
            let a = try require(alpha, "--alpha"), b = try require(beta, "--beta")
            return ("Beta (\(show(a)), \(show(b)))", .continuous(try BetaDistribution(alpha: a, beta: b)))
        case .binomial:
            let n = try require(trials, "--trials"), q = try require(prob, "--prob")
            return ("Binomial (n = \(n), p = \(show(q)))", .discrete(try Binomial(trials: n, probability: q)))
        case .poisson:
            let l = try require(lambda, "--lambda")
            return ("Poisson (mean = \(show(l)))", .discrete(try Poisson(mean: l)))
        case .negbin:
            let k = try require(size, "--size")
            if let q = prob { return ("Negative binomial (size = \(show(k)), p = \(show(q)))", .discrete(try NegativeBinomial(size: k, probability: q))) }
            let mu = try require(lambda, "--prob or --lambda (the mean)")
            return ("Negative binomial (size = \(show(k)), mean = \(show(mu)))", .discrete(try NegativeBinomial(size: k, mean: mu)))
        }
    }
}

/// A continuous or discrete distribution behind one evaluation interface for the command.
enum AnyDistribution {
    case continuous(any ContinuousDistribution)
    case discrete(any DiscreteDistribution)

    var isDiscrete: Bool { if case .discrete = self { true } else { false } }

    func evaluate(_ x: Double) throws -> (density: Double, lower: Double, upper: Double) {
        switch self {
        case .continuous(let d): return (d.density(x), d.cdf(x), d.upperTail(x))
        case .discrete(let d):
            guard x.isFinite else {
                return x > 0 ? (0, 1, 0) : (0, 0, 1)
            }
            guard abs(x) < 9.0e15 else { throw UserError("--at: \(x) is too large for a discrete distribution") }
            let k = Int(x.rounded(.down))
            return (x == x.rounded() ? d.probability(k) : 0, d.cdf(k), d.upperTail(k))
        }
    }

    func quantile(_ p: Double) -> Double {
        switch self {
        case .continuous(let d): d.quantile(p)
        case .discrete(let d): d.quantile(p)
        }
    }

    func upperQuantile(_ q: Double) -> Double {
        switch self {
        case .continuous(let d): d.upperQuantile(q)
        case .discrete(let d): d.upperQuantile(q)
        }
    }
}

/// Parses "1.96,2.58, 3" into numbers; an entry that is not a number is a user error naming it.
/// Times for --at: numbers, none negative (follow-up time starts at 0).
func parseTimes(_ text: String, option: String) throws -> [Double] {
    let values = try parseList(text, option: option)
    if let bad = values.first(where: { $0 < 0 || !$0.isFinite }) {
        throw UserError("\(option): times must be finite and not negative, got \(NumberFormatting.human(bad, significantDigits: 8))")
    }
    return values
}

func parseList(_ text: String, option: String) throws -> [Double] {
    try text.split(separator: ",").map { raw in
        let s = raw.trimmingCharacters(in: .whitespaces)
        guard let v = Double(s), !v.isNaN else { throw UserError("\(option): \"\(s)\" is not a number") }
        return v
    }
}
