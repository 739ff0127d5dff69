import Testing
@testable import Tabular

struct ReshapingOpsTests {
    /// A complete long table: every (id, key) pair once; one value missing.
    /// id | key | val
    ///  1 | x   | 1.5
    ///  1 | y   | 2.5
    ///  2 | y   | 4.5
    ///  2 | x   | NA
    ///  3 | x   | 5
    ///  3 | y   | 6
    static func long() throws -> DataFrame {
        try DataFrame(columns: [
            DataColumn(name: "id", integers: [1, 1, 2, 2, 3, 3]),
            DataColumn(name: "key", strings: ["x", "y", "y", "x", "x", "y"]),
            DataColumn(name: "val", doubles: [1.5, 2.5, 4.5, nil, 5, 6]),
        ])
    }

    @Test func widerPlacesValuesByIdAndName() throws {
        let w = try Self.long().pivotWider(idColumns: ["id"], namesFrom: "key", valuesFrom: "val")
        // Names in order of first appearance (x, y); the present-but-missing cell (2, x) stays missing.
        #expect(w.columnNames == ["id", "x", "y"])
        #expect(OpsTables.ints(w, "id") == [1, 2, 3])
        #expect(OpsTables.doubles(w, "x") == [1.5, nil, 5])
        #expect(OpsTables.doubles(w, "y") == [2.5, 4.5, 6])
    }

    @Test func widerFillsAbsentCellsWithMissingAndNamesMissingNA() throws {
        let t = try DataFrame(columns: [
            DataColumn(name: "id", strings: ["a", "a", "b"]),
            DataColumn(name: "k", strings: ["p", nil, "q"]),
            DataColumn(name: "v", integers: [1, 2, 3]),
        ])
        let w = try t.pivotWider(idColumns: ["id"], namesFrom: "k", valuesFrom: "v")
        #expect(w.columnNames == ["id", "p", "NA", "q"])
        #expect(OpsTables.ints(w, "p") == [1, nil])
        #expect(OpsTables.ints(w, "NA") == [2, nil])
        #expect(OpsTables.ints(w, "q") == [nil, 3])
    }

    @Test func widerNamesFromNumbersAsRPrintsThem() throws {
        // as.character(c(2020, 2.5)) in R: "2020", "2.5".
        let t = try DataFrame(columns: [
            DataColumn(name: "id", integers: [1, 1]),
            DataColumn(name: "year", doubles: [2020, 2.5]),
            DataColumn(name: "v", integers: [7, 8]),
        ])
        let w = try t.pivotWider(idColumns: ["id"], namesFrom: "year", valuesFrom: "v")
        #expect(w.columnNames == ["id", "2020", "2.5"])
        #expect(OpsTables.ints(w, "2020") == [7])
    }

    @Test func widerRejectsDuplicateCells() throws {
        let t = try DataFrame(columns: [
            DataColumn(name: "id", integers: [1, 1]),
            DataColumn(name: "k", strings: ["x", "x"]),
            DataColumn(name: "v", doubles: [1, 2]),
        ])
        #expect(throws: TabularError.duplicateCell(id: "1", name: "x")) {
            try t.pivotWider(idColumns: ["id"], namesFrom: "k", valuesFrom: "v")
        }
    }

    @Test func longerIsRowMajor() throws {
        let w = try DataFrame(columns: [
            DataColumn(name: "id", integers: [1, 2]),
            DataColumn(name: "x", integers: [10, nil]),
            DataColumn(name: "y", doubles: [0.5, 2]),
        ])
        let l = try w.pivotLonger(columns: ["x", "y"], namesTo: "key", valuesTo: "val")
        #expect(l.columnNames == ["id", "key", "val"])
        #expect(OpsTables.ints(l, "id") == [1, 1, 2, 2])
        #expect(OpsTables.strings(l, "key") == ["x", "y", "x", "y"])
        // Integer with double gives double (vctrs); missing stays missing.
        #expect(l.column(named: "val")?.kind == .double)
        #expect(OpsTables.doubles(l, "val") == [10, 0.5, nil, 2])
        let d = try w.pivotLonger(columns: ["x", "y"], dropMissing: true)
        #expect(OpsTables.ints(d, "id") == [1, 1, 2])
        #expect(OpsTables.doubles(d, "value") == [10, 0.5, 2])
    }

    @Test func longerRejectsIncompatibleKinds() throws {
        let w = try DataFrame(columns: [DataColumn(name: "x", integers: [1]), DataColumn(name: "s", strings: ["a"])])
        #expect(throws: TabularError.typeMismatch(column: "s", expected: "integer like x", actual: .string)) {
            try w.pivotLonger(columns: ["x", "s"])
        }
    }

    @Test func longerCombinesCategoricalLevels() throws {
        let w = try DataFrame(columns: [
            DataColumn(name: "a", categories: ["lo", "hi"], levels: ["lo", "hi"]),
            DataColumn(name: "b", categories: ["mid", nil], levels: ["mid", "hi"]),
        ])
        let l = try w.pivotLonger(columns: ["a", "b"])
        guard case let .categorical(_, levels, _)? = l.column(named: "value")?.values else { Issue.record("not categorical"); return }
        #expect(levels == ["lo", "hi", "mid"])
        #expect(OpsTables.strings(l, "value") == ["lo", "mid", "hi", nil])
    }

    @Test func widerThenLongerRoundTrips() throws {
        let original = try Self.long()
        let back = try original.pivotWider(idColumns: ["id"], namesFrom: "key", valuesFrom: "val")
            .pivotLonger(columns: ["x", "y"], namesTo: "key", valuesTo: "val")
        // Up to row order: compare both sorted by (id, key).
        let a = try original.sorted(by: "id", "key"), b = try back.sorted(by: "id", "key")
        #expect(b.columnNames == a.columnNames)
        for name in a.columnNames { #expect(OpsTables.values(a, name) == OpsTables.values(b, name)) }
    }
}
