import Testing
import Tabular
import Formulas

/// The formula-item kinds a model declares (``FormulaTermRule``) and the groupings ``ModelFrame`` refuses: every
/// item is used or refused by name, never parsed and dropped.
struct FormulaTermRuleTests {
    @Test func eachItemHasItsKind() throws {
        let f = try Formula(parsing: "y ~ a + b:c + d*e - e + offset(log(t)) + strata(s) + cluster(g) + (1 | la)")
        #expect(f.terms.map(\.kind) == [.fixedEffect, .fixedEffect, .fixedEffect, .fixedEffect, .offset, .strata,
                                        .cluster, .randomEffect])
        #expect(try Formula(parsing: "y ~ .").terms.map(\.kind) == [.fixedEffect])
    }

    @Test func refusedItemIsNamedWithTheModelAndTheAdvice() throws {
        let rule = FormulaTermRule(model: "glm", accepts: [.fixedEffect, .offset, .cluster],
                                   advice: [.randomEffect: "random effects: use carestat glmm"])
        let f = try Formula(parsing: "y ~ x + strata(s) + (1 | g)")
        #expect(throws: FormulaError.unsupportedTerm(term: "strata(s)", kind: .strata, model: "glm",
                                                     advice: "strata() is for cox; for a fixed effect write the column")) {
            try f.requireTerms(rule)
        }
        let random = try Formula(parsing: "y ~ x + (1 | g)")
        do {
            try rule.check(random)
            Issue.record("a random effect passed a rule without it")
        } catch {
            #expect(error.description == "glm does not fit (1 | g): random effects: use carestat glmm")
        }
        // Accepted kinds pass.
        try rule.check(try Formula(parsing: "y ~ x + offset(t) + cluster(g)"))
    }

    let x = DataColumn(name: "x", doubles: [1, 2, 3, 4, 5, 6])
    let y = DataColumn(name: "y", doubles: [1, 3, 2, 5, 4, 6])

    @Test func oneLevelRandomEffectGroupingIsAnError() throws {
        // lme4: "grouping factors must have > 1 sampled level". The missing row leaves one level of g.
        let g = DataColumn(name: "g", strings: ["A", "A", "A", "A", "A", nil])
        let data = try DataFrame(columns: [y, x, g])
        #expect(throws: FormulaError.tooFewGroups(term: "grouping factor g of (1 | g)", levels: ["A"], needed: 2,
                                                  purpose: "a random effect needs at least 2 levels (lme4: grouping factors must have > 1 sampled level)")) {
            try ModelFrame(formula: Formula(parsing: "y ~ x + (1 | g)"), data: data)
        }
        let two = try DataFrame(columns: [y, x, DataColumn(name: "g", strings: ["A", "A", "A", "B", "B", "B"])])
        #expect(try ModelFrame(formula: Formula(parsing: "y ~ x + (1 | g)"), data: two).randomEffects[0].grouping.levels == ["A", "B"])
    }

    @Test func oneClusterIsAnErrorButOneStratumIsNot() throws {
        let g = DataColumn(name: "g", strings: ["A", "A", "A", "A", "A", "A"])
        let data = try DataFrame(columns: [y, x, g])
        do {
            _ = try ModelFrame(formula: Formula(parsing: "y ~ x + cluster(g)"), data: data)
            Issue.record("one cluster accepted")
        } catch let e as FormulaError {
            #expect(e.description == "cluster(g) has 1 level in the rows used (A); cluster-robust standard errors need at least 2 clusters")
        }
        // R's coxph allows a single stratum (it is the unstratified model).
        #expect(try ModelFrame(formula: Formula(parsing: "y ~ x + strata(g)"), data: data).strata?.levels == ["g=A"])
    }
}
