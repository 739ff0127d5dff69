import Foundation
import Testing
import TestSupport
@testable import ModelSpecs
import ModelCatalog
import Reporting

/// The demand-forecast spec on the real LA panel: CP and LAC forecasts for every LA and England, reconciled
/// (England's reconciled forecast equals the sum of the LAs' — coherence, relative 1e-9), with the backtest beside.
@Test func demandForecastSpecOnTheLAPanel() throws {
    let path = try #require(sharedLAPanelPath())
    let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let spec = try #require(Catalog.spec(named: "demand-forecast"))
    let run = try SpecRunner.run(spec, dataDirectory: dir, policy: DisclosurePolicy(isEnabled: false))
    let published = try DisclosureGate(policy: DisclosurePolicy(isEnabled: false)).publish(run.output)
    let names = published.tables.map(\.name)
    for m in ["at31_cpp", "at31_cla"] {
        for t in ["forecasts", "models", "history", "backtest"] { #expect(names.contains("\(m)-\(t)"), "\(m)-\(t)") }
        let table = try #require(published.tables.first { $0.name == "\(m)-forecasts" }?.table)
        let reconciledColumn = try #require(table.columns.firstIndex { $0.header == "reconciled" })
        func value(_ c: Cell) -> Double? { if case .number(let x, _) = c { x } else { nil } }
        for year in 2023...2027 {
            let rows = table.rows.filter { value($0[2]).map { abs($0 - Double(year)) < 1e-9 } ?? false }
            let england = try #require(rows.first { $0[0] == .text("England") }.flatMap { value($0[reconciledColumn]) })
            let las = rows.filter { $0[0] != .text("England") }.compactMap { value($0[reconciledColumn]) }
            #expect(las.count >= 130)   // 131 complete CP series, 149 LAC
            #expect(isClose(las.reduce(0, +), england, relative: 1e-9), "\(m) \(year)")
            #expect(las.allSatisfy { $0 >= 0 })
        }
    }
    #expect(published.figures.count == 2)
}
