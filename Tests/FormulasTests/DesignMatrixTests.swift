import Testing
import Foundation
import Tabular
import Formulas

/// The design matrices of 22 formulas against R's model.matrix (Fixtures/make-fixtures.R, R 4.2.2 + splines).
struct DesignMatrixTests {
    struct Case: CustomStringConvertible {
        let id: String, formula: String, columns: [String]?, dropped: Int, assign: [Int]
        var description: String { "\(id): \(formula)" }
    }

    static func cases() throws -> [Case] {
        try FixtureData.lines("formulas.tsv").dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(id: f[0], formula: f[1], columns: f[2] == "*" ? nil : f[2].split(separator: " ").map(String.init),
                        dropped: Int(f[3])!, assign: f[4].split(separator: " ").map { Int($0)! })
        }
    }

    /// Tolerance: |ours − R| ≤ 1e-12 · max(|R|, 1e-3 · largest |entry| of that R column). The floor only matters
    /// for poly()/ns() entries that are near zero by cancellation (their absolute error is what rounding allows);
    /// 0/1 indicator and intercept columns compare exactly under it.
    @Test(arguments: try cases())
    func matchesR(_ c: Case) throws {
        let data = try FixtureData.dataFrame(columns: c.columns)
        let formula = try Formula(parsing: c.formula)
        let frame = try ModelFrame(formula: formula, data: data)
        let design = frame.designMatrix()

        let rNames = try FixtureData.lines("design-\(c.id)-names.txt")
        #expect(design.columnNames == rNames.map(FixtureData.careStatName(fromR:)))
        #expect(design.assign == c.assign)
        #expect(frame.missing.droppedRows == c.dropped)

        let rRows = try FixtureData.lines("design-\(c.id).csv").map { $0.split(separator: ",").map { Double($0)! } }
        #expect(frame.rows.map { $0 + 1 } == rRows.map { Int($0[0]) })
        #expect(design.matrix.rows == rRows.count)
        #expect(design.matrix.columns == rNames.count)
        guard design.matrix.rows == rRows.count, design.matrix.columns == rNames.count else { return }
        var worst = 0.0, worstColumn = ""
        for j in 0..<rNames.count {
            let colMax = rRows.map { abs($0[j + 1]) }.max() ?? 0
            for i in 0..<rRows.count {
                let r = rRows[i][j + 1], ours = design.matrix[i, j]
                let scale = max(abs(r), 1e-3 * colMax)
                let err = scale == 0 ? abs(ours) : abs(ours - r) / scale
                if err > worst { worst = err; worstColumn = rNames[j] }
                #expect(err <= 1e-12, "row \(i) column \(rNames[j]): \(ours) vs R \(r)")
            }
        }
        if ProcessInfo.processInfo.environment["CARESTAT_TEST_REPORT"] == "1" { print("design \(c.id) max scaled error \(worst) in \(worstColumn)") }
        if FixtureData.exists("offset-\(c.id).csv") {
            let rOffset = try FixtureData.lines("offset-\(c.id).csv").map { Double($0)! }
            let ours = try #require(frame.offset)
            #expect(ours.count == rOffset.count)
            for (a, b) in zip(ours, rOffset) { #expect(abs(a - b) <= 1e-15 * abs(b) + 1e-300, "offset \(a) vs R \(b)") }
        } else {
            #expect(frame.offset == nil)
        }
    }
}
