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
    /// Nonzero high bits (0x80 of some byte) if the last record may contain non-ASCII bytes or a NUL byte
    /// (never part of text), which the reader then looks for exactly (UTF-8 validation, memchr); ASCII records
    /// without NUL (almost all) are never checked separately. Each 8-byte word w adds w | (w − 0x01…01): some
    /// byte of that has its high bit set only if w has a byte ≥ 0x80 or a zero byte.
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

    /// Doubles the field arrays while scanning (the first `n` fields are kept) and refreshes the scan's copies.
    private mutating func enlarge(_ n: Int, _ cap: inout Int, _ st: inout UnsafeMutablePointer<Int>,
                                  _ en: inout UnsafeMutablePointer<Int>, _ fl: inout UnsafeMutablePointer<UInt8>) {
        count = n
        grow()
        st = starts; en = ends; fl = flags; cap = capacity
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
    ///
    /// The field count, the high-bit accumulator and the field arrays are kept in locals while scanning and
    /// written back once (stores through the arrays could otherwise alias `self`, forcing a reload per field).
    mutating func scan(from start: Int) -> Outcome {
        let b = base, end = end, delim = delimiter
        let dMask = UInt64(delim) &* 0x0101_0101_0101_0101
        var st = starts, en = ends, fl = flags, cap = capacity
        var n = 0
        var hb: UInt64 = 0
        var p = start
        var newlines = 0
        let raw = UnsafeRawPointer(b)
        while true {
            if p < end && b[p] == CSVRecordScanner.quote {
                let open = p
                p += 1
                let contentStart = p
                var escaped: UInt8 = 0
                while true {
                    guard p < end else { count = n; highBits = hb; return .unterminatedQuote(quoteAt: open) }
                    let c = b[p]
                    hb |= UInt64(c) | (UInt64(c) &- 1)
                    if c == CSVRecordScanner.quote {
                        if p + 1 < end && b[p + 1] == CSVRecordScanner.quote { escaped = 2; p += 2; continue }
                        break
                    }
                    if c == CSVRecordScanner.lf { newlines += 1 }
                    p += 1
                }
                if n == cap { enlarge(n, &cap, &st, &en, &fl) }
                st[n] = contentStart; en[n] = p; fl[n] = 1 | escaped; n += 1
                p += 1   // past the closing quote
                if p == end { count = n; highBits = hb; return .record(next: end, newlines: newlines) }
                let c = b[p]
                if c == delim { p += 1; continue }
                if c == CSVRecordScanner.lf { count = n; highBits = hb; return .record(next: p + 1, newlines: newlines + 1) }
                if c == CSVRecordScanner.cr {
                    if p + 1 == end { count = n; highBits = hb; return .record(next: end, newlines: newlines) }
                    if b[p + 1] == CSVRecordScanner.lf { count = n; highBits = hb; return .record(next: p + 2, newlines: newlines + 1) }
                }
                count = n; highBits = hb; return .textAfterQuote(at: p)
            }
            let fieldStart = p
            // Eight bytes at a time: the first delimiter or LF ends the field. CR needs no search of its own: a
            // CR is a line ending only just before LF (then it is the field's last byte) or as the file's last
            // byte; anywhere else it is data. The common case, a delimiter, goes straight to the next field.
            while true {
                if p &+ 8 <= end {
                    let w = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
                    hb |= w | (w &- 0x0101_0101_0101_0101)   // conservative: bytes past the field only risk a needless check
                    let hit = CSVRecordScanner.zeroBytes(w ^ dMask) | CSVRecordScanner.zeroBytes(w ^ CSVRecordScanner.lfMask)
                    if hit == 0 { p &+= 8; continue }
                    p &+= hit.trailingZeroBitCount &>> 3
                } else {
                    while p < end, b[p] != delim, b[p] != CSVRecordScanner.lf {
                        hb |= UInt64(b[p]) | (UInt64(b[p]) &- 1); p &+= 1
                    }
                    if p == end {
                        let e = p > fieldStart && b[p &- 1] == CSVRecordScanner.cr ? p &- 1 : p
                        if n == cap { enlarge(n, &cap, &st, &en, &fl) }
                        st[n] = fieldStart; en[n] = e; fl[n] = 0; n &+= 1
                        count = n; highBits = hb
                        return .record(next: end, newlines: newlines)
                    }
                }
                if n == cap { enlarge(n, &cap, &st, &en, &fl) }
                if b[p] == delim {
                    st[n] = fieldStart; en[n] = p; fl[n] = 0; n &+= 1
                    p &+= 1
                    break
                }
                let e = p > fieldStart && b[p &- 1] == CSVRecordScanner.cr ? p &- 1 : p   // CRLF
                st[n] = fieldStart; en[n] = e; fl[n] = 0; n &+= 1
                count = n; highBits = hb
                return .record(next: p &+ 1, newlines: newlines &+ 1)
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
