import Foundation
import Testing
import Tabular
@testable import CareData

/// The real LA panel (shared/data/la-panel/merged_data.csv). Expected values were read from the same file with
/// Python's csv module: 1,963 rows × 115 columns; 151 LAs in 2019; Hartlepool (E06000001) 2019: population_0_16
/// 18886.1452, imd19_idaci 0.283, imd19_imd 35.037, at31_cla 285; 13 rows have at31_cla = NA.
@Test func realLAPanelIsRead() throws {
    // The panel lives outside the repository, in the shared folder beside the worktrees (/work/shared):
    // look for it in the ancestors of this file's directory.
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    var found: String?
    for _ in 0..<8 {
        let candidate = dir.appendingPathComponent("shared/data/la-panel/merged_data.csv").path
        if FileManager.default.fileExists(atPath: candidate) { found = candidate; break }
        dir = dir.deletingLastPathComponent()
    }
    // CI clones the repository with shared/ beside it, so a missing panel is a set-up error, not a pass.
    let path = try #require(found, "shared/data/la-panel/merged_data.csv not found beside the repository")
    let panel = try LocalAuthorityReader.readPanel(path: path)
    #expect(panel.rowCount == 1963 && panel.columns.count == 115)
    #expect(try panel.requireColumn("at31_cla").missingCount == 13)
    let las = LocalAuthorityReader.localAuthorities(panel: panel, year: 2019)
    #expect(las.count == 151)
    let h = try #require(las.first { $0.code == "E06000001" })
    #expect(h.name == "Hartlepool" && h.idaci == 0.283 && h.imd == 35.037 && h.childPopulation == 18886)
    let row = try #require(try panel.texts("new_la_code").indices.first {
        try panel.texts("new_la_code")[$0] == "E06000001" && panel.texts("time_period")[$0] == "2019"
    })
    #expect(try panel.requireColumn("at31_cla").numericValue(at: row) == 285)
}
