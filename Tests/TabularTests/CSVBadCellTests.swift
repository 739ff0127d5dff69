import Foundation
import Testing
@testable import Tabular

/// Bad cells are errors, not a new type (issue 11, point 2). Each test is the attack: a file a user might have
/// (Fixtures/csv, made by make-corpus.py, lines counted there) that was read without a word before — a numeric
/// column turned into text by one `n/a`, a NUL, a non-finite number, a header with no rows, CR line endings —
/// and each asserts the whole message: file, line, column and value.
@Suite struct CSVBadCellTests {
    func read(_ name: String, _ options: CSVReadOptions = CSVReadOptions()) throws(CSVError) -> CSVReadResult {
        try CSVReader.read(path: CSVFixtures.path(name), options: options)
    }

    func message(_ name: String, _ options: CSVReadOptions = CSVReadOptions()) -> String? {
        csvError { () throws(CSVError) in try read(name, options) }?.description
    }

    func quarantine(_ name: String) throws -> (CSVReadResult, [[String]]) {
        let q = CSVFixtures.temporaryDirectory().appendingPathComponent("q.csv").path
        let result = try read(name, CSVReadOptions(quarantinePath: q))
        let written = try CSVReader.read(path: q, options: CSVReadOptions(columnTypes: ["line": .integer, "reason": .string, "raw": .string]))
        let rows = (0..<written.frame.rowCount).map { i in
            ["line", "reason", "raw"].map { written.frame.column(named: $0)?.stringValue(at: i) ?? "" }
        }
        return (result, rows)
    }

    // MARK: a numeric column with bad cells

