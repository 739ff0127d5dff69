import Foundation
import Testing
import Reporting
import Tabular
@testable import CareData

/// The file-level pipeline on the CareHistories extract written to disk (episodes + header beside it).
@Test func pipelineReadsValidatesAndDerivesEveryKind() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caredata-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let episodes = dir.appendingPathComponent("episodes.csv").path
    try csvText(of: makeFrame([
        DataColumn(name: "CHILD", strings: ["A", "A", "E"]),
        DataColumn(name: "DECOM", strings: ["01/04/2015", "01/03/2016", "01/01/2018"]),
        DataColumn(name: "RNE", strings: ["S", "S", "S"]), DataColumn(name: "LS", strings: ["V2", "C2", "V2"]),
        DataColumn(name: "PLACE", strings: ["U6", "U4", "Q9"]),
        DataColumn(name: "DEC", strings: ["01/09/2015", "01/02/2017", nil]),
        DataColumn(name: "REC", strings: ["E4A", "E13", nil]),
    ])).write(toFile: episodes, atomically: true, encoding: .utf8)
    try "CHILD,SEX,DOB,ETHNIC\nA,1,01/01/2005,WBRI\nE,2,01/01/2012,MWBC\n"
        .write(toFile: dir.appendingPathComponent("header.csv").path, atomically: true, encoding: .utf8)
    let cin = dir.appendingPathComponent("cin.csv").path
    try "LA,LAchildID,CINreferralDate,ReferralNFA,CensusYear\n,A,2015-10-15,false,2016\n,A,2016-02-01,false,2016\n"
        .write(toFile: cin, atomically: true, encoding: .utf8)
    let proceedings = dir.appendingPathComponent("proceedings.csv").path
    try "CHILD,APPLICATION_DATE,FINAL_ORDER_DATE,ORDER_MADE\nA,2016-02-15,2016-08-01,CO\n"
        .write(toFile: proceedings, atomically: true, encoding: .utf8)
    let inputs = CareDataInputs(ssda903Path: episodes, cinPaths: [cin], proceedingsPath: proceedings)
    #expect(inputs.resolvedHeaderPath == dir.appendingPathComponent("header.csv").path)
    let v = try inputs.validate()
    // Only PLACE Q9 fails (kept); 2 header rows, 3 episodes, 2 CIN rows; the two CIN episodes do not overlap
    // (no closure date on the first → reported as overlapping).
    #expect(Set(v.issues.map(\.rule)) == [.invalidCode, .overlappingEpisodes])
    #expect(v.episodes.count == 3 && v.children.count == 2 && v.cinEpisodes.count == 2)
    // Censor date: no YEAR column, latest DECOM/DEC 01/01/2018 → 31 March of its collection year, 31/03/2018.
    let censor = 17_621 // days from 1970-01-01 to 2018-03-31 (Python: (date(2018,3,31)-date(1970,1,1)).days)
    #expect(PeriodsOfCare.defaultCensorDate(v.episodes)?.daysSinceEpoch == censor)
    var rows: [DerivedDataset: Int] = [:]
    for kind in DerivedDataset.allCases where !kind.needsOutcomes {
        let d = try inputs.derive(kind, options: DerivationOptions(window: .ages(fromMonths: 0, toMonths: 12)))
        rows[kind] = d.tables[0].1.rowCount
        #expect(d.flow.partitions.allSatisfy { $0.isBalanced }, "\(kind)")
        // Only the derivations that use the CIN census read it.
        #expect(d.flow.sources.contains { $0.source == "cin" } == kind.usesCIN, "\(kind)")
    }
    // periods: A×2, E×1. return-to-care: A's two exits (E4A, E13). intervention-level: A, E (both looked after).
    // sequences, ages 0–12 months: A born 2005, E born 2012 → 12 + 12 months. re-referrals: one LA-year (2016).
    // leaving-care: one row per period. la-counts: LA "" for years 2016–2018. proceedings: one application.
    // court-returns: that application's final order.
    #expect(rows == [.periods: 3, .returnToCare: 2, .interventionLevel: 2, .sequences: 24, .reReferrals: 1,
                     .leavingCare: 3, .laCounts: 3, .proceedings: 1, .courtReturns: 1])
    #expect(throws: CareDataError.self) { try CareDataInputs(cinPaths: [cin]).derive(.periods) }
}

/// CIN census years as separate files in a directory (as the synthetic generator writes them): the same
/// episode at row 0 of both files is one episode, kept from the 2017 file; the 2016 copy is reported with its file.
@Test func cinCensusYearsInSeparateFiles() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caredata-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let h = "LA,LAchildID,CINreferralDate,ReferralNFA,CINclosureDate,ReasonForClosure,CensusYear\n"
    let y2016 = dir.appendingPathComponent("cin_census_2016.csv").path
    let y2017 = dir.appendingPathComponent("cin_census_2017.csv").path
    try (h + "201,A,2016-01-10,false,,,2016\n").write(toFile: y2016, atomically: true, encoding: .utf8)
    try (h + "201,A,2016-01-10,false,2016-06-01,RC7,2017\n201,B,2016-05-01,true,2016-05-02,RC8,2017\n")
        .write(toFile: y2017, atomically: true, encoding: .utf8)
    let v = try CareDataInputs(cinPaths: [dir.path]).validate()
    #expect(v.issues.map(\.rule) == [.repeatedAcrossReturns])
    #expect(v.issues.first?.file == y2016 && v.issues.first?.row == 0)
    #expect(v.cinEpisodes.count == 2 && v.cinEpisodes.first { $0.child == "A" }?.censusYear == 2017)
    // 3 records read in LA 201, 1 of them superseded (and excluded): expected, so there is no "any rule" row.
    var ledger = CountLedger()
    let repeated = try #require(v.table(ledger: &ledger).rows.first { $0[1] == .plain(.text("repeated-across-returns")) })
    func value(_ c: ResultCell) -> Int? { if case .count(let id) = c { ledger.value(id) } else { nil } }
    #expect(value(repeated[3]) == 3 && value(repeated[4]) == 1 && value(repeated[6]) == 1)
    #expect(!v.table(ledger: &ledger).rows.contains { $0[1] == .plain(.text("any rule")) } && v.summary(ledger: &ledger).rows.isEmpty)
    #expect(try v.quarantine().texts("file") == [y2016])
    #expect(throws: CareDataError.self) { try CareDataInputs(cinPaths: [dir.appendingPathComponent("none").path]).validate() }
}
