import Testing
@testable import Tabular

struct DerivedOpsTests {
    @Test func addingMapsRowsToTypedColumns() throws {
        let df = try OpsTables.children()
        let a = try df.adding("age_next") { r throws(TabularError) in try r.double("age").map { $0 + 1 } }
        #expect(a.columnNames.last == "age_next")
        #expect(a.column(named: "age_next")?.kind == .double)
        #expect(OpsTables.doubles(a, "age_next") == [5, nil, 3, 5, 8.5, 3])
        let b = try df.adding("loud") { r throws(TabularError) in try r.string("name")?.uppercased() }
        #expect(OpsTables.strings(b, "loud") == ["ANN", "BOB", "CAT", "DAN", nil, "EVE"])
        let c = try df.adding("even") { r throws(TabularError) in try r.integer("id").map { $0 % 2 == 0 } }
        #expect(OpsTables.strings(c, "even") == ["FALSE", "TRUE", "FALSE", "TRUE", "FALSE", "TRUE"])
        // Day after the start date: 2020-01-05 -> 2020-01-06, 2019-12-31 -> 2020-01-01, NA -> NA, ...
        let d = try df.adding("next_day") { r throws(TabularError) in
            try r.date("start").map { CivilDate(daysSinceEpoch: $0.daysSinceEpoch + 1) }
        }
        #expect(OpsTables.strings(d, "next_day") == ["2020-01-06", "2020-01-01", nil, "2021-03-02", "2020-01-06", "2018-07-16"])
        // Replacing an existing column keeps its position.
        let e = try df.adding("id") { r throws(TabularError) in try r.integer("id").map { $0 * 10 } }
        #expect(e.columnNames == df.columnNames)
        #expect(OpsTables.ints(e, "id") == [10, 20, 30, 40, 50, 60])
    }

    @Test func arithmeticPropagatesMissing() throws {
        let a = DataColumn(name: "a", integers: [1, 2, nil, Int.max, 7])
        let b = DataColumn(name: "b", integers: [10, nil, 3, 1, 2])
        let s = try DataColumn.arithmetic(.add, a, b, name: "s")
        // Integer + integer stays integer; NA + x is NA; Int.max + 1 overflows to NA (R: NA with a warning).
        #expect(s.kind == .integer)
        #expect((0..<5).map { s.value(at: $0) } == [.integer(11), nil, nil, nil, .integer(9)])
        let q = try DataColumn.arithmetic(.divide, a, b, name: "q")
        // 1/10, NA, NA, Int.max/1 as double, 7/2.
        #expect(q.kind == .double)
        #expect((0..<5).map { q.numericValue(at: $0) } == [0.1, nil, nil, Double(Int.max), 3.5])
        let x = DataColumn(name: "x", doubles: [1, nil, -2])
        let z = DataColumn(name: "z", doubles: [0, 1, 0])
        let r = try DataColumn.arithmetic(.divide, x, z, name: "r")
        // IEEE: 1/0 = Inf and -2/0 = -Inf are present values, as in R.
        #expect((0..<3).map { r.numericValue(at: $0) } == [.infinity, nil, -.infinity])
        let m = try x.arithmetic(.multiply, 3)
        #expect((0..<3).map { m.numericValue(at: $0) } == [3, nil, -6])
        #expect(m.name == "x")
    }

    @Test func arithmeticErrors() throws {
        let s = DataColumn(name: "s", strings: ["a"])
        let x = DataColumn(name: "x", doubles: [1])
        #expect(throws: TabularError.typeMismatch(column: "s", expected: "a double, integer or boolean column", actual: .string)) {
            try DataColumn.arithmetic(.add, x, s, name: "y")
        }
        #expect(throws: TabularError.lengthMismatch(column: "x2", expected: 1, actual: 2)) {
            try DataColumn.arithmetic(.add, x, DataColumn(name: "x2", doubles: [1, 2]), name: "y")
        }
    }

    @Test func comparisonsKeepMissing() throws {
        let x = DataColumn(name: "x", integers: [1, nil, 3])
        let c = try x.comparing(.greaterOrEqual, 2)
        #expect((0..<3).map { c.value(at: $0) } == [.boolean(false), nil, .boolean(true)])
        #expect(throws: TabularError.typeMismatch(column: "s", expected: "a numeric column", actual: .string)) {
            try DataColumn(name: "s", strings: ["a"]).comparing(.equal, 1)
        }
    }
}
