import CareData
import Reporting

/// The flow table `carestat derive` prints: each partition of a ``DerivationFlow`` (records of a source, periods of
/// care, at-risk exits) as its total followed by its indented parts. Every count goes into the run's ledger with
/// the partition's relation (total = Σ parts), so the gate protects each block as a one-way table with its total.
/// The at-risk exits are both a part of the periods and the total of the last block: one count in the ledger, in
/// both relations, so a value withheld in one block is withheld in the other.
enum DerivationFlowTable {
    static func add(_ flow: DerivationFlow, title: String, to run: inout RunOutput) {
        var t = ResultTable(name: "flow", title: title,
                            columns: [Column("records, periods and exits", alignment: .left), Column("n")])
        var atRiskExits: CountID?
        for p in flow.partitions {
            let isExitsBlock = p.label == "At-risk exits"
            let total = isExitsBlock && atRiskExits != nil && run.ledger.value(atRiskExits!) == p.total
                ? atRiskExits! : run.ledger.count(p.total, role: .records, label: p.label)
            t.append([.plain(.text(p.label)), .count(total)])
            var parts: [CountID] = []
            for part in p.parts {
                let id = run.ledger.count(part.count, role: .records, label: "\(p.label): \(part.label)")
                if p.label == "Periods of care" && part.label == "ended: at-risk exit" { atRiskExits = id }
                parts.append(id)
                t.append([.plain(.text("  " + part.label)), .count(id)])
            }
            if p.isBalanced { run.ledger.relate(total: total, parts: parts) }
        }
        if let end = flow.dataEnd { t.footnotes.append("Data end: \(end).") }
        if let c = flow.censorDate {
            t.footnotes.append("Censor date (end of follow-up): \(c.isoString)"
                + (c == flow.dataEnd?.date ? ", the data end." : ", as given by --censor."))
        }
        run.add(t)
    }
}
