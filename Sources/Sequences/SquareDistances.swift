#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An n × n distance matrix held square and row-major, read-only: the working layout of PAM's BUILD and SWAP and of
/// the hierarchical linkages. Symmetric with a zero diagonal (the maker checks it), so row j is also column j: every
/// O(n) pass of the clustering reads contiguous memory (`row(j)`), with no index arithmetic per entry and no copies
/// mapped back through ``DistanceMatrix/uniqueIndex``.
///
/// Storage is one block owned by the value (released when it goes): either allocated uninitialised (``filled(count:_:)``,
/// the maker writes all n² entries, no zero-fill first) or a read-only mapping of a file the maker supplies with its
/// release (`sequences cluster --distances D.npy` maps the .npy's data in place: no copy at all). 8n² bytes (200 MB at
/// n = 5,000); twice the condensed triangle, for rows that are contiguous.
public final class SquareDistances: @unchecked Sendable {
    /// n, the number of rows.
    public let count: Int
    /// Entry (i, j) at `base[i * count + j]`.
    public let base: UnsafePointer<Double>
    private let release: () -> Void

    /// Wraps storage the caller has filled and checked (symmetric, zero diagonal, finite, ≥ 0); `release` frees it.
    public init(count: Int, base: UnsafePointer<Double>, release: @escaping () -> Void) {
        self.count = count
        self.base = base
        self.release = release
    }

    deinit { release() }

    /// A matrix whose n² entries `fill` writes into uninitialised storage (it must write every one).
    public static func filled(count n: Int, _ fill: (UnsafeMutablePointer<Double>) throws -> Void) rethrows -> SquareDistances {
        let p = allocateDoubles(n * n)
        do { try fill(p) } catch { free(p); throw error }
        return SquareDistances(count: n, base: UnsafePointer(p), release: { free(p) })
    }

    /// The square form of a condensed matrix (rows that are copies of one unique sequence expanded): one pass that
    /// writes each entry once.
    public convenience init(_ d: DistanceMatrix) {
        let n = d.count
        let p = allocateDoubles(n * n)
        let u = d.uniqueCount
        d.condensed.withUnsafeBufferPointer { c in
            d.uniqueIndex.withUnsafeBufferPointer { map in
                for i in 0..<n {
                    let row = p + i * n
                    let a = map[i]
                    for j in 0..<n {
                        let b = map[j]
                        if a == b { row[j] = 0; continue }
                        let (lo, hi) = a < b ? (a, b) : (b, a)
                        row[j] = c[lo * (2 * u - lo - 1) / 2 + (hi - lo - 1)]
                    }
                }
            }
        }
        self.init(count: n, base: UnsafePointer(p), release: { free(p) })
    }

    @inline(__always) public subscript(i: Int, j: Int) -> Double { base[i * count + j] }

    /// Row i (= column i, by symmetry).
    @inline(__always) public func row(_ i: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: base + i * count, count: count)
    }

    /// The condensed form (each row its own unique sequence), for what takes a ``DistanceMatrix`` (quality indices).
    public func condensed() -> DistanceMatrix {
        let n = count
        var c = [Double]()
        c.reserveCapacity(n * (n - 1) / 2)
        for i in 0..<n { c.append(contentsOf: UnsafeBufferPointer(start: base + i * n + i + 1, count: n - i - 1)) }
        return DistanceMatrix(uniqueIndex: Array(0..<n), uniqueCount: n, condensed: c)
    }
}

/// `count` doubles, uninitialised, freed with `free`. Blocks of 2 MB and more are aligned to 2 MB and advised as huge
/// pages (where the kernel offers them: transparent huge pages in `madvise` mode), so filling 200 MB takes ~100 page
/// faults instead of ~50,000.
func allocateDoubles(_ count: Int) -> UnsafeMutablePointer<Double> {
    let bytes = max(1, count) * MemoryLayout<Double>.stride
    let huge = 2 << 20
    var raw: UnsafeMutableRawPointer? = nil
    if bytes >= huge {
        let rounded = (bytes + huge - 1) / huge * huge
        if posix_memalign(&raw, huge, rounded) == 0, let raw {
            #if os(Linux)
            _ = madvise(raw, rounded, 14)   // MADV_HUGEPAGE (advice only: ignored where unsupported)
            #endif
            return raw.bindMemory(to: Double.self, capacity: count)
        }
    }
    guard let p = malloc(bytes) else { fatalError("out of memory allocating \(bytes) bytes") }
    return p.bindMemory(to: Double.self, capacity: count)
}
