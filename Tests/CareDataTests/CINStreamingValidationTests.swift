import Foundation
import Testing
@testable import CareData

/// The CIN census read and validated file by file (``CareDataInputs/validate(cinRecords:progress:)``,
/// ``CINValidator``) gives the same validation as every record read first and validated at once
/// (``Validation/cin(_:dataEnd:)``), and a bad row deep in the census is still reported with its file, line,
/// column and value. Reference: the all-at-once path on the same files (and, for the bad rows, the edit made).
@Suite struct CINStreamingValidationTests {
    /// Everything an issue says, as one comparable line.
    private func lines(_ v: Validation) -> [String] {
        v.issues.map { "\($0.file)|\($0.row)|\($0.la)|\($0.child)|\($0.rule.rawValue)|\($0.field)|\($0.detail)|\($0.excluded)|\($0.record)" }
            .sorted()
    }

    /// Every CIN census file of `dir` read at once and validated together.
    private func allAtOnce(_ dir: String, dataEnd: DataEnd? = nil) throws -> Validation {
        var all: [CINEpisode] = []
        for p in try CareDataInputs.expand([dir]) { all += try CINCensusReader.read(path: p) }
        return Validation.cin(all, dataEnd: dataEnd)
    }

    private func expectSame(_ streamed: Validation, _ reference: Validation, keptRecords: Bool) {
        #expect(lines(streamed) == lines(reference))
        #expect(streamed.recordCounts == reference.recordCounts)
        #expect(streamed.cinDataEnd?.description == reference.cinDataEnd?.description)
        #expect(streamed.cinCensusYears == reference.cinCensusYears)
        if keptRecords {
            #expect(streamed.cinEpisodes == reference.cinEpisodes)
        } else {
            #expect(streamed.cinEpisodes.isEmpty)
        }
    }

    @Test func fileByFileEqualsAllAtOnceOnTheStandardSyntheticData() throws {
        let dir = try SyntheticTestData.standard.get().0
        let reference = try allAtOnce(dir)
        #expect(reference.cinEpisodes.count > 10_000)
        for keep in [true, false] {
            let streamed = try CareDataInputs(cinPaths: [dir]).validate(cinRecords: keep ? .episodes : .none)
            expectSame(streamed, reference, keptRecords: keep)
        }
    }

    @Test func fileByFileEqualsAllAtOnceWithInjectedProblems() throws {
        let dir = SyntheticTestData.freshDirectory("cin-streaming-injected")
        let problems = SyntheticQualityProblems(missingChildIDRate: 0.02, overlappingEpisodeRate: 0.1,
                                                missingClosureDateRate: 0.2)
        _ = try SyntheticTestData.small(seed: 41, problems: problems).generate(into: dir)
        let reference = try allAtOnce(dir)
        let rules = Set(reference.issues.map(\.rule))
        #expect(rules.isSuperset(of: [.missingID, .missingClosureDate, .overlappingEpisodes, .repeatedAcrossReturns]))
        expectSame(try CareDataInputs(cinPaths: [dir]).validate(), reference, keptRecords: true)
        // A given end earlier than the data: the records after it fail the same way on both paths.
        let end = DataEnd.collectionYear(2019)
        expectSame(try CareDataInputs(cinPaths: [dir], dataEnd: end).validate(), try allAtOnce(dir, dataEnd: end),
                   keptRecords: true)
    }

    /// The quarantine written in chunks (`carestat validate --quarantine` on a national census) is the same file
    /// as the quarantine table written at once.
    @Test func quarantineWrittenInChunksEqualsTheWholeTable() throws {
        let dir = SyntheticTestData.freshDirectory("cin-streaming-quarantine")
        _ = try SyntheticTestData.small(seed: 44, problems: SyntheticQualityProblems(missingChildIDRate: 0.02,
                                                                                     overlappingEpisodeRate: 0.1))
            .generate(into: dir)
        let v = try CareDataInputs(ssda903Path: dir + "/" + SyntheticFileFormat.episodes, cinPaths: [dir])
            .validate(cinRecords: .none)
        #expect(v.issues.count > 100)
        let whole = dir + "/whole.csv", chunked = dir + "/chunked.csv", empty = dir + "/empty.csv"
        try writeCSV(try v.quarantine(), to: whole)
        try v.writeQuarantine(to: chunked, rowsPerChunk: 37)
        #expect(try Data(contentsOf: URL(fileURLWithPath: chunked)) == Data(contentsOf: URL(fileURLWithPath: whole)))
        try Validation().writeQuarantine(to: empty, rowsPerChunk: 37)
        try writeCSV(try Validation().quarantine(), to: whole)
        #expect(try Data(contentsOf: URL(fileURLWithPath: empty)) == Data(contentsOf: URL(fileURLWithPath: whole)))
    }

