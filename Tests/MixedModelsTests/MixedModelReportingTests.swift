import Testing
import TestSupport
import Foundation
import Formulas
import MixedModels
import Reporting

/// The fit → table / JSON rendering, and the typed errors. The numbers checked are the fit's own (the rendering
/// must carry them unchanged), and the key order is DESIGN.md's contract.
@Suite struct MixedModelReportingTests {
    @Test func jsonFollowsTheContract() throws {
        let fit = try Fixtures.fit("sleepstudy.csv", "Reaction ~ Days + (Days | Subject)")
        let text = Rendered(fit.summary()).json.serialized()
        let keys = ["\"model\":", "\"formula\":", "\"n\":", "\"loglik\":", "\"aic\":", "\"converged\":", "\"iterations\":",
                    "\"warnings\":", "\"coefficients\":", "\"random_effects\":"]
        let positions = keys.map { text.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted())
        #expect(text.hasPrefix("{\"model\":\"lmm\",\"formula\":\"Reaction ~ Days + (1 + Days | Subject)\",\"n\":180,"))
        let data = try #require(text.data(using: .utf8))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let coefs = try #require(object["coefficients"] as? [[String: Any]])
        #expect(coefs.count == 2)
        #expect(coefs[1]["term"] as? String == "Days")
        // Full precision (Foundation's JSON parser on Linux is not exact, so the text is checked).
        #expect(text.contains("\"estimate\":\(fit.coefficients[1].estimate),\"std_error\":\(fit.coefficients[1].standardError),"))
        #expect(text.contains("\"loglik\":\(fit.logLikelihood),"))
        let re = try #require(object["random_effects"] as? [[String: Any]])
        #expect(re.count == 3)
        #expect(re[0]["group"] as? String == "Subject")
        #expect(text.contains("\"std_dev\":\(fit.varianceComponents[0].standardDeviation)"))
        #expect(re[2]["group"] as? String == "Residual")
        #expect((object["correlations"] as? [[String: Any]])?.count == 1)
        #expect(object["groups"] as? Int == 18)
    }

    @Test func tablesHaveOneRowPerItem() throws {
        let fit = try Fixtures.fit("sleepstudy.csv", "Reaction ~ Days + (Days | Subject)")
        let tables = Rendered(fit.summary(conditionalModes: true)).tables
        #expect(tables[0].rows.count == 2 && tables[0].columns.count == 7)
        #expect(tables[1].rows.count == 3)          // 2 SDs + residual
        #expect(tables[2].rows.count == 1)          // 1 correlation
        #expect(tables[3].rows.count == 36)
    }

    /// A group's conditional SD gives its size back (for a random-intercept LMM, sd = σσ_b/√(n_j σ_b² + σ²)),
    /// so the modes of a group whose size is withheld are withheld; the sleepstudy groups (10 rows each) are
    /// shown at threshold 10 and withheld at 11 (then n = 180 is shown but every group is under the threshold).
    @Test func conditionalModesRevealGroupSizes() throws {
        let fit = try Fixtures.fit("sleepstudy.csv", "Reaction ~ Days + (1 | Subject)")
        let shown = Rendered(fit.summary(conditionalModes: true), policy: .standard).tables[2]
        #expect(shown.rows.allSatisfy { if case .number = $0[3] { true } else { false } })
        let withheld = Rendered(fit.summary(conditionalModes: true), policy: DisclosurePolicy(threshold: 11)).tables[2]
        #expect(withheld.rows.allSatisfy { if case .suppressed = $0[3] { true } else { false } })
    }

    @Test func agqJSONCarriesLme4Convention() throws {
        let fit = try Fixtures.fit("cbpp.csv", "cbind(incidence, failures) ~ factor(period) + (1 | herd)",
                                   family: .binomial, nAGQ: 10)
        #expect(Rendered(fit.summary()).json.serialized().contains("\"loglik_lme4\":"))
        #expect(fit.method == "AGHQ(10)")
    }

    @Test func typedErrors() throws {
        #expect(throws: MixedModelError.needsOneRandomEffectTerm(found: 0)) {
            try Fixtures.fit("sleepstudy.csv", "Reaction ~ Days")
        }
        #expect(throws: MixedModelError.needsOneRandomEffectTerm(found: 2)) {
            try Fixtures.fit("sleepstudy.csv", "Reaction ~ Days + (1 | Subject) + (0 + Days | Subject)")
        }
        #expect(throws: MixedModelError.invalidQuadratureOrder(0)) {
            try Fixtures.fit("cbpp.csv", "cbind(incidence, failures) ~ period + (1 | herd)", family: .binomial, nAGQ: 0)
        }
        do {
            _ = try Fixtures.fit("sleepstudy.csv", "Reaction ~ Dayz + (1 | Subject)")
            Issue.record("expected an error")
        } catch let e as MixedModelError {
            guard case .formula(.unknownColumn("Dayz", _)) = e else { Issue.record("wrong error \(e)"); return }
        }
        // Reaction times are not counts.
        do {
            _ = try Fixtures.fit("sleepstudy.csv", "Reaction ~ Days + (1 | Subject)", family: .poisson)
            Issue.record("expected an error")
        } catch let e as MixedModelError {
            guard case .invalidResponse = e else { Issue.record("wrong error \(e)"); return }
        }
    }
}

/// Binomial and Poisson coefficient tables carry exp(β) and exp(CI) (odds / rate ratios); Gaussian ones do not.
@Test func ratioColumnsAreExponentiatedCoefficients() throws {
    let fit = try Fixtures.fit("cbpp.csv", "cbind(incidence, failures) ~ factor(period) + (1 | herd)", family: .binomial)
    let t = Rendered(fit.summary()).tables[0]
    let json = t.render(as: .json)
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    let rows = object?["rows"] as? [[String: Any]] ?? []
    #expect(rows.count == fit.coefficients.count)
    for (row, c) in zip(rows, fit.coefficients) {
        #expect(abs((row["exp_estimate"] as? Double ?? .nan) / exp(c.estimate) - 1) < 1e-15)
        #expect(abs((row["exp_conf_low"] as? Double ?? .nan) / exp(c.confLow) - 1) < 1e-15)
        #expect(abs((row["exp_conf_high"] as? Double ?? .nan) / exp(c.confHigh) - 1) < 1e-15)
    }
    #expect(t.columns.contains { $0.header == "odds ratio" })
    let lmm = try Fixtures.fit("sleepstudy.csv", "Reaction ~ Days + (Days | Subject)")
    #expect(!Rendered(lmm.summary()).tables[0].columns.contains { $0.key == "exp_estimate" })
}
