import Testing
import Foundation

/// The real LA panel beside the repository (CI clones the repository with shared/ beside it).
private let laPanel: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return root.deletingLastPathComponent().appendingPathComponent("shared/data/la-panel").standardizedFileURL.path
}()

private func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

@Suite struct DescribeCommandTests {
    @Test func levelCountsAreDisclosureControlled() throws {
        // 25 F, 12 M, 3 U: U (3) is below 10 and withheld; with the total shown, the next smallest (M = 12) is
        // withheld too, so U cannot be recovered as 40 − 25 − M (worked by hand from the secondary rule).
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("people.csv")
        var text = "id,sex,age\n"
        for i in 0..<40 { text += "\(i),\(i < 25 ? "F" : (i < 37 ? "M" : "U")),\(10 + i % 7)\n" }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let r = try CareStatBinary.run(["describe", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("people.csv: 3 columns"))
        #expect(r.stdout.contains("Note: 40 rows"))
        let sexTable = r.stdout.components(separatedBy: "sex: level counts")[1]
        #expect(sexTable.contains("F          25") || sexTable.contains("F      25") || sexTable.range(of: #"F\s+25"#, options: .regularExpression) != nil)
        #expect(sexTable.range(of: #"M\s+\[c\]"#, options: .regularExpression) != nil)
        #expect(sexTable.range(of: #"U\s+\[c\]"#, options: .regularExpression) != nil)
        #expect(sexTable.contains("secondary suppression applied"))
        let off = try CareStatBinary.run(["describe", file.path, "--no-disclosure-control"])
        #expect(off.stdout.range(of: #"U\s+3"#, options: .regularExpression) != nil)
        #expect(off.stdout.contains("Disclosure control OFF: not for release."))
    }

    @Test func malformedCSVNamesFileLineColumnAndValue() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("episodes.csv")
        try "CHILD,DECOM\n1,01/04/2020\n2,31/02/2020\n".write(to: file, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: file)
        let r = try CareStatBinary.run(["describe", file.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("episodes.csv:3") && r.stderr.contains("DECOM") && r.stderr.contains("31/02/2020"), "\(r.stderr)")
        let quarantine = dir.appendingPathComponent("rejected.csv")
        let q = try CareStatBinary.run(["describe", file.path, "--quarantine", quarantine.path])
        #expect(q.status == 0, "\(q.stderr)")
        #expect(q.stdout.contains("1 quarantined") || q.stdout.contains("[c] quarantined"))
        #expect(try String(contentsOf: quarantine, encoding: .utf8).contains("31/02/2020"))
        #expect(try Data(contentsOf: file) == before)      // the input file is never modified
    }

    @Test func describesTheRealLAPanel() throws {
        let r = try CareStatBinary.run(["describe", laPanel + "/merged_data.csv", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let first = (object?["tables"] as? [[String: Any]])?.first
        #expect(first?["title"] as? String == "merged_data.csv: 115 columns")
        #expect((first?["footnotes"] as? [String])?.first == "1963 rows")
        #expect((first?["rows"] as? [Any])?.count == 115)
    }
}

@Suite struct RunCommandTests {
    @Test func laPanelTrendsReproducesEveryPublishedFigure() throws {
        let out = try temporaryDirectory().appendingPathComponent("results")
        let r = try CareStatBinary.run(["run", "la-panel-trends", "--data", laPanel, "--format", "json", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let tables = object?["tables"] as? [[String: Any]] ?? []
        let comparison = tables.last?["rows"] as? [[String: Any]] ?? []
        #expect(comparison.count == 9)   // DfE totals, ranges and correlations; seed 001's 8:1 and 13:1
        for row in comparison { #expect(row["agrees"] as? String == "yes", "\(row)") }
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(written.contains("tables.xlsx"))
        #expect(written.filter { $0.hasSuffix(".csv") }.count == tables.count)
    }

    @Test func modelsListsTheCatalogue() throws {
        let r = try CareStatBinary.run(["models"])
        #expect(r.status == 0 && r.stdout.contains("la-panel-trends"))
    }

    @Test func unknownSpecSuggestsTheNearestName() throws {
        let r = try CareStatBinary.run(["run", "la-panel-trend", "--data", laPanel])
        #expect(r.status == 1)
        #expect(r.stderr == "carestat: error: no model spec named la-panel-trend; did you mean la-panel-trends? (run 'carestat models' for the list)\n")
    }
}
