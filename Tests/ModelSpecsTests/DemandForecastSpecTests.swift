import Foundation
import Testing
import TestSupport
@testable import ModelSpecs
import ModelCatalog
import Reporting
import Forecasting

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
            // LAs are the rows named by an ONS code (regions and England are named in words).
            let las = rows.filter { if case .text(let n) = $0[0] { n.hasPrefix("E0") || n.hasPrefix("E1") } else { false } }
                .compactMap { value($0[reconciledColumn]) }
            #expect(las.count >= 130)   // 131 complete CP series, 149 LAC
            #expect(isClose(las.reduce(0, +), england, relative: 1e-9), "\(m) \(year)")
            #expect(las.allSatisfy { $0 >= 0 })
        }
    }
    #expect(published.figures.count == 5)   // per measure: every series, and the regions with England; the CP fan chart
    // The child-protection stock-flow part on the synthetic CIN census: projection five years out, with its backtest.
    for t in ["cp-inputs", "cp-rates", "cp-projection", "cp-backtest"] { #expect(names.contains(t), "\(t)") }
    let cp = try #require(published.tables.first { $0.name == "cp-projection" }?.table)
    #expect(cp.rows.count == 5 * 3)   // years 1-5 × total, CIN, CPP
}

/// LA → region → England on the real panel: each region's reconciled forecast is the sum of its LAs' (relative
/// 1e-9), the nine regions sum to England, and every LA of the panel is either under a region or named in a note
/// (the panel's 151 LA codes include the 2019–2020 successor codes E06000058–60, which the DfE 2019 list lacks).
@Test func demandForecastReconcilesLAsToRegionsAndEngland() throws {
    let path = try #require(sharedLAPanelPath())
    let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let spec = try #require(Catalog.spec(named: "demand-forecast"))
    let run = try SpecRunner.run(spec, dataDirectory: dir, policy: DisclosurePolicy(isEnabled: false))
    let published = try DisclosureGate(policy: DisclosurePolicy(isEnabled: false)).publish(run.output)
    let regions = ["North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
                   "East of England", "London", "South East", "South West"]
    func value(_ c: Cell) -> Double? { if case .number(let x, _) = c { x } else { nil } }
    func text(_ c: Cell) -> String? { if case .text(let x) = c { x } else { nil } }
    let notes = published.tables.flatMap(\.table.footnotes).joined(separator: " ")
    for m in ["at31_cpp", "at31_cla"] {
        let table = try #require(published.tables.first { $0.name == "\(m)-forecasts" }?.table)
        let rc = try #require(table.columns.firstIndex { $0.header == "reconciled" })
        let names = Set(table.rows.compactMap { text($0[0]) })
        for r in regions { #expect(names.contains(r), "\(m): no forecast for \(r)") }
        let las = names.filter { $0.hasPrefix("E0") || $0.hasPrefix("E1") }
        for la in las where EnglandRegions.region(of: la) == nil { #expect(notes.contains(la), "\(m): \(la) unaccounted") }
        let year = 2027.0
        let rows = table.rows.filter { value($0[2]).map { abs($0 - year) < 1e-9 } ?? false }
        func rec(_ n: String) -> Double? { rows.first { text($0[0]) == n }.flatMap { value($0[rc]) } }
        var regionSum = 0.0
        for r in regions {
            let total = try #require(rec(r))
            let parts = las.filter { EnglandRegions.region(of: $0)?.name == r }.compactMap(rec)
            #expect(!parts.isEmpty)
            #expect(isClose(parts.reduce(0, +), total, relative: 1e-9), "\(m) \(r)")
            regionSum += total
        }
        #expect(isClose(regionSum, try #require(rec("England")), relative: 1e-9), "\(m) regions vs England")
        // Every LA with no reconciled value is named in a note (missing year or not placed).
        for la in las where rec(la) == nil { #expect(notes.contains(la), "\(m): \(la) outside the sums but not named") }
    }
    #expect(published.figures.contains { $0.name == "at31_cla-aggregates-forecast" })
}
