import Testing
@testable import Tabular

struct GroupingOpsTests {
    /// g   | x   | k
    /// a   | 1   | 1
    /// b   | 2   | 2
    /// a   | NA  | 3
    /// NA  | 4   | 4
    /// b   | 6   | 5
    /// a   | 3   | 6
    /// NA  | NA  | 7
    /// c   | NA  | 8
    static func table() throws -> DataFrame {
        try DataFrame(columns: [
            DataColumn(name: "g", strings: ["a", "b", "a", nil, "b", "a", nil, "c"]),
            DataColumn(name: "x", doubles: [1, 2, nil, 4, 6, 3, nil, nil]),
            DataColumn(name: "k", integers: [1, 2, 3, 4, 5, 6, 7, 8]),
        ])
    }

    @Test func aggregatesSkipMissingAndReportThem() throws {
        let r = try Self.table().aggregated(by: ["g"], [
            .count(), .countNonMissing("x"), .countMissing("x"), .sum("x"), .mean("x"), .min("x"), .max("x"),
            .sd("x"), .first("x"), .last("x"), .sum("k"),
        ])
        // Groups ordered by key with the missing key last (dplyr): a, b, c, NA.
        #expect(OpsTables.strings(r, "g") == ["a", "b", "c", nil])
        #expect(OpsTables.ints(r, "n") == [3, 2, 1, 2])
        #expect(OpsTables.ints(r, "countNonMissing_x") == [2, 2, 0, 1])
        #expect(OpsTables.ints(r, "countMissing_x") == [1, 0, 1, 1])
        // a: 1 + 3; b: 2 + 6; c: no values, 0 as R's sum(numeric(0)); NA group: 4.
        #expect(OpsTables.doubles(r, "sum_x") == [4, 8, 0, 4])
        #expect(OpsTables.doubles(r, "mean_x") == [2, 4, nil, 4])
        #expect(OpsTables.doubles(r, "min_x") == [1, 2, nil, 4])
        #expect(OpsTables.doubles(r, "max_x") == [3, 6, nil, 4])
        // sd: a = sd(1, 3) = sqrt(((1-2)^2 + (3-2)^2) / 1) = sqrt(2); b = sd(2, 6) = sqrt(8); fewer than 2 -> NA.
        let sd = OpsTables.doubles(r, "sd_x")
        #expect(abs((sd[0] ?? 0) - 2.0.squareRoot()) <= 1e-15 * 2.0.squareRoot())
        #expect(abs((sd[1] ?? 0) - 8.0.squareRoot()) <= 1e-15 * 8.0.squareRoot())
        #expect(sd[2] == nil && sd[3] == nil)
        #expect(OpsTables.doubles(r, "first_x") == [1, 2, nil, 4])
        #expect(OpsTables.doubles(r, "last_x") == [3, 6, nil, 4])
        // Integer sums stay integer: a 1+3+6, b 2+5, c 8, NA 4+7.
        #expect(r.column(named: "sum_k")?.kind == .integer)
        #expect(OpsTables.ints(r, "sum_k") == [10, 7, 8, 11])
    }

    @Test func categoricalKeysFollowLevelOrder() throws {
        // region levels North < South < East; NA last. North: ages NA, 4; South: 4, 2; East: 7.5; NA: 2.
        let r = try OpsTables.children().aggregated(by: ["region"], [.count(), .mean("age", as: "mean_age"), .min("name")])
        #expect(OpsTables.strings(r, "region") == ["North", "South", "East", nil])
        #expect(OpsTables.ints(r, "n") == [2, 2, 1, 1])
        #expect(OpsTables.doubles(r, "mean_age") == [4, 3, 7.5, 2])
        // min of strings byte-wise: North {Bob, Dan} -> Bob; South {Ann, Eve} -> Ann; East {NA} -> NA; NA {Cat}.
        #expect(OpsTables.strings(r, "min_name") == ["Bob", "Ann", nil, "Cat"])
        #expect(r.column(named: "region")?.kind == .categorical)
    }

    @Test func multipleKeysAndDates() throws {
        // (start, region): 2018-07-15/South, 2019-12-31/North, 2020-01-05/South, 2020-01-05/East, 2021-03-01/North,
        // NA/NA; dates ascending first, then region by level order (South < East).
        let r = try OpsTables.children().aggregated(by: ["start", "region"], [.count()])
        #expect(OpsTables.strings(r, "start") == ["2018-07-15", "2019-12-31", "2020-01-05", "2020-01-05", "2021-03-01", nil])
        #expect(OpsTables.strings(r, "region") == ["South", "North", "South", "East", "North", nil])
        #expect(OpsTables.ints(r, "n") == [1, 1, 1, 1, 1, 1])
        let s = try OpsTables.children().aggregated(by: ["start"], [.count(), .max("id")])
        #expect(OpsTables.ints(s, "n") == [1, 1, 2, 1, 1])
        #expect(OpsTables.ints(s, "max_id") == [6, 2, 5, 4, 3])
    }

    @Test func noKeysIsOneGroup() throws {
        let r = try Self.table().aggregated(by: [], [.count(), .mean("x")])
        // x present: 1, 2, 4, 6, 3 -> mean 16 / 5.
        #expect(r.rowCount == 1)
        #expect(OpsTables.ints(r, "n") == [8])
        #expect(OpsTables.doubles(r, "mean_x") == [16.0 / 5])
        let empty = try DataFrame(columns: [DataColumn(name: "x", doubles: [])])
        let e = try empty.aggregated(by: [], [.count(), .mean("x")])
        #expect(OpsTables.ints(e, "n") == [0])
        #expect(OpsTables.doubles(e, "mean_x") == [nil])
    }

    @Test func nanIsSkippedLikeRsNaRm() throws {
        // R: sum(c(1, NaN, 2), na.rm = TRUE) = 3; mean = 1.5.
        let t = try DataFrame(columns: [DataColumn(name: "x", doubles: [1, .nan, 2])])
        let r = try t.aggregated(by: [], [.sum("x"), .mean("x"), .max("x"), .countNonMissing("x")])
        #expect(OpsTables.doubles(r, "sum_x") == [3])
        #expect(OpsTables.doubles(r, "mean_x") == [1.5])
        #expect(OpsTables.doubles(r, "max_x") == [2])
        #expect(OpsTables.ints(r, "countNonMissing_x") == [3])
    }

    @Test func integerOverflowIsMissing() throws {
        let t = try DataFrame(columns: [DataColumn(name: "k", integers: [Int.max, 1, 5])])
        let r = try t.aggregated(by: [], [.sum("k")])
        #expect(OpsTables.ints(r, "sum_k") == [nil])
    }

    @Test func typeErrors() throws {
        let df = try OpsTables.children()
        #expect(throws: TabularError.typeMismatch(column: "name", expected: "a double, integer or boolean column", actual: .string)) {
            try df.aggregated(by: ["region"], [.sum("name")])
        }
        #expect(throws: TabularError.typeMismatch(column: "start", expected: "a double, integer or boolean column", actual: .date)) {
            try df.aggregated(by: ["region"], [.mean("start")])
        }
        #expect(throws: TabularError.unknownColumn("regio", suggestion: "region")) { try df.aggregated(by: ["regio"], [.count()]) }
        #expect(throws: TabularError.invalidArgument("aggregate sum needs a column")) {
            try df.aggregated(by: ["region"], [Aggregate(.sum, nil, as: "s")])
        }
    }
}
