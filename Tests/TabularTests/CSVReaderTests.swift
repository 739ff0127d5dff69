import Foundation
import Testing
@testable import Tabular

/// Paths of the CSV corpus (Fixtures/csv, written by Fixtures/csv/make-corpus.py).
enum CSVFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("csv")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A fresh temporary directory for files a test writes.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-csv-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The thrown CSVError of `body`, or nil if it did not throw.
func csvError(_ body: () throws(CSVError) -> CSVReadResult) -> CSVError? {
    do { _ = try body(); return nil } catch { return error }
}

/// Well-formed input, type inference, overrides and missing values. Expected values are read off the input
/// text by hand; days since 1970-01-01 are R's `as.numeric(as.Date(...))` (quoted beside each).
@Suite struct CSVReaderTests {
    func read(_ text: String, _ options: CSVReadOptions = CSVReadOptions()) throws -> CSVReadResult {
        try CSVReader.read(text: text, options: options)
    }

    @Test func bomCRLFBlankLineAndNoFinalNewline() throws {
        let r = try CSVReader.read(path: CSVFixtures.path("bom_crlf.csv"))
        #expect(r.summary.hadByteOrderMark)
        #expect(r.frame.columnNames == ["CHILD", "DOB", "NAME"])   // no BOM bytes in the first name
        #expect(r.frame.rowCount == 3)
        #expect(r.frame.column(named: "CHILD")?.values == .integer([1, 2, 3]))
        // 2015-01-28 = 16463, 2016-02-29 = 16860 (R); row 3 is NA.
        let dob = try #require(r.frame.column(named: "DOB"))
        #expect(dob.kind == .date)
        #expect(dob.numericValue(at: 0) == 16463)
        #expect(dob.numericValue(at: 1) == 16860)
        #expect(dob.isMissing(2))
        #expect(r.frame.column(named: "NAME")?.values == .string(["Ann", "Bob", "C, D"]))   // no trailing CR
    }

    @Test func quotedFieldsWithDelimitersQuotesAndNewlines() throws {
        let r = try CSVReader.read(path: CSVFixtures.path("quoted.csv"))
        #expect(r.frame.column(named: "NOTE")?.values == .string(["said \"hi\", left", "two\nlines", "crlf\r\ninside", "plain"]))
        #expect(r.frame.column(named: "N")?.values == .integer([10, 20, 30, 40]))
    }

    @Test func tabDelimiterIsDetectedFromHeader() throws {
        let r = try CSVReader.read(path: CSVFixtures.path("episodes.tsv"))
        #expect(r.summary.delimiter == .tab)
        #expect(r.frame.column(named: "PLACE")?.values == .string(["U1, foster", "R2"]))
        // 01/04/2020 = 18353, 15/06/2021 = 18793 (R).
        #expect(r.frame.column(named: "DECOM")?.values == .date([18353, 18793]))
        // Chosen explicitly, comma makes the tab file one column per line... but "U1, foster" splits; the
        // header then has 1 field and row 2 has 2: an error, showing the choice is honoured.
        let e = csvError { () throws(CSVError) in
            try CSVReader.read(path: CSVFixtures.path("episodes.tsv"), options: CSVReadOptions(delimiter: .comma))
        }
        #expect(e?.kind == .wrongFieldCount(expected: 1, found: 2))
    }

    @Test func typeInferenceOverTheWholeFile() throws {
        let text = """
            b,i,d,dmy,ymd,s,allna,mixed,yy
            TRUE,1,1.5,01/04/2020,2020-04-01,x,NA,01/04/2020,01/04/20
            false,-2,3,29/02/2024,2024-02-29,y,,2020-04-02,02/04/20
            true,+3,.5,7/4/2020,2020-4-7,7,.,03/04/2020,03/04/20

            """
        let r = try read(text)
        let f = r.frame
        #expect(f.column(named: "b")?.values == .boolean([true, false, true]))
        #expect(f.column(named: "i")?.values == .integer([1, -2, 3]))
        #expect(f.column(named: "d")?.values == .double([1.5, 3, 0.5]))
        // 2020-04-01 = 18353, 2024-02-29 = 19782, 2020-04-07 = 18359 (R).
        #expect(f.column(named: "dmy")?.values == .date([18353, 19782, 18359]))
        #expect(f.column(named: "ymd")?.values == .date([18353, 19782, 18359]))
        #expect(f.column(named: "s")?.values == .string(["x", "y", "7"]))
        #expect(f.column(named: "allna")?.kind == .string)
        #expect(f.column(named: "allna")?.missingCount == 3)
        // Two layouts in one column, or two-digit years: text, never a guess.
        #expect(f.column(named: "mixed")?.kind == .string)
        #expect(f.column(named: "yy")?.kind == .string)
        let report = try #require(r.summary.columns.first { $0.name == "mixed" })
        #expect(report.reason == "\"2020-04-02\" on line 3 is not a boolean, number or date (or the column mixes them)")
        #expect(r.summary.columns.first { $0.name == "dmy" }?.type == .date(format: .dayMonthYear))
        #expect(r.summary.columns.first { $0.name == "ymd" }?.type == .date(format: .yearMonthDay))
    }

