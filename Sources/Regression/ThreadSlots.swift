internal import Foundation

/// Results written by worker threads, one slot per worker, read after they all finish. Every access takes a lock:
/// a Swift array stored in a class and written from two threads at once, even at different indices, is a
/// simultaneous modification (a data race, and a trap under the runtime's exclusivity checking), so the slots are
/// never touched without it. Writes happen once per worker, so the lock costs nothing measurable.
final class ThreadSlots<T>: @unchecked Sendable {
    private var values: [T]
    private let lock = NSLock()

    init(repeating value: T, count: Int) { values = Array(repeating: value, count: count) }

    subscript(i: Int) -> T {
        get { lock.lock(); defer { lock.unlock() }; return values[i] }
        set { lock.lock(); values[i] = newValue; lock.unlock() }
    }

    /// Every slot, in order.
    var all: [T] { lock.lock(); defer { lock.unlock() }; return values }
}
