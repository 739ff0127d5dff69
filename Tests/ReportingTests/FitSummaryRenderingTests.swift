import Testing
import Reporting

/// The additions to FitSummary rendering made for the regression and mixed models: a group column for
/// multi-equation coefficient tables, model sections withheld with the model, and t-based p-values and intervals
/// withheld when n is not shown exactly (they give the residual df, and so n, back). Hand-built summaries.
@Suite struct FitSummaryRenderingTests {
    /// A summary of a model on `rows` rows with one coefficient, a t or normal reference, one section.
    static func summary(rows: Int, distribution: ReferenceDistribution, group: String? = nil) -> FitSummary {
        var ledger = CountLedger()
        let n = ledger.count(rows, role: .rowsUsed, label: "rows")
        let table = CoefficientTable.wald(terms: ["x"], estimates: [0.5], standardErrors: [0.25],
                                          distribution: distribution, groups: [group],
                                          groupColumn: group == nil ? nil : Column("response level", key: "response_level"))
        var section = ResultTable(name: "thresholds", title: "Thresholds", columns: [Column("term"), Column("estimate")])
        section.append([.plain(.text("a|b")), .plain(.number(1.5))])
        return FitSummary(model: "test", title: "Test", formula: "y ~ x", ledger: ledger, n: n, coefficients: table,
                          residualDF: rows - 2, statistics: [], convergence: FitConvergence(method: "Newton", converged: true, iterations: 3),
                          sections: [section])
    }

    static func render(_ s: FitSummary, _ policy: DisclosurePolicy) -> (tables: [Table], json: String) {
        let d = DisclosureGate(policy: policy).decide(s.ledger)
        return (d.tables(s), d.json(s).serialized())
    }

    @Test func sectionsAreWithheldWithTheModel() {
        let s = Self.summary(rows: 7, distribution: .normal)
        let (tables, json) = Self.render(s, .standard)
        #expect(tables[1].rows[0][1] == .suppressed(marker: "[c]"))
        #expect(tables[1].rows[0][0] == .text("a|b"))                  // labels stay
        #expect(json.contains("\"thresholds\":[{\"term\":\"a|b\",\"estimate\":null}]"))
        let shown = Self.render(Self.summary(rows: 50, distribution: .normal), .standard)
        #expect(shown.json.contains("\"thresholds\":[{\"term\":\"a|b\",\"estimate\":1.5}]"))
    }

    /// n = 32 rounded to 30: with a t reference, (β − low)/SE is t's quantile on n − 2 df, so p and the interval
    /// are withheld; with a normal reference they stay.
    @Test func tIntervalsAreWithheldWhenNIsRounded() {
        let rounded = DisclosurePolicy(threshold: 10, roundingBase: 5)
        let t = Self.render(Self.summary(rows: 32, distribution: .t(df: 30)), rounded)
        #expect(t.json.contains("\"p_value\":null,\"conf_low\":null,\"conf_high\":null"))
        #expect(t.tables[0].rows[0][4] == .suppressed(marker: "[c]"))
        let z = Self.render(Self.summary(rows: 32, distribution: .normal), rounded)
        #expect(!z.json.contains("\"p_value\":null"))
        let exact = Self.render(Self.summary(rows: 32, distribution: .t(df: 30)), .standard)
        #expect(!exact.json.contains("\"p_value\":null"))
    }

    @Test func groupColumnLeadsTheTableAndJoinsTheJSON() {
        let (tables, json) = Self.render(Self.summary(rows: 50, distribution: .normal, group: "one"), .standard)
        #expect(tables[0].columns.first?.key == "response_level")
        #expect(tables[0].rows[0][0] == .text("one") && tables[0].rows[0][1] == .text("x"))
        #expect(json.contains("\"conf_high\":") && json.contains("\"response_level\":\"one\""))
    }
}
