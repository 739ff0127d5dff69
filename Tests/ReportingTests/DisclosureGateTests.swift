import Testing
import Foundation
import Reporting

// The disclosure gate's decisions, each test written as the attack on an output (issue 10): the published values
// and the run's relations are handed to an attacker (`Attacker`, a brute-force search over every integer value a
// withheld count could take), which must not pin any withheld count to one value. Counts and decisions are exact
// integers (tolerance 0); every expected decision is worked by hand in the comment above it.

/// Brute-force attacker: knows every published (exact) count, every relation of the ledger, that counts are
/// non-negative, that a withheld count is at least 1 where a zero would have been shown (or it is a listed level),
/// and a bound on every count (`maximum`). Finds, for each withheld count, whether its value is determined.
struct Attacker {
    let ledger: CountLedger
    let decisions: CountDecisions
    var maximum = 60

    /// The withheld counts whose value the attacker can pin down (should be empty).
    func determined() -> [CountID] {
        let ids = (0..<ledger.entries.count).map(CountID.init)
        let withheld = ids.filter { decisions.published($0).isSuppressed }
        var constraints: [(total: CountID, parts: [CountID])] = ledger.relations.map { ($0.total, $0.parts) }
        for g in ledger.grids {
            for (i, row) in g.cells.enumerated() { constraints.append((g.rowTotals[i], row)) }
            for j in g.columnTotals.indices { constraints.append((g.columnTotals[j], g.cells.map { $0[j] })) }
            constraints.append((g.grandTotal, g.rowTotals))
        }
        let policy = decisions.policy
        func lower(_ id: CountID) -> Int {
            (ledger.entries[id.index].isListedLevel || !policy.suppressesZeros) ? 1 : 0
        }
        var values: [Int?] = ids.map { decisions.published($0).value }
        var seen: [Set<Int>] = Array(repeating: [], count: ids.count)
        func consistent() -> Bool {
            for c in constraints {
                let parts = c.parts.map { values[$0.index] }
                guard let total = values[c.total.index] else {
                    if !parts.contains(where: { $0 == nil }) { continue }
                    continue
                }
                let known = parts.compactMap { $0 }.reduce(0, +)
                if known > total { return false }
                if !parts.contains(where: { $0 == nil }) && known != total { return false }
            }
            return true
        }
        func search(_ k: Int) {
            if k == withheld.count {
                for id in withheld { seen[id.index].insert(values[id.index]!) }
                return
            }
            let id = withheld[k]
            for v in lower(id)...maximum {
                values[id.index] = v
                if consistent() { search(k + 1) }
            }
            values[id.index] = nil
        }
        search(0)
        return withheld.filter { seen[$0.index].count <= 1 }
    }
}

@Test func listedLevelsCannotBeOnes() {
    // describe's A 30, B 1, C 1, Total 32: B and C are primary; the total line has two withheld entries, but as
    // listed levels each is ≥ 1 and they add up to 32 − 30 = 2, so both are 1. The gate withholds A as well.
    var ledger = CountLedger()
    let total = ledger.count(32, role: .records, label: "rows")
    let a = ledger.count(30, role: .levelRows, label: "A", listed: true)
    let b = ledger.count(1, role: .levelRows, label: "B", listed: true)
    let c = ledger.count(1, role: .levelRows, label: "C", listed: true)
    ledger.relate(total: total, parts: [a, b, c])
    let d = DisclosureGate(policy: .standard).decide(ledger)
    #expect(d.published(a) == .suppressed(.secondary))
    #expect(d.published(b) == .suppressed(.primary))
    #expect(d.published(c) == .suppressed(.primary))
    #expect(d.published(total) == .shown(32))
    #expect(Attacker(ledger: ledger, decisions: d).determined().isEmpty)
}

