import Foundation
import Testing

// Issue 11 point 4 and the CLI side of point 3, through the built binary: `validate` prints a summary by rule,
// expected de-duplication is not a failure, derivations print their flow and do not read what they do not use,
// and `validate --quarantine` sets unreadable rows aside and goes on.

@Suite struct ValidateReportTests {
    /// On the embedded synthetic data (clean) the report fits on a screen: before, 306 lines and "17998 failed
    /// checks ... excluded" for CIN records that are simply repeated across census years.
    @Test func validateOnTheEmbeddedDataIsAShortSummary() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let r = try CareStatBinary.run(["validate"], environment: ["CARESTAT_CACHE": cache])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count < 40, "\(lines.count) lines:\n\(r.stdout)")
        #expect(!r.stdout.contains("failed checks"))
        #expect(r.stdout.contains("Every record passed every check."))
        #expect(r.stdout.contains("De-duplication (expected, not a failure): 17998 earlier copies"))
        #expect(r.stdout.contains("SSDA903 data end: 2024-03-31"))
        // The long table on request.
        let long = try CareStatBinary.run(["validate", "--by-la"], environment: ["CARESTAT_CACHE": cache])
        #expect(long.status == 0 && long.stdout.contains("Data quality by LA") && long.stdout.contains("Expected: "))
        // `derive periods` reads no CIN census, so says nothing of it; its flow states the censor date.
        let out = cache + "/periods.csv"
        let d = try CareStatBinary.run(["derive", "periods", "--out", out], environment: ["CARESTAT_CACHE": cache])
        #expect(d.status == 0, "\(d.stderr)")
        #expect(!d.stdout.contains("CIN") && !d.stdout.contains("failed checks"))
        #expect(d.stdout.contains("Periods of care") && d.stdout.contains("Censor date (end of follow-up): 2024-03-31"))
    }

    /// A short row and a row with invalid UTF-8 go to the quarantine file with the rule `malformed-row`; the
    /// other rows are validated (before, the first bad row stopped `validate` with exit status 1).
    @Test func validateQuarantinesMalformedRowsAndGoesOn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-malformed-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var bytes = Array("CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA,01/04/2015,S,V2,U6,01/09/2015,E4A\nB,01/05/2015,S,V2\n".utf8)
        bytes += Array("C,01/06/2015,S,V2,".utf8) + [0xC3, 0x28] + Array(",01/07/2015,E4A\nE,01/08/2015,S,V2,Q9,,\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/episodes.csv"))
        let stop = try CareStatBinary.run(["validate", "--ssda903", dir + "/episodes.csv"])
        #expect(stop.status == 1 && stop.stderr.contains("line 3"))
        let r = try CareStatBinary.run(["validate", "--ssda903", dir + "/episodes.csv", "--quarantine", dir + "/q.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("malformed-row") && r.stdout.contains("invalid-code"))
        let q = try String(contentsOfFile: dir + "/q.csv", encoding: .utf8)
        let rows = q.split(separator: "\n").dropFirst().map(String.init)
        #expect(rows.count == 3, "\(q)")
        #expect(rows.count == 3 && rows[0].hasPrefix("episodes,\"\",3,\"\",\"\",malformed-row,")
                && rows[1].hasPrefix("episodes,\"\",4,\"\",\"\",malformed-row,")
                && rows[2].hasPrefix("episodes,\"\",5,\"\",E,invalid-code,"), "\(q)")
    }

    /// A month-first date file stops with one clear message naming file, column and an example.
    @Test func monthFirstDatesAreAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-mmdd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rows = (13...24).map { "C\($0),03/\($0)/2016,S,V2,U6,," }
        try (["CHILD,DECOM,RNE,LS,PLACE,DEC,REC"] + rows).joined(separator: "\n")
            .write(toFile: dir + "/episodes.csv", atomically: true, encoding: .utf8)
        let r = try CareStatBinary.run(["derive", "periods", "--ssda903", dir + "/episodes.csv", "--out", dir + "/p.csv"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("episodes.csv: column DECOM: 12 of 12 dates are not dd/mm/yyyy (e.g. line 2: \"03/13/2016\")"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/p.csv"))
    }
}
