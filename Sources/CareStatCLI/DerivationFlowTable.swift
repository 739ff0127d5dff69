import CareData
import Reporting

/// Renders a ``DerivationFlow`` as the table `carestat derive` prints: each partition (records of a source,
/// periods of care, at-risk exits) as its total followed by its indented parts, every partition protected by
/// ``DisclosureControl`` (a one-way table with its total, so secondary suppression applies). The at-risk exits
/// are both a part of the periods and the total of the last block: a value withheld in one is withheld in the
/// other, with one of the last block's parts, so that neither can be recovered from the other.
enum DerivationFlowTable {
    static func table(_ flow: DerivationFlow, title: String, policy: DisclosurePolicy) throws -> Table {
        var t = Table(title: title, columns: [Column("records, periods and exits", alignment: .left), Column("n")])
        let partitions = flow.partitions
        var published: [(total: PublishedCount, parts: [PublishedCount])] = []
        for p in partitions {
            let protected = try DisclosureControl.protect(counts: p.parts.map(\.count), labels: p.parts.map(\.label),
                                                          includeTotal: true, policy: policy)
            published.append((protected.total ?? .shown(p.total), protected.counts))
        }
        if let periods = partitions.firstIndex(where: { $0.label == "Periods of care" }),
           let exits = partitions.firstIndex(where: { $0.label == "At-risk exits" }),
           let part = partitions[periods].parts.firstIndex(where: { $0.label == "ended: at-risk exit" }) {
            if published[periods].parts[part].isSuppressed, !published[exits].total.isSuppressed {
                published[exits].total = .suppressed(.secondary)
                if !published[exits].parts.contains(where: \.isSuppressed),
                   let k = partitions[exits].parts.indices.min(by: { partitions[exits].parts[$0].count < partitions[exits].parts[$1].count }) {
                    published[exits].parts[k] = .suppressed(.secondary)
                }
            }
        }
        for (p, pub) in zip(partitions, published) {
            t.append([.text(p.label), pub.total.cell(marker: policy.marker)])
            for (part, count) in zip(p.parts, pub.parts) { t.append([.text("  " + part.label), count.cell(marker: policy.marker)]) }
        }
        if let end = flow.dataEnd { t.footnotes.append("Data end: \(end).") }
        if let c = flow.censorDate {
            t.footnotes.append("Censor date (end of follow-up): \(c.isoString)"
                + (c == flow.dataEnd?.date ? ", the data end." : ", as given by --censor."))
        }
        t.footnotes.append(policy.footnote(secondaryApplies: true))
        return t
    }
}
