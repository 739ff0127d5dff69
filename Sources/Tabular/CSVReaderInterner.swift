#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps byte strings to small integer codes (0, 1, 2, ... in order of first appearance).
///
/// Open addressing with linear probing over a power-of-two table of codes (load factor ≤ 1/2); the distinct
/// byte strings live in one arena, so a lookup hashes the field's bytes and compares them with `memcmp`
/// without building a String; Strings are made once per distinct value by ``strings()``. The hash mixes
/// 8-byte words with the 64-bit multiplier of Fibonacci hashing (Knuth, TAOCP vol. 3, §6.4) and xor-shifts.
/// Expected O(length) per lookup. Storage is manual (a value type of raw pointers, no reference counting in
/// the parser's inner loop); call ``deallocate()`` exactly once.
struct StringInterner {
    private var table: UnsafeMutablePointer<Int32>
    private var mask: Int
    private var hashes: UnsafeMutablePointer<UInt64>
    private var offsets: UnsafeMutablePointer<Int>
    private var lengths: UnsafeMutablePointer<Int>
    /// For values of at most 8 bytes, the bytes packed little-endian: equality is one comparison.
    private var packed: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int
    private(set) var count = 0

    init(expected: Int = 64) {
        var size = 64
        while size < expected * 2 { size <<= 1 }
        table = .allocate(capacity: size)
        table.initialize(repeating: -1, count: size)
        mask = size - 1
        capacity = size / 2
        hashes = .allocate(capacity: capacity)
        offsets = .allocate(capacity: capacity)
        lengths = .allocate(capacity: capacity)
        packed = .allocate(capacity: capacity)
        arenaCapacity = 1024
        arena = .allocate(capacity: arenaCapacity)
    }

    func deallocate() {
        table.deallocate(); hashes.deallocate(); offsets.deallocate(); lengths.deallocate(); packed.deallocate(); arena.deallocate()
    }

    /// The hash of a packed short value (at most 8 bytes).
    @inline(__always)
    static func mix(_ w: UInt64, _ n: Int) -> UInt64 {
        var h = (w ^ UInt64(n) &* 0x9E37_79B9_7F4A_7C15) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        return (h &* 0xD6E8_FEB8_6659_FD93) ^ (h >> 31)
    }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var s: UInt64 = 0
            while i < n { w |= UInt64(p[i]) << s; s += 8; i += 1 }
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
        }
        h ^= h >> 32
        return (h &* 0xD6E8_FEB8_6659_FD93) ^ (h >> 31)
    }

    /// Up to 8 bytes packed little-endian into a word. Precondition: 8 bytes are readable at `p` (the reader's
    /// buffers keep ``CSVReaderSource/slack`` bytes after their end), so this is one load and a mask.
    @inline(__always)
    static func pack(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        let w = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        return n >= 8 ? w : w & ((1 << UInt64(8 * n)) &- 1)
    }

    @inline(__always)
    private func same(_ k: Int, _ p: UnsafePointer<UInt8>, _ n: Int, _ w: UInt64) -> Bool {
        guard lengths[k] == n else { return false }
        return n <= 8 ? packed[k] == w : memcmp(arena + offsets[k], p, n) == 0
    }

    /// The code of the bytes, adding them if new.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        let w = n <= 8 ? StringInterner.pack(p, n) : 0
        let h = n <= 8 ? StringInterner.mix(w, n) : StringInterner.hash(p, n)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let c = table[slot]
            if c < 0 { break }
            if hashes[Int(c)] == h, same(Int(c), p, n, w) { return c }
            slot = (slot + 1) & mask
        }
        return insert(p, n, h, slot)
    }

    /// The code of the bytes, or nil if they were never added.
    @inline(__always)
    func lookup(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        let w = n <= 8 ? StringInterner.pack(p, n) : 0
        let h = n <= 8 ? StringInterner.mix(w, n) : StringInterner.hash(p, n)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let c = table[slot]
            if c < 0 { return nil }
            if hashes[Int(c)] == h, same(Int(c), p, n, w) { return c }
            slot = (slot + 1) & mask
        }
    }

    /// The code of a String's UTF-8 bytes, adding them if new.
    mutating func intern(_ s: String) -> Int32 {
        let bytes = ContiguousArray(s.utf8) + [UInt8](repeating: 0, count: CSVReaderSource.slack)
        return bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return -1 }
            return intern(base, b.count - CSVReaderSource.slack)
        }
    }

    private mutating func insert(_ p: UnsafePointer<UInt8>, _ n: Int, _ h: UInt64, _ slot: Int) -> Int32 {
        let code = count
        if arenaCount + n > arenaCapacity {
            var c = arenaCapacity * 2
            while c < arenaCount + n { c *= 2 }
            let a = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
            a.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = a
            arenaCapacity = c
        }
        (arena + arenaCount).update(from: p, count: n)
        hashes[code] = h
        offsets[code] = arenaCount
        lengths[code] = n
        packed[code] = n <= 8 ? StringInterner.pack(p, n) : 0
        arenaCount += n
        count += 1
        table[slot] = Int32(code)
        if count == capacity { grow() }
        return Int32(code)
    }

    private mutating func grow() {
        let size = (mask + 1) * 2
        table.deallocate()
        table = .allocate(capacity: size)
        table.initialize(repeating: -1, count: size)
        mask = size - 1
        let newCap = size / 2
        func enlarge<T>(_ old: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
            let n = UnsafeMutablePointer<T>.allocate(capacity: newCap)
            n.moveInitialize(from: old, count: count)
            old.deallocate()
            return n
        }
        hashes = enlarge(hashes)
        offsets = enlarge(offsets)
        lengths = enlarge(lengths)
        packed = enlarge(packed)
        capacity = newCap
        for k in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[k]) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(k)
        }
    }

    /// Calls `body` with the bytes of value `code`.
    func withBytes<R>(of code: Int, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        body(UnsafePointer(arena + offsets[code]), lengths[code])
    }

    /// The distinct values in code order, as Strings. The bytes must be valid UTF-8.
    func strings() -> [String] {
        (0..<count).map { k in String(decoding: UnsafeBufferPointer(start: arena + offsets[k], count: lengths[k]), as: UTF8.self) }
    }
}
