import Foundation
import Testing
import Formulas
import Regression
import Tabular

/// Every formula item is used or refused by name (issue 11, point 1): one test per model × item kind for the
/// GLM, the ordered and the multinomial logit. Before, `glm "y ~ x + strata(s) + (1|g)"` printed the fit of
/// `y ~ x`, `ologit` and `mlogit` dropped `offset()`, and glm's `cluster(g)` gave model-based SEs.
///
/// The data (``TermKindData``) are 160 simulated rows; the accepted-kind tests only ask that the item changes
/// the fit (difference above 1e-6), the R comparison of ologit's offset is in ``OrderedLogitOffsetTests``.
@Suite struct FormulaTermRefusalTests {
    let data: DataFrame
    init() throws { data = try TermKindData.frame() }

    /// The formula item of each kind written into the test formulas.
    static func item(_ kind: FormulaTermKind) -> String {
        switch kind {
        case .fixedEffect: "z"
        case .offset: "offset(log(exposure))"
        case .strata: "strata(s)"
        case .cluster: "cluster(g)"
        case .randomEffect: "(1 | g)"
        }
    }

    /// Whether `body` throws the refusal of `kind`'s item by `model`, with `advice`.
    static func refuses(_ error: FormulaError?, _ kind: FormulaTermKind, model: String, rule: FormulaTermRule) -> Bool {
        error == .unsupportedTerm(term: item(kind), kind: kind, model: model, advice: rule.advice(for: kind))
    }

    // MARK: GLM

    @Test func glmDeclaresItsKinds() {
        #expect(GLMSpec.formulaTerms.accepted == [.fixedEffect, .offset, .cluster])
    }

    @Test(arguments: FormulaTermKind.allCases)
    func glmUsesOrRefuses(_ kind: FormulaTermKind) throws {
        let base = try GLMSpec("yb ~ x", family: .binomial()).fit(data)
        let model = try GLMSpec("yb ~ x + \(Self.item(kind))", family: .binomial())
        let rule = GLMSpec.formulaTerms
        if rule.accepted.contains(kind) {
            let fit = try model.fit(data)
            switch kind {
            case .cluster:
                // Same estimates, cluster-robust SEs by default.
                #expect(abs(fit.coefficients[1].estimate - base.coefficients[1].estimate) < 1e-12)
                #expect(abs(fit.coefficients[1].standardError - base.coefficients[1].standardError) > 1e-6)
                let explicit = try fit.coefficientTable(.cluster)
                #expect(abs(fit.coefficients[1].standardError - explicit[1].standardError) <= 1e-14 * explicit[1].standardError)
                #expect(try fit.resolvedCovariance(.model) == .cluster)
            default:
                #expect(abs(fit.coefficients[1].estimate - base.coefficients[1].estimate) > 1e-6, "\(kind) is used")
            }
        } else {
            do {
                _ = try model.fit(data)
                Issue.record("glm fitted \(kind)")
            } catch {
                guard case .formula(let e) = error else { Issue.record("\(error)"); return }
                #expect(Self.refuses(e, kind, model: "glm", rule: rule), "\(e)")
            }
        }
    }

    @Test func glmRefusesStrataAndRandomEffectWithAdvice() throws {
        let both = try GLMSpec("yb ~ x + strata(s) + (1 | g)", family: .binomial())
        do {
            _ = try both.fit(data)
            Issue.record("fitted")
        } catch {
            #expect(error.description == "glm does not fit strata(s): strata() is for cox; for a fixed effect write the column")
        }
        let random = try GLMSpec("yb ~ x + (1 | g)", family: .binomial())
        do {
            _ = try random.fit(data)
            Issue.record("fitted")
        } catch {
            #expect(error.description.hasPrefix("glm does not fit (1 | g): random effects: use carestat glmm"))
        }
    }

    @Test func glmCovarianceContradictionsAreErrors() throws {
        let clustered = try GLMSpec("yb ~ x + cluster(g)", family: .binomial()).fit(data)
        for type in [GLMCovariance.hc0, .hc1] {
            #expect(throws: GLMError.self) { try clustered.summary(covariance: type) }
            #expect(throws: GLMError.self) { try clustered.covariance(type) }
        }
        let plain = try GLMSpec("yb ~ x", family: .binomial()).fit(data)
        do {
            _ = try plain.summary(covariance: .cluster)
            Issue.record("cluster without a cluster() term")
        } catch {
            #expect(error.description.contains("cluster(column) term"))
        }
        // The summary says which covariance it used.
        let s = try clustered.summary()
        #expect(s.statistic("covariance")?.value == .text(GLMCovariance.cluster.label))
    }

    @Test func glmOneClusterIsAnError() throws {
        let model = try GLMSpec("yb ~ x + cluster(one)", family: .binomial())
        do {
            _ = try model.fit(data)
            Issue.record("fitted with one cluster")
        } catch {
            guard case .formula(let e) = error else { Issue.record("\(error)"); return }
            guard case .tooFewGroups(let term, let levels, 2, _) = e else { Issue.record("\(e)"); return }
            #expect(term == "cluster(one)" && levels == ["all"])
        }
    }

    // MARK: Ordered logit

