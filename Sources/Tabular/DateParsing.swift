/// A calendar-date layout in text. Only the two layouts of England's children's social care returns are
/// supported, each strictly: a four-digit year (two-digit years are rejected, never guessed at), a day and
/// month of one or two digits, and a date that exists in the proleptic Gregorian calendar (31/02/2020 and
/// 29/02/2023 are errors, never shifted to a neighbouring day as `mktime`-style normalisation would).
public enum DateFormat: String, Sendable, Equatable, CaseIterable {
    /// `dd/mm/yyyy`, as in SSDA903 (looked-after children) returns.
    case dayMonthYear = "dd/mm/yyyy"
    /// `yyyy-mm-dd` (ISO 8601 calendar date), as in the CIN census.
    case yearMonthDay = "yyyy-mm-dd"

    /// The layout as users write it, e.g. `dd/mm/yyyy`.
    public var pattern: String { rawValue }

    /// The date `text` denotes, or nil if it does not have this layout or names a day that does not exist.
    /// Complexity O(length of text).
    public func date(from text: String) -> CivilDate? {
        var t = text
        return t.withUTF8 { u in
            guard let base = u.baseAddress, let days = parseDateDays(base, u.count, self) else { return nil }
            return CivilDate(daysSinceEpoch: Int(days))   // the reader's own conversion, so tests cover it
        }
    }

    /// `date` in this layout, zero-padded (`05/03/2021`, `2021-03-05`).
    public func string(from date: CivilDate) -> String {
        func pad(_ x: Int, _ w: Int) -> String { let s = String(x); return String(repeating: "0", count: max(0, w - s.count)) + s }
        switch self {
        case .dayMonthYear: return "\(pad(date.day, 2))/\(pad(date.month, 2))/\(pad(date.year, 4))"
        case .yearMonthDay: return date.isoString
        }
    }
}

/// The (year, month, day) numbers of a field that has `format`'s shape (digits and separators in the right
/// places; the day and month are not range-checked here), else nil. The shape is what type inference tests:
/// a column whose every value has the shape is a date column, and values of the right shape that are not
/// real dates are then reported as errors rather than turning the column into text.
@inline(__always)
func dateFields(_ p: UnsafePointer<UInt8>, _ n: Int, _ format: DateFormat) -> (Int, Int, Int)? {
    @inline(__always) func digit(_ i: Int) -> Int? {
        let c = p[i] &- 48
        return c < 10 ? Int(c) : nil
    }
    switch format {
    case .dayMonthYear:
        // d{1,2} / d{1,2} / dddd : 8 to 10 bytes.
        guard n >= 8, n <= 10 else { return nil }
        var i = 0
        guard let d0 = digit(0) else { return nil }
        var day = d0
        i = 1
        if let d1 = digit(1) { day = day * 10 + d1; i = 2 }
        guard i < n, p[i] == UInt8(ascii: "/") else { return nil }
        i += 1
        guard i < n, let m0 = digit(i) else { return nil }
        var month = m0
        i += 1
        if i < n, let m1 = digit(i) { month = month * 10 + m1; i += 1 }
        guard i < n, p[i] == UInt8(ascii: "/"), n - i - 1 == 4 else { return nil }
        guard let y0 = digit(i + 1), let y1 = digit(i + 2), let y2 = digit(i + 3), let y3 = digit(i + 4) else { return nil }
        return (y0 * 1000 + y1 * 100 + y2 * 10 + y3, month, day)
    case .yearMonthDay:
        // dddd - d{1,2} - d{1,2} : 8 to 10 bytes.
        guard n >= 8, n <= 10 else { return nil }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3), p[4] == UInt8(ascii: "-") else { return nil }
        var i = 5
        guard let m0 = digit(i) else { return nil }
        var month = m0
        i += 1
        if i < n, let m1 = digit(i) { month = month * 10 + m1; i += 1 }
        guard i < n, p[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        let rest = n - i
        guard rest == 1 || rest == 2, let d0 = digit(i) else { return nil }
        var day = d0
        if rest == 2 { guard let d1 = digit(i + 1) else { return nil }; day = day * 10 + d1 }
        return (y0 * 1000 + y1 * 100 + y2 * 10 + y3, month, day)
    }
}

/// Whether day `d` exists in month `m` of year `y` (Gregorian leap rule).
@inline(__always)
func isRealDate(_ y: Int, _ m: Int, _ d: Int) -> Bool {
    guard m >= 1, m <= 12, d >= 1 else { return false }
    if m == 2 { return d <= ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28) }
    return d <= (m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31)
}

/// Days since 1970-01-01 of a field in `format`, or nil if it lacks the shape or the day does not exist.
/// Zero-padded 10-byte fields (the common case) take a branch-light path; others go through ``dateFields``.
@inline(__always)
func parseDateDays(_ p: UnsafePointer<UInt8>, _ n: Int, _ format: DateFormat) -> Int32? {
    var y = 0, m = 0, d = 0
    if n == 10 {
        // Zero-padded: bytes 0–7 as one little-endian word and bytes 8–9 as another (both inside the field).
        // The two separators must match; with them replaced by "0", every byte must be a digit, tested for all
        // bytes at once: x = byte ^ 0x30 is a digit's value (< 10) exactly when x + 0x76 leaves the high bit
        // clear and x had it clear (a carry out of a bad byte can only flag a word that is already bad).
        let dmy = format == .dayMonthYear
        let raw = UnsafeRawPointer(p)
        let w = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        let t = UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
        // dd/mm/yyyy: separators at bytes 2 and 5; yyyy-mm-dd: at bytes 4 and 7.
        let sepMask: UInt64 = dmy ? 0x0000_FF00_00FF_0000 : 0xFF00_00FF_0000_0000
        let seps: UInt64 = dmy ? 0x0000_2F00_002F_0000 : 0x2D00_002D_0000_0000
        guard w & sepMask == seps else { return nil }
        let x = (w & ~sepMask | (0x3030_3030_3030_3030 & sepMask)) ^ 0x3030_3030_3030_3030
        let z = t ^ 0x3030
        guard ((x &+ 0x7676_7676_7676_7676) | x) & 0x8080_8080_8080_8080 == 0,
              ((z &+ 0x7676) | z) & 0x8080 == 0 else { return nil }
        @inline(__always) func byte(_ k: UInt64) -> Int { Int(truncatingIfNeeded: (x >> (8 * k)) & 0xFF) }
        let z0 = Int(truncatingIfNeeded: z & 0xFF), z1 = Int(truncatingIfNeeded: z >> 8)
        if dmy {
            d = byte(0) * 10 + byte(1); m = byte(3) * 10 + byte(4)
            y = byte(6) * 1000 + byte(7) * 100 + z0 * 10 + z1
        } else {
            y = byte(0) * 1000 + byte(1) * 100 + byte(2) * 10 + byte(3)
            m = byte(5) * 10 + byte(6); d = z0 * 10 + z1
        }
    } else {
        guard let (yy, mm, dd) = dateFields(p, n, format) else { return nil }
        y = yy; m = mm; d = dd
    }
    guard isRealDate(y, m, d) else { return nil }
    // Hinnant's days_from_civil, as in CivilDate.daysSinceEpoch, inlined to avoid building the struct.
    let yy = m <= 2 ? y - 1 : y
    let era = (yy >= 0 ? yy : yy - 399) / 400
    let yoe = yy - era * 400
    let mp = m > 2 ? m - 3 : m + 9
    let doy = (153 * mp + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return Int32(era * 146_097 + doe - 719_468)
}
