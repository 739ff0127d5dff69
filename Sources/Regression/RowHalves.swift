internal import Dispatch

/// Runs an O(n) pass of IRLS over the rows in two contiguous halves on two threads once there are
/// ``CrossProductStep/parallelRows`` rows (below that, one call over all rows). Each half's result goes to its own
/// slot and the halves are combined in row order, so a result never depends on thread timing; a sum is the
/// serial one to rounding (two partial sums added), and the tests that compare with R at small n run serially.
enum RowHalves {
    /// The row ranges of the pass: one, or the two halves.
    static func ranges(_ n: Int) -> [Range<Int>] {
        n >= CrossProductStep.parallelRows ? [0..<(n / 2), (n / 2)..<n] : [0..<n]
    }

    /// `body` over each range (on two threads when there are two), the results in row order.
    static func map<T>(_ n: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let parts = ranges(n)
        if parts.count == 1 { return [body(parts[0])] }
        let slots = ThreadSlots<T?>(repeating: nil, count: parts.count)
        DispatchQueue.concurrentPerform(iterations: parts.count) { k in slots[k] = body(parts[k]) }
        return slots.all.compactMap { $0 }
    }
}
