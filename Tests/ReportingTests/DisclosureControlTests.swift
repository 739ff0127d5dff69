import Testing
import Foundation
import Reporting

// Every expected table below is worked by hand from the rule documented on DisclosureControl: primary suppression
// of counts 1...threshold-1 (margins included); then, scanning rows (top to bottom, totals row last) before columns
// (left to right, totals column last), any line with exactly one suppressed entry gets a complement: the smallest
// non-zero interior count of that line (zeros, then totals, only as fallbacks); then bridges of the
// suppressed-entry graph are closed. Exact integer comparisons (tolerance 0) except where stated.

private func shown(_ grid: [[PublishedCount]]) -> [[Int?]] { grid.map { $0.map(\.value) } }
private let s: Int? = nil   // a suppressed entry in the expected grids

@Test func oneWayTableGetsOneComplement() throws {
    // Counts 25, 4, 30, 12 (total 71). 4 < 10 is primary; the total would reveal it (71-25-30-12 = 4), so the
    // smallest other non-zero count, 12, is suppressed too. Total stays. Remaining: B + D = 71 - 55 = 16.
    let t = try DisclosureControl.protect(counts: [25, 4, 30, 12], labels: ["A", "B", "C", "D"])
    #expect(t.counts == [.shown(25), .suppressed(.primary), .shown(30), .suppressed(.secondary)])
    #expect(t.total == .shown(71))
    #expect(DisclosureAudit.audit(t).isEmpty)
    let intervals = DisclosureAudit.feasibleIntervals(t)
    #expect(intervals.map { [$0.column, Int($0.lowerBound), Int($0.upperBound)] } == [[1, 0, 16], [3, 0, 16]])
    let text = t.table(title: "Placements").render(as: .text)
    #expect(text == """
    Placements

    Category    n
    -------------
    A          25
    B         [c]
    C          30
    D         [c]
    Total      71

    Note: Counts below 10 suppressed; secondary suppression applied so suppressed values cannot be derived from totals. Suppressed counts shown as [c].

    """)
}

@Test func thresholdEdgeTenShownNineSuppressed() throws {
    let policy = DisclosurePolicy.standard
    #expect(policy.isPrimarySuppressed(10) == false)
    #expect(policy.isPrimarySuppressed(9) == true)
    #expect(policy.isPrimarySuppressed(1) == true)
    #expect(policy.isPrimarySuppressed(0) == false)   // true zeros shown by default
    // Without a total there is nothing to derive from, so no secondary suppression.
    let t = try DisclosureControl.protect(counts: [10, 9, 0, 11], labels: ["a", "b", "c", "d"], includeTotal: false)
    #expect(t.counts == [.shown(10), .suppressed(.primary), .shown(0), .shown(11)])
    #expect(t.total == nil)
    #expect(t.table(title: "").footnotes == ["Counts below 10 suppressed. Suppressed counts shown as [c]."])
}

@Test func zerosShownByDefaultAndNotUsedAsComplements() throws {
    // 0, 3, 20, 15 (total 38): 3 primary; complements avoid the zero (a zero complement would be pinned at 0 by
    // non-negativity) and take 15.
    let t = try DisclosureControl.protect(counts: [0, 3, 20, 15], labels: ["w", "x", "y", "z"])
    #expect(t.counts == [.shown(0), .suppressed(.primary), .shown(20), .suppressed(.secondary)])
    // With zeros suppressed, 0 and 3 are both primary and protect each other: no secondary needed.
    let z = try DisclosureControl.protect(counts: [0, 3, 20, 15], labels: ["w", "x", "y", "z"],
                                          policy: DisclosurePolicy(suppressesZeros: true))
    #expect(z.counts == [.suppressed(.primary), .suppressed(.primary), .shown(20), .shown(15)])
    #expect(z.table(title: "").footnotes[0].hasPrefix("Counts below 10 suppressed (zeros included);"))
    #expect(DisclosureAudit.audit(z).isEmpty)
}

@Test func roundingToBaseFive() throws {
    // Nearest multiple of 5: 22 -> 20, 23 -> 25, 12 -> 10, 13 -> 15, 10 -> 10, 0 -> 0.
    let p = DisclosurePolicy(roundingBase: 5)
    #expect([22, 23, 12, 13, 10, 0].map(p.published) == [20, 25, 10, 15, 10, 0])
    // 23, 4, 31, 12 (total 70): 4 primary, 12 complement; 23 -> 25, 31 -> 30, 70 -> 70.
    let t = try DisclosureControl.protect(counts: [23, 4, 31, 12], labels: ["a", "b", "c", "d"], policy: p)
    #expect(t.counts == [.shown(25), .suppressed(.primary), .shown(30), .suppressed(.secondary)])
    #expect(t.total == .shown(70))
    #expect(t.table(title: "").footnotes == ["Counts below 10 suppressed; secondary suppression applied so suppressed values cannot be derived from totals. Other counts rounded to the nearest 5. Suppressed counts shown as [c]."])
    // Rounded margins widen what can be inferred: b + d lies in [70-2.5-(25+2.5)-(30+2.5), 72.5-22.5-27.5] =
    // [7.5, 22.5], so each of b, d is in [0, 22.5] (tolerance 1e-9).
    for interval in DisclosureAudit.feasibleIntervals(t) {
        #expect(interval.lowerBound == 0 && abs(interval.upperBound - 22.5) < 1e-9)
    }
    #expect(DisclosureAudit.audit(t).isEmpty)
}

@Test func twoWaySingleSuppressedCellsInRowsGetComplements() throws {
    //        C1  C2   C3 | Tot       R1 has only 4 suppressed -> add 12 (smallest non-zero in R1).
    // R1      4  12   40 |  56       R2 has only 6 suppressed -> add 20. Columns C1 {4,6}, C2 {12,20}: two each.
    // R2      6  20   30 |  56
    // R3     25  18   33 |  76
    // Tot    35  50  103 | 188
    let t = try DisclosureControl.protect(counts: [[4, 12, 40], [6, 20, 30], [25, 18, 33]],
                                          rowLabels: ["R1", "R2", "R3"], columnLabels: ["C1", "C2", "C3"])
    #expect(shown(t.augmentedGrid) == [[s, s, 40, 56], [s, s, 30, 56], [25, 18, 33, 76], [35, 50, 103, 188]])
    #expect(t.cells[0][1] == .suppressed(.secondary) && t.cells[0][0] == .suppressed(.primary))
    #expect(DisclosureAudit.audit(t).isEmpty)
}

@Test func twoWaySecondaryCascadesThroughColumns() throws {
    //        C1  C2  C3 | Tot
    // R1     20  30   5 |  55    5 primary. R1 needs a complement: 20 (R1,C1).
    // R2     40  15  25 |  80    C1 then has one: smallest of 40, 35 -> 35 (R3,C1). R3 then has one: 45 (R3,C2).
    // R3     35  45  50 | 130    C2 then has one: smallest of 30, 15 -> 15 (R2,C2). R2 then has one: 25 (R2,C3).
    // Tot    95  90  80 | 265    Now every row and column has 0 or 2; the six cells form one cycle.
    let counts = [[20, 30, 5], [40, 15, 25], [35, 45, 50]]
    let t = try DisclosureControl.protect(counts: counts, rowLabels: ["R1", "R2", "R3"], columnLabels: ["C1", "C2", "C3"])
    #expect(shown(t.augmentedGrid) == [[s, 30, s, 55], [40, s, s, 80], [s, s, 50, 130], [95, 90, 80, 265]])
    #expect(t.suppressedCount == 6)
    #expect(DisclosureAudit.audit(t).isEmpty)
    let text = t.table(title: "Cascade", rowHeader: "Region").render(as: .text)
    #expect(text == """
    Cascade

    Region   C1   C2   C3  Total
    ----------------------------
    R1      [c]   30  [c]     55
    R2       40  [c]  [c]     80
    R3      [c]  [c]   50    130
    Total    95   90   80    265

    Note: Counts below 10 suppressed; secondary suppression applied so suppressed values cannot be derived from totals. Suppressed counts shown as [c].

    """)
}

@Test func smallTotalsAreSuppressedAndTheTotalsColumnProtected() throws {
    //        C1  C2  C3 | Tot
    // R1      2   3   1 |   6    Primary: 2, 3, 1 and the row total 6 (R1 then has four, fine).
    // R2     30  20  25 |  75    Rows R2, R3, totals row: none. C1 has one (2): smallest of 30, 15 -> 15 (R3,C1).
    // R3     15  40  12 |  67    Rescan rows: R3 has one -> smallest of 40, 12 -> 12 (R3,C3).
    // Tot    47  63  38 | 148    C2 has one (3): smallest of 20, 40 -> 20 (R2,C2). R2 has one -> 25 (R2,C3).
    //                            C3 now has three. Totals column has one (6): row totals 75, 67 before the grand
    //                            total -> 67 (R3 total). R3 then has three; no line has one; no bridge.
    let t = try DisclosureControl.protect(counts: [[2, 3, 1], [30, 20, 25], [15, 40, 12]],
                                          rowLabels: ["R1", "R2", "R3"], columnLabels: ["C1", "C2", "C3"])
    #expect(shown(t.augmentedGrid) == [[s, s, s, s], [30, s, s, 75], [s, 40, s, s], [47, 63, 38, 148]])
    #expect(t.rowTotals[0] == .suppressed(.primary) && t.rowTotals[2] == .suppressed(.secondary))
    #expect(DisclosureAudit.audit(t).isEmpty)
}

@Test func bridgeBetweenTwoBlocksIsClosed() throws {
    //       C0  C1  C2  C3 | Tot   Primary: the 2x2 blocks {R0,R1}x{C0,C1} and {R2,R3}x{C2,C3} and (R0,C2) = 4.
    // R0     2   3   4  50 |  59   Every line has 0, 2 or 3 suppressed, yet (R0,C2) is fixed by the margins:
    // R1     5   6  30  11 |  52   (R0 + R1 suppressed sums) - (C0 + C1 suppressed sums) = (9 + 11) - (7 + 9) = 4.
    // R2    40  45   7   8 | 100   Closing the bridge: smallest non-suppressed cell joining {R0,R1,C0,C1} to
    // R3    35  60   9   1 | 105   {R2,R3,C2,C3}: candidates 50, 30, 11, 40, 45, 35, 60 -> 11 (R1,C3).
    // Tot   82 114  50  70 | 316
    let counts = [[2, 3, 4, 50], [5, 6, 30, 11], [40, 45, 7, 8], [35, 60, 9, 1]]
    let labels = ["0", "1", "2", "3"]
    let t = try DisclosureControl.protect(counts: counts, rowLabels: labels, columnLabels: labels)
    #expect(shown(t.augmentedGrid) == [[s, s, s, 50, 59], [s, s, 30, s, 52], [40, 45, s, s, 100], [35, 60, s, s, 105],
                                       [82, 114, 50, 70, 316]])
    #expect(t.cells[1][3] == .suppressed(.secondary))
    #expect(DisclosureAudit.audit(t).isEmpty)

    // The primary pattern alone: no line has a single suppressed entry, but the audit finds the bridge.
    // Propagated bounds for (R0,C2): row R0 gives 59 - 50 = 9 shared by three cells -> [0, 9]; column C2 gives
    // 50 - 30 = 20 shared with (R2,C2) >= 6 and (R3,C2) >= 1 -> at most 13; so [0, 9].
    var primaryOnly = t
    primaryOnly.cells[1][3] = .shown(11)
    let findings = DisclosureAudit.audit(primaryOnly)
    #expect(findings.count == 1)
    #expect(findings.first?.reason == .fixedByMargins)
    #expect(findings.first.map { [$0.row, $0.column] } == [0, 2])
    #expect(findings.first.map { [$0.interval.lowerBound, $0.interval.upperBound] } == [0, 9])
}

@Test func auditFlagsASingleSuppressedCellInARow() {
    // The cascade table above with only primary suppression published: R1 reads 20, 30, [c], total 55, so the
    // suppressed cell is 55 - 20 - 30 = 5 (and column C3 gives 80 - 25 - 50 = 5).
    let t = ProtectedCrossTable(
        rowLabels: ["R1", "R2", "R3"], columnLabels: ["C1", "C2", "C3"],
        cells: [[.shown(20), .shown(30), .suppressed(.primary)], [.shown(40), .shown(15), .shown(25)],
                [.shown(35), .shown(45), .shown(50)]],
        rowTotals: [.shown(55), .shown(80), .shown(130)], columnTotals: [.shown(95), .shown(90), .shown(80)],
        grandTotal: .shown(265), policy: .standard)
    let findings = DisclosureAudit.audit(t)
    #expect(findings.count == 1)
    #expect(findings.first?.reason == .onlySuppressedEntryInLine)
    #expect(findings.first.map { [$0.row, $0.column] } == [0, 2])
    #expect(findings.first.map { [$0.interval.lowerBound, $0.interval.upperBound] } == [5, 5])
}

@Test func auditFlagsValuesPinnedByNonNegativity() {
    //        C1  C2  C3 | Tot   Four suppressed cells, two per line, but R1's suppressed cells add up to
    // R1    [0] [0]  12 |  12   12 - 12 = 0, so both are 0; then C1 gives 35 - 30 - 0 = 5 and C2 47 - 40 - 0 = 7.
    // R2    [5] [7]  20 |  32
    // R3     30  40  50 | 120
    // Tot    35  47  82 | 164
    let t = ProtectedCrossTable(
        rowLabels: ["R1", "R2", "R3"], columnLabels: ["C1", "C2", "C3"],
        cells: [[.suppressed(.primary), .suppressed(.secondary), .shown(12)],
                [.suppressed(.primary), .suppressed(.primary), .shown(20)], [.shown(30), .shown(40), .shown(50)]],
        rowTotals: [.shown(12), .shown(32), .shown(120)], columnTotals: [.shown(35), .shown(47), .shown(82)],
        grandTotal: .shown(164), policy: .standard)
    let findings = DisclosureAudit.audit(t)
    #expect(findings.map(\.reason) == Array(repeating: .intervalIsSinglePoint, count: 4))
    #expect(findings.map { $0.interval.lowerBound } == [0, 0, 5, 7])
    #expect(findings.map { $0.interval.upperBound } == [0, 0, 5, 7])
}

@Test func disabledPolicyShowsEverythingAndSaysSo() throws {
    let t = try DisclosureControl.protect(counts: [[1, 2], [3, 40]], rowLabels: ["a", "b"], columnLabels: ["x", "y"],
                                          policy: .disabled)
    #expect(shown(t.augmentedGrid) == [[1, 2, 3], [3, 40, 43], [4, 42, 46]])
    #expect(t.table(title: "").footnotes == ["Disclosure control OFF: not for release."])
}

@Test func suppressedCellsRenderInEveryFormat() throws {
    let t = try DisclosureControl.protect(counts: [25, 4, 30, 12], labels: ["A", "B", "C", "D"],
                                          policy: DisclosurePolicy(marker: "*"))
    let table = t.table(title: "T")
    #expect(table.render(as: .csv) == "Category,n\nA,25\nB,*\nC,30\nD,*\nTotal,71\n")
    #expect(table.render(as: .markdown).contains("| B | * |"))
    let json = try JSONSerialization.jsonObject(with: Data(table.render(as: .json).utf8)) as? [String: Any]
    let rows = json?["rows"] as? [[String: Any]]
    #expect(rows?[1]["n"] is NSNull)
    let flags = json?["suppressed"] as? [[String: Any]]
    #expect(flags?.count == 2)
    #expect(flags?.first?["row"] as? Int == 1 && flags?.first?["column"] as? String == "n")
}

@Test func badInputThrows() {
    #expect(throws: DisclosureError.negativeCount(row: 1, column: 0)) {
        try DisclosureControl.protect(counts: [1, -1], labels: ["a", "b"])
    }
    #expect(throws: DisclosureError.raggedOrEmpty) {
        try DisclosureControl.protect(counts: [[1, 2], [3]], rowLabels: ["a", "b"], columnLabels: ["x", "y"])
    }
    #expect(throws: DisclosureError.labelCountMismatch(expected: 2, got: 1)) {
        try DisclosureControl.protect(counts: [[1, 2]], rowLabels: ["a"], columnLabels: ["x"])
    }
}

@Test func protectedRandomTablesPassTheStructuralAudit() throws {
    // Property check (no reference values): for 300 pseudo-random 4 x 5 tables mixing small and large counts
    // (zeros included), no protected table has a line with a single suppressed entry or a suppressed entry fixed
    // by the margins. A 64-bit linear congruential generator (Knuth's MMIX constants) keeps the tables fixed.
    var state: UInt64 = 20_240_601
    func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
    var structural = 0, pinned = 0, suppressedTotal = 0
    for _ in 0..<300 {
        let counts = (0..<4).map { _ in (0..<5).map { _ in next(3) == 0 ? next(10) : 10 + next(60) } }
        let t = try DisclosureControl.protect(counts: counts, rowLabels: ["a", "b", "c", "d"],
                                              columnLabels: ["1", "2", "3", "4", "5"])
        suppressedTotal += t.suppressedCount
        for finding in DisclosureAudit.audit(t) {
            if finding.reason == .intervalIsSinglePoint { pinned += 1 } else { structural += 1 }
        }
    }
    #expect(structural == 0)
    #expect(suppressedTotal > 300)   // the tables do exercise suppression
    #expect(pinned == 0)
}
