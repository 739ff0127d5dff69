import Testing
import TestSupport
import Foundation
import Reporting
import Regression

/// Average predictions, average marginal effects and contrasts against R (Fixtures/make-fixtures.R, case
/// infert-margins: counterfactual model matrices, mean of linkinv, delta-method gradient written out in R).
/// Tolerance 1e-9 relative on estimates, 1e-7 on standard errors.
struct MarginsTests {
    static func fit() throws -> (GLMFit, Fixtures.Reference) {
        let data = try Fixtures.data("infert")
        let fit = try GLMSpec("case ~ education + age + spontaneous + induced", family: .binomial()).fit(data)
        return (fit, try Fixtures.reference("infert-margins"))
    }

    @Test func averagePredictionsByLevel() throws {
        let (fit, ref) = try Self.fit()
        let p = try fit.averagePredictions(overLevelsOf: "education", data: try Fixtures.data("infert"))
        #expect(p.map(\.label) == ref.names("avgpred").map { "education=" + $0 })
        #expect(maxRelativeError(p.map(\.estimate), ref.values("avgpred")) < 1e-9)
        #expect(maxRelativeError(p.map(\.standardError), ref.values("avgpred_se")) < 1e-7)
    }

    @Test func averageMarginalEffectsAgainstReference() throws {
        let (fit, ref) = try Self.fit()
        let a = try fit.averageMarginalEffects(of: "education", data: try Fixtures.data("infert"))
        #expect(a.count == 2)
        #expect(maxRelativeError(a.map(\.estimate), ref.values("ame")) < 1e-9)
        #expect(maxRelativeError(a.map(\.standardError), ref.values("ame_se")) < 1e-7)
        // 95% Wald interval: estimate ± qnorm(0.975)·SE.
        #expect(Swift.abs(a[0].confidenceHigh - a[0].estimate - 1.959963984540054 * a[0].standardError) < 1e-12)
    }

    @Test func pairwiseContrasts() throws {
        let (fit, ref) = try Self.fit()
        let c = try fit.pairwiseContrasts(of: "education", data: try Fixtures.data("infert"))
        #expect(c.count == 3)  // 3 levels: 3 pairs
        let last = try #require(c.last)   // level 3 − level 2
        #expect(relativeError(last.estimate, ref.values("contrast")[0]) < 1e-9)
        #expect(relativeError(last.standardError, ref.values("contrast_se")[0]) < 1e-7)
    }

    @Test func predictionAtProfile() throws {
        let (fit, ref) = try Self.fit()
        let p = try fit.averagePrediction(at: ["age": .number(30), "spontaneous": .number(0)], data: try Fixtures.data("infert"))
        #expect(relativeError(p.estimate, ref.values("profile")[0]) < 1e-9)
        #expect(relativeError(p.standardError, ref.values("profile_se")[0]) < 1e-7)
    }

    @Test func badProfilesThrow() throws {
        let (fit, _) = try Self.fit()
        let data = try Fixtures.data("infert")
        #expect(throws: GLMError.self) { try fit.averagePrediction(at: ["education": .level("none")], data: data) }
        #expect(throws: GLMError.self) { try fit.averagePrediction(at: ["education": .number(1)], data: data) }
        #expect(throws: GLMError.self) { try fit.averagePrediction(at: ["nothere": .number(1)], data: data) }
        #expect(throws: GLMError.self) { try fit.averageMarginalEffects(of: "age", data: data) }
    }
}

/// The fit's summary renders through the gate as a table and as the JSON contract (structure checked here; the
/// numbers are the ones GLMReferenceTests compares with R).
struct ReportingTests {
    @Test func tableHasOddsRatiosAndFootnotes() throws {
        let fit = try GLMSpec("vs ~ wt + hp", family: .binomial()).fit(try Fixtures.data("mtcars"))
        let t = Rendered(try fit.summary()).tables[0]
        #expect(t.columns.map(\.key) == ["term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high",
                                         "exp_estimate", "exp_conf_low", "exp_conf_high"])
        #expect(t.columns[3].header == "z")
        #expect(t.rows.count == 3)
        // exp of the estimate, by definition of the odds ratio column.
        if case let .number(b, _) = t.rows[1][1], case let .number(or, _) = t.rows[1][7] { #expect(or == Foundation.exp(b)) } else { Issue.record("cells") }
        #expect(t.footnotes.contains { $0.contains("Wald") })
        #expect(t.footnotes.contains { $0.hasPrefix("n = 32") })
        let text = t.render(as: .text)
        #expect(text.contains("odds ratio"))
    }

    @Test func gaussianTableUsesT() throws {
        let fit = try GLMSpec("breaks ~ wool + tension", family: .gaussian()).fit(try Fixtures.data("warpbreaks"))
        let t = Rendered(try fit.summary(covariance: .hc1)).tables[0]
        #expect(t.columns[3].header == "t")
        #expect(t.columns.count == 7)
        #expect(t.footnotes.contains { $0.contains("HC1") })
    }

    @Test func jsonContract() throws {
        let fit = try GLMSpec("vs ~ wt + combo + hp", family: .binomial()).fit(try Fixtures.data("mtcars"))
        let json = Rendered(try fit.summary()).json
        guard case .object(let fields) = json else { Issue.record("not an object"); return }
        #expect(Array(fields.map(\.0).prefix(9)) == ["model", "formula", "n", "loglik", "aic", "converged", "iterations",
                                                      "warnings", "coefficients"])
        let text = json.serialized()
        #expect(text.contains("\"term\":\"combo\""))
        #expect(text.contains("\"term\":\"hp\",\"estimate\":null"))   // aliased → null
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(parsed?["n"] as? Int == 32)
        #expect((parsed?["coefficients"] as? [Any])?.count == 4)
    }

    @Test func negativeBinomialJsonHasTheta() throws {
        let fit = try GLMSpec("Days ~ Eth + Sex + Age + Lrn", family: .negativeBinomial()).fit(try Fixtures.data("quine"))
        let rendered = Rendered(try fit.summary())
        #expect(rendered.json.serialized().hasPrefix("{\"model\":\"glm.nb\""))
        #expect(rendered.field("theta") != nil)
        #expect(rendered.tables[0].columns.contains { $0.header == "IRR" })
    }

    /// The average marginal effects are a section of the summary (`marginal_effects`), with the same numbers
    /// as ``GLMFit/averageMarginalEffects(of:data:covariance:)``.
    @Test func marginsAreASection() throws {
        let data = try Fixtures.data("warpbreaks")
        let fit = try GLMSpec("breaks ~ wool + tension", family: .poisson()).fit(data)
        let summary = try fit.summary(marginalEffectsOf: "tension", data: data)
        let ame = try fit.averageMarginalEffects(of: "tension", data: data)
        let section = try #require(summary.sections.first { $0.name == "marginal_effects" })
        #expect(section.rows.count == ame.count)
        // The first effect is a level against the reference (tension sorts H, L, M: H is the reference).
        let level = try #require(ame[0].label.components(separatedBy: " − ").first)
        let m = try #require(summary.levelCount(ofTerm: level))
        #expect(section.rows.first?[0] == .plain(.text(ame[0].label)))
        #expect(section.rows.first?[1].countIDs == [m], "\(String(describing: section.rows.first))")
        guard case .revealing(.number(let x, _), _)? = section.rows.first?[1] else { Issue.record("not revealing"); return }
        #expect(x == ame[0].estimate)   // the same computation, so the same double
    }
}