    @Test func ologitDeclaresItsKinds() {
        #expect(OrderedLogitSpec.formulaTerms.accepted == [.fixedEffect, .offset, .cluster])
    }

    @Test(arguments: FormulaTermKind.allCases)
    func ologitUsesOrRefuses(_ kind: FormulaTermKind) throws {
        let base = try OrderedLogitSpec(formula: Formula(parsing: "yo ~ x")).fit(data)
        let spec = OrderedLogitSpec(formula: try Formula(parsing: "yo ~ x + \(Self.item(kind))"))
        let rule = OrderedLogitSpec.formulaTerms
        if rule.accepted.contains(kind) {
            let fit = try spec.fit(data)
            let b = fit.coefficients[0], b0 = base.coefficients[0]
            switch kind {
            case .cluster:
                #expect(fit.variance == .cluster("g"))
                #expect(abs(b.estimate - b0.estimate) < 1e-9)
                #expect(abs(b.standardError - b0.standardError) > 1e-6)
            default:
                #expect(abs(b.estimate - b0.estimate) > 1e-6, "\(kind) is used")
            }
        } else {
            do {
                _ = try spec.fit(data)
                Issue.record("ologit fitted \(kind)")
            } catch {
                guard case .formula(let e) = error else { Issue.record("\(error)"); return }
                #expect(Self.refuses(e, kind, model: "ologit", rule: rule), "\(e)")
            }
        }
    }

    // MARK: Multinomial logit

    @Test func mlogitDeclaresItsKinds() {
        #expect(MultinomialLogitSpec.formulaTerms.accepted == [.fixedEffect, .cluster])
    }

    @Test(arguments: FormulaTermKind.allCases)
    func mlogitUsesOrRefuses(_ kind: FormulaTermKind) throws {
        let base = try MultinomialLogitSpec(formula: Formula(parsing: "ym ~ x")).fit(data)
        let spec = MultinomialLogitSpec(formula: try Formula(parsing: "ym ~ x + \(Self.item(kind))"))
        let rule = MultinomialLogitSpec.formulaTerms
        if rule.accepted.contains(kind) {
            let fit = try spec.fit(data)
            let x = fit.coefficients.first { $0.term.hasSuffix("x") }, x0 = base.coefficients.first { $0.term.hasSuffix("x") }
            let (b, b0) = (try #require(x), try #require(x0))
            switch kind {
            case .cluster:
                #expect(fit.variance == .cluster("g"))
                #expect(abs(b.standardError - b0.standardError) > 1e-6)
            default:
                #expect(abs(b.estimate - b0.estimate) > 1e-6, "\(kind) is used")
            }
        } else {
            do {
                _ = try spec.fit(data)
                Issue.record("mlogit fitted \(kind)")
            } catch {
                guard case .formula(let e) = error else { Issue.record("\(error)"); return }
                #expect(Self.refuses(e, kind, model: "mlogit", rule: rule), "\(e)")
            }
        }
    }
}

/// 160 simulated rows (a fixed linear congruential generator, so the same on every machine) for the
/// term-kind tests: numbers `x`, `z` and `exposure` (> 0), a stratum `s` (2 levels), a group `g` (8 levels), a
/// one-level column `one`, a 0/1 outcome `yb` (logit 0.8x + 0.6z + log(exposure) + group effect), an ordered
/// outcome `yo` (1 < 2 < 3, the same latent scale cut at −0.5 and 0.8) and a three-category outcome `ym`.
enum TermKindData {
    static func frame(rows n: Int = 160) throws -> DataFrame {
        var state: UInt64 = 20261206
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) / 9007199254740992
        }
        func logistic() -> Double { let u = uniform(); return log(u / (1 - u)) }
        var x: [Double?] = [], z: [Double?] = [], exposure: [Double?] = [], yb: [Double?] = [], yo: [Double?] = []
        var s: [String?] = [], g: [String?] = [], one: [String?] = [], ym: [String?] = []
        let groupEffect = [-0.9, -0.5, -0.2, 0, 0.1, 0.3, 0.6, 1.0]
        for _ in 0..<n {
            let xi = 2 * uniform() - 1, zi = 2 * uniform() - 1, ei = exp(2 * uniform() - 1)
            let gi = Int(uniform() * 8) % 8
            let eta = 0.8 * xi + 0.6 * zi + log(ei) + groupEffect[gi]
            let latent = eta + logistic()
            x.append(xi); z.append(zi); exposure.append(ei)
            s.append(uniform() < 0.5 ? "s1" : "s2"); g.append("g\(gi + 1)"); one.append("all")
            yb.append(latent > 0 ? 1 : 0)
            yo.append(latent < -0.5 ? 1 : latent < 0.8 ? 2 : 3)
            ym.append(latent < -0.5 ? "a" : (uniform() < 0.5 + 0.2 * zi ? "b" : "c"))
        }
        return try DataFrame(columns: [
            DataColumn(name: "x", doubles: x), DataColumn(name: "z", doubles: z),
            DataColumn(name: "exposure", doubles: exposure), DataColumn(name: "s", strings: s),
            DataColumn(name: "g", strings: g), DataColumn(name: "one", strings: one),
            DataColumn(name: "yb", doubles: yb), DataColumn(name: "yo", doubles: yo), DataColumn(name: "ym", strings: ym),
        ])
    }
}
