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

/// The byte-interning tally of text columns (``ColumnSummary/tally(_:validity:)``) against the `[String: Int]`
/// tally it replaced, kept here as the reference: the same distinct values with the same counts (integers, so
/// compared exactly), including canonically equivalent spellings ("é" precomposed and decomposed are one
/// value, named by the first seen), the empty string, values longer than a word, non-ASCII text and missing
/// cells; and the same top values and distinct count through ``ColumnSummary``.
@Suite struct ColumnSummaryTallyTests {
    static func reference(_ v: [String?]) -> [String: Int] {
        var tally: [String: Int] = [:]
        for case let s? in v { tally[s, default: 0] += 1 }
        return tally
    }

    @Test func tallyEqualsStringDictionary() {
        var values: [String?] = ["a", "b", "a", nil, "", "", "caf\u{E9}", "cafe\u{301}", "caf\u{E9}",
                                 "a long value of more than eight bytes", "a long value of more than eight bytes!",
                                 "a long value of more than eight bytes", "Ωμέγα", nil, "b"]
        var state: UInt64 = 7
        for _ in 0..<5000 {   // many values, so the interner's table grows several times
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append("SW\(state >> 52) \(state >> 60)AB")
        }
        let column = DataColumn(name: "t", strings: values)
        guard case .string(let v) = column.values else { Issue.record("not a string column"); return }
        let fast = ColumnSummary.tally(v, validity: column.validity)
        let ref = Self.reference(values)
        #expect(fast.count == ref.count)
        #expect(Set(fast.map(\.value)).count == fast.count)
        for vc in fast { #expect(ref[vc.value] == vc.count, "\(vc.value): \(vc.count) vs \(ref[vc.value] ?? -1)") }
        // The first spelling seen names a merged value, as the dictionary keeps its first key.
        #expect(fast.first { $0.value == "caf\u{E9}" }.map { Array($0.value.unicodeScalars).count } == 4)
        let summary = ColumnSummary(column, top: Int.max)
        #expect(summary.distinctCount == ref.count)
        #expect(summary.topValues.reduce(0) { $0 + $1.count } == values.compactMap { $0 }.count)
        #expect(summary.topValues.first?.value.isEmpty == false)
    }

    /// The k most frequent values without the full sort equal the full sort's first k (ties in byte order), for
    /// k below, at and above the number of distinct values.
    @Test func topValuesEqualTheFullSortsPrefix() {
        var values: [String?] = []
        for k in 0..<2000 { values.append("v\(k * 31 % 97)") }
        values += [nil, "", ""]
        let column = DataColumn(name: "t", strings: values)
        let all = ColumnSummary(column, top: Int.max).topValues
        #expect(all.count == 98)
        for top in [0, 1, 5, 20, 97, 98, 200] {
            let s = ColumnSummary(column, top: top)
            #expect(s.topValues == Array(all.prefix(top)), "top \(top)")
            #expect(s.distinctCount == 98)
        }
    }
}
