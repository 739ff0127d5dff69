/// The one place where a ``DisclosurePolicy`` is applied to counts of people (DESIGN.md, "Output conventions").
///
/// Every output of a run — tables, JSON, CSV, Excel, figures — publishes counts only through the decisions this gate
/// makes on the run's ``CountLedger``:
/// 1. **Primary suppression**: a count in `1 ..< threshold` (and zero when the policy says so) is withheld.
/// 2. **Secondary suppression** on every relation and grid of the ledger (``DisclosureControl``'s rule: no line
///    with a single withheld entry; no bridge in a grid), repeated across relations until nothing changes, so a
///    withheld count cannot be recovered as a total minus shown parts in *any* output of the run.
/// 3. **Listed levels**: a listed level is known to be at least 1, so a line whose withheld parts add up to the
///    number of withheld parts (every one of them must be 1) gets one more complement.
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
                changed = protectListedLevels(relation, ledger: ledger, reasons: &reasons) || changed
            }
            for g in ledger.grids {
                let rows = g.cells.enumerated().map { i, row in row + [g.rowTotals[i]] } + [g.columnTotals + [g.grandTotal]]
                changed = apply(lines: rows, hasColumnLines: true, ledger: ledger, reasons: &reasons) || changed
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

    /// A listed level is at least 1. If the withheld parts of a relation add up to exactly their number, each is
    /// 1 and all are disclosed; withhold the smallest shown non-zero part (or the total) as well.
    private func protectListedLevels(_ relation: CountLedger.Relation, ledger: CountLedger,
                                     reasons: inout [SuppressionReason?]) -> Bool {
        let withheld = relation.parts.filter { reasons[$0.index] != nil }
        guard !withheld.isEmpty, withheld.allSatisfy({ ledger.entries[$0.index].isListedLevel }) else { return false }
        let sum = withheld.reduce(0) { $0 + ledger.value($1) }
        guard sum <= withheld.count else { return false }
        let shown = relation.parts.filter { reasons[$0.index] == nil && ledger.value($0) > 0 }
        if let pick = shown.min(by: { (ledger.value($0), $0.index) < (ledger.value($1), $1.index) }) {
            reasons[pick.index] = .secondary
            return true
        }
        if reasons[relation.total.index] == nil {
            reasons[relation.total.index] = .secondary
            return true
        }
        return false
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

    /// The count as a table cell.
    public func cell(_ id: CountID) -> Cell { published(id).cell(marker: policy.marker) }

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
