import Testing
@testable import Reporting

/// The coarsened step function (issue 10): ACRO's survival rule made stricter, every count through the ledger.
@Suite struct StepFunctionTests {
    /// Rows with the given (events, censored) at times 1, 2, …, without delayed entry.
    static func rows(_ counts: [(Int, Int)]) -> [StepRow] {
        var atRisk = counts.reduce(0) { $0 + $1.0 + $1.1 }
        var s = 1.0
        return counts.enumerated().map { i, c in
            defer { atRisk -= c.0 + c.1 }
            s *= 1 - Double(c.0) / Double(atRisk)
            return StepRow(time: Double(i + 1), atRisk: atRisk, events: c.0, censored: c.1, estimate: s,
                           standardError: 0.01, confLow: s - 0.02, confHigh: s + 0.02)
        }
    }

    /// Every block leaves ≥ threshold people, its events and censorings are each 0 or ≥ threshold, blocks cover
    /// every row once; without a threshold each row is its own step.
    @Test func blocksFollowTheRule() {
        let r = Self.rows([(1, 0), (2, 1), (0, 3), (5, 5), (1, 1), (9, 0), (3, 8), (0, 1), (12, 0), (1, 0)])
        let blocks = StepFunction.coarsenedBlocks(r, minimumLeavers: 10)
        #expect(blocks.first?.lowerBound == 0 && blocks.last?.upperBound == r.count)
        for (a, b) in zip(blocks, blocks.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        for b in blocks {
            let e = r[b].reduce(0) { $0 + $1.events }, c = r[b].reduce(0) { $0 + $1.censored }
            #expect(e + c >= 10 && (e == 0 || e >= 10) && (c == 0 || c >= 10), "\(b): \(e), \(c)")
        }
        #expect(StepFunction.coarsenedBlocks(r, minimumLeavers: nil).count == r.count)
    }

    static func publish(_ rows: [StepRow], n: Int, policy: DisclosurePolicy) throws -> (PublishedRun, CoarsenedStepFunction) {
        var run = RunOutput(population: "test")
        let nID = run.ledger.count(n, role: .rowsUsed, label: "n")
        let eID = run.ledger.count(rows.reduce(0) { $0 + $1.events }, role: .events, label: "events")
        run.add(steps: StepFunction(name: "km-table", title: "t", group: "g", estimateKey: "survival",
                                    estimateHeader: "Survival", levelLabel: "95", rows: rows, n: nID, events: eID))
        let p = try DisclosureGate(policy: policy).publish(run)
        return (p, try #require(p.decisions.stepFunctions["km-table"]))
    }

    /// Attack: a group of 7 with one event — S = 0.8571 is 6/7. Nothing of the group is published: no count, no
    /// estimate, no time, a single withheld row (the number of rows would tell how many steps there were).
    @Test func aGroupOfSevenRevealsNothing() throws {
        let r = Self.rows([(0, 1), (1, 0), (0, 2), (0, 3)])
        let (p, f) = try Self.publish(r, n: 7, policy: .standard)
        let t = try #require(p.tables.first { $0.name == "km-table" }).table
        #expect(t.rows.count == 1)
        for cell in t.rows[0] {
            guard case .suppressed = cell else { Issue.record("published: \(cell)"); continue }
        }
        #expect(!t.render(as: .csv).contains("0.857"))
        guard case .array(let rows) = f.json(p.decisions), case .object(let fields) = rows.first else {
            Issue.record("no JSON rows"); return
        }
        #expect(rows.count == 1 && fields.allSatisfy { $0.1 == .null })
    }

    /// Attack: survival tables reveal counts through consecutive at-risk differences. Every published count is
    /// 0 or at least the threshold, and consecutive at-risk counts differ by the step's events and censorings.
    @Test func atRiskDifferencesAreThePublishedSteps() throws {
        let r = Self.rows((0..<40).map { i in i % 3 == 0 ? (1, 0) : (0, 1) } + (0..<30).map { _ in (1, 0) })
        let (p, f) = try Self.publish(r, n: 70, policy: .standard)
        let d = p.decisions
        #expect(f.steps.count < r.count)
        for (k, s) in f.steps.enumerated() {
            for id in [s.events, s.censored] {
                if let v = d.published(id).value { #expect(v == 0 || v >= 10) }
            }
            if k + 1 < f.steps.count, let a = d.published(s.atRisk).value, let b = d.published(f.steps[k + 1].atRisk).value,
               let e = d.published(s.events).value, let c = d.published(s.censored).value {
                #expect(a - b == e + c && a - b >= 10)
            }
        }
    }

    /// With control off, the full exact table (one row per time, as R's survfit), marked not for release.
    @Test func controlOffPrintsTheExactTable() throws {
        let r = Self.rows([(1, 0), (0, 1), (2, 0)])
        let (p, _) = try Self.publish(r, n: 4, policy: .disabled)
        let t = try #require(p.tables.first { $0.name == "km-table" }).table
        #expect(t.rows.count == 3)
        #expect(t.rows[0][2] == .integer(1))
        #expect(t.footnotes.contains { $0.contains("not for release") })
    }
}
