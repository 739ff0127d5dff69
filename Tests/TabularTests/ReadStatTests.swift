import Foundation
import Testing
@testable import Tabular

/// ReadStat readers against files written by R's haven and the CSV R wrote after reading them back
/// (Fixtures/readstat/make-readstat-fixtures.R). Numbers are compared exactly (tolerance 0: the CSV holds
/// `%.17g`, which round-trips a double).
struct ReadStatTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("readstat")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A minimal CSV reader for R's `write.csv(quote = TRUE)` output: every field quoted, no embedded quotes or
    /// newlines in these fixtures.
    static func expected(_ name: String) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOfFile: path(name), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        func fields(_ line: String) -> [String] {
            line.split(separator: ",", omittingEmptySubsequences: false).map { f in
                var s = String(f)
                if s.hasPrefix("\""), s.hasSuffix("\""), s.count >= 2 { s = String(s.dropFirst().dropLast()) }
                return s
            }
        }
        return (fields(lines[0]), lines.dropFirst().map(fields))
    }

    static func levels(_ name: String) throws -> [String] {
        try String(contentsOfFile: path(name), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Every entry of `frame` equals the R expectation: "NA" ⇔ missing; numbers equal exactly; dates as ISO text;
    /// categoricals by label; strings exactly.
    static func compare(_ frame: DataFrame, with csv: String) throws {
        let (header, rows) = try expected(csv)
        #expect(frame.columnNames == header)
        #expect(frame.rowCount == rows.count)
        for (j, name) in header.enumerated() {
            let c = try #require(frame.column(named: name))
            for (i, row) in rows.enumerated() {
                let want = row[j]
                if want == "NA" {
                    #expect(c.isMissing(i), "\(name)[\(i)] should be missing")
                    continue
                }
                if c.kind == .double || c.kind == .integer {
                    #expect(c.numericValue(at: i) == Double(want), "\(name)[\(i)]: \(String(describing: c.numericValue(at: i))) vs \(want)")
                } else {
                    #expect(c.stringValue(at: i) == want, "\(name)[\(i)]: \(String(describing: c.stringValue(at: i))) vs \(want)")
                }
            }
        }
    }

    static func levelsOf(_ c: DataColumn?) -> [String]? {
        if case let .categorical(_, levels, _)? = c?.values { return levels }
        return nil
    }

    @Test func stataMatchesHaven() throws {
        let df = try ReadStatReader.read(path: Self.path("sample.dta"))
        try Self.compare(df, with: "sample-dta-expected.csv")
        #expect(df.column(named: "id")?.kind == .integer)
        #expect(df.column(named: "score")?.kind == .double)
        #expect(df.column(named: "born")?.kind == .date)
        #expect(df.column(named: "seen")?.kind == .date)
        #expect(Self.levelsOf(df.column(named: "stage")) == (try Self.levels("sample-dta-stage-levels.txt")))
        // Tagged missing .a and .z and system missing . are all missing: 3 in `reason` (R: rows 2, 3, 4).
        #expect(df.column(named: "reason")?.missingCount == 3)
    }

    @Test func spssMatchesHaven() throws {
        let df = try ReadStatReader.read(path: Self.path("sample.sav"))
        try Self.compare(df, with: "sample-sav-expected.csv")
        #expect(df.column(named: "born")?.kind == .date)
        #expect(Self.levelsOf(df.column(named: "stage")) == (try Self.levels("sample-sav-stage-levels.txt")))
        #expect(Self.levelsOf(df.column(named: "resp")) == (try Self.levels("sample-sav-resp-levels.txt")))
        // User-missing -9 and -8 are missing (R: rows 3 and 5); the range 90..Inf makes 98 and 99 missing.
        #expect(df.column(named: "resp")?.missingCount == 2)
        #expect(df.column(named: "kids")?.missingCount == 2)
        #expect(df.column(named: "kids")?.kind == .double)
        // String value labels: levels by labelled string ("F" < "M"), then the unlabelled "X".
        #expect(Self.levelsOf(df.column(named: "sex")) == (try Self.levels("sample-sav-sex-levels.txt")))
    }

    @Test func sasMatchesHaven() throws {
        let df = try ReadStatReader.read(path: Self.path("sample.sas7bdat"))
        try Self.compare(df, with: "sample-sas-expected.csv")
        #expect(df.column(named: "born")?.kind == .date)
    }

    /// The readers keep no global state: reading the three files many times at once gives the sequential result.
    @Test func concurrentReadsAgree() async throws {
        let names = ["sample.dta", "sample.sav", "sample.sas7bdat"]
        var sequential: [String: DataFrame] = [:]
        for n in names { sequential[n] = try ReadStatReader.read(path: Self.path(n)) }
        let results = try await withThrowingTaskGroup(of: (String, DataFrame).self) { group in
            for k in 0..<24 {
                let n = names[k % 3]
                group.addTask { (n, try ReadStatReader.read(path: Self.path(n))) }
            }
            var all: [(String, DataFrame)] = []
            for try await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 24)
        for (n, df) in results { #expect(df == sequential[n]) }
    }

    @Test func missingFileIsTyped() {
        let p = Self.path("no-such-file.dta")
        #expect(throws: ReadStatError.fileNotFound(path: p)) { try ReadStatReader.read(path: p) }
    }

    @Test func truncatedStataIsInvalid() {
        do {
            _ = try ReadStatReader.read(path: Self.path("truncated.dta"))
            Issue.record("a truncated .dta must not read")
        } catch {
            guard case let .invalidFile(_, format, code, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(format == .stata)
            #expect(code != 0)
        }
    }

    @Test func textFileNamedSavIsInvalid() {
        do {
            _ = try ReadStatReader.read(path: Self.path("not-really.sav"))
            Issue.record("a text file must not read as .sav")
        } catch {
            guard case let .invalidFile(_, format, _, message) = error else { Issue.record("unexpected \(error)"); return }
            #expect(format == .spss)
            #expect(!message.isEmpty)
        }
    }

    @Test func emptyFileAndDirectoryAreTyped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-readstat-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.dta").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        do {
            _ = try ReadStatReader.read(path: empty)
            Issue.record("an empty .dta must not read")
        } catch {
            guard case .invalidFile(_, .stata, _, _) = error else { Issue.record("unexpected \(error)"); return }
        }
        let folder = dir.appendingPathComponent("folder.sav").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(throws: ReadStatError.fileNotFound(path: folder)) { try ReadStatReader.read(path: folder) }
    }

    @Test func errorMessagesNameTheProblem() {
        // The message names the file and carries ReadStat's own text.
        for name in ["truncated.dta", "not-really.sav"] {
            do { _ = try ReadStatReader.read(path: Self.path(name)) } catch {
                #expect(error.description.contains(name))
                #expect(error.description.contains("ReadStat error"))
            }
        }
    }

    @Test func unknownExtensionIsTyped() {
        let p = Self.path("sample-dta-expected.csv")
        #expect(throws: ReadStatError.unknownFormat(path: p)) { try ReadStatReader.read(path: p) }
    }
}
