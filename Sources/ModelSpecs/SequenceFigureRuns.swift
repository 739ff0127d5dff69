import Foundation
public import Reporting
public import Sequences

/// The runs behind `carestat sequences plot` and the care-pathways spec: each adds the counts a figure shows to the run's ledger (with the
/// relations that close differencing), a table of those counts, and a figure closure that draws from the gate's
/// decisions only. Sequences are drawn only as aggregates: frequent sequences and medoids whose count is published,
/// position-wise modal states of groups of at least the group size.
public enum SequenceFigureRuns {
    /// The state distribution plot, one panel for all sequences or one per group (cluster) of `groups`
    /// (labels and the 0-based group of each sequence).
    /// Returns the identifiers of the panels' sizes (to relate them to the same counts in other tables of a run).
    @discardableResult
    public static func stateDistribution(_ data: StateSequences, palette: StatePalette, unit: String,
                                  groups: (labels: [String], of: [Int])?, into run: inout RunOutput) -> [CountID] {
        let a = data.alphabet.count
        let panels: [(String, [Int])] = groups.map { g in
            g.labels.indices.map { k in (g.labels[k], data.states.indices.filter { g.of[$0] == k }) }
        } ?? [("All sequences", Array(data.states.indices))]
        var ids: [(title: String, size: CountID, observed: [CountID], counts: [[CountID]])] = []
        let total = run.ledger.count(data.count, role: .rowsUsed, label: "sequences")
        for (title, rows) in panels {
            let sub = try? StateSequences(alphabet: data.alphabet, ids: rows.map { data.ids[$0] }, states: rows.map { data.states[$0] })
            let sd = sub.map(SequenceDescriptives.stateDistribution)
            let size = run.ledger.count(rows.count, role: .cell, label: "\(title): sequences")
            var observed: [CountID] = [], counts: [[CountID]] = []
            for t in 0..<data.maxLength {
                let c = (0..<a).map { s in t < (sd?.counts.count ?? 0) ? sd!.counts[t][s] : 0 }
                let parts = (0..<a).map { s in run.ledger.count(c[s], role: .cell, label: "\(title): \(data.alphabet.labels[s]) at \(unit) \(t + data.origin)") }
                let o = run.ledger.count(c.reduce(0, +), role: .rowsUsed, label: "\(title): observed at \(unit) \(t + data.origin)")
                run.ledger.relate(total: o, parts: parts)
                observed.append(o); counts.append(parts)
            }
            ids.append((title, size, observed, counts))
        }
        if groups != nil { run.ledger.relate(total: total, parts: ids.map(\.size)) }
        var table = ResultTable(name: "distribution-plot", title: "State distribution plot: sequences per panel",
                                columns: [Column("Panel", key: "panel", alignment: .left), Column("Sequences", key: "n")])
        for p in ids { table.append([.plain(.text(p.title)), .count(p.size)]) }
        if groups != nil { table.append([.plain(.text("Total")), .count(total)]) }
        table.footnotes = ["The figure draws each state's published count over the published number observed at each \(unit); "
                           + "withheld counts are grey together, positions with a withheld number observed are blank."]
        run.add(table)
        let origin = data.origin, panelIDs = ids
        run.add(figure: RunOutput.Figure(name: "distribution") { d in
            let panels = panelIDs.map { p in
                PublishedStateDistribution(title: p.title, counts: p.counts.map { $0.map { d.published($0).value } },
                                           observed: p.observed.map { d.published($0).value })
            }
            return SequenceFigures.stateDistribution(panels, palette: palette, origin: origin, unit: unit,
                                                     title: "State distribution by \(unit)")
        })
        return ids.map(\.size)
    }

