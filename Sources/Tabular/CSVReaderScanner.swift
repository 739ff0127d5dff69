/// The byte-level state machine that splits one record (row) of RFC 4180 text into fields.
///
/// States: at the start of a field, a quote opens a quoted field, anything else starts an unquoted field.
/// An unquoted field runs to the delimiter, LF, or CRLF (a lone CR is data). A quoted field runs to the next
/// quote that is not doubled (`""` is an escaped quote) and may contain delimiters, CR and LF; after its closing
/// quote only a delimiter, a line ending or the end of the file may follow. A quote inside an unquoted field is
/// data (`5" floppy`), as R reads it. The last line needs no line ending.
///
/// Fields are reported as byte ranges into the buffer (content without the enclosing quotes) and a flag saying
/// whether the content still holds doubled quotes to unescape; no memory is allocated per record once the field
/// arrays have grown to the widest row. Complexity O(bytes of the record). A value type over raw buffers (no
/// reference counting in the inner loop); call ``deallocate()`` once.
struct CSVRecordScanner {
    enum Outcome {
        /// A complete record; `next` is the offset after its line ending, `newlines` the LFs it consumed.
        case record(next: Int, newlines: Int)
        /// A quoted field that opens at `quoteAt` never closes.
        case unterminatedQuote(quoteAt: Int)
        /// Something other than a delimiter or line ending follows the closing quote at `at - 1`.
        case textAfterQuote(at: Int)
    }

    static let quote = UInt8(ascii: "\"")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")

    static let lfMask: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    static let crMask: UInt64 = 0x0D0D_0D0D_0D0D_0D0D

    /// High bit set in each byte of `v` that is zero, exactly for the lowest zero byte and possibly spuriously
    /// above it (Mycroft's trick; the borrow only propagates upwards), so the lowest set bit is exact.
    @inline(__always)
    static func zeroBytes(_ v: UInt64) -> UInt64 {
        (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }

    let base: UnsafePointer<UInt8>
    let end: Int
    let delimiter: UInt8
    private(set) var starts: UnsafeMutablePointer<Int>
    private(set) var ends: UnsafeMutablePointer<Int>
    /// Bit 0: the field was quoted. Bit 1: its content holds doubled quotes.
    private(set) var flags: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    /// Nonzero high bits (0x80 of some byte) if the last record may contain non-ASCII bytes, which the reader
    /// then validates as UTF-8; ASCII records (almost all) are never validated separately.
    private(set) var highBits: UInt64 = 0

    init(base: UnsafePointer<UInt8>, end: Int, delimiter: UInt8) {
        self.base = base
        self.end = end
        self.delimiter = delimiter
        capacity = 64
        starts = .allocate(capacity: capacity)
        ends = .allocate(capacity: capacity)
        flags = .allocate(capacity: capacity)
    }

    /// Frees the field arrays; call once.
    func deallocate() {
        starts.deallocate()
        ends.deallocate()
        flags.deallocate()
    }

    @inline(__always)
    private mutating func push(_ s: Int, _ e: Int, _ f: UInt8) {
        if count == capacity { grow() }
        starts[count] = s
        ends[count] = e
        flags[count] = f
        count += 1
    }

    private mutating func grow() {
        let c = capacity * 2
        let s = UnsafeMutablePointer<Int>.allocate(capacity: c), e = UnsafeMutablePointer<Int>.allocate(capacity: c)
        let f = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        s.update(from: starts, count: count); e.update(from: ends, count: count); f.update(from: flags, count: count)
        starts.deallocate(); ends.deallocate(); flags.deallocate()
        starts = s; ends = e; flags = f
        capacity = c
    }

    /// Splits the record that starts at `start` (which must be < end and not at a blank line).
    mutating func scan(from start: Int) -> Outcome {
        count = 0
        highBits = 0
        let b = base, end = end, delim = delimiter
        let dMask = UInt64(delim) &* 0x0101_0101_0101_0101
        var p = start
        var newlines = 0
        while true {
            if p < end && b[p] == CSVRecordScanner.quote {
                let open = p
                p += 1
                let contentStart = p
                var escaped: UInt8 = 0
                while true {
                    guard p < end else { return .unterminatedQuote(quoteAt: open) }
                    let c = b[p]
                    highBits |= UInt64(c)
                    if c == CSVRecordScanner.quote {
                        if p + 1 < end && b[p + 1] == CSVRecordScanner.quote { escaped = 2; p += 2; continue }
                        break
                    }
                    if c == CSVRecordScanner.lf { newlines += 1 }
                    p += 1
                }
                push(contentStart, p, 1 | escaped)
                p += 1   // past the closing quote
                if p == end { return .record(next: end, newlines: newlines) }
                let c = b[p]
                if c == delim { p += 1; continue }
                if c == CSVRecordScanner.lf { return .record(next: p + 1, newlines: newlines + 1) }
                if c == CSVRecordScanner.cr {
                    if p + 1 == end { return .record(next: end, newlines: newlines) }
                    if b[p + 1] == CSVRecordScanner.lf { return .record(next: p + 2, newlines: newlines + 1) }
                }
                return .textAfterQuote(at: p)
            }
            let fieldStart = p
            // Eight bytes at a time: the first byte equal to the delimiter, LF or CR ends the run (a CR not
            // followed by LF is data, so the search resumes after it). The common case, a delimiter, goes
            // straight to the next field.
            let raw = UnsafeRawPointer(b)
            while true {
                var c: UInt8
                if p + 8 <= end {
                    let w = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
                    highBits |= w
                    let hit = CSVRecordScanner.zeroBytes(w ^ dMask) | CSVRecordScanner.zeroBytes(w ^ CSVRecordScanner.lfMask)
                        | CSVRecordScanner.zeroBytes(w ^ CSVRecordScanner.crMask)
                    if hit == 0 { p += 8; continue }
                    p += hit.trailingZeroBitCount >> 3
                    c = b[p]
                } else {
                    c = 0
                    while p < end {
                        c = b[p]
                        highBits |= UInt64(c)
                        if c == delim || c == CSVRecordScanner.lf || c == CSVRecordScanner.cr { break }
                        p += 1
                    }
                    if p == end {
                        push(fieldStart, p, 0)
                        return .record(next: end, newlines: newlines)
                    }
                }
                if c == delim { push(fieldStart, p, 0); p += 1; break }
                if c == CSVRecordScanner.lf {
                    push(fieldStart, p, 0)
                    return .record(next: p + 1, newlines: newlines + 1)
                }
                // CR: a line ending before LF or at the end of the file, else data.
                if p + 1 == end { push(fieldStart, p, 0); return .record(next: end, newlines: newlines) }
                if b[p + 1] == CSVRecordScanner.lf {
                    push(fieldStart, p, 0)
                    return .record(next: p + 2, newlines: newlines + 1)
                }
                p += 1
            }
        }
    }

    /// The offset after the first LF at or after `from` (or the end): where reading resumes after a record
    /// that cannot be split.
    func nextLine(after from: Int) -> Int {
        var p = from
        while p < end, base[p] != CSVRecordScanner.lf { p += 1 }
        return min(p + 1, end)
    }

    /// The number of LFs in `from..<to`.
    func newlines(from: Int, to: Int) -> Int {
        var n = 0
        var p = from
        while p < to { if base[p] == CSVRecordScanner.lf { n += 1 }; p += 1 }
        return n
    }
}
