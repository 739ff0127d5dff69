import Testing
import Foundation
import Reporting
@testable import Survival
import TestSupport

@Suite("Cox fit rendering")
struct CoxReportTests {
    /// The JSON contract's keys and values: estimates are the log-hazard coefficients (checked against R's
    /// coef at 1e-9), conf_low/high = coef ∓ 1.959963984540054·SE (the normal 0.975 quantile, R qnorm).
    @Test func jsonContract() throws {
        let fit = try coxCases.first { $0.name == "lung_cluster" }!.fit()
        let json = Rendered(fit.summary()).json
        guard case .object(let fields) = json else { Issue.record("not an object"); return }
        let keys = fields.map(\.0)
        #expect(Array(keys.prefix(10)) == ["model", "formula", "n", "events", "loglik", "aic", "converged",
                                            "iterations", "warnings", "coefficients"])
        guard case .array(let coefs)? = fields.first(where: { $0.0 == "coefficients" })?.1 else {
            Issue.record("no coefficients"); return
        }
        #expect(coefs.count == 3)
        let rCoef = CoxFixtures.values("lung_cluster", "coef"), rSE = CoxFixtures.values("lung_cluster", "se")
        for (j, c) in coefs.enumerated() {
            guard case .object(let f) = c else { Issue.record("coefficient \(j) not an object"); continue }
            #expect(f.map(\.0) == ["term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high"])
            func num(_ k: String) -> Double {
                if case .number(let x)? = f.first(where: { $0.0 == k })?.1 { return x }
                return .nan
            }
            #expect(isClose(num("estimate"), rCoef[j], relative: 1e-9))
            #expect(isClose(num("std_error"), rSE[j], relative: 1e-7))   // robust SE (clustered fit)
            #expect(isClose(num("conf_low"), rCoef[j] - 1.959963984540054 * rSE[j], relative: 1e-7))
        }
        #expect(json.serialized().hasPrefix("{\"model\":\"coxph\",\"formula\":"))
    }

    /// The summary's table has one row per term and an "aliased (NA)" row for an aliased term; the warnings are
    /// typed diagnostics.
    @Test func table() throws {
        let robust = Rendered(try coxCases.first { $0.name == "lung_cluster" }!.fit().summary()).tables[0]
        #expect(robust.rows.count == 3)
        let aliasedFit = try coxCases.first { $0.name == "lung_aliased" }!.fit()
        let aliased = Rendered(aliasedFit.summary()).tables[0]
        #expect(aliased.rows[2][1] == .text("aliased (NA)"))
        #expect(aliased.footnotes.contains { $0.contains("agesex") })
        let text = aliased.render(as: .text)
        #expect(text.contains("age") && text.contains("hazard ratio"))
    }
}