    /// The sequence frequency plot of the `top` most frequent sequences.
    public static func frequency(_ data: StateSequences, palette: StatePalette, unit: String, top: Int, into run: inout RunOutput) {
        let f = SequenceDescriptives.frequencies(data).prefix(top)
        let n = run.ledger.count(data.count, role: .rowsUsed, label: "sequences")
        let ids = f.enumerated().map { run.ledger.count($1.count, role: .cell, label: "sequence ranked \($0 + 1)", listed: true) }
        let rest = run.ledger.count(data.count - f.reduce(0) { $0 + $1.count }, role: .cell, label: "other sequences")
        run.ledger.relate(total: n, parts: ids + [rest])
        var table = ResultTable(name: "frequency-plot", title: "Sequence frequency plot: the most frequent sequences",
                                columns: [Column("Rank", key: "rank"), Column("Sequence (state runs)", key: "sequence", alignment: .left),
                                          Column("People", key: "n")])
        for (r, x) in f.enumerated() {
            table.append([.plain(.integer(r + 1)), .revealing(.text(SequenceDescriptives.describeRuns(x.states, alphabet: data.alphabet)),
                                                                reveals: [ids[r]]), .count(ids[r])])
        }
        table.append([.plain(.text("")), .plain(.text("All other sequences")), .count(rest)])
        table.append([.plain(.text("")), .plain(.text("Total")), .count(n)])
        table.footnotes = ["A sequence is drawn and named only when its count is published exactly: individual sequences are microdata."]
        run.add(table)
        let seqs = f.map(\.states), length = data.maxLength
        run.add(figure: RunOutput.Figure(name: "frequency") { d in
            let rows = seqs.indices.compactMap { r -> PublishedSequence? in
                guard d.isExact(ids[r]), let c = d.published(ids[r]).value else { return nil }
                return PublishedSequence(label: "#\(r + 1)", states: seqs[r], count: c)
            }
            return SequenceFigures.frequency(rows, total: d.published(n).value, palette: palette, length: length, unit: unit,
                                             title: "Most frequent sequences")
        })
    }

    /// Representative sequences: one row per cluster, its medoid (drawn only when the cluster's size is published
    /// exactly), or the smoothed groups of a sorted index plot.
    /// Returns the identifiers of the rows' sizes (to relate them to the same counts in other tables of a run).
    @discardableResult
    ///
    /// `individual`: the rows are members' own sequences (medoids), which are microdata: each is shown only when at
    /// least as many people as the disclosure threshold have exactly that sequence (the number sharing it is a count
    /// in the ledger that the sequence reveals, so the gate withholds the sequence with it). Smoothed or modal
    /// sequences (index plots) are aggregates and pass `false`.
    public static func representatives(_ data: StateSequences, palette: StatePalette, unit: String, rows: [(label: String, states: [Int], size: Int)],
                                name: String, title: String, proportional: Bool, individual: Bool = false,
                                into run: inout RunOutput) -> [CountID] {
        let n = run.ledger.count(data.count, role: .rowsUsed, label: "sequences")
        let ids = rows.map { run.ledger.count($0.size, role: .cell, label: "\($0.label): sequences", listed: true) }
        run.ledger.relate(total: n, parts: ids)
        let sharing: [CountID?] = rows.map { x in
            guard individual else { return nil }
            let same = data.states.reduce(0) { $0 + ($1 == x.states ? 1 : 0) }
            return run.ledger.count(same, role: .cell, label: "\(x.label): people with exactly its representative sequence")
        }
        var table = ResultTable(name: "\(name)-plot", title: title,
                                columns: [Column("Group", key: "group", alignment: .left),
                                          Column("Representative (state runs)", key: "sequence", alignment: .left),
                                          Column("People", key: "n")])
        for (r, x) in rows.enumerated() {
            table.append([.plain(.text(x.label)), .revealing(.text(SequenceDescriptives.describeRuns(x.states, alphabet: data.alphabet)),
                                                             reveals: [ids[r]] + (sharing[r].map { [$0] } ?? [])), .count(ids[r])])
        }
        table.append([.plain(.text("Total")), .plain(.missing), .count(n)])
        run.add(table)
        let length = data.maxLength
        run.add(figure: RunOutput.Figure(name: name) { d in
            let shown = rows.indices.compactMap { r -> PublishedSequence? in
                guard d.isExact(ids[r]), let c = d.published(ids[r]).value, sharing[r].map(d.isExact) ?? true else { return nil }
                return PublishedSequence(label: rows[r].label, states: rows[r].states, count: c)
            }
            return SequenceFigures.representatives(shown, palette: palette, length: length, unit: unit,
                                                   proportional: proportional, title: title)
        })
        return ids
    }

