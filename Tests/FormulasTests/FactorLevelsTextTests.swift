import Testing
import Tabular
@testable import Formulas

/// Factor levels of text columns are found by their bytes (Tabular's `textCodes`) instead of hashing every
/// row's String; the result must be the old path's, kept here as the reference: `Set<String>` of the rows'
/// values sorted byte-wise, each row's level by `Dictionary<String, Int>` lookup. Checked on values that only
/// String equality merges (é precomposed and decomposed: one level, named by the first spelling seen), the
/// empty string, long values, a subset of rows in another order, and many levels. Codes are integers,
/// compared exactly.
struct FactorLevelsTextTests {
    static func reference(_ v: [String], rows: [Int]) -> (levels: [String], codes: [Int]) {
        let levels = Array(Set(rows.map { v[$0] })).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
        return (levels, rows.map { index[v[$0]] ?? 0 })
    }

    @Test func levelsAndCodesEqualTheStringHashingPath() {
        var v = ["cpp", "caf\u{E9}", "none", "", "cafe\u{301}", "a value longer than eight bytes", "cla", "none",
                 "Ωμέγα", "cpp", "caf\u{E9}"]
        for k in 0..<3000 { v.append("LA\(k * 7919 % 400)") }
        let column = DataColumn(name: "g", strings: v)
        for rows in [Array(v.indices), Array(v.indices.reversed()), v.indices.filter { $0 % 3 != 1 }] {
            let fast = FactorLevels.of(column, rows: rows)
            let ref = Self.reference(v, rows: rows)
            #expect(fast.levels.count == ref.levels.count)
            // The same levels (String equality) in the same order, and the same code for every row.
            #expect(fast.levels == ref.levels)
            #expect(fast.codes.map(Int.init) == ref.codes)
        }
        // The first spelling seen names the merged level (4 scalars: precomposed é).
        let levels = FactorLevels.of(column, rows: Array(v.indices)).levels
        #expect(levels.first { $0 == "caf\u{E9}" }.map { $0.unicodeScalars.count } == 4)
    }
}
