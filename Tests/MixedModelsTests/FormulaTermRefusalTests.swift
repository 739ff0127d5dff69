import Foundation
import Testing
import Formulas
import MixedModels
import Tabular

/// Every formula item is used or refused by name (issue 11, point 1), for the mixed models: one test per item
/// kind. Before, `glmm` parsed `strata()` and `cluster()` and dropped them. The data are 120 simulated rows
/// in 8 groups (a fixed linear congruential generator): y = 1 + 0.5x + 0.4z + log(exposure) + group effect +
/// noise. Accepted kinds are asked only to change the fit (difference above 1e-6).
@Suite struct MixedModelFormulaTermRefusalTests {
    static func data(rows n: Int = 120) throws -> DataFrame {
        var state: UInt64 = 7
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) / 9007199254740992
        }
        let effect = [-0.8, -0.4, -0.1, 0, 0.2, 0.3, 0.5, 0.9]
        var x: [Double?] = [], z: [Double?] = [], exposure: [Double?] = [], y: [Double?] = []
        var s: [String?] = [], g: [String?] = [], one: [String?] = []
        for i in 0..<n {
            let xi = 2 * uniform() - 1, zi = 2 * uniform() - 1, ei = exp(uniform() - 0.5), gi = i % 8
            let noise = (uniform() + uniform() + uniform() - 1.5) * 0.8
            x.append(xi); z.append(zi); exposure.append(ei)
            y.append(1 + 0.5 * xi + 0.4 * zi + log(ei) + effect[gi] + noise)
            s.append(uniform() < 0.5 ? "s1" : "s2"); g.append("g\(gi + 1)"); one.append("all")
        }
        return try DataFrame(columns: [
            DataColumn(name: "y", doubles: y), DataColumn(name: "x", doubles: x), DataColumn(name: "z", doubles: z),
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

    @Test func glmmDeclaresItsKinds() {
        #expect(MixedModelSpec.formulaTerms.accepted == [.fixedEffect, .offset, .randomEffect])
    }

    @Test(arguments: FormulaTermKind.allCases)
    func glmmUsesOrRefuses(_ kind: FormulaTermKind) throws {
        let d = try Self.data()
        let base = try MixedModelSpec(formula: Formula(parsing: "y ~ x + (1 | g)")).fit(d)
        if kind == .randomEffect {
            // Random effects are what a mixed model fits: the base fit's (1 | g) has 8 groups and a variance.
            #expect(MixedModelSpec.formulaTerms.accepted.contains(kind))
            #expect(base.groupCount == 8 && !base.varianceComponents.isEmpty)
            return
        }
        let spec = MixedModelSpec(formula: try Formula(parsing: "y ~ x + (1 | g) + \(Self.item(kind))"))
        if MixedModelSpec.formulaTerms.accepted.contains(kind) {
            let fit = try spec.fit(d)
            #expect(abs(fit.coefficients[1].estimate - base.coefficients[1].estimate) > 1e-6, "\(kind) is used")
        } else {
            do {
                _ = try spec.fit(d)
                Issue.record("glmm fitted \(kind)")
            } catch {
                #expect(error == .formula(.unsupportedTerm(term: Self.item(kind), kind: kind, model: "glmm",
                                                           advice: MixedModelSpec.formulaTerms.advice(for: kind))))
            }
        }
    }

    @Test func glmmAdviceNamesTheAlternative() throws {
        let spec = MixedModelSpec(formula: try Formula(parsing: "y ~ x + (1 | g) + cluster(g)"))
        let d = try Self.data()
        do {
            _ = try spec.fit(d)
            Issue.record("fitted")
        } catch {
            #expect(error.description.hasPrefix("glmm does not fit cluster(g): cluster-robust standard errors are not given"))
        }
    }

    /// lme4: "grouping factors must have > 1 sampled level".
    @Test func oneLevelGroupingFactorIsAnError() throws {
        let spec = MixedModelSpec(formula: try Formula(parsing: "y ~ x + (1 | one)"))
        let d = try Self.data()
        do {
            _ = try spec.fit(d)
            Issue.record("fitted with one group")
        } catch {
            guard case .formula(.tooFewGroups(let term, let levels, 2, _)) = error else { Issue.record("\(error)"); return }
            #expect(term == "grouping factor one of (1 | one)" && levels == ["all"])
            #expect(error.description.contains("grouping factors must have > 1 sampled level"))
        }
    }
}
