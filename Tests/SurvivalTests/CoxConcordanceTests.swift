import Testing
@testable import Survival
import TestSupport

@Suite("Concordance against R")
struct CoxConcordanceTests {
    /// C within 1e-12 relative (it is a ratio of pair counts) and its standard error within 1e-7 relative.
    /// Reference: concordance(fit) in survival 3.5.3 (make-cox-fixtures.R).
    @Test(arguments: coxCases.filter { !CoxFixtures.values($0.name, "concordance").isEmpty })
    func matchesConcordance(_ c: CoxCase) throws {
        let cc = try c.fit().concordance()
        let r = CoxFixtures.values(c.name, "concordance")
        #expect(isClose(cc.concordance, r[0], relative: 1e-12), "C \(cc.concordance) vs \(r[0])")
        #expect(isClose(cc.standardError, r[1], relative: 1e-7), "se \(cc.standardError) vs \(r[1])")
    }

    /// Three deaths at t = 1, 2, 3. Scores (1, 3, 2): pairs (1,2), (1,3) discordant (the earlier death has the
    /// lower score), (2,3) concordant, so C = 1/3; Somers' d = −1/3, partner counts (c, d) = (0,2), (1,1), (1,1),
    /// influences −4/9, 2/9, 2/9, Var = (24/81)/4, SE = √6/9. Scores (2, 2, 1): (1,2) tied, (1,3), (2,3)
    /// concordant, C = (2 + ½)/3 = 5/6, influences −1/9, −1/9, 2/9, SE = √6/18. R's
    /// concordance(Surv(t, e) ~ x, reverse = TRUE) gives 0.33333333333333337, 0.27216552697590868 and
    /// 0.83333333333333326, 0.13608276348795434. Tolerance 1e-15 relative.
    @Test func handComputed() throws {
        let a = try Concordance(time: [1, 2, 3], event: [true, true, true], predictor: [1, 3, 2])
        #expect(isClose(a.concordance, 1.0 / 3, relative: 1e-15))
        #expect(isClose(a.standardError, 6.0.squareRoot() / 9, relative: 1e-15))
        #expect(a.concordant == 1 && a.discordant == 2 && a.tiedRisk == 0)
        let b = try Concordance(time: [1, 2, 3], event: [true, true, true], predictor: [2, 2, 1])
        #expect(isClose(b.concordance, 5.0 / 6, relative: 1e-15))
        #expect(isClose(b.standardError, 6.0.squareRoot() / 18, relative: 1e-15))
        #expect(throws: CoxModelError.self) { try Concordance(time: [1, 2], event: [true, true], predictor: [1]) }
        #expect(throws: CoxModelError.self) { try Concordance(time: [1, 2], event: [true, true], predictor: [1, .nan]) }
    }
}
