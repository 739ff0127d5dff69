import Testing
import Foundation
import Tabular
import Regression

/// The two-thread passes of a large GLM fit (from 2¹⁶ rows: the cross-product halves, the η/μ update, the working
/// response and the deviance; the summary's indicator counts from 2²⁰ entries) against the one-thread fit of the
/// same data. Reference: mtcars repeated k times (row blocks) has the same maximum-likelihood estimates as mtcars
/// itself, standard errors 1/√k of its, a deviance k times its, and k times each indicator's rows and events;
/// the small fit runs on one thread. Tolerance 1e-9 relative (the large fit adds its sums in another order).
struct GLMTwoThreadTests {
    static let k = 11_000   // 32 rows × 11,000 = 352,000 rows; × 3 columns ≥ 2²⁰ entries: above both thresholds

    static func fits() throws -> (small: GLMFit, large: GLMFit, smallData: DataFrame, largeData: DataFrame) {
        let small = try Fixtures.data("mtcars")
        let rows = (0..<k).flatMap { _ in 0..<small.rowCount }
        let large = try small.takingRows(rows)
        let spec = try GLMSpec("vs ~ wt + am", family: .binomial())
        return (try spec.fit(small), try spec.fit(large), small, large)
    }

    @Test func largeFitMatchesTheOneThreadFitOfTheSameRows() throws {
        let (small, large, _, _) = try Self.fits()
        #expect(small.converged && large.converged)
        #expect(small.separation == nil && large.separation == nil)
        #expect(large.observations == Self.k * small.observations)
        #expect(large.iterations == small.iterations)
        let scale = Double(Self.k).squareRoot()
        for (a, b) in zip(small.coefficients, large.coefficients) {
            #expect(abs(b.estimate - a.estimate) <= 1e-9 * abs(a.estimate), "\(a.term) estimate")
            #expect(abs(b.standardError * scale - a.standardError) <= 1e-9 * a.standardError, "\(a.term) SE")
        }
        #expect(abs(large.deviance - Double(Self.k) * small.deviance) <= 1e-9 * large.deviance)
        #expect(abs(large.nullDeviance - Double(Self.k) * small.nullDeviance) <= 1e-9 * large.nullDeviance)
    }

    /// The indicator counts the disclosure gate sees (am's rows, and its rows with and without the event).
    @Test func indicatorCountsAreKTimesTheSmallOnes() throws {
        let (small, large, _, _) = try Self.fits()
        let s = try small.summary(), l = try large.summary()
        let sRow = try #require(s.coefficients.rows.first { $0.term == "am" })
        let lRow = try #require(l.coefficients.rows.first { $0.term == "am" })
        let sOnes = try #require(sRow.levelCount), lOnes = try #require(lRow.levelCount)
        #expect(l.ledger.value(lOnes) == Self.k * s.ledger.value(sOnes))
        #expect(sRow.cellCounts.count == 2 && lRow.cellCounts.count == 2)
        for (a, b) in zip(sRow.cellCounts, lRow.cellCounts) {
            #expect(l.ledger.value(b) == Self.k * s.ledger.value(a))
        }
        #expect(s.coefficients.rows.first { $0.term == "wt" }?.levelCount == nil)
        #expect(l.coefficients.rows.first { $0.term == "wt" }?.levelCount == nil)
    }
}
