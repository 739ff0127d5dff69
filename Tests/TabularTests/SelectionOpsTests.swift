import Testing
@testable import Tabular

/// Small hand-made tables shared by the operation tests; every expected value in the tests is worked out by hand
/// from these rows.
enum OpsTables {
    /// id | name | age | region (levels North < South < East) | start
    ///  1 | Ann  | 4   | South | 2020-01-05
    ///  2 | Bob  | NA  | North | 2019-12-31
    ///  3 | Cat  | 2   | NA    | NA
    ///  4 | Dan  | 4   | North | 2021-03-01
    ///  5 | NA   | 7.5 | East  | 2020-01-05
    ///  6 | Eve  | 2   | South | 2018-07-15
    static func children() throws -> DataFrame {
        func day(_ y: Int, _ m: Int, _ d: Int) -> Int32 { Int32(CivilDate(year: y, month: m, day: d)!.daysSinceEpoch) }
        return try DataFrame(columns: [
            DataColumn(name: "id", integers: [1, 2, 3, 4, 5, 6]),
            DataColumn(name: "name", strings: ["Ann", "Bob", "Cat", "Dan", nil, "Eve"]),
            DataColumn(name: "age", doubles: [4, nil, 2, 4, 7.5, 2]),
            DataColumn(name: "region", categories: ["South", "North", nil, "North", "East", "South"],
                       levels: ["North", "South", "East"]),
            DataColumn(name: "start", values: .date([day(2020, 1, 5), day(2019, 12, 31), 0, day(2021, 3, 1), day(2020, 1, 5), day(2018, 7, 15)]),
                       validity: ValidityMask([true, true, false, true, true, true])),
        ])
    }

    /// The entries of a column as typed values (nil = missing), for comparisons that ignore placeholders.
    static func values(_ f: DataFrame, _ name: String) -> [DataValue?] {
        guard let c = f.column(named: name) else { return [] }
        return (0..<c.count).map { c.value(at: $0) }
    }

    static func ints(_ f: DataFrame, _ name: String) -> [Int?] {
        values(f, name).map { if case .integer(let x)? = $0 { x } else { nil } }
    }

    static func doubles(_ f: DataFrame, _ name: String) -> [Double?] {
        guard let c = f.column(named: name) else { return [] }
        return (0..<c.count).map { c.numericValue(at: $0) }
    }

    static func strings(_ f: DataFrame, _ name: String) -> [String?] {
        guard let c = f.column(named: name) else { return [] }
        return (0..<c.count).map { c.stringValue(at: $0) }
    }
}

struct SelectionOpsTests {
    @Test func selectKeepsOrderAndMissing() throws {
        let df = try OpsTables.children().selecting(["age", "id"])
        #expect(df.columnNames == ["age", "id"])
        #expect(df.rowCount == 6)
        #expect(OpsTables.doubles(df, "age") == [4, nil, 2, 4, 7.5, 2])
    }

    @Test func selectUnknownNameSuggests() throws {
        let df = try OpsTables.children()
        #expect(throws: TabularError.unknownColumn("agee", suggestion: "age")) { try df.selecting(["id", "agee"]) }
        #expect(throws: TabularError.duplicateColumn("id")) { try df.selecting(["id", "id"]) }
    }

    @Test func dropRemovesNamedColumns() throws {
        let df = try OpsTables.children().dropping(["name", "start"])
        #expect(df.columnNames == ["id", "age", "region"])
        #expect(throws: TabularError.unknownColumn("nmae", suggestion: "name")) { try OpsTables.children().dropping(["nmae"]) }
    }

    @Test func takeRowsByIndexRepeatsAndChecks() throws {
        let df = try OpsTables.children()
        let t = try df.takingRows([5, 0, 0, 1])
        #expect(OpsTables.ints(t, "id") == [6, 1, 1, 2])
        #expect(OpsTables.doubles(t, "age") == [2, 4, 4, nil])
        #expect(OpsTables.strings(t, "region") == ["South", "South", "South", "North"])
        #expect(throws: TabularError.rowIndexOutOfRange(index: 6, rowCount: 6)) { try df.takingRows([0, 6]) }
        #expect(throws: TabularError.rowIndexOutOfRange(index: -1, rowCount: 6)) { try df.takingRows([-1]) }
    }

    @Test func filterByPredicateSeesMissingAsNil() throws {
        let df = try OpsTables.children()
        // age > 3, with missing treated as "not kept" (dplyr): ages 4, NA, 2, 4, 7.5, 2 keep ids 1, 4, 5.
        let f = try df.filtering { r throws(TabularError) in try r.double("age").map { $0 > 3 } ?? false }
        #expect(OpsTables.ints(f, "id") == [1, 4, 5])
        // Missing name: only id 5.
        let g = try df.filtering { r throws(TabularError) in try r.isMissing("name") }
        #expect(OpsTables.ints(g, "id") == [5])
        // Categorical read as text; missing region is nil.
        let h = try df.filtering { r throws(TabularError) in try r.string("region") == "North" }
        #expect(OpsTables.ints(h, "id") == [2, 4])
    }

    @Test func filterPredicateErrorsAreTyped() throws {
        let df = try OpsTables.children()
        #expect(throws: TabularError.unknownColumn("ag", suggestion: "age")) {
            try df.filtering { r throws(TabularError) in try r.double("ag") != nil }
        }
        #expect(throws: TabularError.typeMismatch(column: "name", expected: "a numeric column", actual: .string)) {
            try df.filtering { r throws(TabularError) in try r.double("name") != nil }
        }
    }

    @Test func filterByMaskDropsMissing() throws {
        let df = try OpsTables.children()
        let mask = try #require(df.column(named: "age")).comparing(.greater, 3)
        #expect(mask.missingCount == 1)
        let f = try df.filtering(mask: mask)
        #expect(OpsTables.ints(f, "id") == [1, 4, 5])
        let b = try df.filtering([true, false, false, false, false, true])
        #expect(OpsTables.ints(b, "id") == [1, 6])
        #expect(throws: TabularError.lengthMismatch(column: "(row mask)", expected: 6, actual: 2)) { try df.filtering([true, false]) }
        #expect(throws: TabularError.typeMismatch(column: "age", expected: "boolean", actual: .double)) {
            try df.filtering(mask: df.requireColumn("age"))
        }
    }

    @Test func headAndTail() throws {
        let df = try OpsTables.children()
        #expect(OpsTables.ints(df.head(2), "id") == [1, 2])
        #expect(OpsTables.ints(df.tail(2), "id") == [5, 6])
        #expect(df.head(100).rowCount == 6)
        #expect(df.tail(0).rowCount == 0)
    }
}
