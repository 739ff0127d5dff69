public import ArgumentParser
import Formulas
import Tabular
import Foundation
import ModelSpecs
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

    @Argument(help: "Data file: CSV/TSV, Stata .dta, SPSS .sav or SAS .sas7bdat.")
    public var file: String

    @Option(help: "Write rows that cannot be read (CSV) to this file instead of stopping at the first.")
    public var quarantine: String?

    @Argument(help: "Model formula in R syntax, e.g. \"disposal ~ intervention + age\".")
    public var formula: String

    @Option(help: "Link: logit (proportional odds), probit or cloglog.")
    public var link: OrderedLogitLink = .logit

    @Option(help: "Column of case (frequency) weights.")
    public var weights: String?

    @Option(help: "Column identifying clusters (e.g. la): cluster-robust standard errors, as cluster(COL) in the formula.")
    public var cluster: String?

    @Flag(help: "Robust (HC0 sandwich) standard errors, rows treated as independent.")
    public var robust = false

    @Flag(help: "Also test the parallel-lines assumption (likelihood-ratio tests per term, as ordinal::nominal_test).")
    public var parallelLines = false

    @Option(help: "Response categories in order, lowest first, comma-separated (e.g. \"caution,noncustodial,custodial\"); needed for text columns from CSV, whose categories otherwise sort alphabetically.")
    public var responseLevels: String?

    @Option(name: .customLong("profile"),
            help: "Covariate profile for predicted probabilities (repeatable): design columns and values, e.g. \"intervention=CPP,age=15\"; unnamed columns are 0 (reference levels).")
    public var profiles: [String] = []

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        let parsed = try Self.parseFormula(formula)
        let data = try Self.orderingResponse(DataLoading.load(file, quarantine: quarantine).frame, formula: parsed,
                                             levels: responseLevels)
        let spec = OrderedLogitSpec(formula: parsed, link: link, weights: weights,
                                    variance: try Self.variance(cluster: cluster, robust: robust))
        let result: OrderedLogitResult
        var test: ParallelLinesTest?
        var predictions: [(String, [Double])] = []
        do {
            if parallelLines {
                let t = try ParallelLinesTest(spec: spec, data: data)
                result = t.base
                test = t
            } else {
                result = try spec.fit(data)
            }
            let names = result.coefficients.map(\.term)
            for text in profiles {
                predictions.append((text, try result.probabilities(for: try Self.parseProfile(text, terms: names))))
            }
        } catch {
            throw UserError("\(error)")
        }
        let counts = try Self.protectedCounts(n: result.observationCount, totalWeight: result.totalWeight,
                                              weighted: weights != nil, policy: options.disclosurePolicy)
        if options.format == .json {
            guard case .object(var fields) = ProtectedModelCounts.protect(categoricalJSON: result.json(), counts, missing: result.missing,
                                                              zeroWeightRows: result.zeroWeightRows) else { return }
            if let test { fields.append(("parallel_lines", test.json())) }
            if !predictions.isEmpty { fields.append(("predictions", Self.predictionJSON(predictions, levels: result.responseLevels))) }
            Console.out(JSONValue.object(fields).serialized() + "\n")
        } else {
            var tables = ProtectedModelCounts.protect(categoricalTables: result.tables(), counts, missing: result.missing,
                                         zeroWeightRows: result.zeroWeightRows)
            if let test { tables.append(test.table()) }
            if !predictions.isEmpty { tables.append(Self.predictionTable(predictions, levels: result.responseLevels)) }
            Console.emit(tables, as: options.format)
        }
    }

    /// The protected counts of an ordered or multinomial fit (``ProtectedModelCounts/categorical(n:totalWeight:weighted:policy:)``).
    static func protectedCounts(n: Int, totalWeight: Double, weighted: Bool,
                                policy: DisclosurePolicy) throws -> (rows: ProtectedModelCounts, weights: ProtectedModelCounts?) {
        do { return try ProtectedModelCounts.categorical(n: n, totalWeight: totalWeight, weighted: weighted, policy: policy) }
        catch { throw UserError("disclosure control: \(error)") }
    }

    /// Parses a profile "a=b,x=1.5": an item that is a design column (`intervention=CPP`) sets it to 1; an item
    /// `column=number` sets that column to the number.
    static func parseProfile(_ text: String, terms: [String]) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for raw in text.split(separator: ",") {
            let item = raw.trimmingCharacters(in: .whitespaces)
            if terms.contains(item) { out[item] = 1; continue }
            guard let eq = item.lastIndex(of: "="), let v = Double(item[item.index(after: eq)...]) else {
                throw UserError("--profile: \(item) is neither a model term nor column=number (terms: "
                                + terms.joined(separator: ", ") + ")")
            }
            out[String(item[..<eq])] = v
        }
        return out
    }

    /// Predicted probabilities, one row per profile.
    static func predictionTable(_ predictions: [(String, [Double])], levels: [String]) -> Table {
        var t = Table(title: "Predicted probabilities",
                      columns: [Column("Profile", key: "profile", alignment: .left)] + levels.map { Column($0) })
        for (profile, p) in predictions { t.append([.text(profile)] + p.map { .number($0) }) }
        return t
    }

    static func predictionJSON(_ predictions: [(String, [Double])], levels: [String]) -> JSONValue {
        .array(predictions.map { profile, p in
            .object([("profile", .string(profile)),
                     ("probabilities", .object(zip(levels, p).map { ($0, JSONValue.number($1)) }))])
        })
    }

    /// The data with the response column recoded to the categories `levels` (comma-separated) in that order;
    /// unchanged when `levels` is nil. A value not in the list is a user error.
    static func orderingResponse(_ data: DataFrame, formula: Formula, levels: String?) throws -> DataFrame {
        guard let levels else { return data }
        guard case .column(let y)? = formula.response, let column = data.column(named: y) else {
            throw UserError("--response-levels needs a formula whose response is one column of the data")
        }
        let order = levels.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard Set(order).count == order.count, !order.isEmpty else {
            throw UserError("--response-levels: give each category once")
        }
        let values = (0..<column.count).map { column.stringValue(at: $0) }
        if let stray = values.first(where: { $0 != nil && !order.contains($0 ?? "") }) ?? nil {
            throw UserError("--response-levels: \(y) has the value \(stray), which is not in the list")
        }
        var out = data
        do { try out.setColumn(DataColumn(name: y, categories: values, levels: order, ordered: true)) } catch {
            throw UserError("\(error)")
        }
        return out
    }

    /// The variance asked for by `--cluster COL` / `--robust` (a `cluster()` term in the formula is taken up by
    /// the spec itself); both at once is a user error.
    static func variance(cluster: String?, robust: Bool) throws -> CategoricalVariance {
        switch (cluster, robust) {
        case (.some, true): throw UserError("--cluster and --robust: choose one (--cluster is already robust)")
        case (.some(let c), false): return .cluster(c)
        case (nil, true): return .robust
        case (nil, false): return .model
        }
    }

    /// Parses a formula, reporting a syntax error as a user error.
    static func parseFormula(_ text: String) throws -> Formula {
        do { return try Formula(parsing: text) } catch { throw UserError("formula: \(error)") }
    }
}

extension OrderedLogitLink: ExpressibleByArgument {}
