public import ArgumentParser
import Foundation
import Formulas
import Reporting
import Survival
import Tabular

extension CoxTies: ExpressibleByArgument {}

/// `carestat cox FILE "Surv(time, event) ~ a + b + strata(s)" [--ties efron|breslow] [--cluster COL]`: a Cox
/// proportional-hazards model (R's `coxph`): hazard ratios with confidence intervals, the likelihood-ratio,
/// Wald and score tests, Harrell's C, and with `--zph` the proportional-hazards test (R's `cox.zph`). The fit's
/// summary (``CoxFit/summary(title:)``) goes through the disclosure gate: n, events, the rows at each factor
/// level (a hazard ratio reveals its level's rows) and rows dropped are counts of people.
///
/// `--cause K` fits the cause-specific hazard of cause K from a multi-valued status (`CauseSpecificCox`): the
/// status column may then hold any values (`--censored`, default 0, meaning censored); events of other causes
/// count as censored, as R's `coxph(Surv(time, status == K) ~ ...)`.
public struct CoxCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cox",
        abstract: "Cox proportional-hazards model: hazard ratios, tests, concordance, PH test.",
        discussion: """
            Examples:
              carestat cox episodes.csv "Surv(days, left_care) ~ age + sex + strata(la)"
              carestat cox spells.csv "Surv(start, stop, event) ~ placement_type + age" --cluster child_id --zph
              carestat cox episodes.csv "Surv(days, reason) ~ age + sex" --cause 2
            The event column may be 0/1 (1 = event), 1/2 (2 = event, as R's Surv) or TRUE/FALSE. Rows with a \
            missing value in a model column are left out (counted in a footnote). Matches R survival's coxph \
            (Efron ties by default, robust standard errors with cluster()).
            """
    )

    /// `[FILE] FORMULA`, --dataset (default: the return-to-care data derived from the embedded synthetic data), --quarantine.
    @OptionGroup public var input: ModelDataInput
    @Option(help: "Tied event times: efron (default, as R) or breslow.") var ties: CoxTies = .efron
    @Option(help: "Column identifying clusters (e.g. a child seen in several rows): robust standard errors.")
    public var cluster: String?
    @Option(help: "Column of case weights.") public var weights: String?
    @Flag(help: "Also test proportional hazards (Grambsch–Therneau, as cox.zph).") public var zph = false
    @Option(help: "Confidence level of the hazard-ratio intervals (default 0.95).") public var confLevel: Double = 0.95
    @Option(help: "Competing risks: fit the cause-specific hazard of this status value (other causes censored).")
    public var cause: String?
    @Option(help: "With --cause, the status value meaning censored (default 0).") public var censored: String?
    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func validate() throws {
        guard confLevel > 0 && confLevel < 1 else { throw ValidationError("--conf-level must be in (0, 1), got \(confLevel)") }
        if censored != nil && cause == nil { throw ValidationError("--censored applies with --cause only") }
    }

    public func run() throws {
        let loaded = try input.load(fallback: .returnToCare, seed: options.seed)
        let frame = loaded.frame
        let formula = input.formula
        var model: CoxSpec
        do {
            model = try CoxSpec(formula, ties: ties, options: .init(weights: weights, confidenceLevel: confLevel))
        } catch {
            throw UserError("\(error)")
        }
        if let cluster { model.formula.terms.append(.cluster(cluster)) }
        var summary: FitSummary
        let fit: CoxFit
        do {
            if let cause {
                let fits = try model.causeSpecific(data: frame, censoring: censored ?? "0", causes: [cause])
                guard let f = fits.fits.first, let s = fits.summaries().first else {
                    throw UserError("no fit for cause \(cause)")
                }
                fit = f
                summary = s
            } else {
                fit = try model.fit(frame)
                summary = fit.summary()
            }
        } catch let e as UserError { throw e } catch { throw UserError("\(error)") }
        if zph {
            summary.sections.append(ResultTable(name: "proportional_hazards", countFree: fit.proportionalHazardsTest().table()))
        }
        var run = RunOutput(population: "rows of \(loaded.name) with no missing value in the model's columns")
        run.add(summary)
        try Console.publish(run, options: options)
    }
}
