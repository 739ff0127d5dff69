import Formulas
import Foundation
import Regression
import Testing

/// Parallel-lines LR tests against clm fits with `nominal = ~ term` (the models ordinal::nominal_test fits),
/// from make-categorical-fixtures.R. Tolerances: alternative log-likelihoods 1e-10 relative; LR statistics
/// 1e-6 absolute (a difference of two log-likelihoods of size ~1e3); p-values 1e-6 relative; df exact.
struct OrderedLogitParallelLinesTests {
    @Test(arguments: [("housing", "Sat ~ Infl + Type + Cont", "Freq"), ("care", "disposal ~ intervention + age", nil),
                       ("care5", "intervention ~ age + convictions", nil)])
    func matchesNominalTest(_ c: (String, String, String?)) throws {
        let (dataset, formula, weights) = c
        let data = try CategoricalFixtures.data(dataset)
        let spec = OrderedLogitSpec(formula: try Formula(parsing: formula), link: .logit, weights: weights)
        let test = try ParallelLinesTest(spec: spec, data: data)
        let reference = CategoricalFixtures.entries(dataset, "ologit", "logit", "nominal_lrt")
        #expect(test.rows.map(\.term) == reference.map(\.0))
        for (term, lrt) in reference {
            let row = try #require(test.rows.first { $0.term == term })
            #expect(row.converged)
            #expect(Double(row.degreesOfFreedom) == CategoricalFixtures.value(dataset, "ologit", "logit", "nominal_df", term))
            let ll = CategoricalFixtures.value(dataset, "ologit", "logit", "nominal_loglik", term)
            #expect(CategoricalFixtures.relativeError(row.logLikelihood, ll) < 1e-10, "\(term) loglik \(row.logLikelihood) vs \(ll)")
            #expect(abs(row.statistic - lrt) < 1e-6, "\(term) LRT \(row.statistic) vs \(lrt)")
            let p = CategoricalFixtures.value(dataset, "ologit", "logit", "nominal_p", term)
            #expect(CategoricalFixtures.relativeError(row.pValue, p) < 1e-6, "\(term) p \(row.pValue) vs \(p)")
        }
    }
}
