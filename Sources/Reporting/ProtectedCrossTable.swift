/// A two-way table of counts with row totals, column totals and grand total, after disclosure control.
public struct ProtectedCrossTable: Sendable, Equatable {
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Interior cells, `rowLabels.count × columnLabels.count`.
    public var cells: [[PublishedCount]]
    public var rowTotals: [PublishedCount]
    public var columnTotals: [PublishedCount]
    public var grandTotal: PublishedCount
    /// The policy that was applied.
    public var policy: DisclosurePolicy

    /// A published table, as produced by ``DisclosureControl/protect(counts:rowLabels:columnLabels:policy:)`` or
    /// typed in from an output under review (for ``DisclosureAudit``).
    public init(rowLabels: [String], columnLabels: [String], cells: [[PublishedCount]], rowTotals: [PublishedCount],
                columnTotals: [PublishedCount], grandTotal: PublishedCount, policy: DisclosurePolicy) {
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cells = cells
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.grandTotal = grandTotal
        self.policy = policy
    }

    /// The augmented `(r+1) × (c+1)` grid: interior cells, row totals in the last column, column totals and the
    /// grand total in the last row. Rows or totals missing from a malformed table are treated as suppressed.
    public var augmentedGrid: [[PublishedCount]] {
        let r = cells.count, c = columnTotals.count
        var grid: [[PublishedCount]] = []
        for i in 0..<r {
            var row = (0..<c).map { j in j < cells[i].count ? cells[i][j] : .suppressed(.primary) }
            row.append(i < rowTotals.count ? rowTotals[i] : .suppressed(.primary))
            grid.append(row)
        }
        grid.append(columnTotals + [grandTotal])
        return grid
    }

    /// Number of suppressed entries (interior and totals).
    public var suppressedCount: Int { augmentedGrid.joined().filter(\.isSuppressed).count }

    /// The table for rendering: a label column, one column per column label, a totals column, a totals row, and
    /// the policy's footnote.
    public func table(title: String, rowHeader: String = "", totalLabel: String = "Total") -> Table {
        var columns = [Column(rowHeader, alignment: .left)]
        columns += columnLabels.map { Column($0) }
        columns.append(Column(totalLabel))
        var t = Table(title: title, columns: columns)
        let grid = augmentedGrid
        for (i, row) in grid.enumerated() {
            let label = i < cells.count ? (i < rowLabels.count ? rowLabels[i] : "") : totalLabel
            t.rows.append([.text(label)] + row.map { $0.cell(marker: policy.marker) })
        }
        t.footnotes = [policy.footnote(secondaryApplies: true)]
        return t
    }
}
