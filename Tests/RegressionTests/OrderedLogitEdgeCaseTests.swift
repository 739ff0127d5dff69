import Formulas
import Foundation
import Reporting
import Regression
import Tabular
import Testing

/// Warnings, dropped categories/rows/columns, errors and the output contract of the ordered logit.
/// Numerical references: the clm values of make-categorical-fixtures.R (the same model must come out of the
/// altered data), tolerances as in OrderedLogitTests (1e-9 relative for estimates, 1e-7 for SEs).
struct OrderedLogitEdgeCaseTests {
    static func care() throws -> DataFrame { try CategoricalFixtures.frame("care.csv", dataset: "care") }

    static func expectMatchesCareLogit(_ r: OrderedLogitFit) {
        for (name, value) in CategoricalFixtures.entries("care", "ologit", "logit", "beta") {
            let mine = r.coefficients.first { CategoricalFixtures.rName($0.term) == name }
            #expect(CategoricalFixtures.relativeError(mine?.estimate ?? .nan, value) < 1e-9, "\(name)")
            let se = CategoricalFixtures.value("care", "ologit", "logit", "beta_se", name)
            #expect(CategoricalFixtures.relativeError(mine?.standardError ?? .nan, se) < 1e-7, "SE \(name)")
        }
        let ll = CategoricalFixtures.value("care", "ologit", "logit", "loglik")
        #expect(CategoricalFixtures.relativeError(r.logLikelihood, ll) < 1e-9)
    }

    /// An empty declared category (here a level "warning" below "caution" and "secure" at the top) is dropped
    /// with a warning; the fit is then clm's on the non-empty categories.
    @Test func emptyCategoriesAreDroppedWithAWarning() throws {
        var data = try Self.care()
        let col = try #require(data.column(named: "disposal"))
        let values = (0..<col.count).map { col.stringValue(at: $0) }
        try data.setColumn(DataColumn(name: "disposal", categories: values,
                                      levels: ["warning", "caution", "noncustodial", "custodial", "secure"], ordered: true))
        let r = try OrderedLogitSpec(formula: try Formula(parsing: "disposal ~ intervention + age")).fit(data)
        #expect(r.responseLevels == ["caution", "noncustodial", "custodial"])
        #expect(r.warnings.contains { $0.contains("empty response categories dropped: warning, secure") })
        Self.expectMatchesCareLogit(r)
    }

    /// A missing response drops the row (na.omit) with a warning: 399 rows are used, and the log-likelihood
    /// differs from clm's on all 400 rows (by more than 1e-6 relative; one observation contributes ~1/400 of it).
    @Test func missingResponseRowsAreDropped() throws {
        var data = try Self.care()
        let col = try #require(data.column(named: "disposal"))
        var values = (0..<col.count).map { col.stringValue(at: $0) }
        values[0] = nil
        try data.setColumn(DataColumn(name: "disposal", categories: values,
                                      levels: ["caution", "noncustodial", "custodial"], ordered: true))
        let r = try OrderedLogitSpec(formula: try Formula(parsing: "disposal ~ intervention + age")).fit(data)
        #expect(r.observationCount == 399)
        #expect(r.warnings.contains { $0.contains("dropped 1 of 400 rows with missing values (disposal: 1)") }, "\(r.warnings)")
        #expect(CategoricalFixtures.relativeError(r.logLikelihood, CategoricalFixtures.value("care", "ologit", "logit", "loglik")) > 1e-6)
    }

    /// An aliased column (age2 = 2·age) is dropped as polr does, leaving clm's fit.
    @Test func aliasedColumnsAreDropped() throws {
        var data = try Self.care()
        let age = try #require(data.column(named: "age"))
        try data.setColumn(DataColumn(name: "age2", doubles: (0..<age.count).map { age.numericValue(at: $0).map { 2 * $0 } }))
        let r = try OrderedLogitSpec(formula: try Formula(parsing: "disposal ~ intervention + age + age2")).fit(data)
        #expect(r.droppedColumns == ["age2"])
        #expect(r.warnings.contains { $0.contains("rank-deficient") })
        Self.expectMatchesCareLogit(r)
    }

