import Testing
import Foundation

// The JSON contract of DESIGN.md for every model command, written once by the disclosure gate: the keys in
// order (`model`, `formula`, `n`, [`events`], `loglik`, `aic`, `converged`, `iterations`, `warnings`,
// `coefficients`), their types, the coefficient objects' keys and types, and the model-specific keys.

private typealias Fx = ModelCommandFixtures

private let contractOrder = ["model", "formula", "n", "loglik", "aic", "converged", "iterations", "warnings", "coefficients"]

/// Checks the contract on a command's JSON text and returns the parsed object.
@discardableResult
private func checkContract(_ text: String, model: String, extraCoefficientKeys: [String] = [],
                           specific: [String: (Any) -> Bool] = [:]) throws -> [String: Any] {
    // Key order, from the text (Foundation's parser does not keep it).
    let positions = contractOrder.map { text.range(of: "\"\($0)\":")?.lowerBound }
    #expect(positions.allSatisfy { $0 != nil }, "missing keys in \(text.prefix(300))")
    let found = positions.compactMap { $0 }
    #expect(found == found.sorted(), "keys out of order")
    let o = try Fx.object(text)
    #expect(o["model"] as? String == model)
    #expect(o["formula"] is String)
    #expect(o["n"] is NSNumber)
    #expect(o["loglik"] is NSNumber && o["aic"] is NSNumber)
    #expect(text.contains("\"converged\":true,") || text.contains("\"converged\":false,"))   // a JSON boolean
    #expect(o["iterations"] is NSNumber)
    #expect(o["warnings"] is [String])
    #expect(o["disclosure_control"] is String)
    let coefficients = try #require(o["coefficients"] as? [[String: Any]])
    #expect(!coefficients.isEmpty)
    for c in coefficients {
        #expect(Set(c.keys) == Set(["term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high"]
                                   + extraCoefficientKeys), "\(c.keys)")
        #expect(c["term"] is String)
        // A number, or null when withheld (a level whose cells the coefficient would reveal).
        let withheld = c["estimate"] is NSNull
        for key in ["estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high"] {
            #expect(withheld ? c[key] is NSNull : c[key] is NSNumber, "\(key)")
        }
    }
    for (key, check) in specific {
        guard let v = o[key] else { Issue.record("no \(key)"); continue }
        #expect(check(v), "\(key): \(v)")
    }
    return o
}

private func rows(_ keys: Set<String>) -> (Any) -> Bool {
    { v in (v as? [[String: Any]]).map { !$0.isEmpty && $0.allSatisfy { Set($0.keys) == keys } } ?? false }
}

@Suite struct ModelJSONSchemaTests {
    @Test func glm() throws {
        let dir = try Fx.temporaryDirectory()
        let data = try Fx.copy(Fx.regression.appendingPathComponent("data-mtcars.csv"), to: dir)
        let r = try CareStatBinary.run(["glm", data, "vs ~ wt + hp", "--family", "binomial", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        try checkContract(r.stdout, model: "glm", specific: [
            "bic": { $0 is NSNumber }, "df_residual": { $0 is NSNumber }, "family": { $0 as? String == "binomial" },
            "link": { $0 as? String == "logit" },
        ])
    }

    @Test func ologit() throws {
        let dir = try Fx.temporaryDirectory()
        let (data, _) = try Fx.careData(in: dir)
        let r = try CareStatBinary.run(["ologit", data, "disposal ~ intervention + age", "--response-levels",
                                        "caution,noncustodial,custodial", "--parallel-lines", "--profile", "age=15",
                                        "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        try checkContract(r.stdout, model: "ordered_logit", specific: [
            "thresholds": rows(["term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high"]),
            "parallel_lines": rows(["term", "df", "loglik", "aic", "statistic", "p_value", "converged"]),
            "predictions": rows(["profile", "caution", "noncustodial", "custodial"]),
            "response_levels": { ($0 as? [String]) == ["caution", "noncustodial", "custodial"] },
            "variance": { $0 as? String == "model" },
        ])
    }

    @Test func mlogit() throws {
        let dir = try Fx.temporaryDirectory()
        let (data, _) = try Fx.careData(in: dir)
        let r = try CareStatBinary.run(["mlogit", data, "convictions ~ intervention + age", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        try checkContract(r.stdout, model: "multinomial_logit", extraCoefficientKeys: ["response_level"], specific: [
            "baseline": { $0 is String }, "response_levels": { $0 is [String] },
        ])
    }

    @Test func glmm() throws {
        let dir = try Fx.temporaryDirectory()
        let data = try Fx.copy(Fx.mixedModels.appendingPathComponent("cbpp.csv"), to: dir)
        let r = try CareStatBinary.run(["glmm", data, "cbind(incidence, failures) ~ factor(period) + (1 | herd)",
                                        "--family", "binomial", "--modes", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        try checkContract(r.stdout, model: "glmm", specific: [
            "random_effects": rows(["group", "term", "variance", "std_dev", "conf_low", "conf_high"]),
            "conditional_modes": rows(["level", "term", "mode", "conditional_sd"]),
            "groups": { ($0 as? NSNumber)?.intValue == 15 }, "bic": { $0 is NSNumber },
            "method": { $0 as? String == "Laplace" }, "theta": { $0 is [NSNumber] },
        ])
    }
}
