import Testing
import Tabular
@testable import Survival
import TestSupport

@Suite("Cox model warnings and errors")
struct CoxWarningTests {
    /// R warns "Loglik converged before variable 1; coefficient may be infinite" for this data
    /// (make-cox-fixtures.R, case monotone); the fit still converges.
    @Test func monotoneLikelihood() throws {
        let fit = try coxCases.first { $0.name == "monotone" }!.fit()
        #expect(fit.converged)
        #expect(fit.warnings.contains(.infiniteCoefficients(terms: ["x"])))
    }

    /// agesex = age + 2·sex is collinear: R reports its coefficient as NA (reference.csv, lung_aliased).
    @Test func aliasedTerm() throws {
        let fit = try coxCases.first { $0.name == "lung_aliased" }!.fit()
        #expect(fit.aliased == [false, false, true])
        #expect(fit.coefficients[2].isNaN && fit.standardErrors[2].isNaN)
        #expect(fit.warnings.contains(.aliased(terms: ["agesex"])))
        #expect(fit.waldTest.degreesOfFreedom == 2)
    }

    /// lung with iter.max = 2 stops before the relative change reaches 1e-9 (R needs 3 iterations,
    /// reference.csv lung_efron iter = 3); R then warns "Ran out of iterations and did not converge".
    @Test func notConverged() throws {
        #expect(CoxFixtures.values("lung_efron", "iter") == [3])
        let model = try CoxSpec("Surv(time, status) ~ age + sex + ph.ecog", options: .init(maxIterations: 2))
        let fit = try model.fit(try CoxFixtures.frame("lung.csv"))
        #expect(!fit.converged && fit.iterations == 2)
        #expect(fit.warnings.contains(.notConverged(iterations: 2)))
    }

    /// A stratum with no deaths contributes nothing; the fit says so. Also: the rows dropped for missing
    /// ph.ecog (1 row in lung) are reported.
    @Test func strataWithoutEventsAndMissingRows() throws {
        let data = try DataFrame(columns: [
            DataColumn(name: "time", doubles: [1, 2, 3, 4, 5, 6, 7, 8]),
            DataColumn(name: "status", doubles: [1, 0, 1, 1, 0, 0, 0, 0]),
            DataColumn(name: "x", doubles: [0.5, 1, 0.2, 0.8, 0.1, 0.3, 0.9, 0.4]),
            DataColumn(name: "g", strings: ["a", "a", "a", "a", "b", "b", "b", "b"]),
        ])
        let fit = try CoxSpec("Surv(time, status) ~ x + strata(g)").fit(data)
        #expect(fit.warnings.contains(.strataWithoutEvents(strata: ["g=b"])))
        let lung = try coxCases[0].fit()
        #expect(lung.warnings.contains(.rowsDropped(count: 1)))
    }

    @Test func errors() throws {
        let data = try DataFrame(columns: [
            DataColumn(name: "a", doubles: [0, 1, 2]), DataColumn(name: "b", doubles: [1, 1, 3]),
            DataColumn(name: "e", doubles: [1, 0, 1]), DataColumn(name: "x", doubles: [1, 2, 3]),
        ])
        #expect(throws: CoxModelError.notSurvivalResponse) { try CoxSpec("a ~ x").fit(data) }
        #expect(throws: CoxModelError.self) { try CoxSpec("Surv(a, b, e) ~ x").fit(data) } // 1 ≥ 1
        #expect(throws: CoxModelError.self) { try CoxSpec("Surv(a, e) ~ nope").fit(data) }
        #expect(throws: CoxModelError.self) { try CoxSpec("Surv(a, e) ~ x", options: .init(maxIterations: -1)).fit(data) }
    }

    /// A model without covariates: its log-likelihood is the null one, which for ovarian (no missing rows) is
    /// R's loglik[1] of the ovarian fit (reference.csv), 1e-12 relative. Tests are empty (df 0, p NaN).
    @Test func nullModel() throws {
        let fit = try CoxSpec("Surv(futime, fustat) ~ 1").fit(try CoxFixtures.frame("ovarian.csv"))
        #expect(fit.terms.isEmpty)
        #expect(isClose(fit.loglik, CoxFixtures.values("ovarian", "loglik")[0], relative: 1e-12))
        #expect(fit.likelihoodRatioTest.degreesOfFreedom == 0 && fit.likelihoodRatioTest.pValue.isNaN)
        #expect(isClose(fit.concordance().concordance, 0.5, absolute: 1e-15))   // every comparable pair is tied on the score
    }

    /// All rows censored: nothing to estimate; the fit says so instead of failing or inventing estimates.
    @Test func noEvents() throws {
        let data = try DataFrame(columns: [
            DataColumn(name: "time", doubles: [1, 2, 3, 4]), DataColumn(name: "status", doubles: [0, 0, 0, 0]),
            DataColumn(name: "x", doubles: [0.5, 1, 0.2, 0.8]),
        ])
        let fit = try CoxSpec("Surv(time, status) ~ x").fit(data)
        #expect(fit.events == 0)
        #expect(fit.warnings == [.noEvents])
        #expect(isClose(fit.loglik, 0, absolute: 1e-300))   // no death terms: an empty sum
    }
}