    /// Without an intercept the model is the same (the thresholds take its place), with polr's warning.
    @Test func interceptIsAssumed() throws {
        let r = try OrderedLogitSpec(formula: try Formula(parsing: "disposal ~ intervention + age - 1")).fit(try Self.care())
        #expect(r.warnings.contains { $0.contains("intercept is needed") })
        Self.expectMatchesCareLogit(r)
    }

    /// Complete separation (y increases with x without overlap): estimates diverge; the result warns instead
    /// of claiming finite estimates silently.
    @Test func separationIsReported() throws {
        let y: [String?] = ["a", "a", "a", "b", "b", "b", "c", "c", "c"]
        let data = try DataFrame(columns: [DataColumn(name: "y", categories: y, levels: ["a", "b", "c"], ordered: true),
                                           DataColumn(name: "x", doubles: (1...9).map { Double($0) })])
        let r = try OrderedLogitSpec(formula: try Formula(parsing: "y ~ x")).fit(data)
        #expect(r.warnings.contains { $0.contains("separation") }, "\(r.warnings)")
        #expect(r.coefficients[0].estimate > 10)
    }

    @Test func errorsAreTyped() throws {
        let data = try Self.care()
        #expect(throws: CategoricalOutcomeError.unknownResponse("disposl", suggestion: "disposal")) {
            try OrderedLogitSpec(formula: try Formula(parsing: "disposl ~ age")).fit(data)
        }
        #expect(throws: CategoricalOutcomeError.self) {
            try OrderedLogitSpec(formula: try Formula(parsing: "Surv(age, age) ~ intervention")).fit(data)
        }
        let one = try DataFrame(columns: [DataColumn(name: "y", categories: ["a", "a", "a"]),
                                          DataColumn(name: "x", doubles: [1, 2, 3])])
        #expect(throws: CategoricalOutcomeError.tooFewResponseLevels(column: "y", levels: ["a"])) {
            try OrderedLogitSpec(formula: try Formula(parsing: "y ~ x")).fit(one)
        }
        let r = try OrderedLogitSpec(formula: try Formula(parsing: "disposal ~ intervention + age")).fit(data)
        #expect(throws: CategoricalOutcomeError.unknownProfileTerm("ag", suggestion: "age")) {
            try r.probabilities(for: ["ag": 1])
        }
    }

    /// The summary's JSON (written by the gate, control off) has the contract's keys in order and the result's
    /// values (which the other tests check against R); the tables carry one row per coefficient/threshold.
    @Test func jsonAndTables() throws {
        let r = try OrderedLogitSpec(formula: try Formula(parsing: "disposal ~ intervention + age")).fit(try Self.care())
        let d = DisclosureGate(policy: .disabled)
        let summary = try r.summary()
        guard case let .object(fields) = d.decide(summary.ledger).json(summary) else { Issue.record("not an object"); return }
        #expect(Array(fields.map(\.0).prefix(9)) == ["model", "formula", "n", "loglik", "aic", "converged",
                                                     "iterations", "warnings", "coefficients"])
        let dict = Dictionary(fields, uniquingKeysWith: { a, _ in a })
        #expect(dict["model"] == .string("ordered_logit"))
        #expect(dict["link"] == .string("logit"))
        #expect(dict["n"] == .number(400))
        #expect(dict["loglik"] == .number(r.logLikelihood))
        guard case let .array(coefs)? = dict["coefficients"], case let .object(first)? = coefs.first else {
            Issue.record("no coefficients"); return
        }
        #expect(first.map(\.0) == ["term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high"])
        #expect(first[0].1 == .string("intervention=referral"))
        #expect(first[1].1 == .number(r.coefficients[0].estimate))
        guard case let .array(th)? = dict["thresholds"] else { Issue.record("no thresholds"); return }
        #expect(th.count == 2)
        let tables = d.decide(summary.ledger).tables(summary)
        #expect(tables.count == 2)
        #expect(tables[0].rows.count == 5)
        #expect(tables[1].rows.count == 2)
        #expect(tables[0].columns.contains { $0.header == "odds ratio" })
        #expect(!tables[0].render(as: .text).isEmpty)
    }
}