@Test func differencingAcrossTablesOfOneRun() throws {
    // A model's table shows its events (50); another table of the same run shows events by group (45, 5). The
    // relation events = Σ groups is in the ledger, so the gate withholds 5 (primary) and 45 (secondary): 50 − 45
    // would give 5 back.
    var run = RunOutput(population: "test")
    let events = run.ledger.count(50, role: .events, label: "events")
    let g1 = run.ledger.count(45, role: .events, label: "events in group 1")
    let g2 = run.ledger.count(5, role: .events, label: "events in group 2")
    run.ledger.relate(total: events, parts: [g1, g2])
    run.add(ResultTable(name: "model", title: "Model", columns: [Column("events")], rows: [[.count(events)]]))
    run.add(ResultTable(name: "groups", title: "Groups", columns: [Column("group", alignment: .left), Column("events")],
                        rows: [["1", .count(g1)], ["2", .count(g2)]]))
    let published = try DisclosureGate(policy: .standard).publish(run)
    let text = published.tables.map { $0.table.render(as: .text) }.joined()
    #expect(text.contains("50"))
    #expect(!text.contains("45"))
    #expect(!text.contains(" 5\n"))
    #expect(Attacker(ledger: run.ledger, decisions: published.decisions).determined().isEmpty)
    // The output-checking record names both withheld cells with their rules.
    let record = published.record.json.serialized()
    #expect(record.contains("\"rule\":\"primary\""))
    #expect(record.contains("\"rule\":\"secondary\""))
    #expect(record.contains("events in group 2"))
}

@Test func cascadeAcrossRelationsSharingACount() {
    // Two partitions of the same 40 people: by sex (20, 20) and by group (36, 4). 4 is primary; its complement in
    // the group line is 36. The sex line has no withheld entry and stays. The attacker cannot pin 4 or 36.
    var ledger = CountLedger()
    let n = ledger.count(40, role: .rowsUsed, label: "n")
    let f = ledger.count(20, role: .levelRows, label: "female")
    let m = ledger.count(20, role: .levelRows, label: "male")
    let g1 = ledger.count(36, role: .levelRows, label: "g1")
    let g2 = ledger.count(4, role: .levelRows, label: "g2")
    ledger.relate(total: n, parts: [f, m])
    ledger.relate(total: n, parts: [g1, g2])
    let d = DisclosureGate(policy: .standard).decide(ledger)
    #expect(d.published(g2) == .suppressed(.primary))
    #expect(d.published(g1) == .suppressed(.secondary))
    #expect(d.published(f) == .shown(20) && d.published(n) == .shown(40))
    #expect(Attacker(ledger: ledger, decisions: d).determined().isEmpty)
}

@Test func gridWithMarginsResistsTheAttacker() {
    // A 3×2 cross-tabulation with margins; cell (0,0) = 3 is primary. DisclosureControl's rule then withholds a
    // rectangle of complements; the attacker, knowing all margins, cannot pin any withheld cell.
    var ledger = CountLedger()
    let g = ledger.grid([[3, 12], [15, 14], [11, 20]], rowLabels: ["a", "b", "c"], columnLabels: ["x", "y"], title: "t")
    let d = DisclosureGate(policy: .standard).decide(ledger)
    #expect(d.published(g.cells[0][0]) == .suppressed(.primary))
    let withheld = g.cells.flatMap { $0 }.filter { d.published($0).isSuppressed }
    #expect(withheld.count >= 4)
    #expect(Attacker(ledger: ledger, decisions: d, maximum: 40).determined().isEmpty)
}

@Test func statisticsThatRevealNAreWithheldWithIt() {
    // n = 7 rows: n is withheld, so BIC = −2ℓ + k·log n and the residual df n − p (which give n back) are withheld
    // too; the log-likelihood reveals nothing and stays.
    var ledger = CountLedger()
    let n = ledger.count(7, role: .rowsUsed, label: "n")
    let d = DisclosureGate(policy: .standard).decide(ledger)
    #expect(d.resolve(.revealing(.number(21.3), reveals: [n])) == .suppressed(marker: "[c]"))
    #expect(d.resolve(.plain(.number(-8.2))) == .number(-8.2))
    // Rounded (n = 123 → 125 with base 5) is not exact either: BIC would give 123 back.
    var big = CountLedger()
    let n2 = big.count(123, role: .rowsUsed, label: "n")
    let rounded = DisclosureGate(policy: DisclosurePolicy(roundingBase: 5)).decide(big)
    #expect(rounded.published(n2) == .shown(125))
    #expect(rounded.resolve(.revealing(.integer(120), reveals: [n2])) == .suppressed(marker: "[c]"))
    // With control off, everything is shown exactly and the table says it is not for release.
    let off = DisclosureGate(policy: .disabled).decide(ledger)
    #expect(off.published(n) == .shown(7))
    let t = off.table(ResultTable(name: "t", title: "t", columns: [Column("n")], rows: [[.count(n)]]))
    #expect(t.footnotes.contains("Disclosure control OFF: not for release."))
}

