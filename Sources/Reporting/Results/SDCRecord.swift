/// The output-checking record (`--sdc-report FILE.json`): what a research environment's output checker needs to
/// clear a release — the rule applied, the population, and for every output each withheld or rounded cell with its
/// rule and reason, and the totals shown.
public struct SDCRecord: Sendable {
    /// One withheld or rounded cell.
    public struct CellDecision: Sendable, Equatable {
        /// The row's label (first cell) and the column's header.
        public var row: String
        public var column: String
        /// "primary" (below the threshold), "secondary" (protects a withheld count), "reveals-withheld-count"
        /// (a statistic from which a withheld count follows), "model-withheld" (residual df or n below the
        /// minimum), or "rounded".
        public var rule: String
        /// What the cell counts (the ledger's label).
        public var reason: String
    }

    public struct Output: Sendable {
        public var name: String
        public var title: String
        public var cells: [CellDecision]
        public var note: String?
        public init(name: String, title: String, cells: [CellDecision], note: String? = nil) {
            self.name = name
            self.title = title
            self.cells = cells
            self.note = note
        }
    }

    public var policy: DisclosurePolicy
    public var population: String
    public var outputs: [Output]
    /// The totals of the run's relations as published ("label: value or withheld").
    public var totalsShown: [(label: String, value: String)]

    /// The record as JSON.
    public var json: JSONValue {
        .object([
            ("disclosure_control", .bool(policy.isEnabled)),
            ("rule", .string(policy.footnote(secondaryApplies: true))),
            ("threshold", .number(Double(policy.threshold))),
            ("rounding_base", policy.roundingBase.map { .number(Double($0)) } ?? .null),
            ("zeros_suppressed", .bool(policy.suppressesZeros)),
            ("population", .string(population)),
            ("outputs", .array(outputs.map { o in
                .object([("name", .string(o.name)), ("title", .string(o.title)),
                         ("withheld_or_rounded", .array(o.cells.map { c in
                             .object([("row", .string(c.row)), ("column", .string(c.column)), ("rule", .string(c.rule)),
                                      ("reason", .string(c.reason))])
                         })),
                         ("note", o.note.map { .string($0) } ?? .null)])
            })),
            ("totals_shown", .array(totalsShown.map { .object([("total", .string($0.label)), ("value", .string($0.value))]) })),
        ])
    }
}

extension CountDecisions {
    func rule(_ id: CountID) -> String? {
        switch published(id) {
        case .suppressed(.primary): return "primary"
        case .suppressed(.secondary): return "secondary"
        case .shown(let v): return v == ledger.value(id) ? nil : "rounded"
        }
    }

    /// The record's cells for a result table.
    func recordCells(_ t: ResultTable) -> [SDCRecord.CellDecision] {
        var out: [SDCRecord.CellDecision] = []
        for row in t.rows {
            let label = row.first.map { resolve($0).humanText } ?? ""
            for (j, cell) in row.enumerated() {
                switch cell {
                case .plain: break
                case .count(let id):
                    if let r = rule(id) {
                        out.append(.init(row: label, column: t.columns[j].header, rule: r, reason: ledger.entries[id.index].label))
                    }
                case .revealing(_, let ids):
                    if policy.isEnabled, let hidden = ids.first(where: { !isExact($0) }), isWithheld(cell) {
                        out.append(.init(row: label, column: t.columns[j].header, rule: "reveals-withheld-count",
                                         reason: ledger.entries[hidden.index].label))
                    }
                }
            }
        }
        for note in t.countNotes {
            for id in note.counts { if let r = rule(id) { out.append(.init(row: "note", column: note.template, rule: r, reason: ledger.entries[id.index].label)) } }
        }
        return out
    }

    /// The record's cells for a fitted model.
    func recordCells(_ s: FitSummary) -> [SDCRecord.CellDecision] {
        var out: [SDCRecord.CellDecision] = []
        for (label, id) in [("n", s.n)] + (s.events.map { [("events", $0)] } ?? []) {
            if let r = rule(id) { out.append(.init(row: label, column: "count", rule: r, reason: ledger.entries[id.index].label)) }
        }
        for st in s.statistics where policy.isEnabled && !st.reveals.allSatisfy(isExact) {
            out.append(.init(row: st.label, column: "statistic", rule: "reveals-withheld-count",
                             reason: st.reveals.map { ledger.entries[$0.index].label }.joined(separator: ", ")))
        }
        for r in s.coefficients.rows where withholds(r, of: s) {
            out.append(.init(row: r.term, column: "coefficient", rule: withholdsModel(s) ? "model-withheld" : "reveals-withheld-count",
                             reason: withholdsModel(s) ? "n withheld or residual df below \(policy.threshold)"
                                 : r.levelCount.map { ledger.entries[$0.index].label } ?? ""))
        }
        for d in s.diagnostics { if case .rowsDropped(let note) = d {
            for id in note.counts { if let r = rule(id) { out.append(.init(row: "rows dropped", column: note.template, rule: r, reason: ledger.entries[id.index].label)) } }
        } }
        for t in s.sections { out += recordCells(t) }
        return out
    }

    /// The totals of every relation and grid, as published.
    func totalsShown() -> [(label: String, value: String)] {
        let totals = ledger.relations.map(\.total) + ledger.grids.map(\.grandTotal)
        var seen = Set<CountID>()
        return totals.compactMap { id in
            guard seen.insert(id).inserted else { return nil }
            return (ledger.entries[id.index].label, text(id))
        }
    }
}
