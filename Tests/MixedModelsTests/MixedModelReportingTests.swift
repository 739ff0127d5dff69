import Testing
import Foundation
import Formulas
import MixedModels

/// The fit → table / JSON rendering, and the typed errors. The numbers checked are the fit's own (the rendering
/// must carry them unchanged), and the key order is DESIGN.md's contract.
@Suite struct MixedModelReportingTests {
    @Test func jsonFollowsTheContract() throws {
        let fit = try Fixtures.fit("sleepstudy.csv", "Reaction ~ Days + (Days | Subject)")
        let text = fit.json().serialized()
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
    }

    @Test func tablesHaveOneRowPerItem() throws {
        let fit = try Fixtures.fit("sleepstudy.csv", "Reaction ~ Days + (Days | Subject)")
        let c = fit.coefficientTable()
        #expect(c.rows.count == 2 && c.columns.count == 7)
        #expect(fit.randomEffectsTable().rows.count == 4)          // 2 SDs + residual + 1 correlation
        #expect(fit.conditionalModesTable().rows.count == 36)
    }

    @Test func agqJSONCarriesLme4Convention() throws {
        let fit = try Fixtures.fit("cbpp.csv", "cbind(incidence, failures) ~ factor(period) + (1 | herd)",
                                   family: .binomial, nAGQ: 10)
        #expect(fit.json().serialized().contains("\"loglik_lme4\":"))
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
    let json = fit.coefficientTable().render(as: .json)
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    let rows = object?["rows"] as? [[String: Any]] ?? []
    #expect(rows.count == fit.coefficients.count)
    for (row, c) in zip(rows, fit.coefficients) {
        #expect(row["ratio"] as? Double == exp(c.estimate) || abs((row["ratio"] as? Double ?? .nan) / exp(c.estimate) - 1) < 1e-15)
        #expect(abs((row["ratio_conf_low"] as? Double ?? .nan) / exp(c.confLow) - 1) < 1e-15)
        #expect(abs((row["ratio_conf_high"] as? Double ?? .nan) / exp(c.confHigh) - 1) < 1e-15)
    }
    #expect(fit.coefficientTable().columns.contains { $0.header == "Odds ratio" })
    let lmm = try Fixtures.fit("sleepstudy.csv", "Reaction ~ Days + (Days | Subject)")
    #expect(!lmm.coefficientTable().columns.contains { $0.key == "ratio" })
}
