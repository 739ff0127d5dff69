/// Checks a published table: can any suppressed count be re-derived from what is shown?
///
/// Each row and column of the augmented grid (totals included) states that its entries add up to its total.
/// The audit (1) flags any line with exactly one suppressed entry, (2) re-derives bounds for every suppressed
/// entry by interval constraint propagation over all lines with non-negativity (for a line with parts `p` and
/// total `T`: `p_k ∈ [T.lo − Σ_{l≠k} p_l.hi, T.hi − Σ_{l≠k} p_l.lo]`, `T ∈ [Σ p.lo, Σ p.hi]`, repeated to a fixed
/// point) and flags entries left with a single feasible integer, and (3) for two-way tables flags entries that
/// lie on no cycle of the suppressed-entry graph (such entries are fixed by the margins; see
/// ``DisclosureControl``). Published counts rounded to base `b` are taken to be within ±b/2 of the truth.
///
/// This is linear-programming-free: the propagated intervals are outer bounds, so (2) can miss a value pinned by
/// non-negativity through a long chain; (1) and (3) are exact for the structure of a table with row and column
/// totals.
///
/// Complexity: O(sweeps · r · c) with at most 200 propagation sweeps.
public enum DisclosureAudit {
    /// Findings for a two-way table; empty when no suppressed count is derivable.
    public static func audit(_ table: ProtectedCrossTable) -> [DisclosureFinding] {
        audit(grid: table.augmentedGrid, hasColumnLines: true, policy: table.policy)
    }

    /// Findings for a one-way table; empty when no suppressed count is derivable (always so without a total).
    public static func audit(_ table: ProtectedFrequencyTable) -> [DisclosureFinding] {
        guard let total = table.total else { return [] }
        return audit(grid: [table.counts + [total]], hasColumnLines: false, policy: table.policy)
    }

    /// Bounds on every suppressed entry of a two-way table, row-major.
    public static func feasibleIntervals(_ table: ProtectedCrossTable) -> [SuppressedInterval] {
        intervals(grid: table.augmentedGrid, hasColumnLines: true, policy: table.policy)
    }

    /// Bounds on every suppressed entry of a one-way table (unbounded above when there is no total).
    public static func feasibleIntervals(_ table: ProtectedFrequencyTable) -> [SuppressedInterval] {
        let grid = [table.counts + (table.total.map { [$0] } ?? [])]
        return intervals(grid: grid, hasColumnLines: false, policy: table.policy, hasLines: table.total != nil)
    }

    private static func lines(rows: Int, columns: Int, hasColumnLines: Bool) -> [[(Int, Int)]] {
        var out: [[(Int, Int)]] = (0..<rows).map { i in (0..<columns).map { (i, $0) } }
        if hasColumnLines { out += (0..<columns).map { j in (0..<rows).map { ($0, j) } } }
        return out
    }

    private static func intervals(grid: [[PublishedCount]], hasColumnLines: Bool, policy: DisclosurePolicy,
                                  hasLines: Bool = true) -> [SuppressedInterval] {
        let rows = grid.count, columns = grid.first?.count ?? 0
        guard rows > 0, columns > 0, grid.allSatisfy({ $0.count == columns }) else { return [] }
        let half = (policy.isEnabled ? policy.roundingBase.map { $0 > 1 ? Double($0) / 2 : 0 } : nil) ?? 0
        var lo = grid.map { $0.map { $0.value.map { max(0, Double($0) - half) } ?? 0 } }
        var hi = grid.map { $0.map { $0.value.map { Double($0) + half } ?? Double.infinity } }
        let allLines = hasLines ? lines(rows: rows, columns: columns, hasColumnLines: hasColumnLines) : []
        for _ in 0..<200 {
            var changed = false
            for line in allLines {
                let parts = line.dropLast(), (ti, tj) = line[line.count - 1]
                let sumLo = parts.reduce(0.0) { $0 + lo[$1.0][$1.1] }
                let sumHi = parts.reduce(0.0) { $0 + hi[$1.0][$1.1] }
                func tighten(_ i: Int, _ j: Int, _ newLo: Double, _ newHi: Double) {
                    if newLo > lo[i][j] + 1e-9 { lo[i][j] = newLo; changed = true }
                    if newHi < hi[i][j] - 1e-9 { hi[i][j] = newHi; changed = true }
                }
                tighten(ti, tj, sumLo, sumHi)
                for (i, j) in parts {
                    // Sums of the other parts; an infinite sum stays infinite (never ∞ − ∞: lo is finite).
                    let othersHi = hi[i][j].isInfinite ? parts.filter { $0 != (i, j) }.reduce(0.0) { $0 + hi[$1.0][$1.1] }
                                                       : sumHi - hi[i][j]
                    let othersLo = sumLo - lo[i][j]
                    tighten(i, j, lo[ti][tj] - othersHi, hi[ti][tj] - othersLo)
                }
            }
            if !changed { break }
        }
        var out: [SuppressedInterval] = []
        for i in 0..<rows {
            for j in 0..<columns where grid[i][j].isSuppressed {
                out.append(SuppressedInterval(row: i, column: j, lowerBound: lo[i][j], upperBound: hi[i][j]))
            }
        }
        return out
    }

    private static func audit(grid: [[PublishedCount]], hasColumnLines: Bool, policy: DisclosurePolicy) -> [DisclosureFinding] {
        let rows = grid.count, columns = grid.first?.count ?? 0
        guard rows > 0, columns > 0, grid.allSatisfy({ $0.count == columns }) else { return [] }
        let allLines = lines(rows: rows, columns: columns, hasColumnLines: hasColumnLines)
        var alone = Set<[Int]>()
        for line in allLines {
            let suppressed = line.filter { grid[$0.0][$0.1].isSuppressed }
            if suppressed.count == 1 { alone.insert([suppressed[0].0, suppressed[0].1]) }
        }
        var bridges = Set<[Int]>()
        if hasColumnLines {
            let structure = SuppressionGrid(values: grid.map { $0.map { $0.value ?? 0 } },
                                            suppressed: grid.map { $0.map { $0.isSuppressed ? .primary : nil } },
                                            hasColumnLines: true)
            for b in SuppressionGraph(structure).bridges() { bridges.insert([b.row, b.column]) }
        }
        var findings: [DisclosureFinding] = []
        for interval in intervals(grid: grid, hasColumnLines: hasColumnLines, policy: policy) {
            let key = [interval.row, interval.column]
            if alone.contains(key) {
                findings.append(DisclosureFinding(interval: interval, reason: .onlySuppressedEntryInLine))
            } else if interval.isSinglePoint {
                findings.append(DisclosureFinding(interval: interval, reason: .intervalIsSinglePoint))
            } else if bridges.contains(key) {
                findings.append(DisclosureFinding(interval: interval, reason: .fixedByMargins))
            }
        }
        return findings
    }
}
