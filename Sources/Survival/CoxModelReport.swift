public import Reporting
internal import Foundation

extension CoxFit {
    /// The coefficient table, as `summary.coxph`: term, coef, HR = exp(coef), SE (the naive SE, and the robust
    /// SE when robust), z, p and the confidence interval of the HR; footnotes give n, events, log-likelihoods,
    /// AIC, the three (four when robust) tests, convergence and every warning. Aliased terms are missing cells.
    public func table() -> Table {
        let level = NumberFormatting.roundTrip(confidenceLevel * 100) ?? "95"
        var cols = [Column("term", alignment: .left), Column("coef"), Column("HR", key: "hazard_ratio"),
                    Column("SE", key: "std_error")]
        if isRobust { cols.append(Column("robust SE", key: "robust_std_error")) }
        cols += [Column("z"), Column("p", key: "p_value"), Column("HR \(level)% low", key: "conf_low"),
                 Column("HR \(level)% high", key: "conf_high")]
        var t = Table(title: "Cox proportional hazards (\(ties.rawValue) ties): \(formula)", columns: cols)
        let se = standardErrors, naive = naiveStandardErrors, z = zStatistics, p = pValues, ci = confidenceIntervals
        func num(_ x: Double) -> Cell { x.isFinite ? .number(x) : .missing }
        for j in terms.indices {
            var row: [Cell] = [.text(terms[j]), num(coefficients[j]), num(exp(coefficients[j])), num(naive[j])]
            if isRobust { row.append(num(se[j])) }
            row += [num(z[j]), p[j].isNaN ? .missing : .pValue(p[j]), num(exp(ci[j].lower)), num(exp(ci[j].upper))]
            t.append(row)
        }
        func test(_ name: String, _ x: CoxModelTest) -> String {
            let p = NumberFormatting.pValue(x.pValue)
            return "\(name) = \(NumberFormatting.human(x.statistic)) on \(x.degreesOfFreedom) df, p \(p.hasPrefix("<") ? p : "= " + p)"
        }
        t.footnotes = [
            "n = \(n), events = \(events)" + (strata.isEmpty ? "" : ", strata = \(strata.count)"),
            "log-likelihood: \(NumberFormatting.human(loglikInitial, significantDigits: 8)) (null), "
                + "\(NumberFormatting.human(loglik, significantDigits: 8)) (model); AIC = \(NumberFormatting.human(aic, significantDigits: 7))",
            test("likelihood ratio test", likelihoodRatioTest),
            test("Wald test" + (isRobust ? " (robust variance)" : ""), waldTest),
            test("score (log-rank) test", scoreTest),
        ]
        if let r = robustScoreTest { t.footnotes.append(test("robust score test", r)) }
        t.footnotes.append(converged ? "converged in \(iterations) iterations"
                                     : "did not converge (\(iterations) iterations)")
        t.footnotes += warnings.map { "warning: \($0)" }
        return t
    }

    /// The JSON contract: `model`, `formula`, `n`, `events`, `loglik`, `aic`, `converged`, `iterations`,
    /// `warnings`, `coefficients` (objects with `term`, `estimate`, `std_error`, `statistic`, `p_value`,
    /// `conf_low`, `conf_high`, all on the log-hazard scale; the SE is the robust one when robust; aliased terms
    /// have nulls), plus `ties`, `loglik_null`, `robust` and `tests`.
    public func json() -> JSONValue {
        let se = standardErrors, z = zStatistics, p = pValues, ci = confidenceIntervals
        func num(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }
        let coefs: [JSONValue] = terms.indices.map { j in
            .object([("term", .string(terms[j])), ("estimate", num(coefficients[j])), ("std_error", num(se[j])),
                     ("statistic", num(z[j])), ("p_value", num(p[j])), ("conf_low", num(ci[j].lower)),
                     ("conf_high", num(ci[j].upper))])
        }
        func test(_ x: CoxModelTest) -> JSONValue {
            .object([("statistic", num(x.statistic)), ("df", .number(Double(x.degreesOfFreedom))), ("p_value", num(x.pValue))])
        }
        var tests: [(String, JSONValue)] = [("likelihood_ratio", test(likelihoodRatioTest)), ("wald", test(waldTest)),
                                            ("score", test(scoreTest))]
        if let r = robustScoreTest { tests.append(("robust_score", test(r))) }
        return .object([
            ("model", .string(model)), ("formula", .string(formula)), ("n", .number(Double(n))),
            ("events", .number(Double(events))), ("loglik", num(loglik)), ("aic", num(aic)),
            ("converged", .bool(converged)), ("iterations", .number(Double(iterations))),
            ("warnings", .array(warnings.map { .string($0.description) })), ("coefficients", .array(coefs)),
            ("ties", .string(ties.rawValue)), ("loglik_null", num(loglikInitial)), ("robust", .bool(isRobust)),
            ("tests", .object(tests)),
        ])
    }
}
