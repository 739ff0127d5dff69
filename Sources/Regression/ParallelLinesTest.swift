public import Tabular
public import Reporting
import Distributions
import Foundation

/// Likelihood-ratio tests of the parallel-lines (proportional-odds) assumption of an ordered regression, as
/// `ordinal::nominal_test` computes them.
///
/// For each term of the formula in turn, the alternative model lets that term's coefficients differ between
/// thresholds (clm's `nominal = ~ term`: P(Y ≤ k) = F(θₖ − xᵀβ − zᵀγₖ), a partial proportional-odds model,
/// Peterson & Harrell 1990); a last row, `(all)`, frees every term at once (the non-parallel cumulative model
/// against which the Brant 1990 test also tests). The statistic is LR = 2(ℓ₁ − ℓ₀) on (K − 2)·(columns of the
/// term) degrees of freedom, with a χ² p-value. This is the LR test, not Brant's Wald test; the two are
/// asymptotically equivalent.
///
/// The alternative is fitted by the same Newton–Raphson from the proportional-odds estimates (with each
/// freed coefficient starting at its common value). Its cumulative probabilities can cross for some rows;
/// steps that make a category probability ≤ 0 are rejected, and an alternative that does not converge is
/// flagged in its row (clm reports such fits as failed as well).
public struct ParallelLinesTest: Sendable {
    /// One test.
    public struct Row: Sendable, Equatable {
        /// The term whose effects are freed, or `(all)`.
        public let term: String
        /// (K − 2) × the term's number of design columns.
        public let degreesOfFreedom: Int
        /// Log-likelihood of the alternative.
        public let logLikelihood: Double
        /// AIC of the alternative.
        public let aic: Double
        /// 2(ℓ₁ − ℓ₀).
        public let statistic: Double
        /// P(χ²_df > statistic); NaN when df = 0.
        public let pValue: Double
        /// Whether the alternative's fit converged.
        public let converged: Bool
    }

    /// The proportional-odds fit (the null model).
    public let base: OrderedLogitFit
    /// One row per term, then `(all)` when the formula has more than one term.
    public let rows: [Row]

    /// Fits `spec` and its alternatives to `data`.
    ///
    /// - Throws: as ``OrderedLogitSpec/fit(_:)``.
    /// - Complexity: one ordered fit per term plus one, each O(iterations × n × P²).
    public init(spec: OrderedLogitSpec, data: DataFrame) throws(CategoricalOutcomeError) {
        let prepared = try spec.prepare(data)
        let columns = prepared.columnNames.indices.filter { prepared.columnNames[$0] != "(Intercept)" }
        let null = try OrderedLogitSpec.maximize(prepared, columns: columns, nominal: Set(), link: spec.link,
                                                 options: spec.options)
        base = try OrderedLogitFit(spec: spec, data: prepared, columns: columns, fit: null)
        let q = prepared.categoryCount - 1
        let beta = Array(null.result.solution[q...])
        var groups: [(String, Set<Int>)] = []
        for (t, label) in prepared.termLabels.enumerated() {
            let positions = Set(columns.indices.filter { prepared.columnTerms[columns[$0]] == t })
            if !positions.isEmpty { groups.append((label, positions)) }
        }
        if groups.count > 1 { groups.append(("(all)", Set(columns.indices))) }
        var out: [Row] = []
        for (label, nominal) in groups {
            // Start: θ and common β from the null fit; each freed column's K − 1 coefficients at its common β.
            var start = Array(null.result.solution[0..<q])
            for m in columns.indices where !nominal.contains(m) { start.append(beta[m]) }
            for m in columns.indices where nominal.contains(m) { start += [Double](repeating: beta[m], count: q) }
            let alt = try OrderedLogitSpec.maximize(prepared, columns: columns, nominal: nominal, link: spec.link,
                                                    options: spec.options, start: start)
            let df = (q - 1) * nominal.count
            let ll = -alt.result.value
            let lr = 2 * (ll - base.logLikelihood)
            let p: Double
            if df > 0, let chi = try? ChiSquared(degreesOfFreedom: Double(df)) {
                p = chi.upperTail(max(lr, 0))
            } else {
                p = .nan
            }
            out.append(Row(term: label, degreesOfFreedom: df, logLikelihood: ll,
                           aic: 2 * alt.result.value + 2 * Double(alt.result.solution.count),
                           statistic: lr, pValue: p, converged: alt.result.converged))
        }
        rows = out
    }

    /// The tests as the `parallel_lines` section of the ordered fit's summary (as `nominal_test`'s print): term,
    /// df, log-likelihood, AIC, LRT, p, converged; the first row is the proportional-odds model itself.
    public func section() -> ResultTable {
        var t = ResultTable(name: "parallel_lines",
                            title: "Parallel-lines (proportional odds) likelihood-ratio tests: \(base.spec.formula)",
                            columns: [Column("term", alignment: .left), Column("df"),
                                      Column("log-likelihood", key: "loglik"), Column("AIC", key: "aic"),
                                      Column("LRT", key: "statistic"), Column("p", key: "p_value"),
                                      Column("converged", alignment: .left)])
        t.append([.plain(.text("<none>")), .plain(.missing), .plain(.number(base.logLikelihood, significantDigits: 8)),
                  .plain(.number(base.aic, significantDigits: 8)), .plain(.missing), .plain(.missing),
                  .plain(.text(base.converged ? "yes" : "no"))])
        for r in rows {
            t.append([.plain(.text(r.term)), .plain(.integer(r.degreesOfFreedom)),
                      .plain(.number(r.logLikelihood, significantDigits: 8)), .plain(.number(r.aic, significantDigits: 8)),
                      .plain(.number(r.statistic)), .plain(r.pValue.isNaN ? .missing : .pValue(r.pValue)),
                      .plain(.text(r.converged ? "yes" : "no"))])
        }
        t.footnotes = ["Each row frees the term's coefficients across thresholds (ordinal::nominal_test); "
                       + "(all) frees every term. A small p is evidence against parallel lines."]
            + (rows.contains { !$0.converged } ? ["Warning: some alternative fits did not converge."] : [])
        return t
    }
}
