import Testing
import Tabular
@testable import CareData

/// The court-returns derivation (Harwin et al. 2019's return to court), worked by hand.
@Suite struct CourtReturnsTests {
    static func date(_ y: Int, _ m: Int, _ d: Int) -> DateField { .valid(CivilDate(year: y, month: m, day: d)!) }

    @Test func eachOrderIsFollowedToTheNextApplicationOrTheCensorDate() throws {
        let censor = CivilDate(year: 2024, month: 3, day: 31)!
        let a = ChildKey(la: "E1", child: "1"), b = ChildKey(la: "E1", child: "2"), moved = ChildKey(la: "E2", child: "1")
        let proceedings = [
            // Child 1: a supervision order, then new proceedings 400 days later ending in a care order.
            CareProceeding(row: 0, key: a, applicationDate: Self.date(2015, 1, 1), finalOrderDate: Self.date(2015, 6, 1), orderCode: "SO"),
            CareProceeding(row: 1, key: a, applicationDate: Self.date(2016, 7, 5), finalOrderDate: Self.date(2017, 1, 1), orderCode: "CO"),
            // Child 2: withdrawn proceedings (no row), then an SGO never followed.
            CareProceeding(row: 2, key: b, applicationDate: Self.date(2018, 1, 1), finalOrderDate: Self.date(2018, 3, 1), orderCode: "WD"),
            CareProceeding(row: 3, key: b, applicationDate: Self.date(2019, 1, 1), finalOrderDate: Self.date(2019, 5, 1), orderCode: "SGO"),
            // Child 1 in another LA is another identity; its order ends after the censor date (no row).
            CareProceeding(row: 4, key: moved, applicationDate: Self.date(2024, 1, 1), finalOrderDate: Self.date(2024, 6, 1), orderCode: "SO"),
        ]
        let t = try CareProceedingsData.returnsToCourt(proceedings: proceedings, censorDate: censor)
        let order = try t.requireColumn("order"), days = try t.requireColumn("days"), returned = try t.requireColumn("returned")
        #expect(order.count == 3)
        #expect((0..<3).map { order.stringValue(at: $0) } == ["SO", "CO", "SGO"])
        let soEnd = CivilDate(year: 2015, month: 6, day: 1)!.daysSinceEpoch
        let nextApp = CivilDate(year: 2016, month: 7, day: 5)!.daysSinceEpoch
        #expect(days.numericValue(at: 0) == Double(nextApp - soEnd))
        #expect(returned.numericValue(at: 0) == 1)
        #expect(days.numericValue(at: 1) == Double(censor.daysSinceEpoch - CivilDate(year: 2017, month: 1, day: 1)!.daysSinceEpoch))
        #expect(returned.numericValue(at: 1) == 0)
        #expect(returned.numericValue(at: 2) == 0)
    }
}
