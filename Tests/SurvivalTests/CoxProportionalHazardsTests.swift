import Testing
@testable import Survival
import TestSupport

@Suite("cox.zph against R")
struct CoxProportionalHazardsTests {
    /// Per-term and global chi-squares within 1e-7 relative, df exactly, p-values within 1e-6 relative.
    /// Reference: cox.zph(fit) (transform "km") in survival 3.5.3, make-cox-fixtures.R.
    @Test(arguments: coxCases.filter { !CoxFixtures.values($0.name, "zph_chisq").isEmpty })
    func matchesCoxZph(_ c: CoxCase) throws {
        let zph = try c.fit().proportionalHazardsTest()
        let rows = zph.terms + [zph.global]
        let chisq = CoxFixtures.values(c.name, "zph_chisq")
        #expect(isClose(rows.map(\.chiSquare), chisq, relative: 1e-7), "\(rows.map(\.chiSquare)) vs \(chisq)")
        #expect(rows.map { Double($0.degreesOfFreedom) } == CoxFixtures.values(c.name, "zph_df"))
        #expect(isClose(rows.map(\.pValue), CoxFixtures.values(c.name, "zph_p"), relative: 1e-6))
    }
}
