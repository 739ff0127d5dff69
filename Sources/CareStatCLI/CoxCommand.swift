public import ArgumentParser
import Foundation
import ModelSpecs
import Formulas
import Reporting
import Survival
import Tabular

/// `carestat cox FILE "Surv(time, event) ~ a + b + strata(s)" [--ties efron|breslow] [--cluster COL]`: a Cox
/// proportional-hazards model (R's `coxph`): hazard ratios with confidence intervals, the likelihood-ratio,
/// Wald and score tests, Harrell's C, and with `--zph` the proportional-hazards test (R's `cox.zph`).
///
/// Disclosure control: the only counts of people are the numbers of rows and events, published through
/// `DisclosureControl` as a one-way table (events, censored, total) — suppressed below the threshold, with
/// secondary suppression so no count can be recovered from the others. Estimates are not counts.
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

    @Argument(help: "The data file (CSV/TSV, Stata, SPSS or SAS).") public var file: String
    @Argument(help: "Model formula, e.g. \"Surv(time, event) ~ a + b + strata(s)\".") public var formula: String
    @Option(help: "Tied event times: efron (default, as R) or breslow.") public var ties: String = "efron"
    @Option(help: "Column identifying clusters (e.g. a child seen in several rows): robust standard errors.")
    public var cluster: String?
    @Option(help: "Column of case weights.") public var weights: String?
    @Flag(help: "Also test proportional hazards (Grambsch–Therneau, as cox.zph).") public var zph = false
    @Option(help: "Confidence level of the hazard-ratio intervals (default 0.95).") public var confLevel: Double = 0.95
    @Option(help: "Competing risks: fit the cause-specific hazard of this status value (other causes censored).")
    public var cause: String?
    @Option(help: "With --cause, the status value meaning censored (default 0).") public var censored: String = "0"
    @Option(help: "Write rows that cannot be read (CSV) to this file instead of stopping at the first.")
    public var quarantine: String?
    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func validate() throws {
        guard CoxTies(rawValue: ties) != nil else { throw ValidationError("--ties must be efron or breslow, got \(ties)") }
        guard confLevel > 0 && confLevel < 1 else { throw ValidationError("--conf-level must be in (0, 1), got \(confLevel)") }
    }

    public func run() throws {
        let frame = try DataLoading.load(file, quarantine: quarantine).frame
        var model: CoxModel
        do {
            model = try CoxModel(formula, ties: CoxTies(rawValue: ties) ?? .efron,
                                 options: .init(weights: weights, confidenceLevel: confLevel))
        } catch {
            throw UserError("\(error)")
        }
        if let cluster { model.formula.terms.append(.cluster(cluster)) }
        let statusColumn: String
        switch model.formula.response {
        case let .survival(_, e)?: statusColumn = e
        case let .countingProcess(_, _, e)?: statusColumn = e
        default: throw UserError("the formula needs a survival response: Surv(time, event) or Surv(start, stop, event)")
        }
        let fit: CoxFit
        if let cause {
            // Cause-specific hazard: status == cause is the event, every other value censored.
            do {
                let fits = try model.causeSpecific(data: frame, censoring: censored, causes: [cause])
                guard let f = fits[cause] else { throw UserError("internal: no fit for cause \(cause)") }
                fit = f
            } catch let e as UserError { throw e } catch { throw UserError("\(error)") }
        } else {
            do { fit = try model.fit(data: frame) } catch { throw UserError("\(error)") }
        }
        let causeNote = cause.map {
            "Cause-specific hazard of \(statusColumn) = \($0): other causes censored (\(statusColumn) = \(censored) means censored)."
        }

        let counts = try ProtectedModelCounts(n: fit.n, events: fit.events, policy: options.disclosurePolicy)
        if options.format == .json {
            // DESIGN.md's model JSON: one object. n and events are counts of people, so they carry the protected
            // values (null when withheld, with the rule stated).
            guard case .object(var fields) = try counts.protect(coxJSON: fit.json(), fit: fit) else {
                throw UserError("internal: Cox JSON is not an object")
            }
            if let cause { fields.append(("cause", .string(cause))) }
            let c = fit.concordance()
            fields.append(("concordance", .object([("estimate", .number(c.concordance)), ("std_error", .number(c.standardError))])))
            Console.out(JSONValue.object(fields).serialized() + "\n")
            return
        }
        var coefficients = try counts.protect(coxTable: fit.table(), fit: fit)
        if let causeNote { coefficients.footnotes.insert(causeNote, at: 1) }
        var tables = [coefficients]
        let c = fit.concordance()
        tables.append(Table(title: "Concordance (Harrell's C)", columns: [Column("C", key: "concordance"),
                                                                           Column("Std. error", key: "std_error")],
                            rows: [[.number(c.concordance), .number(c.standardError)]],
                            footnotes: ["As R's concordance(fit): pairs with tied event times are not comparable; tied risk scores count 1/2."]))
        if zph { tables.append(fit.proportionalHazardsTest().table()) }
        Console.emit(tables, as: options.format)
    }
}
