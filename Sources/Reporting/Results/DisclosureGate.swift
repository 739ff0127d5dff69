/// The one place where a ``DisclosurePolicy`` is applied to counts of people (DESIGN.md, "Output conventions").
///
/// Every output of a run — tables, JSON, CSV, Excel, figures — publishes counts only through the decisions this gate
/// makes on the run's ``CountLedger``:
/// 1. **Primary suppression**: a count in `1 ..< threshold` (and zero when the policy says so) is withheld.
/// 2. **Secondary suppression** on every relation and grid of the ledger (``DisclosureControl``'s rule: no line
///    with a single withheld entry; no bridge in a grid), repeated across relations until nothing changes, so a
///    withheld count cannot be recovered as a total minus shown parts in *any* output of the run.
/// 3. **Known lower bounds**: a listed level is known to be at least 1, and so is every withheld count when the
///    policy shows zeros (a zero would have been shown). A line whose shown total leaves its withheld parts adding
///    up to their number (each must be 1) gets one more complement.
/// 4. **Rounding** of every shown count when the policy asks for it.
/// 5. **Statistics that reveal counts** (BIC and residual df reveal n; a survival estimate reveals its group's
///    events; a level's odds ratio and SE reveal its cell) are withheld unless every count they reveal is shown
///    exactly (``ResultCell/revealing(_:reveals:)``).
///
/// The result, ``CountDecisions``, is what renderers read; it also yields the output-checking record
/// (``SDCRecord``).
public struct DisclosureGate: Sendable {
    public let policy: DisclosurePolicy

    public init(policy: DisclosurePolicy) { self.policy = policy }

    /// Decides, for every count of the ledger, what is published.
    public func decide(_ ledger: CountLedger) -> CountDecisions {
        let n = ledger.entries.count
        var reasons = [SuppressionReason?](repeating: nil, count: n)
        guard policy.isEnabled else {
            return CountDecisions(policy: policy, ledger: ledger, reasons: reasons)
        }
        for (k, e) in ledger.entries.enumerated() where policy.isPrimarySuppressed(e.value) { reasons[k] = .primary }

        // Each relation is a one-line grid; each two-way grid is an augmented grid. Secondary suppression runs on
        // each in turn, seeded with what the others withheld, until a whole pass changes nothing.
        var changed = true
        while changed {
            changed = false
            for relation in ledger.relations {
                let ids = relation.parts + [relation.total]
                changed = apply(lines: [ids], hasColumnLines: false, ledger: ledger, reasons: &reasons) || changed
                changed = protectLowerBounds(parts: relation.parts, total: relation.total, ledger: ledger,
                                             reasons: &reasons) || changed
            }
            for g in ledger.grids {
                let rows = g.cells.enumerated().map { i, row in row + [g.rowTotals[i]] } + [g.columnTotals + [g.grandTotal]]
                changed = apply(lines: rows, hasColumnLines: true, ledger: ledger, reasons: &reasons) || changed
                for (i, row) in g.cells.enumerated() {
                    changed = protectLowerBounds(parts: row, total: g.rowTotals[i], ledger: ledger, reasons: &reasons) || changed
                }
                for j in g.columnTotals.indices {
                    changed = protectLowerBounds(parts: g.cells.map { $0[j] }, total: g.columnTotals[j], ledger: ledger,
                                                 reasons: &reasons) || changed
                }
            }
        }
        return CountDecisions(policy: policy, ledger: ledger, reasons: reasons)
    }

    /// Runs ``SuppressionGrid``'s secondary suppression on a grid of ledger entries; returns whether it withheld
    /// anything new.
    private func apply(lines ids: [[CountID]], hasColumnLines: Bool, ledger: CountLedger,
                       reasons: inout [SuppressionReason?]) -> Bool {
        var grid = SuppressionGrid(values: ids.map { $0.map { ledger.value($0) } },
                                   suppressed: ids.map { $0.map { reasons[$0.index] } },
                                   hasColumnLines: hasColumnLines)
        grid.applySecondarySuppression()
        var changed = false
        for (i, row) in ids.enumerated() {
            for (j, id) in row.enumerated() where reasons[id.index] == nil && grid.suppressed[i][j] != nil {
                reasons[id.index] = grid.suppressed[i][j]
                changed = true
            }
        }
        return changed
    }

