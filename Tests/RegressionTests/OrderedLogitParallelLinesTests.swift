import Formulas
import Foundation
import Regression
import Testing

/// Parallel-lines LR tests, for the logit, probit and cloglog links, against clm fits with `nominal = ~ term`
/// (the models ordinal::nominal_test fits),
/// from make-categorical-fixtures.R. Tolerances: alternative log-likelihoods 1e-10 relative; LR statistics
/// 1e-6 absolute (a difference of two log-likelihoods of size ~1e3); p-values 1e-6 relative; df exact.
struct OrderedLogitParallelLinesTests {
    static let datasets: [(String, String, String?)] = [
        ("housing", "Sat ~ Infl + Type + Cont", "Freq"), ("care", "disposal ~ intervention + age", nil),
        ("care5", "intervention ~ age + convictions", nil),
    ]

    @Test(arguments: datasets, OrderedLogitLink.allCases)
    func matchesNominalTest(_ c: (String, String, String?), _ link: OrderedLogitLink) throws {
        let (dataset, formula, weights) = c
        let l = link.rawValue
        let data = try CategoricalFixtures.data(dataset)
        let spec = OrderedLogitSpec(formula: try Formula(parsing: formula), link: link, weights: weights)
        let test = try ParallelLinesTest(spec: spec, data: data)
        let reference = CategoricalFixtures.entries(dataset, "ologit", l, "nominal_lrt")
        #expect(test.rows.map(\.term) == reference.map(\.0))
        for (term, lrt) in reference {
            let row = try #require(test.rows.first { $0.term == term })
            #expect(row.converged)
            #expect(Double(row.degreesOfFreedom) == CategoricalFixtures.value(dataset, "ologit", l, "nominal_df", term))
            let ll = CategoricalFixtures.value(dataset, "ologit", l, "nominal_loglik", term)
            #expect(CategoricalFixtures.relativeError(row.logLikelihood, ll) < 1e-10, "\(term) loglik \(row.logLikelihood) vs \(ll)")
            #expect(abs(row.statistic - lrt) < 1e-6, "\(term) LRT \(row.statistic) vs \(lrt)")
            let p = CategoricalFixtures.value(dataset, "ologit", l, "nominal_p", term)
            #expect(CategoricalFixtures.relativeError(row.pValue, p) < 1e-6, "\(term) p \(row.pValue) vs \(p)")
        }
    }
}