@Test func fitSummaryWithheldBelowMinimumResidualDF() throws {
    // A model with n = 12 and 5 coefficients has residual df 7 < 10: ACRO's safe_dof_threshold fails it, so every
    // estimate is withheld in text and JSON, and the record says why.
    var ledger = CountLedger()
    let n = ledger.count(12, role: .rowsUsed, label: "rows used")
    let table = CoefficientTable.wald(terms: ["(Intercept)", "x"], estimates: [0.5, 1.2], standardErrors: [0.3, 0.4],
                                      distribution: .normal)
    let s = FitSummary(model: "glm", title: "m", formula: "y ~ x", ledger: ledger, n: n, coefficients: table,
                       residualDF: 7, statistics: [.number("loglik", "log-likelihood", -5), .number("bic", "BIC", 15, reveals: [n])],
                       convergence: FitConvergence(method: "IRLS", converged: true, iterations: 4))
    var run = RunOutput(population: "test")
    run.add(s)
    let published = try DisclosureGate(policy: .standard).publish(run)
    let json = published.json.serialized()
    #expect(json.contains("\"estimate\":null"))
    #expect(!json.contains("1.2"))
    #expect(json.contains("\"n\":12"))
    #expect(json.contains("\"bic\":15"))   // n = 12 is shown exactly, so BIC may be shown
    let text = published.tables[0].table.render(as: .text)
    #expect(text.contains("Estimates withheld"))
    #expect(published.record.json.serialized().contains("model-withheld"))
}

@Test func waldTableAgainstClosedForm() {
    // β = 1.2, SE = 0.4: z = 3, p = 2Φ(−3) = 0.0026997960632601866 (R: 2*pnorm(-3)), 95% CI 1.2 ± 1.959963984540054·0.4.
    let t = CoefficientTable.wald(terms: ["x"], estimates: [1.2], standardErrors: [0.4], distribution: .normal)
    let r = t.rows[0]
    #expect(abs(r.statistic - 3) < 1e-15)
    #expect(abs(r.pValue - 0.0026997960632601866) / 0.0026997960632601866 < 1e-13)
    #expect(abs(r.confLow - (1.2 - 1.959963984540054 * 0.4)) < 1e-14)
    // t with 10 df: R 2*pt(-3, 10) = 0.013343655022570, qt(0.975, 10) = 2.228138851986274.
    let tt = CoefficientTable.wald(terms: ["x"], estimates: [1.2], standardErrors: [0.4], distribution: .t(df: 10))
    #expect(abs(tt.rows[0].pValue - 0.013343655022570) / 0.013343655022570 < 1e-10)
    #expect(abs(tt.rows[0].confHigh - (1.2 + 2.228138851986274 * 0.4)) < 1e-12)
}

@Test func attackerFindsALeakWhenARelationIsMissed() {
    // The attacker is not vacuous: decide on a ledger that does not know events = 45 + 5, then attack with the
    // relation (as a reader holding both tables would): the withheld 5 is pinned as 50 − 45.
    var unrelated = CountLedger()
    _ = unrelated.count(50, role: .events, label: "events")
    _ = unrelated.count(45, role: .events, label: "group 1")
    let g2 = unrelated.count(5, role: .events, label: "group 2")
    let d = DisclosureGate(policy: .standard).decide(unrelated)
    var related = unrelated
    related.relate(total: CountID(0), parts: [CountID(1), g2])
    #expect(Attacker(ledger: related, decisions: d).determined() == [g2])
}
