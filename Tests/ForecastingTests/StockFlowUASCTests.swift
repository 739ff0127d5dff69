import CareData
import Foundation
import Reporting
import Testing
@testable import Forecasting

/// UASC entrants from the SSDA903 UASC table (`SSDA903UASCReader`, ``StockFlowUASCSource``): the reader's errors
/// name the file, line, column and value; entrants are marked UASC from the table (not the proxy) by the date
/// each child ceased to be UASC; the output states the source; and the new count (table children without a
/// period) goes through the disclosure gate.
@Suite struct StockFlowUASCTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/uasc/ssda903_uasc.csv").path
    static let d = StockFlowTests.date

    static func expectError(_ text: String, contains parts: [String]) {
        do {
            _ = try SSDA903UASCReader.parse(text, source: "uasc.csv")
            Issue.record("no error for \(text)")
        } catch {
            for p in parts { #expect(error.description.contains(p), "\(error.description) lacks \(p)") }
        }
    }

    @Test func readerErrorsNameFileLineColumnAndValue() {
        Self.expectError("CHILD,SEX,DOB,DUC\nB,1,01/03/2004,01/03/2022\nC,1,10/05/2006,31/02/2021\n",
                         contains: ["uasc.csv", "line 3", "DUC", "31/02/2021"])
        Self.expectError("CHILD,SEX,DOB,DUC\nB,1,1st March,01/03/2022\n", contains: ["uasc.csv", "line 2", "DOB", "1st March"])
        Self.expectError("CHILD,SEX,DOB,DUC\n,1,01/03/2004,01/03/2022\n", contains: ["uasc.csv", "line 2", "CHILD", "blank"])
        Self.expectError("CHILD,SEX,DOB\nB,1,01/03/2004\n", contains: ["uasc.csv", "DUC"])
        Self.expectError("CHILD,SEX,DOB,DUC\nB,1,01/03/2004\n", contains: ["uasc.csv", "line 2", "3 fields"])
        Self.expectError("CHILD,SEX,DOB,DUC\nB,1,01/03/2004,01/03/2022\nB,1,01/03/2004,01/04/2022\n",
                         contains: ["uasc.csv", "line 3", "CHILD", "\"B\"", "line 2"])
        Self.expectError("CHILD,SEX,DOB,DUC\n\"B,1,01/03/2004,01/03/2022\n", contains: ["uasc.csv", "line 2", "unterminated quote"])
        #expect(throws: CareDataError.self) { try SSDA903UASCReader.read(path: "/nonexistent/uasc.csv") }
    }

    @Test func readsTheFixture() throws {
        let records = try SSDA903UASCReader.read(path: Self.fixture)
        #expect(records.map(\.child) == ["B", "C", "D", "Z"])
        #expect(records[0].ceased == Self.d(2022, 3, 1) && records[0].dob == Self.d(2004, 3, 1) && records[0].line == 2)
        #expect(records[2].ceased == nil)
        #expect(records.allSatisfy { $0.la.isEmpty })
        // A quoted field and a repeated identical row are accepted.
        let quoted = try SSDA903UASCReader.parse("LA,CHILD,SEX,DOB,DUC\nE1,\"B\",1,01/03/2004,01/03/2022\nE1,B,1,01/03/2004,01/03/2022\n", source: "q")
        #expect(quoted.count == 1 && quoted[0].la == "E1" && quoted[0].child == "B")
    }

    /// Hand-built periods: B (born 2004-03-01) enters 2021-07-01 at 17, listed, DUC 2022-03-01 → UASC; C (born
    /// 2006-05-10) enters 2021-09-01 at 15 under V2/N8 (the proxy would count it) but ceased to be UASC on
    /// 2021-06-01 → not UASC; D (born 2007-02-02) enters 2021-10-01 at 14 under C2/N1, listed without DUC → UASC;
    /// E (born 2008-01-01) enters 2021-08-01 under V2/N8 at 13, not listed → not UASC with the table, UASC by the
    /// proxy. Window 2021-01-01 to 2022-03-31.
    @Test func tableMarksEntrantsInsteadOfTheProxy() throws {
        let d = Self.d
        let episodes = [
            StockFlowTests.episode("B", d(2021, 7, 1), nil, place: "K3", ls: "V2", cin: "N8"),
            StockFlowTests.episode("C", d(2021, 9, 1), nil, place: "U4", ls: "V2", cin: "N8"),
            StockFlowTests.episode("D", d(2021, 10, 1), nil, place: "U4"),
            StockFlowTests.episode("E", d(2021, 8, 1), nil, place: "U4", ls: "V2", cin: "N8"),
        ]
        let periods = PeriodsOfCare.build(episodes)
        let dobs = [ChildKey(la: "E1", child: "B"): d(2004, 3, 1), ChildKey(la: "E1", child: "C"): d(2006, 5, 10),
                    ChildKey(la: "E1", child: "D"): d(2007, 2, 2), ChildKey(la: "E1", child: "E"): d(2008, 1, 1)]
        let table = StockFlowUASCSource.table(try SSDA903UASCReader.read(path: Self.fixture))
        let o = StockFlowObservations.build(periods: periods, birthDates: dobs, start: d(2021, 1, 1), origin: d(2022, 3, 31), uasc: table)
        #expect(o.uascSource == .table)
        #expect(o.uascEntrants == [0, 0, 0, 1, 1]) // D at 14, B at 17
        #expect(o.entrants == [0, 0, 0, 2, 0])     // C at 15, E at 13
        #expect(table.unmatched(in: periods) == 1) // Z
        let proxy = StockFlowObservations.build(periods: periods, birthDates: dobs, start: d(2021, 1, 1), origin: d(2022, 3, 31))
        #expect(proxy.uascSource == .proxy)
        #expect(proxy.uascEntrants == [0, 0, 0, 2, 1]) // C and E at 10-15, B at 17
        // With an LA column, children match on (LA, CHILD).
        let other = StockFlowUASCSource.table([SSDA903UASCRecord(line: 2, la: "E2", child: "B", dob: nil, ceased: nil)])
        let o2 = StockFlowObservations.build(periods: periods, birthDates: dobs, start: d(2021, 1, 1), origin: d(2022, 3, 31), uasc: other)
        #expect(o2.uascEntrants == [0, 0, 0, 0, 0])
        #expect(other.unmatched(in: periods) == 1)
    }

    /// The output states the source, and the UASC inflow is projected apart: a uasc:+100% scenario raises the
    /// projection only through UASC entrants (with no ordinary entrants and no UASC ones it changes nothing).
    @Test func outputStatesTheSourceAndTheUnmatchedCountIsGated() throws {
        let (h, posterior) = try StockFlowTests.simulatedPosterior()
        var o = h.observations
        o.uascSource = .table
        let spec = StockFlowProjectionSpec(horizonMonths: 12, paths: 50, seed: 1)
        let paths = try StockFlowProjection.run(posterior, spec: spec)
        var result = StockFlowDemandResult(origin: Self.d(2024, 3, 31), windowStart: Self.d(2021, 3, 31), observations: o,
                                           posterior: posterior, spec: spec, baseline: paths, history: [], population: "test")
        result.uascTableUnmatched = 3
        // Attack: 3 children in the table without a period must not be shown under a threshold of 10.
        let published = try DisclosureGate(policy: DisclosurePolicy(threshold: 10)).publish(result.output())
        let inputs = try #require(published.tables.first { $0.name == "demand-inputs" }?.table)
        let text = String(describing: inputs.rows) + inputs.footnotes.joined(separator: "\n") + String(describing: published.json)
        #expect(text.contains("SSDA903 UASC table"))
        #expect(!text.contains("3 children listed in the UASC table"), "the small count is shown: \(text)")
        // Above the threshold it is shown.
        result.uascTableUnmatched = 25
        let shown = try DisclosureGate(policy: DisclosurePolicy(threshold: 10)).publish(result.output())
        let shownInputs = try #require(shown.tables.first { $0.name == "demand-inputs" }?.table)
        let shownText = shownInputs.footnotes.joined(separator: "\n")
        #expect(shownText.contains("25 children listed in the UASC table"))
    }

    /// UASC as its own inflow: with ordinary entrants switched off, uasc:+100% doubles the projected entrants
    /// (the mean stock gain over 12 months from an empty start, 5% tolerance for 2,000 paths); entry:+100% does the
    /// same (it scales both inflows), and uasc:+100% with no UASC entrants changes nothing.
    @Test func uascIsItsOwnInflow() throws {
        var o = StockFlowObservations(months: 36)
        o.uascEntrants = [0, 0, 0, 360, 720] // 10 and 20 a month
        o.entryPlacements = Array(repeating: 1, count: StockFlowStates.count)
        let posterior = try StockFlowPosterior(o)
        func mean(_ scenario: StockFlowScenario, _ p: StockFlowPosterior) throws -> Double {
            let r = try StockFlowProjection.run(p, scenario: scenario, spec: StockFlowProjectionSpec(horizonMonths: 12, paths: 2000, seed: 3,
                                                                                                     threads: 2, parameterUncertainty: false))
            return r.summary(.total, month: 12).mean
        }
        let base = try mean(.baseline, posterior)
        let doubled = try mean(StockFlowScenario(name: "u", changes: [.uascEntries(1)]), posterior)
        #expect(abs(doubled / base - 2) < 0.05 * 2, "base \(base), doubled \(doubled)")
        var ordinaryOnly = o
        ordinaryOnly.entrants = ordinaryOnly.uascEntrants
        ordinaryOnly.uascEntrants = [0, 0, 0, 0, 0]
        let p2 = try StockFlowPosterior(ordinaryOnly)
        let same = try mean(StockFlowScenario(name: "u", changes: [.uascEntries(1)]), p2)
        let same0 = try mean(.baseline, p2)
        #expect(abs(same - same0) < 1e-9 * max(1, same0))
    }
}
