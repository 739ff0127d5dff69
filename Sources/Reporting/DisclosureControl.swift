/// Statistical disclosure control for tables of counts of people: primary suppression of small counts,
/// secondary (complementary) suppression so that withheld counts cannot be recovered from published totals, and
/// optional rounding.
///
/// Rule (Hundepool et al. 2012, *Statistical Disclosure Control*, Wiley, ch. 4; ONS and DfE practice):
/// 1. **Primary suppression.** Every count — interior cells and totals alike — in `1 ..< threshold` is withheld
///    (zeros too when ``DisclosurePolicy/suppressesZeros`` is set; by default true zeros are shown).
/// 2. **Secondary suppression.** The table with its totals is viewed as an augmented grid in which every row and
///    every column (the totals row and column included) is a line whose entries add up to its total. While some
///    line has exactly one withheld entry, that entry could be recomputed, so a second entry of that line is
///    withheld: the smallest non-zero interior count of the line, falling back to zeros and then to totals (lines
///    are scanned rows first, top to bottom, then columns left to right; ties go to the first in row-major order).
///    Withholding a complement can leave its other line with a single withheld entry; the scan repeats until no
///    line has exactly one (the "cascade").
///    Two withheld entries per line is necessary but not sufficient: a withheld entry that lies on no cycle of the
///    graph of withheld entries (rows and columns as nodes, a withheld entry as the edge between its row and
///    column) is still fixed by the margins. Such bridges are then closed by withholding the smallest eligible
///    count that reconnects the two sides of the bridge, and the scan starts again.
/// 3. **Rounding** (optional) of every published count to the nearest multiple of the base.
///
/// The result passes ``DisclosureAudit`` except where non-negativity pins a value (possible only if zero counts
/// had to be used as complements); the audit reports such cases rather than hiding them. Suppression is not
/// optimal (minimum information loss needs integer programming, as in τ-ARGUS); it is the usual greedy rule.
///
/// Complexity: each pass is O(r·c) and suppresses one more entry, so O((r·c)²) in the worst case.
public enum DisclosureControl {
    /// Protects a one-way frequency table.
    ///
    /// With `includeTotal`, a single withheld count would equal the total minus the rest, so the smallest other
    /// non-zero count (or, failing that, a zero, or the total itself) is withheld as well.
    /// - Throws: ``DisclosureError`` for negative or oversized counts, or labels that do not match.
    public static func protect(counts: [Int], labels: [String], includeTotal: Bool = true,
                               policy: DisclosurePolicy = .standard) throws(DisclosureError) -> ProtectedFrequencyTable {
        guard labels.count == counts.count else {
            throw .labelCountMismatch(expected: counts.count, got: labels.count)
        }
        for (k, n) in counts.enumerated() {
            if n < 0 { throw .negativeCount(row: k, column: 0) }
            if n > DisclosureError.maximumCount { throw .countTooLarge(row: k, column: 0) }
        }
        let total = counts.reduce(0, +)
        let values = includeTotal ? counts + [total] : counts
        var grid = SuppressionGrid(values: [values], suppressed: [values.map { policy.isPrimarySuppressed($0) ? .primary : nil }],
                                   hasColumnLines: false)
        if policy.isEnabled && includeTotal { grid.applySecondarySuppression() }
        let published: [PublishedCount] = zip(values, grid.suppressed[0]).map { value, reason in
            reason.map { .suppressed($0) } ?? .shown(policy.published(value))
        }
        return ProtectedFrequencyTable(labels: labels, counts: Array(published.prefix(counts.count)),
                                       total: includeTotal ? published.last : nil, policy: policy)
    }

    /// Protects a two-way table of counts (`counts[i][j]` for row `i`, column `j`), publishing row totals,
    /// column totals and the grand total. See the type's documentation for the rule.
    /// - Throws: ``DisclosureError`` for a ragged or empty table, negative or oversized counts, or labels that
    ///   do not match.
    public static func protect(counts: [[Int]], rowLabels: [String], columnLabels: [String],
                               policy: DisclosurePolicy = .standard) throws(DisclosureError) -> ProtectedCrossTable {
        let r = counts.count
        guard r > 0, let c = counts.first?.count, c > 0, counts.allSatisfy({ $0.count == c }) else {
            throw .raggedOrEmpty
        }
        guard rowLabels.count == r else { throw .labelCountMismatch(expected: r, got: rowLabels.count) }
        guard columnLabels.count == c else { throw .labelCountMismatch(expected: c, got: columnLabels.count) }
        for i in 0..<r {
            for j in 0..<c {
                if counts[i][j] < 0 { throw .negativeCount(row: i, column: j) }
                if counts[i][j] > DisclosureError.maximumCount { throw .countTooLarge(row: i, column: j) }
            }
        }
        // Totals are summed with overflow checks (each count is at most 2^50, so only absurdly wide tables could
        // overflow, but bad input must not trap).
        var values: [[Int]] = []
        for (i, row) in counts.enumerated() {
            var sum = 0
            for x in row {
                let (s, overflow) = sum.addingReportingOverflow(x)
                if overflow { throw .countTooLarge(row: i, column: c) }
                sum = s
            }
            values.append(row + [sum])
        }
        var columnTotals = [Int](repeating: 0, count: c + 1)
        for row in values {
            for j in 0...c {
                let (sum, overflow) = columnTotals[j].addingReportingOverflow(row[j])
                if overflow { throw .countTooLarge(row: r, column: j) }
                columnTotals[j] = sum
            }
        }
        values.append(columnTotals)
        var grid = SuppressionGrid(values: values,
                                   suppressed: values.map { $0.map { policy.isPrimarySuppressed($0) ? .primary : nil } },
                                   hasColumnLines: true)
        if policy.isEnabled { grid.applySecondarySuppression() }
        let published: [[PublishedCount]] = (0...r).map { i in
            (0...c).map { j in grid.suppressed[i][j].map { .suppressed($0) } ?? .shown(policy.published(values[i][j])) }
        }
        return ProtectedCrossTable(rowLabels: rowLabels, columnLabels: columnLabels,
                                   cells: published.prefix(r).map { Array($0.prefix(c)) },
                                   rowTotals: published.prefix(r).map { $0[c] },
                                   columnTotals: Array(published[r].prefix(c)), grandTotal: published[r][c],
                                   policy: policy)
    }
}