    @Test func aLateValueChangesTheTypeInsteadOfFailing() throws {
        // 5000 integers, then the code "x1" on line 5002: a first-N-rows sampler would have fixed integer and
        // failed. (A late "x" would be a bad cell in a column of numbers, an error: CSVBadCellTests.)
        var text = "n\n"
        for i in 0..<5000 { text += "\(i)\n" }
        text += "x1\n"
        let r = try read(text)
        #expect(r.frame.column(named: "n")?.kind == .string)
        #expect(r.summary.columns[0].reason == "\"x1\" on line 5002 is not a boolean, number or date (or the column mixes them)")
        // And a late 1.5 makes a double column.
        let r2 = try read("n\n1\n2\n1.5\n")
        #expect(r2.frame.column(named: "n")?.values == .double([1, 2, 1.5]))
    }

    @Test func typeBumpsDuringTheSinglePass() throws {
        // integer → double in place; the missing entry keeps its placeholder.
        let a = try read("a,b\n1,x\n,y\n2.5,z\n")
        #expect(a.frame.column(named: "a") == DataColumn(name: "a", doubles: [1, nil, 2.5]))
        // integer beyond 2^53, then a decimal: the column is converted again from the text, so the big value is
        // the double nearest to its decimal text (reference: strtod via Double(String)).
        let big = try read("a\n9007199254740993\n1.5\n")
        #expect(big.frame.column(named: "a")?.values == .double([try #require(Double("9007199254740993")), 1.5]))
        // date → text: the values are kept as written, including one that is not a real date.
        let d = try read("d,k\n01/04/2020,1\n31/02/2020,2\nunknown,3\n")
        #expect(d.frame.column(named: "d")?.values == .string(["01/04/2020", "31/02/2020", "unknown"]))
        // boolean → text.
        #expect(try read("b,k\nTRUE,1\nyes,2\n").frame.column(named: "b")?.values == .string(["TRUE", "yes"]))
        // Leading missing values, then integers.
        #expect(try read("a,x\n1,\n2,5\n3,7\n").frame.column(named: "x") == DataColumn(name: "x", integers: [nil, 5, 7]))
        // A quoted field with doubled quotes is text.
        #expect(try read("a,k\n\"1\"\"\",1\n").frame.column(named: "a")?.values == .string(["1\""]))
        // A quoted number is a number.
        #expect(try read("a,k\n\"12\",1\n").frame.column(named: "a")?.values == .integer([12]))
    }

    @Test func impossibleFirstDateIsAnError() {
        let e = csvError { () throws(CSVError) in try CSVReader.read(text: "d,k\n31/02/2020,1\n01/04/2020,2\n") }
        #expect(e?.description == "<memory>:2: column d (1): \"31/02/2020\" is not a valid dd/mm/yyyy date")
    }

    @Test func quarantinedDateRowsAreRemovedFromEveryColumn() throws {
        let dir = CSVFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "id,d,s\n1,01/04/2020,a\n2,31/02/2020,b\n3,02/04/2020,c\n4,2/4/2020,NA\n"
        let r = try read(text, CSVReadOptions(quarantinePath: dir.appendingPathComponent("q.csv").path))
        #expect(r.frame.column(named: "id")?.values == .integer([1, 3, 4]))
        #expect(r.frame.column(named: "s") == DataColumn(name: "s", strings: ["a", "c", nil]))
        // 2020-04-01 = 18353, 2020-04-02 = 18354 (R).
        #expect(r.frame.column(named: "d")?.values == .date([18353, 18354, 18354]))
        #expect(r.summary.quarantined.map(\.line) == [3])
        #expect(r.summary.missingCounts == ["id": 0, "d": 0, "s": 1])
        // A row with two impossible dates is quarantined once, for the first.
        let two = try read("a,b\n01/04/2020,01/04/2020\n30/02/2020,31/04/2020\n",
                           CSVReadOptions(quarantinePath: dir.appendingPathComponent("q2.csv").path))
        #expect(two.summary.rowsQuarantined == 1)
        #expect(two.summary.quarantined.first?.reason == "column a (1): \"30/02/2020\" is not a valid dd/mm/yyyy date")
        #expect(two.frame.rowCount == 1)
    }

