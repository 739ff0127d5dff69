import Foundation
import Testing
@testable import Tabular

/// One malformed file per error kind (Fixtures/csv, made by make-corpus.py). Each expected message is written
/// out in full; its line number is counted by hand from the bytes in make-corpus.py (1 + LFs before the
/// offending byte), and the column is the 1-based position in the header.
@Suite struct CSVErrorTests {
    func message(_ name: String, _ options: CSVReadOptions = CSVReadOptions()) -> String? {
        csvError { () throws(CSVError) in try CSVReader.read(path: CSVFixtures.path(name), options: options) }?.description
    }

    @Test func fileNotFound() {
        let p = CSVFixtures.path("no-such-file.csv")
        #expect(message("no-such-file.csv") == "\(p): no such file")
    }

    @Test func directoryIsNotReadable() {
        let p = CSVFixtures.directory.path
        let e = csvError { () throws(CSVError) in try CSVReader.read(path: p) }
        #expect(e?.description == "\(p): cannot read the file: it is a directory")
    }

    @Test func emptyFile() {
        #expect(message("empty.csv") == "\(CSVFixtures.path("empty.csv")): the file is empty (no header line)")
        // A byte order mark and blank CRLF lines are no header either.
        #expect(message("bom_only.csv") == "\(CSVFixtures.path("bom_only.csv")): the file is empty (no header line)")
    }

    @Test func unterminatedQuote() {
        #expect(message("unterminated_quote.csv")
            == "\(CSVFixtures.path("unterminated_quote.csv")):3: a quoted field opened on this line is never closed")
    }

    @Test func wrongFieldCount() {
        #expect(message("wrong_field_count.csv") == "\(CSVFixtures.path("wrong_field_count.csv")):4: expected 3 fields, found 2")
    }

    @Test func impossibleDateInInferredDateColumn() {
        // Every DECOM value has the dd/mm/yyyy shape, so the column is a date column and 31/02/2020 is an error
        // (29/02/2020 on line 3 is a real leap day and is fine).
        #expect(message("invalid_date.csv")
            == "\(CSVFixtures.path("invalid_date.csv")):4: column DECOM (3): \"31/02/2020\" is not a valid dd/mm/yyyy date")
    }

    @Test func valueNotOfOverriddenType() {
        #expect(message("type_mismatch.csv", CSVReadOptions(columnTypes: ["SEX": .integer]))
            == "\(CSVFixtures.path("type_mismatch.csv")):3: column SEX (2): \"M\" is not an integer")
        // Without the override the column is simply text: inference saw every value.
        let r = try? CSVReader.read(path: CSVFixtures.path("type_mismatch.csv"))
        #expect(r?.frame.column(named: "SEX")?.kind == .string)
    }

    @Test func invalidUTF8() {
        #expect(message("invalid_utf8.csv")
            == "\(CSVFixtures.path("invalid_utf8.csv")):3: column NAME (2): invalid UTF-8 in \"B\u{FFFD}b\"")
    }

    @Test func duplicateHeader() {
        #expect(message("duplicate_header.csv")
            == "\(CSVFixtures.path("duplicate_header.csv")):1: column NAME (3): column name \"NAME\" appears more than once (first in column 2)")
    }

    @Test func textAfterClosingQuote() {
        #expect(message("text_after_quote.csv")
            == "\(CSVFixtures.path("text_after_quote.csv")):2: column NAME (2): text after a closing quote (\"x\"); a quote inside a quoted field must be doubled")
    }

    @Test func valueOutsideDeclaredLevels() {
        let o = CSVReadOptions(columnTypes: ["LEGAL_STATUS": .categorical(levels: ["C2", "V2", "J1"])])
        #expect(message("not_a_level.csv", o)
            == "\(CSVFixtures.path("not_a_level.csv")):3: column LEGAL_STATUS (2): \"E1\" is not one of the declared levels (\"C2\", \"V2\", \"J1\")")
    }

    @Test func unknownOverrideColumnSuggestsNearestName() {
        let e = csvError { () throws(CSVError) in
            try CSVReader.read(text: "CHILD,DECOM\n1,01/04/2020\n", options: CSVReadOptions(columnTypes: ["DECON": .string]))
        }
        #expect(e?.description == "<memory>: a column type is given for \"DECON\", which is not in the header; did you mean DECOM?")
    }

    @Test func firstBadRowIsThrownInFileOrder() {
        // mixed_bad.csv has bad rows on lines 3 (field count), 5 (date) and 7 (quote); without a quarantine the
        // first, line 3, is thrown.
        let e = csvError { () throws(CSVError) in try CSVReader.read(path: CSVFixtures.path("mixed_bad.csv")) }
        #expect(e?.kind == .wrongFieldCount(expected: 3, found: 2))
        #expect(e?.line == 3)
    }

    @Test func lineNumbersCountQuotedNewlinesAndBlankLines() {
        // Line 1 header, lines 2-3 one record with a quoted newline, line 4 blank, line 5 bad.
        let text = "A,B\n1,\"x\ny\"\n\n2,3,4\n"
        let e = csvError { () throws(CSVError) in try CSVReader.read(text: text) }
        #expect(e?.line == 5)
        #expect(e?.kind == .wrongFieldCount(expected: 2, found: 3))
    }

    @Test func quarantineCannotBeTheInputFile() {
        let p = CSVFixtures.path("quoted.csv")
        let e = csvError { () throws(CSVError) in try CSVReader.read(path: p, options: CSVReadOptions(quarantinePath: p)) }
        #expect(e?.description == "\(p): the quarantine file \(p) is the input file")
    }

    @Test func unwritableQuarantineFile() {
        let q = "/nonexistent-directory-for-carestat-tests/q.csv"
        let e = csvError { () throws(CSVError) in
            try CSVReader.read(path: CSVFixtures.path("mixed_bad.csv"), options: CSVReadOptions(quarantinePath: q))
        }
        #expect(e?.description == "\(CSVFixtures.path("mixed_bad.csv")): cannot write the quarantine file: No such file or directory")
    }

    @Test func missingTokenContainingDelimiterIsRejected() {
        let e = csvError { () throws(CSVError) in try CSVReader.read(text: "A\n1\n", options: CSVReadOptions(missingTokens: ["a,b"])) }
        #expect(e?.kind == .invalidOptions("missing token \"a,b\" contains a delimiter, quote or line ending"))
    }
}
