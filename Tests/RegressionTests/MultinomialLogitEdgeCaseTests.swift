import Formulas
import Foundation
import Reporting
import Regression
import Tabular
import Testing

/// Closed forms, warnings, errors and the output contract of the multinomial logit (and the intercept-only
/// ordered logit, which has a closed form too).
struct MultinomialLogitEdgeCaseTests {
    /// 10 rows: categories a ×5, b ×3, c ×2 (text response, so categories in byte-wise order).
    static func counts() throws -> DataFrame {
        let y: [String?] = ["a", "b", "a", "c", "a", "b", "a", "c", "b", "a"]
        return try DataFrame(columns: [DataColumn(name: "y", strings: y),
                                       DataColumn(name: "x", doubles: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])])
    }

    /// Intercept-only model, by hand: β_k = log(n_k/n_a) = log(3/5), log(2/5); ℓ = Σ n_k log(n_k/n)
    /// = 5 log 0.5 + 3 log 0.3 + 2 log 0.2; Var(β̂_k) = 1/n_k + 1/n_a (the inverse of the multinomial
    /// information), so SE = √(1/3 + 1/5), √(1/2 + 1/5). Tolerance 1e-12 relative.
    @Test func interceptOnlyClosedForm() throws {
        let r = try MultinomialLogitSpec(formula: try Formula(parsing: "y ~ 1")).fit(try Self.counts())
        #expect(r.responseLevels == ["a", "b", "c"])
        #expect(r.warnings.contains { $0.contains("text") })
        let b = try #require(r.coefficient(level: "b", term: "(Intercept)"))
        let c = try #require(r.coefficient(level: "c", term: "(Intercept)"))
        #expect(CategoricalFixtures.relativeError(b.estimate, log(3.0 / 5)) < 1e-12)
        #expect(CategoricalFixtures.relativeError(c.estimate, log(2.0 / 5)) < 1e-12)
        #expect(CategoricalFixtures.relativeError(b.standardError, (1.0 / 3 + 1.0 / 5).squareRoot()) < 1e-12)
        #expect(CategoricalFixtures.relativeError(c.standardError, (1.0 / 2 + 1.0 / 5).squareRoot()) < 1e-12)
        let ll = 5 * log(0.5) + 3 * log(0.3) + 2 * log(0.2)
        #expect(CategoricalFixtures.relativeError(r.logLikelihood, ll) < 1e-12)
        #expect(CategoricalFixtures.relativeError(r.aic, -2 * ll + 4) < 1e-12)
        let p = try r.probabilities(for: [:])
        #expect(zip(p, [0.5, 0.3, 0.2]).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    /// The ordered model without covariates, by hand: θ_k = logit of the cumulative proportions 0.5 and 0.8,
    /// i.e. 0 and log 4; same log-likelihood as above (the saturated marginal fit).
    @Test func orderedInterceptOnlyClosedForm() throws {
        let r = try OrderedLogitSpec(formula: try Formula(parsing: "y ~ 1")).fit(try Self.counts())
        #expect(r.coefficients.isEmpty)
        #expect(abs(r.thresholds[0].estimate) < 1e-12)
        #expect(CategoricalFixtures.relativeError(r.thresholds[1].estimate, log(4.0)) < 1e-12)
        let ll = 5 * log(0.5) + 3 * log(0.3) + 2 * log(0.2)
        #expect(CategoricalFixtures.relativeError(r.logLikelihood, ll) < 1e-12)
    }

    /// Zero weights drop rows; frequency weights equal repeated rows (housing expanded would be 1681 rows, so
    /// here: weights 2 on every row give the same estimates and twice the log-likelihood; SEs shrink by √2).
    @Test func weightsActAsFrequencies() throws {
        var data = try Self.counts()
        try data.setColumn(DataColumn(name: "w", doubles: [Double?](repeating: 2, count: 10)))
        let once = try MultinomialLogitSpec(formula: try Formula(parsing: "y ~ x")).fit(try Self.counts())
        let twice = try MultinomialLogitSpec(formula: try Formula(parsing: "y ~ x"), weights: "w").fit(data)
        for (a, b) in zip(once.coefficients, twice.coefficients) {
            #expect(CategoricalFixtures.relativeError(b.estimate, a.estimate) < 1e-9)
            #expect(CategoricalFixtures.relativeError(b.standardError * 2.0.squareRoot(), a.standardError) < 1e-9)
        }
        #expect(CategoricalFixtures.relativeError(twice.logLikelihood, 2 * once.logLikelihood) < 1e-12)
        try data.setColumn(DataColumn(name: "w", doubles: [0, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        let dropped = try MultinomialLogitSpec(formula: try Formula(parsing: "y ~ x"), weights: "w").fit(data)
        #expect(dropped.observationCount == 9)
        #expect(dropped.warnings.contains { $0.contains("zero weight") })
    }

    /// Complete separation: the fit cannot converge to finite values and says so.
    @Test func separationIsReported() throws {
        let y: [String?] = ["a", "a", "a", "b", "b", "b", "c", "c", "c"]
        let data = try DataFrame(columns: [DataColumn(name: "y", categories: y),
                                           DataColumn(name: "x", doubles: (1...9).map { Double($0) })])
        let r = try MultinomialLogitSpec(formula: try Formula(parsing: "y ~ x")).fit(data)
        #expect(r.warnings.contains { $0.contains("separation") }, "\(r.warnings)")
    }

    /// More design columns than rows: with 3 rows, (Intercept), x1, x2 have rank 3 and x3 is aliased (R's
    /// qr(cbind(1, x1, x2, x3))$rank is 3, pivoting out the last column); nothing traps.
    @Test func wideDesignDoesNotTrap() throws {
        let data = try DataFrame(columns: [
            DataColumn(name: "y", categories: ["a", "b", "c"]),
            DataColumn(name: "x1", doubles: [1, 2, 3]), DataColumn(name: "x2", doubles: [3, 1, 2]),
            DataColumn(name: "x3", doubles: [0, 5, 1]),
        ])
        let r = try MultinomialLogitSpec(formula: try Formula(parsing: "y ~ x1 + x2 + x3")).fit(data)
        #expect(r.droppedColumns == ["x3"])
        let o = try OrderedLogitSpec(formula: try Formula(parsing: "y ~ x1 + x2 + x3")).fit(data)
        #expect(o.droppedColumns == ["x3"])
    }

    @Test func jsonAndTables() throws {
        let r = try MultinomialLogitSpec(formula: try Formula(parsing: "y ~ x")).fit(try Self.counts())
        let summary = try r.summary()
        let d = DisclosureGate(policy: .disabled).decide(summary.ledger)
        guard case let .object(fields) = d.json(summary) else { Issue.record("not an object"); return }
        #expect(Array(fields.map(\.0).prefix(9)) == ["model", "formula", "n", "loglik", "aic", "converged",
                                                     "iterations", "warnings", "coefficients"])
        let dict = Dictionary(fields, uniquingKeysWith: { a, _ in a })
        #expect(dict["model"] == .string("multinomial_logit"))
        #expect(dict["baseline"] == .string("a"))
        guard case let .array(coefs)? = dict["coefficients"], case let .object(first)? = coefs.first else {
            Issue.record("no coefficients"); return
        }
        #expect(first.map(\.0) == ["term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high",
                                   "response_level"])
        #expect(coefs.count == 4)
        let tables = d.tables(summary)
        #expect(tables[0].rows.count == 4)
        #expect(tables[0].columns.first?.key == "response_level")
        #expect(!tables[0].render(as: .markdown).isEmpty)
    }

    @Test func errorsAreTyped() throws {
        #expect(throws: CategoricalOutcomeError.responseNotCategorical("the formula has no response")) {
            try MultinomialLogitSpec(formula: try Formula(parsing: "~ x")).fit(try Self.counts())
        }
        let r = try MultinomialLogitSpec(formula: try Formula(parsing: "y ~ x")).fit(try Self.counts())
        #expect(throws: CategoricalOutcomeError.unknownProfileTerm("z", suggestion: "x")) {
            try r.probabilities(for: ["z": 1])
        }
        #expect(throws: CategoricalOutcomeError.invalidOption(name: "maxIterations", value: -1)) {
            try MultinomialLogitSpec(formula: try Formula(parsing: "y ~ x"),
                                     options: CategoricalFitOptions(maxIterations: -1)).fit(try Self.counts())
        }
    }
}
