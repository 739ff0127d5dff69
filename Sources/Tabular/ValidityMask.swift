/// Which entries of a column are present: one bit per row, packed in 64-bit words (Arrow's layout).
/// A missing entry is first-class: the storage under it holds a placeholder that no computation may read.
public struct ValidityMask: Sendable, Equatable, Hashable {
    @usableFromInline var words: [UInt64]
    public private(set) var count: Int

    /// All `count` entries present (or all missing).
    public init(count: Int, allValid: Bool = true) {
        self.count = count
        let fill: UInt64 = allValid ? ~0 : 0
        words = [UInt64](repeating: fill, count: (count + 63) / 64)
        clearTail()
    }

    /// From one Bool per entry (true = present).
    public init(_ valid: [Bool]) {
        self.init(count: valid.count, allValid: false)
        for (i, v) in valid.enumerated() where v { words[i >> 6] |= 1 << UInt64(i & 63) }
    }

    @inlinable public func isValid(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }

    public mutating func set(_ i: Int, valid: Bool) {
        if valid { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
    }

    /// Appends one entry.
    public mutating func append(_ valid: Bool) {
        if count & 63 == 0 { words.append(0) }
        if valid { words[count >> 6] |= 1 << UInt64(count & 63) }
        count += 1
    }

    /// Number of missing entries.
    public var missingCount: Int { count - words.reduce(0) { $0 + $1.nonzeroBitCount } }

    private mutating func clearTail() {
        let r = count & 63
        if r != 0, !words.isEmpty { words[words.count - 1] &= (1 << UInt64(r)) - 1 }
    }
}
