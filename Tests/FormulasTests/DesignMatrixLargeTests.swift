import Testing
import Tabular
import Formulas

/// The design matrix of a frame large enough (n × p ≥ 2²⁰ entries) to be written by two threads, checked entry by
/// entry against the values written out by hand: intercept 1, x as read, treatment indicators of g (reference
/// "a"), the x:g products (x or 0), and x:z products. Every entry is one exact product, so the comparison is exact
/// (|ours − expected| = 0 as a tolerance: no rounding can occur in x·1, x·0 or one multiplication x·z).
struct DesignMatrixLargeTests {
    @Test func twoThreadWriteMatchesHandValues() throws {
        let n = 150_000
        let levels = ["a", "b", "c", "d"]
        let x = (0..<n).map { i in Double((i * 7919) % 1000) / 37 - 13 }
        let z = (0..<n).map { i in Double((i * 104_729) % 997) / 101 }
        let g = (0..<n).map { i in levels[(i * 31) % 4] }
        let y = (0..<n).map { i in Double(i % 2) }
        let data = try DataFrame(columns: [DataColumn(name: "y", doubles: y), DataColumn(name: "x", doubles: x),
                                           DataColumn(name: "z", doubles: z), DataColumn(name: "g", strings: g)])
        let frame = try ModelFrame(formula: Formula(parsing: "y ~ x + g + x:g + x:z"), data: data)
        let d = frame.designMatrix()
        #expect(d.columnNames == ["(Intercept)", "x", "g=b", "g=c", "g=d", "x:g=b", "x:g=c", "x:g=d", "x:z"])
        #expect(d.matrix.rows * d.matrix.columns >= 1 << 20)
        var worst = 0.0
        for i in 0..<n {
            let ind = levels.dropFirst().map { g[i] == $0 ? 1.0 : 0.0 }
            let expected = [1, x[i]] + ind + ind.map { x[i] * $0 } + [x[i] * z[i]]
            for (j, e) in expected.enumerated() { worst = max(worst, abs(d.matrix[i, j] - e)) }
        }
        #expect(worst <= 0, "largest |ours - hand| \(worst)")
    }
}
