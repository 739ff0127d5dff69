import Testing
@testable import Survival

@Suite("Cox residuals against R")
struct CoxResidualsTests {
    /// residuals(fit, "martingale") and residuals(fit, "score") (unweighted, column-major n×p) from
    /// make-cox-fixtures.R: Efron right-censored (lung), Breslow with strata and weights (ties), Efron counting
    /// process with strata (counting). Compared absolutely at 1e-9 (residuals are O(1) and cross zero).
    @Test(arguments: coxCases.filter { !CoxFixtures.values($0.name, "resid_martingale").isEmpty })
    func matchesResiduals(_ c: CoxCase) throws {
        let fit = try c.fit()
        let mart = fit.martingaleResiduals()
        let rMart = CoxFixtures.values(c.name, "resid_martingale")
        #expect(mart.count == rMart.count)
        let worstM = zip(mart, rMart).map { abs($0 - $1) }.max() ?? .nan
        #expect(worstM <= 1e-9, "martingale max abs error \(worstM)")
        let score = fit.scoreResiduals()
        let rScore = CoxFixtures.values(c.name, "resid_score")
        #expect(score.rows * score.columns == rScore.count)
        let worstS = zip(score.elements, rScore).map { abs($0 - $1) }.max() ?? .nan   // both column-major
        #expect(worstS <= 1e-9, "score max abs error \(worstS)")
    }
}
