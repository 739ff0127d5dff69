/// Why a count is withheld.
public enum SuppressionReason: Sendable, Equatable {
    /// The count itself is below the threshold.
    case primary
    /// The count is safe but withheld so that a primary-suppressed count cannot be derived from totals.
    case secondary
}

/// A count as released after disclosure control: either the (possibly rounded) value, or withheld.
public enum PublishedCount: Sendable, Equatable {
    case shown(Int)
    case suppressed(SuppressionReason)

    /// The published value, `nil` when suppressed.
    public var value: Int? {
        if case .shown(let v) = self { return v }
        return nil
    }

    public var isSuppressed: Bool { value == nil }

    /// The table cell: an integer, or the policy's marker.
    public func cell(marker: String) -> Cell {
        switch self {
        case .shown(let v): return .integer(v)
        case .suppressed: return .suppressed(marker: marker)
        }
    }
}
