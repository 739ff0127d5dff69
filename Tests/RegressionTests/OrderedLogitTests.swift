import Formulas
import Foundation
import Regression
import Tabular
import Testing

/// Ordered-logit fits against ordinal::clm (tight Newton, analytic Hessian) from make-categorical-fixtures.R.
/// Tolerances: thresholds, coefficients and log-likelihood 1e-9 relative; SEs 1e-7 relative; probabilities 1e-9
/// relative.
struct OrderedLogitTests {
    struct Case: Sendable, CustomStringConvertible {
        let dataset: String
        let formula: String
        let weights: String?
        let link: OrderedLogitLink
        var description: String { "\(dataset) \(link)" }
    }

    static let cases: [Case] = OrderedLogitLink.allCases.flatMap { link in
        [Case(dataset: "housing", formula: "Sat ~ Infl + Type + Cont", weights: "Freq", link: link),
         Case(dataset: "care", formula: "disposal ~ intervention + age", weights: nil, link: link),
         Case(dataset: "care5", formula: "intervention ~ age + convictions", weights: nil, link: link)]
    }

    static func fit(_ c: Case) throws -> OrderedLogitFit {
        let data = try CategoricalFixtures.data(c.dataset)
        let spec = OrderedLogitSpec(formula: try Formula(parsing: c.formula), link: c.link, weights: c.weights)
        return try spec.fit(data)
    }

    @Test(arguments: cases)
    func matchesClm(_ c: Case) throws {
        let r = try Self.fit(c)
        let link = c.link.rawValue
        #expect(r.converged, "\(r.record.reason) \(r.record.iterations) \(r.record.notes) \(r.record.objectiveTrace.map { $0 - r.record.objectiveTrace.last! })")
        let th = CategoricalFixtures.entries(c.dataset, "ologit", link, "threshold")
        #expect(th.count == r.thresholds.count)
        for (name, value) in th {
            let mine = try #require(r.thresholds.first { $0.term == name })
            #expect(CategoricalFixtures.relativeError(mine.estimate, value) < 1e-9, "\(name) \(mine.estimate) vs \(value)")
            let se = CategoricalFixtures.value(c.dataset, "ologit", link, "threshold_se", name)
            #expect(CategoricalFixtures.relativeError(mine.standardError, se) < 1e-7, "SE \(name)")
        }
        let beta = CategoricalFixtures.entries(c.dataset, "ologit", link, "beta")
        #expect(beta.count == r.coefficients.count)
        for (name, value) in beta {
            let mine = try #require(r.coefficients.first { CategoricalFixtures.rName($0.term) == name })
            #expect(CategoricalFixtures.relativeError(mine.estimate, value) < 1e-9, "\(name) \(mine.estimate) vs \(value)")
            let se = CategoricalFixtures.value(c.dataset, "ologit", link, "beta_se", name)
            #expect(CategoricalFixtures.relativeError(mine.standardError, se) < 1e-7, "SE \(name) \(mine.standardError) vs \(se)")
        }
        let ll = CategoricalFixtures.value(c.dataset, "ologit", link, "loglik")
        #expect(CategoricalFixtures.relativeError(r.logLikelihood, ll) < 1e-9, "loglik \(r.logLikelihood) vs \(ll)")
        let aic = CategoricalFixtures.value(c.dataset, "ologit", link, "aic")
        #expect(CategoricalFixtures.relativeError(r.aic, aic) < 1e-9)
    }

    @Test(arguments: cases)
    func predictedProbabilitiesMatchClm(_ c: Case) throws {
        let r = try Self.fit(c)
        let profiles = CategoricalFixtures.profiles(c.dataset)
        for (i, profile) in profiles.enumerated() {
            let p = try r.probabilities(for: profile)
            #expect(abs(p.reduce(0, +) - 1) < 1e-14)
            for (k, level) in r.responseLevels.enumerated() {
                let ref = CategoricalFixtures.value(c.dataset, "ologit", c.link.rawValue, "prob", "\(i + 1)|\(level)")
                #expect(CategoricalFixtures.relativeError(p[k], ref) < 1e-9, "profile \(i + 1) \(level): \(p[k]) vs \(ref)")
            }
        }
    }
}
