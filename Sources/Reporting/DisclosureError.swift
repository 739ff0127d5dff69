/// Input that disclosure control cannot protect.
public enum DisclosureError: Error, Sendable, Equatable {
    /// A count is negative (row, column of the offending interior cell; column is 0 for a one-way table).
    case negativeCount(row: Int, column: Int)
    /// The rows of a two-way table have different lengths, or the table is empty.
    case raggedOrEmpty
    /// Labels do not match the number of counts.
    case labelCountMismatch(expected: Int, got: Int)
    /// A count exceeds ``DisclosureError/maximumCount``.
    case countTooLarge(row: Int, column: Int)
}

extension DisclosureError {
    /// Counts above this bound (2^50) are rejected so that totals and rounding cannot overflow.
    public static let maximumCount = 1 << 50
}
