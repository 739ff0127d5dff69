import Foundation
import Testing
import Formulas
import Survival
import Tabular

/// Every formula item is used or refused by name (issue 11, point 1), for the Cox model: one test per item kind.
/// Before, `cox` parsed `(1 | g)` and printed the fit without it. The data are 150 simulated rows (a fixed
/// linear congruential generator): exponential times with log-hazard 0.7x + 0.5z + log(exposure) + a group
/// effect and a stratum-specific baseline, censored above 2. Accepted kinds are asked only to change the fit
/// (difference above 1e-6); coxph's own results for strata, offsets and clusters are checked in
/// CoxReferenceTests.
@Suite struct CoxFormulaTermRefusalTests {
    static func data(rows n: Int = 150) throws -> DataFrame {
        var state: UInt64 = 42
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) / 9007199254740992
        }
        var x: [Double?] = [], z: [Double?] = [], exposure: [Double?] = [], time: [Double?] = [], event: [Double?] = []
        var s: [String?] = [], g: [String?] = [], one: [String?] = []
        for _ in 0..<n {
            let xi = 2 * uniform() - 1, zi = 2 * uniform() - 1, ei = exp(uniform() - 0.5)
            let gi = Int(uniform() * 6) % 6, si = uniform() < 0.5 ? 0 : 1
            let rate = exp(0.7 * xi + 0.5 * zi + log(ei) + 0.3 * Double(gi - 3) + (si == 0 ? 0 : 0.8))
            let t = -log(uniform()) / rate
            x.append(xi); z.append(zi); exposure.append(ei); time.append(min(t, 2)); event.append(t < 2 ? 1 : 0)
            s.append("s\(si + 1)"); g.append("g\(gi + 1)"); one.append("all")
        }
        return try DataFrame(columns: [
            DataColumn(name: "time", doubles: time), DataColumn(name: "event", doubles: event),
            DataColumn(name: "x", doubles: x), DataColumn(name: "z", doubles: z),
            DataColumn(name: "exposure", doubles: exposure), DataColumn(name: "s", strings: s),
            DataColumn(name: "g", strings: g), DataColumn(name: "one", strings: one),
        ])
    }

    static func item(_ kind: FormulaTermKind) -> String {
        switch kind {
        case .fixedEffect: "z"
        case .offset: "offset(log(exposure))"
        case .strata: "strata(s)"
        case .cluster: "cluster(g)"
        case .randomEffect: "(1 | g)"
        }
    }

    @Test func coxDeclaresItsKinds() {
        #expect(CoxSpec.formulaTerms.accepted == [.fixedEffect, .offset, .strata, .cluster])
    }

    @Test(arguments: FormulaTermKind.allCases)
    func coxUsesOrRefuses(_ kind: FormulaTermKind) throws {
        let d = try Self.data()
        let base = try CoxSpec("Surv(time, event) ~ x").fit(d)
        let model = try CoxSpec("Surv(time, event) ~ x + \(Self.item(kind))")
        if CoxSpec.formulaTerms.accepted.contains(kind) {
            let fit = try model.fit(d)
            switch kind {
            case .cluster:
                #expect(fit.isRobust)
                #expect(abs(fit.coefficients[0] - base.coefficients[0]) < 1e-12)
                #expect(abs(fit.standardErrors[0] - base.standardErrors[0]) > 1e-6)
            default:
                #expect(abs(fit.coefficients[0] - base.coefficients[0]) > 1e-6, "\(kind) is used")
            }
        } else {
            do {
                _ = try model.fit(d)
                Issue.record("cox fitted \(kind)")
            } catch {
                let expected = FormulaError.unsupportedTerm(term: Self.item(kind), kind: kind, model: "cox",
                                                            advice: CoxSpec.formulaTerms.advice(for: kind))
                #expect(error == .formula(expected.description))
                if kind == .randomEffect {
                    #expect(error.description.hasPrefix("cox does not fit (1 | g): random effects (frailties) are not fitted by cox"))
                }
            }
        }
    }

    /// `robust: false` with a `cluster()` term: R's coxph warns and prints model-based SEs; here it is an error.
    @Test func clusterTermWithRobustOffIsAnError() throws {
        let model = try CoxSpec("Surv(time, event) ~ x + cluster(g)", options: .init(robust: false))
        let d = try Self.data()
        #expect(throws: CoxModelError.self) { try model.fit(d) }
    }

    @Test func oneClusterIsAnErrorButOneStratumIsTheUnstratifiedModel() throws {
        let d = try Self.data()
        do {
            _ = try CoxSpec("Surv(time, event) ~ x + cluster(one)").fit(d)
            Issue.record("fitted with one cluster")
        } catch {
            #expect(error.description.contains("cluster(one) has 1 level") && error.description.contains("at least 2 clusters"))
        }
        // R: coxph(Surv(time, event) ~ x + strata(one)) equals the unstratified fit.
        let plain = try CoxSpec("Surv(time, event) ~ x").fit(d)
        let one = try CoxSpec("Surv(time, event) ~ x + strata(one)").fit(d)
        #expect(abs(one.coefficients[0] - plain.coefficients[0]) <= 1e-12 * abs(plain.coefficients[0]))
        #expect(abs(one.loglik - plain.loglik) <= 1e-12 * abs(plain.loglik))
    }
}
