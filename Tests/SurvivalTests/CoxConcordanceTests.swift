import Testing
@testable import Survival

@Suite("Concordance against R")
struct CoxConcordanceTests {
    /// C within 1e-12 relative (it is a ratio of pair counts) and its standard error within 1e-7 relative.
    /// Reference: concordance(fit) in survival 3.5.3 (make-cox-fixtures.R).
    @Test(arguments: coxCases.filter { !CoxFixtures.values($0.name, "concordance").isEmpty })
    func matchesConcordance(_ c: CoxCase) throws {
        let cc = try c.fit().concordance()
        let r = CoxFixtures.values(c.name, "concordance")
        #expect(close(cc.concordance, r[0], 1e-12), "C \(cc.concordance) vs \(r[0])")
        #expect(close(cc.standardError, r[1], 1e-7), "se \(cc.standardError) vs \(r[1])")
    }
}
