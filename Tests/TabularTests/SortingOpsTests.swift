import Testing
@testable import Tabular

struct SortingOpsTests {
    @Test func ascendingIsStableWithMissingLast() throws {
        // ages 4, NA, 2, 4, 7.5, 2 (ids 1..6): 2 (ids 3, 6), 4 (ids 1, 4), 7.5 (id 5), NA (id 2).
        let s = try OpsTables.children().sorted(by: "age")
        #expect(OpsTables.ints(s, "id") == [3, 6, 1, 4, 5, 2])
    }

    @Test func descendingKeepsMissingLastAndTiesInInputOrder() throws {
        // R: order(age, decreasing = TRUE, na.last = TRUE) -> 7.5, 4, 4, 2, 2, NA; ties keep input order.
        let s = try OpsTables.children().sorted(by: [.descending("age")])
        #expect(OpsTables.ints(s, "id") == [5, 1, 4, 3, 6, 2])
    }

    @Test func multiKeyUsesLevelOrderForCategoricals() throws {
        // region by level order North < South < East, missing last; then age descending (missing last):
        // North: Dan 4, Bob NA; South: Ann 4, Eve 2; East: id 5; NA: Cat.
        let s = try OpsTables.children().sorted(by: [.ascending("region"), .descending("age")])
        #expect(OpsTables.ints(s, "id") == [4, 2, 1, 6, 5, 3])
    }

    @Test func datesAndStrings() throws {
        // start: 2020-01-05 (1), 2019-12-31 (2), NA (3), 2021-03-01 (4), 2020-01-05 (5), 2018-07-15 (6).
        let d = try OpsTables.children().sorted(by: "start")
        #expect(OpsTables.ints(d, "id") == [6, 2, 1, 5, 4, 3])
        // Byte-wise: "B" (0x42) < "Z" (0x5A) < "a" (0x61) < "b" (0x62) < "é" (0xC3 0xA9); missing last.
        let t = try DataFrame(columns: [DataColumn(name: "s", strings: ["b", "B", nil, "a", "Z", "é"])])
        #expect(try t.sortPermutation(by: [SortKey("s")]) == [1, 4, 3, 0, 5, 2])
        #expect(try t.sortPermutation(by: [.descending("s")]) == [5, 0, 3, 4, 1, 2])
    }

    @Test func nanSortsAfterNumbersBeforeMissing() throws {
        let t = try DataFrame(columns: [DataColumn(name: "x", doubles: [1, .nan, nil, 0, -.infinity])])
        #expect(try t.sortPermutation(by: [SortKey("x")]) == [4, 3, 0, 1, 2])
        #expect(try t.sortPermutation(by: [.descending("x")]) == [0, 3, 4, 1, 2])
    }

    @Test func signedNumbersAndSignedZero() throws {
        // -3 < -1.5 < 0 = -0.0 (tie: input order) < 2; descending reverses values, ties keep input order.
        let t = try DataFrame(columns: [DataColumn(name: "x", doubles: [-1.5, 0, -0.0, 2, -3]),
                                        DataColumn(name: "k", integers: [-5, 3, -1, 0, Int.min])])
        #expect(try t.sortPermutation(by: [SortKey("x")]) == [4, 0, 1, 2, 3])
        #expect(try t.sortPermutation(by: [.descending("x")]) == [3, 1, 2, 0, 4])
        #expect(try t.sortPermutation(by: [SortKey("k")]) == [4, 0, 2, 3, 1])
        #expect(try t.sortPermutation(by: [.descending("k")]) == [1, 3, 2, 0, 4])
    }

    @Test func stabilityOnManyTies() throws {
        // 1000 rows with key i mod 7: within each key the row indices must stay increasing, keys ascending.
        let n = 1000
        let t = try DataFrame(columns: [DataColumn(name: "k", integers: (0..<n).map { $0 % 7 }),
                                        DataColumn(name: "b", values: .boolean((0..<n).map { $0 % 2 == 0 }))])
        let p = try t.sortPermutation(by: [SortKey("k")])
        #expect(p.count == n)
        for j in 1..<n {
            let a = p[j - 1] % 7, b = p[j] % 7
            #expect(a < b || (a == b && p[j - 1] < p[j]))
        }
        // Booleans: false < true; stable: odd indices (false) in order, then even ones.
        let q = try t.sortPermutation(by: [SortKey("b")])
        #expect(q == Array(stride(from: 1, to: n, by: 2)) + Array(stride(from: 0, to: n, by: 2)))
    }

    @Test func unknownKeyThrows() throws {
        #expect(throws: TabularError.unknownColumn("regoin", suggestion: "region")) {
            try OpsTables.children().sorted(by: "regoin")
        }
    }
}
