import Testing
@testable import Tabular

/// The two-part CSV read (``CSVParallelRead``) against the serial reader (``CSVParse``) on the same bytes: the
/// same frame, summary (types, reasons with their line numbers, missing counts) or the same error (file, line,
/// column, value), on clean files (CRLF, no final newline, blank lines at the split, every type), bad input in
/// either part, quoted newlines in either part, parts that infer different types, and categorical level unions.
/// Every value is compared exactly: both paths convert the same bytes with the same routines.
struct CSVParallelReadTests {
    static func serial(_ text: String, _ options: CSVReadOptions = CSVReadOptions()) -> Result<CSVReadResult, CSVError> {
        Result { () throws(CSVError) in
            try CSVParse(source: CSVReaderSource(bytes: Array(text.utf8)), name: "f.csv", options: options).run()
        }
    }

    static func parallel(_ text: String, _ options: CSVReadOptions = CSVReadOptions()) -> Result<CSVReadResult, CSVError> {
        Result { () throws(CSVError) in
            try CSVParallelRead.read(source: CSVReaderSource(bytes: Array(text.utf8)), name: "f.csv", options: options,
                                     minimumBytes: 0)
        }
    }

    /// Whether the two-part path itself (not its serial fallback) gives a result.
    static func joined(_ text: String, _ options: CSVReadOptions = CSVReadOptions()) -> CSVReadResult? {
        let source = CSVReaderSource(bytes: Array(text.utf8))
        guard let split = CSVParallelRead.splitPoint(source, minimumBytes: 0) else { return nil }
        return CSVParallelRead.readParts(source: source, name: "f.csv", options: options, split: split)
    }

    static func rows(_ n: Int, _ row: (Int) -> String, header: String, eol: String = "\n", finalNewline: Bool = true) -> String {
        let body = (0..<n).map(row).joined(separator: eol)
        return header + eol + body + (finalNewline ? eol : "")
    }

    static let clean = rows(400, { i in
        "\(i),\(Double(i) * 0.25 - 3.5),\(i % 3 == 0 ? "TRUE" : "false"),\(10 + i % 17)/0\(1 + i % 9)/2019,"
            + "\(["F", "M", "NA"][i % 3]),\(i % 11 == 0 ? "" : "LA\(i % 37)"),\(i % 5 == 0 ? "NA" : String(i * 7))"
    }, header: "id,x,flag,when,sex,la,count")

    @Test(arguments: [("LF", clean),
                      ("CRLF, no final newline", String(clean.replacing("\n", with: "\r\n").dropLast(1))),
                      ("blank lines", clean.replacing("\n2", with: "\n\n\r\n2")),
                      ("byte order mark, blank lines before the header", "\u{FEFF}\n\r\n" + clean)])
    func cleanFilesEqualTheSerialRead(_ label: String, _ text: String) throws {
        let s = try Self.serial(text).get()
        let j = try #require(Self.joined(text), "\(label): the two-part path was not taken")
        #expect(j == s, "\(label)")
        #expect(try Self.parallel(text).get() == s)
        #expect(s.frame.rowCount == 400)
    }

    @Test func badCellInEitherPartIsTheSerialError() throws {
        for badRow in [15, 390] {
            for bad in ["x,y", "1,2,3,4,5,6,7,8", "1,\"unterminated"] {
                var lines = Self.clean.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                lines[badRow] = bad
                let text = lines.joined(separator: "\n")
                let s = Self.serial(text), p = Self.parallel(text)
                guard case .failure(let se) = s, case .failure(let pe) = p else {
                    Issue.record("row \(badRow) '\(bad)': expected an error from both, got \(s) and \(p)")
                    continue
                }
                #expect(se == pe)
                #expect(se.line == badRow + 1)
            }
        }
    }

    @Test func notANumberInEitherPartIsTheSerialError() throws {
        for badRow in [10, 380] {
            var lines = Self.clean.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var fields = lines[badRow].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[1] = "n/a"
            lines[badRow] = fields.joined(separator: ",")
            let text = lines.joined(separator: "\n")
            guard case .failure(let se) = Self.serial(text), case .failure(let pe) = Self.parallel(text) else {
                Issue.record("row \(badRow): expected an error from both"); continue
            }
            #expect(se == pe)
            #expect(se.line == badRow + 1 && se.columnName == "x")
        }
    }

    @Test func quotedNewlines() throws {
        let lines = Self.clean.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func with(_ row: Int) -> String {
            var l = lines
            var f = l[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            f[5] = "\"two\nlines\""
            l[row] = f.joined(separator: ",")
            return l.joined(separator: "\n")
        }
        let early = with(20), late = with(390)
        #expect(Self.joined(early) == nil)   // a quote before the split: serial
        #expect(try Self.parallel(early).get() == Self.serial(early).get())
        let j = try #require(Self.joined(late))
        #expect(j == (try Self.serial(late).get()))
    }

    @Test func partsInferringDifferentTypesFallBackToTheSerialRead() throws {
        // Integers in the first part, decimals in the second; text only in the second part; a column missing in
        // the whole first part.
        let text = Self.rows(300, { i in
            "\(i < 150 ? String(i) : "\(i).5"),\(i < 200 ? "1" : "abc"),\(i < 150 ? "NA" : "w\(i)")"
        }, header: "a,b,c")
        #expect(Self.joined(text) == nil)
        let s = try Self.serial(text).get()
        #expect(try Self.parallel(text).get() == s)
        #expect(s.summary.columns.map(\.type) == [.double, .string, .string])
        // Text in both parts with the first witness in the second part (the first part's values all missing).
        let witness = Self.rows(300, { i in "\(i),\(i < 150 ? "NA" : "w\(i)")" }, header: "a,c")
        let ws = try Self.serial(witness).get()
        let wj = try #require(Self.joined(witness))
        #expect(wj == ws)
        #expect(ws.summary.columns[1].reason.contains("line 152"))
    }

    @Test func categoricalLevelsAreTheUnionInByteOrder() throws {
        let text = Self.rows(300, { i in "\(i),\(i < 150 ? ["b", "a"][i % 2] : ["c", "a", "B"][i % 3])" }, header: "a,g")
        for k in [3, 4, 10] {   // union of 4 levels: text at k = 3, categorical at 4 and 10
            var options = CSVReadOptions()
            options.categoricalMaxLevels = k
            let s = try Self.serial(text, options).get()
            let j = try #require(Self.joined(text, options))
            #expect(j == s, "categoricalMaxLevels \(k)")
        }
        var declared = CSVReadOptions()
        declared.columnTypes = ["g": .categorical(levels: ["c", "b", "a", "B"], ordered: true)]
        #expect(try #require(Self.joined(text, declared)) == (try Self.serial(text, declared).get()))
        declared.columnTypes = ["g": .categorical(levels: nil, ordered: false)]
        #expect(try #require(Self.joined(text, declared)) == (try Self.serial(text, declared).get()))
    }

    @Test func validityMasksJoinWordByWord() {
        for (na, nb) in [(0, 5), (64, 64), (63, 130), (100, 1), (129, 0)] {
            let a = (0..<na).map { $0 % 3 != 0 }, b = (0..<nb).map { $0 % 5 != 1 }
            #expect(ValidityMask(joining: ValidityMask(a), ValidityMask(b)) == ValidityMask(a + b))
        }
    }
}
