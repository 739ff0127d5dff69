import Testing
import Foundation
import Reporting

// Against ACRO, the research-output checker on PyPI (`acro`): on the crosstabs of
// Fixtures/acro/acro-tables.json (made by Fixtures/acro/make-acro-fixtures.py with ACRO's default risk appetite:
// threshold 10, zeros disclosive), every cell ACRO withholds is withheld by CareStat's gate at the same settings
// (DisclosurePolicy(threshold: 10, suppressesZeros: true)). Exact (cells are withheld or not).
//
// Where CareStat withholds more, it is secondary suppression: CareStat publishes the margins with the table, and
// a margin minus the shown cells would give a withheld cell back. ACRO's crosstab publishes no margins here, so it
// needs none. Every extra cell is checked to be secondary, never primary.

private struct ACROCase: Decodable {
    let name: String
    let rows: [String]
    let columns: [String]
    let counts: [[Int]]
    let acro_suppressed: [[Bool]]
}

private struct ACROFixture: Decodable {
    let threshold: Int
    let cases: [ACROCase]
}

private let fixture: ACROFixture = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/acro/acro-tables.json")
    return try! JSONDecoder().decode(ACROFixture.self, from: Data(contentsOf: url))
}()

@Test(arguments: fixture.cases.map(\.name))
func everyCellACROWithholdsIsWithheld(_ name: String) {
    let c = fixture.cases.first { $0.name == name }!
    var ledger = CountLedger()
    let grid = ledger.grid(c.counts, rowLabels: c.rows, columnLabels: c.columns, title: c.name)
    let d = DisclosureGate(policy: DisclosurePolicy(threshold: fixture.threshold, suppressesZeros: true)).decide(ledger)
    for i in c.counts.indices {
        for j in c.counts[i].indices {
            let published = d.published(grid.cells[i][j])
            if c.acro_suppressed[i][j] {
                #expect(published.isSuppressed, "\(name) [\(c.rows[i]), \(c.columns[j])] = \(c.counts[i][j]): ACRO withholds it")
            } else if published.isSuppressed {
                #expect(published == .suppressed(.secondary), "\(name) [\(i), \(j)]: withheld beyond ACRO but not as a complement")
            }
        }
    }
}
