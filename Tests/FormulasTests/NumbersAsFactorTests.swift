import Testing
import Tabular
import Formulas

/// A text column of numbers is not made a factor of hundreds of levels unasked (issue 11, point 2): the attack is
/// a numeric column that reached the model as text because of one bad cell (a ReadStat string variable, or
/// a CSV column the reader kept as text), which `y ~ x` fitted as a 30-level factor without a word.
struct NumbersAsFactorTests {
    let y = DataColumn(name: "y", doubles: (0..<30).map { Double($0 % 7) })
    /// 29 numbers and one "n/a" (row 9), as text: 30 distinct values.
    let x = DataColumn(name: "x", strings: (0..<30).map { $0 == 8 ? "n/a" : "\($0 * 3)" })

    @Test func textColumnOfNumbersIsRefusedAsAnImplicitFactor() {
        #expect(throws: FormulaError.invalidArgument(
            "column x is text, but 29 of its 30 values in the rows used are numbers (\"n/a\" is not); as a factor it "
            + "would have 30 levels. If it is numeric, correct the values that are not numbers; to use it as a factor, "
            + "write factor(x)")) {
            try ModelFrame(formula: Formula(parsing: "y ~ x"), data: DataFrame(columns: [y, x]))
        }
    }

    @Test func factorCallAsksForTheFactorExplicitly() throws {
        let m = try ModelFrame(formula: Formula(parsing: "y ~ factor(x)"), data: DataFrame(columns: [y, x]))
        #expect(m.designMatrix().columnNames.count == 30)
    }

    @Test func fewNumericCodesAndRealTextAreStillFactors() throws {
        // Numeric codes with at most 20 levels (here 3), and text that is not numbers, are factors as before.
        let codes = DataColumn(name: "band", strings: (0..<30).map { "\($0 % 3 + 1)" })
        #expect(try ModelFrame(formula: Formula(parsing: "y ~ band"), data: DataFrame(columns: [y, codes]))
            .designMatrix().columnNames == ["(Intercept)", "band=2", "band=3"])
        let ids = DataColumn(name: "la", strings: (0..<30).map { "E0900000\($0 % 25)" })
        #expect(try ModelFrame(formula: Formula(parsing: "y ~ la"), data: DataFrame(columns: [y, ids]))
            .designMatrix().columnNames.count == 25)
    }

    @Test func nonFiniteNumbersNeverReachAFit() {
        // Data from a source other than the CSV reader (which refuses them by default): named by column and row.
        let z = DataColumn(name: "z", doubles: (0..<30).map { $0 == 4 ? .infinity : Double($0) })
        #expect(throws: FormulaError.invalidArgument("column z has the non-finite value inf at row 5; models need finite values")) {
            try ModelFrame(formula: Formula(parsing: "y ~ z"), data: DataFrame(columns: [y, z]))
        }
    }
}
