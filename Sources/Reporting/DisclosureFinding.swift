/// What an auditor could learn about one suppressed entry from the rest of a published table.
///
/// Coordinates are in the augmented grid: for a two-way table with `r` rows and `c` columns, row `r` is the
/// totals row and column `c` the totals column; for a one-way table, row is 0 and column `k` (the number of
/// categories) is the total.
public struct SuppressedInterval: Sendable, Equatable {
    public let row: Int
    public let column: Int
    /// Bounds on the true count implied by the published values and non-negativity (an outer bound: the exact
    /// interval needs linear programming). `upperBound` is +∞ when nothing bounds it.
    public let lowerBound: Double
    public let upperBound: Double

    /// Whether exactly one integer is feasible.
    public var isSinglePoint: Bool { lowerBound.rounded(.up) >= upperBound.rounded(.down) }
}

/// A suppressed entry whose value can be recovered (exactly, or up to rounding) from the published table.
public struct DisclosureFinding: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// The entry is the only suppressed one in a row or column (totals included): it equals the total minus
        /// the published entries.
        case onlySuppressedEntryInLine
        /// Bounds propagated through all rows and columns, with non-negativity, leave a single value.
        case intervalIsSinglePoint
        /// Every line has two or more suppressed entries, but this one lies on no cycle of the graph of
        /// suppressed entries, so margins fix it.
        case fixedByMargins
    }

    public let interval: SuppressedInterval
    public let reason: Reason
    public var row: Int { interval.row }
    public var column: Int { interval.column }
}
