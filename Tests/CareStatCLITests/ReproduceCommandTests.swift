import Foundation
import Testing
import TestSupport

/// `carestat reproduce [NAME]` on the embedded synthetic data (issue 15 point 1). The full run over every study is
/// rendered by Notebooks/reproduce.md in NotebookRenderTests.
@Suite struct ReproduceCommandTests {
    @Test func oneStudyPrintsItsPublishedComparisonFirst() throws {
        let r = try CareStatBinary.run(["reproduce", "harwin-return-to-court", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let tables = object?["tables"] as? [[String: Any]] ?? []
        #expect(tables.first?["name"] as? String == "published-comparison")
        let rows = tables.first?["rows"] as? [[String: Any]] ?? []
        #expect(rows.count == 2)
        for row in rows {
            #expect((row["source"] as? String)?.contains("Harwin") == true)
            // Published value, CareStat's estimate inside [0, 100], an interval around it.
            let estimate = row["carestat"] as? Double ?? .nan, low = row["conf_low"] as? Double ?? .nan, high = row["conf_high"] as? Double ?? .nan
            #expect(low <= estimate + 0.5 && estimate - 0.5 <= high && 0 <= low && high <= 100, "\(row)")
        }
    }

    @Test func unknownOrFigurelessStudiesAreClearUserErrors() throws {
        let unknown = try CareStatBinary.run(["reproduce", "harwin-return-to-cort"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("harwin-return-to-court"), "a suggestion: \(unknown.stderr)")
        let figureless = try CareStatBinary.run(["reproduce", "attainment-by-intervention"])
        #expect(figureless.status == 1)
        #expect(figureless.stderr.contains("no published figures"), "\(figureless.stderr)")
    }
}
