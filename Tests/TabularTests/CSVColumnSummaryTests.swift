import Testing
@testable import Tabular
import TestSupport

/// describe(): reference values are hand calculations written beside each check, and R for the mean
/// (`mean(c(1.5, 2.25, NA, -3), na.rm = TRUE)` = 0.25).
@Suite struct ColumnSummaryTests {
    @Test func numericColumns() throws {
        let s = ColumnSummary(DataColumn(name: "x", doubles: [1.5, 2.25, nil, -3]))
        #expect(s.kind == .double)
        #expect(s.count == 4)
        #expect(s.missingCount == 1)
        #expect(s.minimum == -3)
        #expect(s.maximum == 2.25)
        #expect(isClose(s.mean, 0.25, relative: 1e-15))   // (1.5 + 2.25 − 3) / 3
        let i = ColumnSummary(DataColumn(name: "n", integers: [4, 1, 7, nil]))
        #expect(i.mean == 4)      // (4 + 1 + 7) / 3 = 4
        #expect(i.minimum == 1 && i.maximum == 7)
        let nan = ColumnSummary(DataColumn(name: "x", doubles: [.nan, 2, 4]))
        #expect(nan.nanCount == 1)
        #expect(nan.mean == 3)    // NaN left out: (2 + 4) / 2
    }

    @Test func dates() throws {
        // 2016-02-29 = 16860 and 2020-02-29 = 18321 (R); mean (16860 + 18321) / 2 = 17590.5.
        let c = DataColumn(name: "d", values: .date([18321, 16860, 0]), validity: ValidityMask([true, true, false]))
        let s = ColumnSummary(c)
        #expect(s.minimumDate == CivilDate(year: 2016, month: 2, day: 29))
        #expect(s.maximumDate == CivilDate(year: 2020, month: 2, day: 29))
        #expect(isClose(s.mean, 17590.5, relative: 1e-15))
        #expect(s.missingCount == 1)
    }

    @Test func textLevelsAndBooleans() throws {
        let s = ColumnSummary(DataColumn(name: "s", strings: ["b", "a", "b", nil, "c", "a", "b"]), top: 2)
        // Counts: b 3, a 2, c 1; top 2 are b, a.
        #expect(s.distinctCount == 3)
        #expect(s.topValues == [ValueCount(value: "b", count: 3), ValueCount(value: "a", count: 2)])
        // Ties in byte-wise order.
        let t = ColumnSummary(DataColumn(name: "s", strings: ["y", "x"]))
        #expect(t.topValues == [ValueCount(value: "x", count: 1), ValueCount(value: "y", count: 1)])
        // Categorical: every level is counted, unused ones too.
        let c = ColumnSummary(DataColumn(name: "ls", categories: ["C2", "C2", nil], levels: ["V2", "C2"]))
        #expect(c.topValues == [ValueCount(value: "C2", count: 2), ValueCount(value: "V2", count: 0)])
        #expect(c.distinctCount == 1)
        // Boolean: mean is the proportion TRUE, 2 of 3.
        let b = ColumnSummary(DataColumn(name: "b", values: .boolean([true, false, true])))
        #expect(isClose(b.mean, 2.0 / 3.0, relative: 1e-15))
        #expect(b.topValues == [ValueCount(value: "TRUE", count: 2), ValueCount(value: "FALSE", count: 1)])
    }

    @Test func describeAReadFile() throws {
        let r = try CSVReader.read(path: CSVFixtures.path("bom_crlf.csv"))
        let d = r.frame.describe()
        #expect(d.map(\.kind) == [.integer, .date, .string])
        #expect(d[0].mean == 2)           // (1 + 2 + 3) / 3
        #expect(d[1].missingCount == 1)
        #expect(d[2].distinctCount == 3)
    }
}