    @Test func integerOverflowBecomesDouble() throws {
        // 2^63 = 9223372036854775808 does not fit in Int64.
        let r = try read("n\n9223372036854775807\n-9223372036854775808\n")
        #expect(r.frame.column(named: "n")?.values == .integer([Int.max, Int.min]))
        let r2 = try read("n\n9223372036854775808\n1\n")
        #expect(r2.frame.column(named: "n")?.values == .double([9_223_372_036_854_775_808.0, 1]))
    }

    @Test func numbersAreCorrectlyRounded() throws {
        // Reference: the C library's strtod through Swift's Double(String), correctly rounded (IEEE 754).
        let texts = ["0.1", "1e-300", "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308",
                     "123456789012345678901234567890", "0.30000000000000004", "-0", "5.", ".5", "1E+10",
                     "3.14159265358979323846", "9007199254740993", "1e23", "8.98846567431158e307"]
        let r = try read("x\n" + texts.joined(separator: "\n") + "\n")
        guard case .double(let v) = try #require(r.frame.column(named: "x")).values else {
            Issue.record("not a double column"); return
        }
        for (t, x) in zip(texts, v) {
            #expect(x.bitPattern == (try #require(Double(t))).bitPattern, "\(t)")
        }
        // Inf, -Inf and NaN are numbers in R's syntax but not finite: errors (CSVBadCellTests), never values.
        #expect(csvError { () throws(CSVError) in try CSVReader.read(text: "x\n1\nNaN\n") }?.kind == .nonFiniteNumber)
    }

    @Test func missingTokens() throws {
        // Defaults: empty, NA, ., NULL (unquoted). A quoted "NA" is text.
        let r = try read("a,b\n1,x\nNA,NA\n.,.\nNULL,NULL\n,\n6,\"NA\"\n")
        let a = try #require(r.frame.column(named: "a"))
        #expect(a.kind == .integer)
        #expect(a.missingCount == 4)
        #expect(r.frame.column(named: "b")?.values == .string(["x", "", "", "", "", "NA"]))
        #expect(r.frame.column(named: "b")?.missingCount == 4)
        #expect(r.summary.missingCounts == ["a": 4, "b": 4])
        // Configured: only -999; then NA is text and empty is an empty string.
        let r2 = try read("a,b\n1,NA\n-999,\n", CSVReadOptions(missingTokens: ["-999"]))
        #expect(r2.frame.column(named: "a")?.missingCount == 1)
        #expect(r2.frame.column(named: "b")?.values == .string(["NA", ""]))
        #expect(r2.frame.column(named: "b")?.missingCount == 0)
    }

    @Test func loneCarriageReturnIsDataButCRLFAndFinalCREndLines() throws {
        let r = try read("a,b\nx\ry,1\r\nlonger-than-eight\rbytes,2\r")
        #expect(r.frame.column(named: "a")?.values == .string(["x\ry", "longer-than-eight\rbytes"]))
        #expect(r.frame.column(named: "b")?.values == .integer([1, 2]))
        // A trailing delimiter at the end of the file is an empty last field.
        let t = try read("a,b\n1,")
        #expect(t.frame.column(named: "b")?.missingCount == 1)
    }

    @Test func spacesAroundUnquotedFieldsAreTrimmed() throws {
        let r = try read("a,b,c\n 1 , x ,\" y \"\n")
        #expect(r.frame.column(named: "a")?.values == .integer([1]))
        #expect(r.frame.column(named: "b")?.values == .string(["x"]))
        #expect(r.frame.column(named: "c")?.values == .string([" y "]))
    }

    @Test func overrides() throws {
        let text = "id,score,flag,when,level\n007,1,TRUE,2020-04-01,b\n010,2,FALSE,,a\n"
        let o = CSVReadOptions(columnTypes: [
            "id": .string, "score": .double, "when": .date(format: .yearMonthDay),
            "level": .categorical(levels: ["b", "a"], ordered: true),
        ])
        let r = try read(text, o)
        #expect(r.frame.column(named: "id")?.values == .string(["007", "010"]))   // leading zeros kept
        #expect(r.frame.column(named: "score")?.values == .double([1, 2]))
        #expect(r.frame.column(named: "when")?.numericValue(at: 0) == 18353)        // R: 2020-04-01
        #expect(r.frame.column(named: "when")?.isMissing(1) == true)
        #expect(r.frame.column(named: "level")?.values == .categorical(codes: [0, 1], levels: ["b", "a"], ordered: true))
        #expect(r.summary.columns.first { $0.name == "score" }?.inferred == false)
        // A dd/mm/yyyy override on an ISO column names the expected layout.
        let e = csvError { () throws(CSVError) in
            try CSVReader.read(text: text, options: CSVReadOptions(columnTypes: ["when": .date(format: .dayMonthYear)]))
        }
        #expect(e?.description == "<memory>:2: column when (4): \"2020-04-01\" is not a valid dd/mm/yyyy date")
        // Two-digit years are rejected by a date override too.
        let e2 = csvError { () throws(CSVError) in
            try CSVReader.read(text: "d\n01/04/20\n", options: CSVReadOptions(columnTypes: ["d": .date(format: .dayMonthYear)]))
        }
        #expect(e2?.description == "<memory>:2: column d (1): \"01/04/20\" is not a valid dd/mm/yyyy date")
    }

    @Test func categoricalOnlyWhenAsked() throws {
        let text = "ls\nC2\nV2\nC2\nJ1\n"
        #expect(try read(text).frame.column(named: "ls")?.kind == .string)
        let r = try read(text, CSVReadOptions(categoricalMaxLevels: 3))
        // Levels in byte-wise order: C2 < J1 < V2.
        #expect(r.frame.column(named: "ls")?.values == .categorical(codes: [0, 2, 0, 1], levels: ["C2", "J1", "V2"], ordered: false))
        #expect(r.summary.columns[0].type == .categorical(levels: nil, ordered: false))
        #expect(try read(text, CSVReadOptions(categoricalMaxLevels: 2)).frame.column(named: "ls")?.kind == .string)
        // Undeclared levels come out sorted, missing rows get code 0.
        // (In a one-column file an empty line is a blank line, skipped; NA marks the missing value.)
        let r2 = try read("x\nb\nNA\na\n", CSVReadOptions(columnTypes: ["x": .categorical()]))
        #expect(r2.frame.column(named: "x")?.values == .categorical(codes: [1, 0, 0], levels: ["a", "b"], ordered: false))
        #expect(r2.frame.column(named: "x")?.isMissing(1) == true)
    }

    @Test func emptyHeaderNamesAndHeaderOnlyFiles() throws {
        let r = try read("a,,c\n1,2,3\n")
        #expect(r.frame.columnNames == ["a", "V2", "c"])
        let h = try read("a,b\n")
        #expect(h.frame.rowCount == 0)
        #expect(h.frame.columnNames == ["a", "b"])
    }

    @Test func manyDistinctStringsSwitchToDirectStorage() throws {
        // 10000 distinct ids exceed the interning threshold (4096 and a quarter of the rows); values must be
        // the same either way, including missing ones.
        var text = "id\n"
        var expected: [String?] = []
        for i in 0..<10_000 {
            if i % 7 == 3 {
                text += "NA\n"
                expected.append(nil)
            } else {
                text += "id-\(i)-long-enough-to-allocate\n"
                expected.append("id-\(i)-long-enough-to-allocate")
            }
        }
        let r = try read(text)
        #expect(r.frame.column(named: "id") == DataColumn(name: "id", strings: expected))
        // The same through the categorical-candidate path (codes, then direct storage once clearly not a factor).
        let c = try read(text, CSVReadOptions(categoricalMaxLevels: 10))
        #expect(c.frame.column(named: "id") == DataColumn(name: "id", strings: expected))
        #expect(c.summary.columns[0].type == .string)
    }

    @Test func invalidUTF8InTheHeaderOrAQuotedField() {
        let e = csvError { () throws(CSVError) in try CSVReader.read(bytes: Array("a,b".utf8) + [0xC3, 0x28] + Array("\n1,2\n".utf8)) }
        #expect(e?.kind == .invalidUTF8)
        #expect(e?.line == 1)
        // C3 28: a lead byte followed by a non-continuation byte (RFC 3629), inside quotes on line 3.
        let q = csvError { () throws(CSVError) in
            try CSVReader.read(bytes: Array("a,b\n1,\"ok\"\n2,\"x".utf8) + [0xC3, 0x28] + Array("\"\n".utf8))
        }
        #expect(q?.line == 3)
        #expect(q?.columnNumber == 2)
        // Valid multi-byte text is accepted: é (C3 A9), 日 (E6 97 A5), 🙂 (F0 9F 99 82).
        let ok = try? CSVReader.read(text: "a\né\n日\n🙂\n")
        #expect(ok?.frame.column(named: "a")?.values == .string(["é", "日", "🙂"]))
    }

    @Test func quarantineFileAndSummary() throws {
        let dir = CSVFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let q = dir.appendingPathComponent("bad-rows.csv").path
        let r = try CSVReader.read(path: CSVFixtures.path("mixed_bad.csv"), options: CSVReadOptions(quarantinePath: q))
        #expect(r.summary.rowsRead == 4)
        #expect(r.summary.rowsQuarantined == 3)
        #expect(r.frame.column(named: "CHILD")?.values == .integer([1, 3, 5, 7]))
        // 2020-04-01, -03, -05, -07 = 18353, 18355, 18357, 18359 (R).
        #expect(r.frame.column(named: "DECOM")?.values == .date([18353, 18355, 18357, 18359]))
        #expect(r.summary.missingCounts == ["CHILD": 0, "DECOM": 0, "NAME": 0])
        let written = try String(contentsOfFile: q, encoding: .utf8)
        // Written out by hand from mixed_bad.csv: reasons as in the error messages, raw rows verbatim and quoted.
        let expected = """
            line,reason,raw
            3,"expected 3 fields, found 2","2,02/04/2020"
            5,"column DECOM (2): ""30/02/2020"" is not a valid dd/mm/yyyy date","4,30/02/2020,Di"
            7,"column NAME (3): text after a closing quote (""y""); a quote inside a quoted field must be doubled","6,06/04/2020,""Fa""y"

            """
        #expect(written == expected)
        // The quarantine file is itself readable, and its raw column gives back the input rows exactly.
        let back = try CSVReader.read(path: q, options: CSVReadOptions(columnTypes: ["raw": .string]))
        #expect(back.frame.column(named: "raw")?.values == .string(["2,02/04/2020", "4,30/02/2020,Di", "6,06/04/2020,\"Fa\"y"]))
        #expect(back.frame.column(named: "line")?.values == .integer([3, 5, 7]))
    }

    @Test func quarantineRecoversAfterUnterminatedQuote() throws {
        let dir = CSVFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let q = dir.appendingPathComponent("q.csv").path
        let r = try CSVReader.read(path: CSVFixtures.path("unterminated_quote.csv"), options: CSVReadOptions(quarantinePath: q))
        // Line 3 (2,"Bob) is set aside; reading resumes on line 4.
        #expect(r.frame.column(named: "CHILD")?.values == .integer([1, 3]))
        #expect(r.summary.quarantined == [QuarantinedRow(line: 3, reason: "a quoted field opened on this line is never closed",
                                                         raw: Array("2,\"Bob".utf8))])
    }

    @Test func inputFileIsNotModified() throws {
        let dir = CSVFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["mixed_bad.csv", "bom_crlf.csv", "quoted.csv"] {
            let p = CSVFixtures.path(name)
            let before = try Data(contentsOf: URL(fileURLWithPath: p))
            let mtimeBefore = try FileManager.default.attributesOfItem(atPath: p)[.modificationDate] as? Date
            _ = try CSVReader.read(path: p, options: CSVReadOptions(quarantinePath: dir.appendingPathComponent("q.csv").path))
            _ = csvError { () throws(CSVError) in try CSVReader.read(path: p) }
            let after = try Data(contentsOf: URL(fileURLWithPath: p))
            let mtimeAfter = try FileManager.default.attributesOfItem(atPath: p)[.modificationDate] as? Date
            #expect(before == after, "\(name)")
            #expect(mtimeBefore != nil && mtimeBefore == mtimeAfter, "\(name)")
        }
    }

    @Test func malformedInputNeverCrashes() throws {
        // Every prefix of a file exercising every state must read or throw a CSVError, never trap.
        let text = Array("\u{FEFF}a,\"b\"\"\",c\r\n1,\"x\ny\",2020-01-01\r\n\r\n2,\"q\"z,.\n3,4\n\"open".utf8) + [0xFF, 0xC3]
        for n in 0...text.count {
            _ = try? CSVReader.read(bytes: Array(text[0..<n]))
            _ = try? CSVReader.read(bytes: Array(text[0..<n]), options: CSVReadOptions(quarantinePath: "/dev/null"))
        }
    }
}
