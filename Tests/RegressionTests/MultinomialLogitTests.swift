import Formulas
import Foundation
import Regression
import Tabular
import Testing

/// Multinomial-logit fits against the Poisson log-linear equivalent fitted by R's glm (epsilon 1e-15), which
/// make-categorical-fixtures.R cross-checks against nnet::multinom(reltol = 1e-14) and summary(multinom).
/// Tolerances: coefficients and log-likelihood 1e-9 relative; SEs 1e-7 relative; probabilities 1e-9 relative.
struct MultinomialLogitTests {
    static let cases: [(String, String, String?)] = [
        ("housing", "Sat ~ Infl + Type + Cont", "Freq"),
        ("care", "convictions ~ intervention + age", nil),
        ("care5", "intervention ~ age + convictions", nil),
    ]

    static func fit(_ c: (String, String, String?)) throws -> MultinomialLogitFit {
        let data = try CategoricalFixtures.data(c.0)
        return try MultinomialLogitSpec(formula: try Formula(parsing: c.1), weights: c.2).fit(data)
    }

    @Test(arguments: cases)
    func matchesR(_ c: (String, String, String?)) throws {
        let r = try Self.fit(c)
        let dataset = c.0
        #expect(r.converged, "\(r.record.reason)")
        #expect(r.warnings.isEmpty, "\(r.warnings)")
        let beta = CategoricalFixtures.entries(dataset, "mlogit", "", "beta")
        #expect(beta.count == r.coefficients.count)
        for (name, value) in beta {
            let parts = name.split(separator: "|", maxSplits: 1).map(String.init)
            let mine = try #require(r.coefficients.first {
                $0.responseLevel == parts[0] && CategoricalFixtures.rName($0.term) == parts[1]
            })
            #expect(CategoricalFixtures.relativeError(mine.estimate, value) < 1e-9, "\(name) \(mine.estimate) vs \(value)")
            let se = CategoricalFixtures.value(dataset, "mlogit", "", "beta_se", name)
            #expect(CategoricalFixtures.relativeError(mine.standardError, se) < 1e-7, "SE \(name) \(mine.standardError) vs \(se)")
        }
        let ll = CategoricalFixtures.value(dataset, "mlogit", "", "loglik")
        #expect(CategoricalFixtures.relativeError(r.logLikelihood, ll) < 1e-9, "loglik \(r.logLikelihood) vs \(ll)")
        let aic = CategoricalFixtures.value(dataset, "mlogit", "", "aic")
        #expect(CategoricalFixtures.relativeError(r.aic, aic) < 1e-9)
    }

    @Test(arguments: cases)
    func predictedProbabilitiesMatchR(_ c: (String, String, String?)) throws {
        let r = try Self.fit(c)
        let profiles = CategoricalFixtures.profiles(c.0)
        for (i, profile) in profiles.enumerated() {
            let p = try r.probabilities(for: profile)
            for (k, level) in r.responseLevels.enumerated() {
                let ref = CategoricalFixtures.value(c.0, "mlogit", "", "prob", "\(i + 1)|\(level)")
                #expect(CategoricalFixtures.relativeError(p[k], ref) < 1e-9, "profile \(i + 1) \(level): \(p[k]) vs \(ref)")
            }
        }
    }
}