    /// Whether a withheld count is known to be at least 1: it is a listed level, or zeros are shown (so a withheld
    /// count is not zero).
    private func knownPositive(_ id: CountID, ledger: CountLedger) -> Bool {
        ledger.entries[id.index].isListedLevel || (!policy.suppressesZeros && ledger.value(id) > 0)
    }

    /// If the total is shown and the withheld parts add up to exactly their number while each is known to be at
    /// least 1, each is 1 and all are disclosed; withhold the smallest shown non-zero part (or the total) as well.
    private func protectLowerBounds(parts: [CountID], total: CountID, ledger: CountLedger,
                                    reasons: inout [SuppressionReason?]) -> Bool {
        guard reasons[total.index] == nil else { return false }
        let withheld = parts.filter { reasons[$0.index] != nil }
        guard !withheld.isEmpty, withheld.allSatisfy({ knownPositive($0, ledger: ledger) }) else { return false }
        let sum = withheld.reduce(0) { $0 + ledger.value($1) }
        guard sum <= withheld.count else { return false }
        let shown = parts.filter { reasons[$0.index] == nil && ledger.value($0) > 0 }
        if let pick = shown.min(by: { (ledger.value($0), $0.index) < (ledger.value($1), $1.index) }) {
            reasons[pick.index] = .secondary
        } else {
            reasons[total.index] = .secondary
        }
        return true
    }
}

/// What ``DisclosureGate`` decided for each count of a ledger.
public struct CountDecisions: Sendable {
    public let policy: DisclosurePolicy
    public let ledger: CountLedger
    let reasons: [SuppressionReason?]
    /// The run's step functions as published (coarsened under control), by name: figures and JSON builders draw
    /// from these only.
    public internal(set) var stepFunctions: [String: CoarsenedStepFunction] = [:]

    /// The count as published: withheld (with the reason) or shown (rounded when the policy rounds).
    public func published(_ id: CountID) -> PublishedCount {
        if let r = reasons[id.index] { return .suppressed(r) }
        return .shown(policy.published(ledger.value(id)))
    }

    /// Whether the count is shown at its exact value (neither withheld nor rounded to another value).
    public func isExact(_ id: CountID) -> Bool { published(id).value == ledger.value(id) }

    /// The count as a table cell: the published value, the marker when withheld, and with DfE symbols `k` for a
    /// count that rounding takes to 0 although it is not 0.
    public func cell(_ id: CountID) -> Cell {
        let p = published(id)
        if policy.symbols == .dfe, p == .shown(0), ledger.value(id) > 0 { return .text(policy.symbols.roundsToZero) }
        return p.cell(marker: policy.marker)
    }

    /// The count as JSON: the published number, or null when withheld.
    public func json(_ id: CountID) -> JSONValue { published(id).value.map { .number(Double($0)) } ?? .null }

    /// The count as text: the number, or the policy's marker.
    public func text(_ id: CountID) -> String { published(id).value.map(String.init) ?? policy.marker }

    /// Whether any count was withheld.
    public var anySuppressed: Bool { reasons.contains { $0 != nil } }
    /// Whether secondary suppression withheld anything.
    public var anySecondary: Bool { reasons.contains { $0 == .secondary } }

    /// Resolves a result cell: counts become their published values; a statistic that reveals counts is withheld
    /// unless all of them are shown exactly.
    public func resolve(_ cell: ResultCell) -> Cell {
        switch cell {
        case .plain(let c): return c
        case .count(let id): return self.cell(id)
        case .revealing(let c, let ids):
            guard policy.isEnabled else { return c }
            if case .missing = c { return c }
            return ids.allSatisfy(isExact) ? c : .suppressed(marker: policy.marker)
        }
    }

    /// Whether a cell would be withheld as revealing a withheld count.
    public func isWithheld(_ cell: ResultCell) -> Bool {
        if case .suppressed = resolve(cell) { return true }
        return false
    }
}
