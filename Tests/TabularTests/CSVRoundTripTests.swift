import Foundation
import Testing
@testable import Tabular

/// CSVWriter then CSVReader gives back an equal frame (exact: the test compares values bit for bit).
@Suite struct CSVRoundTripTests {
    func sample() throws -> DataFrame {
        try DataFrame(columns: [
            DataColumn(name: "x", doubles: [0.1, -0.0, 1e300, nil, 2.2250738585072014e-308, .infinity, -.infinity, 123456.789]),
            DataColumn(name: "n", integers: [1, nil, -3, Int.max, Int.min, 0, 42, 7]),
            DataColumn(name: "b", values: .boolean([true, false, false, false, true, true, false, false]),   // missing entry holds the placeholder false
                       validity: ValidityMask([true, true, false, true, true, true, true, true])),
            DataColumn(name: "d", values: .date([18321, 19782, -25509, 0, -1, 16860, 11016, 0]),
                       validity: ValidityMask([true, true, true, true, true, true, true, false])),
            DataColumn(name: "s", strings: ["plain", "with, comma", "with \"quotes\"", "two\nlines", " padded ", "", "NA", nil]),
            DataColumn(name: "ls", categories: ["C2", "V2", nil, "J1", "C2", "V2", "J1", "C2"], levels: ["V2", "C2", "J1"], ordered: true),
            DataColumn(name: "u", strings: ["é", "日本", "emoji 🙂", "x", ".", "NULL", "crlf\r\nin", "tab\there"]),
        ])
    }

    func options() -> CSVReadOptions {
        CSVReadOptions(columnTypes: ["s": .string, "u": .string, "ls": .categorical(levels: ["V2", "C2", "J1"], ordered: true)],
                       nonFiniteNumbers: .read)
    }

    @Test func commaRoundTrip() throws {
        let f = try sample()
        let back = try CSVReader.read(bytes: CSVWriter.bytes(f), options: options())
        #expect(back.frame == f)
        // The summary sees the same missing counts as the frame.
        #expect(back.summary.missingCounts == ["x": 1, "n": 1, "b": 1, "d": 1, "s": 1, "ls": 1, "u": 0])
    }

    @Test func tabAndDayMonthYearRoundTripThroughAFile() throws {
        let f = try sample()
        let dir = CSVFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = dir.appendingPathComponent("out.tsv").path
        try CSVWriter.write(f, to: p, delimiter: .tab, dateFormat: .dayMonthYear)
        let back = try CSVReader.read(path: p, options: options())
        #expect(back.summary.delimiter == .tab)
        #expect(back.summary.columns.first { $0.name == "d" }?.type == .date(format: .dayMonthYear))
        #expect(back.frame == f)
    }

    @Test func writeErrorNamesTheFile() throws {
        let p = "/nonexistent-directory-for-carestat-tests/out.csv"
        do {
            try CSVWriter.write(try sample(), to: p)
            Issue.record("expected an error")
        } catch let e as CSVError {
            #expect(e.description == "\(p): cannot write the file: No such file or directory")
        }
    }

    @Test func nanRoundTripsOnlyWhenAsked() throws {
        // NaN is written as R writes it; by default reading it back names the cell (non-finite numbers are errors),
        // and with nonFiniteNumbers: .read it is NaN again.
        let f = try DataFrame(columns: [DataColumn(name: "x", doubles: [.nan, 1])])
        let e = csvError { () throws(CSVError) in try CSVReader.read(bytes: CSVWriter.bytes(f)) }
        #expect(e?.description == "<memory>:2: column x (1): \"NaN\" is not a finite number; models need finite values")
        let back = try CSVReader.read(bytes: CSVWriter.bytes(f), options: CSVReadOptions(nonFiniteNumbers: .read))
        #expect(back.frame.column(named: "x")?.numericValue(at: 0)?.isNaN == true)
        #expect(back.frame.column(named: "x")?.numericValue(at: 1) == 1)
    }

    @Test func writerQuotesOnlyWhatNeedsIt() throws {
        let f = try DataFrame(columns: [DataColumn(name: "s", strings: ["a", "b,c", "NA", nil, ""])])
        // Written out by hand from the rules in CSVWriter's documentation.
        #expect(CSVWriter.string(f) == "s\na\n\"b,c\"\n\"NA\"\n\n\"\"\n")
    }
}