    /// A census year that the first pass cannot settle (a record of 2031 in a file not named by year, so that
    /// 2031 is a stray year above the inferred end) makes a second pass; the answer is still the all-at-once one.
    @Test func aStrayCensusYearIsSettledByASecondPass() throws {
        let dir = SyntheticTestData.freshDirectory("cin-streaming-stray")
        _ = try SyntheticTestData.small(seed: 42).generate(into: dir)
        let files = try CareDataInputs.expand([dir])
        let last = try #require(files.last)
        var text = try String(contentsOfFile: last, encoding: .utf8)
        let header = try #require(text.split(separator: "\n").first).split(separator: ",").map(String.init)
        let year = try #require(header.firstIndex(of: "CensusYear"))
        var rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = rows[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[year] = "2031"
        rows[1] = fields.joined(separator: ",")
        text = rows.joined(separator: "\n")
        try FileManager.default.removeItem(atPath: last)
        try text.write(toFile: dir + "/cin_census_latest.csv", atomically: true, encoding: .utf8)
        let reference = try allAtOnce(dir)
        #expect(reference.cinDataEnd?.strayYears == [2031])
        #expect(reference.issues.contains { $0.rule == .afterDataEnd && $0.field == "CensusYear" })
        var progress: [String] = []
        let streamed = try CareDataInputs(cinPaths: [dir]).validate(progress: { progress.append($0) })
        expectSame(streamed, reference, keptRecords: true)
        #expect(progress.contains { $0.contains("second pass") })
    }

    /// A bad value and an unreadable row in the 7th census file are reported with that file, the line, the column
    /// and the value; every row of every file is counted.
    @Test func badRowsInTheSeventhFileAreReportedWithFileLineColumnAndValue() throws {
        let dir = SyntheticTestData.freshDirectory("cin-streaming-bad-row")
        _ = try SyntheticTestData.small(seed: 43).generate(into: dir)
        let files = try CareDataInputs.expand([dir])
        #expect(files.count >= 7)
        let seventh = files[6]
        var rows = try String(contentsOfFile: seventh, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = rows[0].split(separator: ",").map(String.init)
        let source = try #require(header.firstIndex(of: "ReferralSource"))
        #expect(rows.count > 12)
        var fields = rows[9].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[source] = "ZZ9"
        rows[9] = fields.joined(separator: ",")  // line 10
        rows[11] = "not,a,census,row"            // line 12
        try rows.joined(separator: "\n").write(toFile: seventh, atomically: true, encoding: .utf8)
        var readRows = 0
        for p in files {
            let n = try String(contentsOfFile: p, encoding: .utf8).split(separator: "\n").count - 1
            readRows += n
        }

        let v = try CareDataInputs(cinPaths: [dir], keepMalformedRows: true).validate(cinRecords: .none)
        let code = try #require(v.issues.first { $0.rule == .invalidCode && $0.field == "ReferralSource" })
        #expect(code.file == seventh && code.row + 2 == 10 && code.detail == "ReferralSource = ZZ9")
        let malformed = try #require(v.issues.first { $0.rule == .malformedRow })
        #expect(malformed.file == seventh && malformed.row + 2 == 12 && malformed.record == "not,a,census,row")
        #expect(v.recordsBySource.first { $0.source == "cin" }?.records == readRows)

        // Without --quarantine the unreadable row stops the read, naming the file and line.
        #expect {
            _ = try CareDataInputs(cinPaths: [dir]).validate(cinRecords: .none)
        } throws: { error in
            "\(error)".contains(seventh) && "\(error)".contains("line 12")
        }
    }
}
