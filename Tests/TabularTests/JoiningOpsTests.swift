import Testing
@testable import Tabular

struct JoiningOpsTests {
    /// left: id 1, 2, 3, NA, 2 with lv a..e; right: id 2, 3, 3, 4, NA with rv 20, 30, 31, 40, 99.
    static func tables() throws -> (DataFrame, DataFrame) {
        let l = try DataFrame(columns: [DataColumn(name: "id", integers: [1, 2, 3, nil, 2]),
                                        DataColumn(name: "lv", strings: ["a", "b", "c", "d", "e"])])
        let r = try DataFrame(columns: [DataColumn(name: "id", integers: [2, 3, 3, 4, nil]),
                                        DataColumn(name: "rv", doubles: [20, 30, 31, 40, 99])])
        return (l, r)
    }

    @Test func innerJoinCardinalitiesAndMissingKeys() throws {
        let (l, r) = try Self.tables()
        let j = try l.joined(with: r, on: ["id"])
        // id 1: no match; 2 (row b): 20; 3: two right rows 30, 31 (one-to-many); NA never matches; 2 (row e): 20
        // (many-to-one). The right NA key (99) matches nothing either.
        #expect(j.columnNames == ["id", "lv", "rv"])
        #expect(OpsTables.ints(j, "id") == [2, 3, 3, 2])
        #expect(OpsTables.strings(j, "lv") == ["b", "c", "c", "e"])
        #expect(OpsTables.doubles(j, "rv") == [20, 30, 31, 20])
    }

    @Test func leftJoinKeepsUnmatchedRows() throws {
        let (l, r) = try Self.tables()
        let j = try l.joined(with: r, on: ["id"], kind: .left)
        #expect(OpsTables.ints(j, "id") == [1, 2, 3, 3, nil, 2])
        #expect(OpsTables.strings(j, "lv") == ["a", "b", "c", "c", "d", "e"])
        #expect(OpsTables.doubles(j, "rv") == [nil, 20, 30, 31, nil, 20])
    }

    @Test func manyToManyGivesEveryPair() throws {
        let l = try DataFrame(columns: [DataColumn(name: "k", strings: ["x", "x"]), DataColumn(name: "a", integers: [1, 2])])
        let r = try DataFrame(columns: [DataColumn(name: "k", strings: ["x", "x", "x"]), DataColumn(name: "b", integers: [10, 20, 30])])
        let j = try l.joined(with: r, on: ["k"])
        #expect(OpsTables.ints(j, "a") == [1, 1, 1, 2, 2, 2])
        #expect(OpsTables.ints(j, "b") == [10, 20, 30, 10, 20, 30])
    }

    @Test func multipleKeysDifferentNamesAndSuffixes() throws {
        let l = try DataFrame(columns: [
            DataColumn(name: "la", strings: ["p", "p", "q", "q"]),
            DataColumn(name: "lb", integers: [1, 2, 1, nil]),
            DataColumn(name: "v", doubles: [1, 2, 3, 4]),
        ])
        let r = try DataFrame(columns: [
            DataColumn(name: "ra", strings: ["q", "p", "p", "q"]),
            DataColumn(name: "rb", integers: [1, 2, 3, nil]),
            DataColumn(name: "v", doubles: [10, 20, 30, 40]),
        ])
        let j = try l.joined(with: r, on: [(left: "la", right: "ra"), (left: "lb", right: "rb")], kind: .left)
        // (p,1): no match; (p,2): 20; (q,1): 10; (q,NA): missing key never matches, even the right (q,NA).
        #expect(j.columnNames == ["la", "lb", "v.x", "v.y"])
        #expect(OpsTables.doubles(j, "v.x") == [1, 2, 3, 4])
        #expect(OpsTables.doubles(j, "v.y") == [nil, 20, 10, nil])
    }

    @Test func categoricalKeysMatchByLabel() throws {
        let l = try DataFrame(columns: [DataColumn(name: "r", categories: ["North", "East", nil], levels: ["North", "East"])])
        let r = try DataFrame(columns: [DataColumn(name: "r", categories: ["East", "South", "North"], levels: ["South", "East", "North"]),
                                        DataColumn(name: "pop", integers: [5, 6, 7])])
        let j = try l.joined(with: r, on: ["r"], kind: .left)
        #expect(OpsTables.strings(j, "r") == ["North", "East", nil])
        #expect(OpsTables.ints(j, "pop") == [7, 5, nil])
    }

    @Test func keyKindsMustMatch() throws {
        let l = try DataFrame(columns: [DataColumn(name: "id", integers: [1])])
        let r = try DataFrame(columns: [DataColumn(name: "id", doubles: [1])])
        #expect(throws: TabularError.keyTypeMismatch(left: "id", leftKind: .integer, right: "id", rightKind: .double)) {
            try l.joined(with: r, on: ["id"])
        }
        #expect(throws: TabularError.unknownColumn("idd", suggestion: "id")) { try l.joined(with: r, on: ["idd"]) }
        #expect(throws: TabularError.invalidArgument("a join needs at least one key column")) { try l.joined(with: r, on: [String]()) }
    }

    @Test func doubleKeysNaNNeverMatchesAndSignedZeroDoes() throws {
        let l = try DataFrame(columns: [DataColumn(name: "x", doubles: [0, .nan, 1.5])])
        let r = try DataFrame(columns: [DataColumn(name: "x", doubles: [-0.0, .nan, 1.5]), DataColumn(name: "y", integers: [1, 2, 3])])
        let j = try l.joined(with: r, on: ["x"], kind: .left)
        #expect(OpsTables.ints(j, "y") == [1, nil, 3])
    }
}
