/// A one-way frequency table after disclosure control.
public struct ProtectedFrequencyTable: Sendable, Equatable {
    /// Category labels, one per count.
    public var labels: [String]
    public var counts: [PublishedCount]
    /// The total, `nil` when the table is published without one.
    public var total: PublishedCount?
    /// The policy that was applied.
    public var policy: DisclosurePolicy

    /// A published table, as produced by ``DisclosureControl/protect(counts:labels:includeTotal:policy:)`` or
    /// typed in from an output under review (for ``DisclosureAudit``).
    public init(labels: [String], counts: [PublishedCount], total: PublishedCount?, policy: DisclosurePolicy) {
        self.labels = labels
        self.counts = counts
        self.total = total
        self.policy = policy
    }

    /// The table for rendering: one row per category, then a "Total" row when there is a total, and the policy's
    /// footnote.
    public func table(title: String, categoryHeader: String = "Category", countHeader: String = "n",
                      totalLabel: String = "Total") -> Table {
        var t = Table(title: title, columns: [Column(categoryHeader, alignment: .left), Column(countHeader)])
        for (k, count) in counts.enumerated() {
            t.rows.append([.text(k < labels.count ? labels[k] : ""), count.cell(marker: policy.marker)])
        }
        if let total { t.rows.append([.text(totalLabel), total.cell(marker: policy.marker)]) }
        t.footnotes = [policy.footnote(secondaryApplies: total != nil)]
        return t
    }
}