    @Test func notANumberInNumericColumnIsAnErrorNamingTheFirstCellAndTheCount() {
        // Before: AGE became a 30-level text column. 28 of its 30 non-missing cells are numbers (93%).
        #expect(message("bad_cell_numeric.csv")
            == "\(CSVFixtures.path("bad_cell_numeric.csv")):9: column AGE (2): \"n/a\" is not a number, but 28 of the "
            + "column's 30 non-missing values are (2 cells are not; a missing value is written as blank, NA, . or NULL)")
    }

    @Test func badCellsAreQuarantinedAndTheColumnStaysNumeric() throws {
        let (result, rows) = try quarantine("bad_cell_numeric.csv")
        #expect(result.summary.rowsQuarantined == 2)
        #expect(result.frame.rowCount == 28)
        #expect(result.frame.column(named: "AGE")?.kind == .integer)
        #expect(result.summary.columns[1].type == .integer)
        #expect(result.frame.column(named: "AGE")?.missingCount == 0)
        let tail = " is not a number, but 28 of the column's 30 non-missing values are (2 cells are not; a missing value is written as blank, NA, . or NULL)"
        #expect(rows == [["9", "column AGE (2): \"n/a\"" + tail, "8,n/a"], ["21", "column AGE (2): \"-\"" + tail, "20,-"]])
    }

    @Test func badCellOnTheFirstDataRowIsFoundToo() throws {
        // No earlier number to guess the type from: the column starts as text, and is still judged on all its cells.
        #expect(message("bad_cell_first.csv")
            == "\(CSVFixtures.path("bad_cell_first.csv")):2: column SCORE (2): \"-\" is not a number, but 19 of the "
            + "column's 20 non-missing values are (1 cell is not; a missing value is written as blank, NA, . or NULL)")
        let (result, rows) = try quarantine("bad_cell_first.csv")
        #expect(result.frame.column(named: "SCORE")?.kind == .double)
        #expect(result.frame.rowCount == 19)
        #expect(rows.map { $0[0] } == ["2"])
    }

    @Test func badCellFirstInAColumnOfManyDistinctNumbers() {
        // A column that starts as text and switches to one String per value (many distinct values): the counts
        // of its interned part and of the rest add up.
        let text = "A\n-\n" + (1...9999).map { "\($0)" }.joined(separator: "\n") + "\n"
        let e = csvError { () throws(CSVError) in try CSVReader.read(text: text) }
        #expect(e?.description == "<memory>:2: column A (1): \"-\" is not a number, but 9999 of the column's 10000 "
            + "non-missing values are (1 cell is not; a missing value is written as blank, NA, . or NULL)")
    }

    @Test func textColumnsOfCodesAreNotMistakenForNumbers() throws {
        // An identifier numeric on 29 of 30 rows with one code (123456A), LA codes and ethnicity codes: all text,
        // no error (MostlyNumeric condition 2, and no number at all in LA and ETHNIC).
        let r = try read("codes_mostly_numeric.csv")
        #expect(r.frame.rowCount == 30)
        #expect(r.frame.column(named: "CHILD")?.kind == .string)
        #expect(r.frame.column(named: "LA")?.kind == .string)
        #expect(r.frame.column(named: "ETHNIC")?.kind == .string)
    }

    @Test func aColumnWithManyTextCellsIsText() throws {
        // 8 numbers and 2 words of 10: 80% < 90%, so the column is text, as before.
        let text = "A\n" + (1...8).map(String.init).joined(separator: "\n") + "\nlow\nhigh\n"
        let r = try CSVReader.read(text: text)
        #expect(r.frame.column(named: "A")?.kind == .string)
    }

    @Test func missingTokensAreNotBadCells() throws {
        let text = "A\n" + (1...20).map(String.init).joined(separator: "\n") + "\nNA\n.\n\nNULL\n"
        let r = try CSVReader.read(text: text)
        #expect(r.frame.column(named: "A")?.kind == .integer)
        #expect(r.frame.column(named: "A")?.missingCount == 3)   // the blank line is skipped, not a row
    }

    @Test func badCellsInTwoColumnsAreReportedInFileOrder() {
        // X's bad cell is on line 12, Y's on line 5: line 5 is thrown first.
        var text = "X,Y\n"
        for i in 1...20 { text += "\(i == 11 ? "?" : "\(i)"),\(i == 4 ? "n/a" : "\(i).5")\n" }
        let e = csvError { () throws(CSVError) in try CSVReader.read(text: text) }
        #expect(e?.description == "<memory>:5: column Y (2): \"n/a\" is not a number, but 19 of the column's 20 "
            + "non-missing values are (1 cell is not; a missing value is written as blank, NA, . or NULL)")
    }

    // MARK: NUL bytes and non-finite numbers

    @Test func nulByteIsAnError() {
        // Before: AMOUNT became text, with a NUL inside one value.
        #expect(message("nul_in_numeric.csv")
            == "\(CSVFixtures.path("nul_in_numeric.csv")):4: column AMOUNT (2): a NUL byte in \"3\\00\"; text has none (is the file binary, or UTF-16?)")
    }

    @Test func nulByteInATextColumnOrTheHeaderIsAnError() {
        let e = csvError { () throws(CSVError) in try CSVReader.read(bytes: Array("ID,NAME\n1,Ann\n2,B\u{0}b\n".utf8)) }
        #expect(e?.description == "<memory>:3: column NAME (2): a NUL byte in \"B\\0b\"; text has none (is the file binary, or UTF-16?)")
        let h = csvError { () throws(CSVError) in try CSVReader.read(bytes: Array("I\u{0}D,NAME\n1,Ann\n".utf8)) }
        #expect(h?.description == "<memory>:1: a NUL byte in \"I\\0D,NAME\"; text has none (is the file binary, or UTF-16?)")
    }

    @Test func nonFiniteNumbersAreErrors() throws {
        // Before: 1e400 became +Inf and NaN/Inf were read as numbers, all reaching a model.
        #expect(message("non_finite.csv")
            == "\(CSVFixtures.path("non_finite.csv")):3: column X (2): \"1e400\" is not a finite number (it is beyond the range of a double); models need finite values")
        let (result, rows) = try quarantine("non_finite.csv")
        #expect(result.frame.rowCount == 2)
        #expect(result.frame.column(named: "X")?.kind == .double)
        #expect(rows.map { $0[0] } == ["3", "5", "6"])
        #expect(rows[1][1] == "column X (2): \"NaN\" is not a finite number; models need finite values")
        #expect(rows[2][1] == "column X (2): \"Inf\" is not a finite number; models need finite values")
    }

    @Test func nonFiniteAfterIntegersAndInAGivenDoubleColumn() {
        // An integer column meeting 1e400 (converted to double, then refused), and a column given as double.
        let e = csvError { () throws(CSVError) in try CSVReader.read(text: "X\n1\n2\n-1e999\n") }
        #expect(e?.description == "<memory>:4: column X (1): \"-1e999\" is not a finite number (it is beyond the range of a double); models need finite values")
        let g = csvError { () throws(CSVError) in
            try CSVReader.read(text: "X\n1\n-Inf\n", options: CSVReadOptions(columnTypes: ["X": .double]))
        }
        #expect(g?.description == "<memory>:3: column X (1): \"-Inf\" is not a finite number; models need finite values")
    }

    @Test func nonFiniteInAColumnOfNumbersWithBadCells() {
        // A bad cell and a NaN in the same column: both are reported, the NaN on its own terms (line 3 first).
        var text = "X\n1\nNaN\n"
        for i in 3...20 { text += i == 10 ? "oops\n" : "\(i)\n" }
        let e = csvError { () throws(CSVError) in try CSVReader.read(text: text) }
        #expect(e?.description == "<memory>:3: column X (1): \"NaN\" is not a finite number; models need finite values")
    }

    // MARK: files that have no rows, or are not CSV as read

    @Test func headerOnlyFileHasColumnsAndNoRows() throws {
        // The reader returns the columns with 0 rows (a valid, empty table); commands that need data say
        // "no data rows" (CareStatCLITests).
        let r = try read("header_only.csv")
        #expect(r.frame.rowCount == 0)
        #expect(r.frame.columnNames == ["CHILD", "SEX", "DOB"])
        #expect(r.summary.rowsRead == 0)
    }

    @Test func crOnlyLineEndingsAreRefused() {
        // Before: read as one line, a header of 5 columns and no rows.
        #expect(message("cr_only.csv")
            == "\(CSVFixtures.path("cr_only.csv")): the lines end in CR alone (classic Mac OS line endings), so the file would read as one line; convert it to LF or CRLF line endings")
        // A CR inside a quoted header field, or CRLF, is not that.
        #expect((try? CSVReader.read(text: "\"A\rB\",C\r\n1,2\r\n"))?.frame.rowCount == 1)
    }
}