    /// The pathway flow (Sankey) between `stages` (0-based positions) labelled `labels`: one grid of flows per pair of
    /// consecutive stages with its margins (the nodes), the margins of consecutive grids tied together, so that
    /// secondary suppression protects every node and flow across the whole diagram.
    public static func pathwayFlow(_ data: StateSequences, palette: StatePalette, stages: [Int], labels: [String],
                            into run: inout RunOutput) throws(SequenceError) {
        let flow = try SequenceDescriptives.pathwayFlow(data, stages: stages)
        let states = data.alphabet.labels
        var grids: [CountLedger.Grid] = []
        for k in flow.flows.indices {
            let g = run.ledger.grid(flow.flows[k], role: .cell, rowLabels: states.map { "\($0) at \(labels[k])" },
                                    columnLabels: states.map { "\($0) at \(labels[k + 1])" }, title: "flow \(labels[k]) → \(labels[k + 1])")
            if let prev = grids.last {
                for j in states.indices { run.ledger.relate(total: prev.columnTotals[j], parts: [g.rowTotals[j]]) }
                run.ledger.relate(total: prev.grandTotal, parts: [g.grandTotal])
            }
            grids.append(g)
        }
        var table = ResultTable(name: "pathway-flow", title: "Pathway flow: people by state at \(labels.joined(separator: ", "))",
                                columns: [Column("From", key: "from_stage", alignment: .left), Column("State", key: "from", alignment: .left),
                                          Column("To", key: "to_stage", alignment: .left), Column("State", key: "to", alignment: .left),
                                          Column("People", key: "n")])
        for (k, g) in grids.enumerated() {
            for i in states.indices {
                for j in states.indices where flow.flows[k][i][j] > 0 {
                    table.append([.plain(.text(labels[k])), .plain(.text(states[i])), .plain(.text(labels[k + 1])),
                                  .plain(.text(states[j])), .count(g.cells[i][j])])
                }
                table.append([.plain(.text(labels[k])), .plain(.text(states[i])), .plain(.text(labels[k + 1])),
                              .plain(.text("(all)")), .count(g.rowTotals[i])])
            }
            if k == grids.count - 1 {
                for j in states.indices {
                    table.append([.plain(.text(labels[k])), .plain(.text("(all)")), .plain(.text(labels[k + 1])),
                                  .plain(.text(states[j])), .count(g.columnTotals[j])])
                }
            }
        }
        table.append([.plain(.text("")), .plain(.text("Total")), .plain(.text("")), .plain(.text("")), .count(grids[0].grandTotal)])
        table.footnotes = ["People observed in a state at every stage. Flows with no one are not listed; a flow under the threshold "
                           + "is withheld, with enough others and totals that it cannot be recovered from the margins."]
        run.add(table)
        let allGrids = grids
        run.add(figure: RunOutput.Figure(name: "flow") { d in
            let grids = allGrids
            let nodes = grids.map { $0.rowTotals.map { d.published($0).value } } + [grids[grids.count - 1].columnTotals.map { d.published($0).value }]
            let flows = grids.map { $0.cells.map { $0.map { d.published($0).value } } }
            return SequenceFigures.pathwayFlow(stageLabels: labels, nodes: nodes, flows: flows, palette: palette,
                                               title: "Pathways between \(labels.joined(separator: ", "))")
        })
    }
}
