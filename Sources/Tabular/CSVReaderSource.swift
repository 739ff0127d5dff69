#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of an input file, mapped read-only (`open(O_RDONLY)` + `mmap(PROT_READ, MAP_PRIVATE)`): the
/// reader can never modify its input, and the bytes are read once into the page cache, not copied.
/// Files that cannot be mapped (pipes, /proc files reporting size 0) are read into memory instead.
/// `release(upTo:)` tells the kernel that already parsed pages may be dropped from this process's resident
/// set (they are re-read from the page cache if needed for an error message), so a file larger than memory
/// costs little resident memory.
///
/// At least ``slack`` readable zero bytes follow the last byte (the mapping sits in an anonymous reservation one
/// page longer than the file), so short fields can be loaded as one 8-byte word and masked.
final class CSVReaderSource {
    /// Readable bytes guaranteed after `base + count`.
    static let slack = 8

    let base: UnsafePointer<UInt8>
    let count: Int
    private let mapped: UnsafeMutableRawPointer?
    private let mappedLength: Int
    private let owned: UnsafeMutablePointer<UInt8>?
    /// Device and inode, to refuse a quarantine file that is the input.
    let device: UInt64
    let inode: UInt64
    private var released = 0

    /// Opens `path` read-only. Throws `.fileNotFound`, `.cannotRead`, or `.emptyFile` (zero bytes).
    init(path: String) throws(CSVError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            if e == ENOENT { throw CSVError(.fileNotFound, file: path) }
            throw CSVError(.cannotRead(reason: String(cString: strerror(e))), file: path)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw CSVError(.cannotRead(reason: String(cString: strerror(errno))), file: path) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw CSVError(.cannotRead(reason: "it is a directory"), file: path) }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        let size = Int(st.st_size)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let length = (size + CSVReaderSource.slack + page - 1) / page * page
        if size > 0, let r = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), r != MAP_FAILED {
            // The file over the start of an anonymous reservation: the bytes after it read as zeros.
            guard let m = mmap(r, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0), m == r else {
                munmap(r, length)
                throw CSVError(.cannotRead(reason: String(cString: strerror(errno))), file: path)
            }
            mapped = m
            mappedLength = length
            owned = nil
            base = UnsafePointer(m.assumingMemoryBound(to: UInt8.self))
            count = size
            return
        }
        // Not mappable: read it.
        var buf = UnsafeMutablePointer<UInt8>.allocate(capacity: max(size, 65_536) + CSVReaderSource.slack)
        var cap = max(size, 65_536), n = 0
        while true {
            if n == cap {
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: cap * 2 + CSVReaderSource.slack)
                bigger.update(from: buf, count: n)
                buf.deallocate()
                buf = bigger
                cap *= 2
            }
            let r = read(fd, buf + n, cap - n)
            if r < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                buf.deallocate()
                throw CSVError(.cannotRead(reason: reason), file: path)
            }
            if r == 0 { break }
            n += r
        }
        (buf + n).initialize(repeating: 0, count: CSVReaderSource.slack)
        mapped = nil
        mappedLength = 0
        owned = buf
        base = UnsafePointer(buf)
        count = n
    }

    /// A copy of in-memory bytes.
    init(bytes: [UInt8]) {
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count + CSVReaderSource.slack)
        bytes.withUnsafeBufferPointer { b in if let a = b.baseAddress { buf.update(from: a, count: b.count) } }
        (buf + bytes.count).initialize(repeating: 0, count: CSVReaderSource.slack)
        mapped = nil
        mappedLength = 0
        owned = buf
        base = UnsafePointer(buf)
        count = bytes.count
        device = 0
        inode = 0
    }

    /// Lets the kernel drop mapped pages below `offset` from the resident set (advisory; a no-op for copies).
    func release(upTo offset: Int) { release(&released, upTo: offset) }

    /// Lets the kernel drop the mapped pages from `cursor` up to `offset` (in 2 MiB steps) and advances `cursor`:
    /// a reader of one part of the file keeps its own cursor (``CSVParallelRead``).
    func release(_ cursor: inout Int, upTo offset: Int) {
        #if os(Linux)
        guard let mapped else { return }
        let page = 1 << 21   // act in 2 MiB steps
        let target = (offset / page) * page
        guard target > cursor else { return }
        _ = madvise(mapped + cursor, target - cursor, MADV_DONTNEED)
        cursor = target
        #endif
    }

    /// Starts a new pass over the file.
    func rewind() { released = 0 }

    deinit {
        if let mapped { munmap(mapped, mappedLength) }
        owned?.deallocate()
    }
}

/// Asks the kernel to back the 2 MiB-aligned interior of a freshly allocated, not yet written buffer of
/// `byteCount` bytes with transparent huge pages (`madvise(MADV_HUGEPAGE)`; Linux only, advisory). A column
/// of a million rows is then filled with a few dozen page faults instead of thousands. Only whole 2 MiB
/// pages inside the buffer are advised, and the caller writes the whole buffer, so the resident size does
/// not grow.
@inline(__always)
func adviseHugePages(_ p: UnsafeMutableRawPointer, byteCount: Int) {
    #if os(Linux)
    let huge = 1 << 21
    guard byteCount >= 2 * huge else { return }
    let a = Int(bitPattern: p), lo = (a + huge - 1) & ~(huge - 1), hi = (a + byteCount) & ~(huge - 1)
    guard hi > lo, let q = UnsafeMutableRawPointer(bitPattern: lo) else { return }
    _ = madvise(q, hi - lo, MADV_HUGEPAGE)
    #endif
}
