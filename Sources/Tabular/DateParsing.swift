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
        let slash = UInt8(ascii: "/"), dash = UInt8(ascii: "-")
        // Digit positions: dd/mm/yyyy → 0 1 3 4 6 7 8 9; yyyy-mm-dd → 0 1 2 3 5 6 8 9.
        let dmy = format == .dayMonthYear
        guard dmy ? (p[2] == slash && p[5] == slash) : (p[4] == dash && p[7] == dash) else { return nil }
        let i0 = 0, i1 = 1, i2 = dmy ? 3 : 2, i3 = dmy ? 4 : 3, i4 = dmy ? 6 : 5, i5 = dmy ? 7 : 6
        let a = p[i0] &- 48, b = p[i1] &- 48, c = p[i2] &- 48, e = p[i3] &- 48
        let f = p[i4] &- 48, g = p[i5] &- 48, h = p[8] &- 48, k = p[9] &- 48
        guard (a < 10) && (b < 10) && (c < 10) && (e < 10) && (f < 10) && (g < 10) && (h < 10) && (k < 10) else { return nil }
        if dmy {
            d = Int(a) * 10 + Int(b); m = Int(c) * 10 + Int(e)
            y = Int(f) * 1000 + Int(g) * 100 + Int(h) * 10 + Int(k)
        } else {
            y = Int(a) * 1000 + Int(b) * 100 + Int(c) * 10 + Int(e)
            m = Int(f) * 10 + Int(g); d = Int(h) * 10 + Int(k)
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
