public import Tabular
import Foundation

/// A date field as read from a file: missing (blank), a valid date, or text that is not a date.
public enum DateField: Sendable, Hashable {
    case missing
    case valid(CivilDate)
    case invalid(String)

    /// The date if valid, else nil.
    public var date: CivilDate? {
        if case .valid(let d) = self { return d }
        return nil
    }

    public var isMissing: Bool { self == .missing }

    /// Parses `text` strictly: `dd/mm/yyyy` (SSDA903; one-digit day or month accepted, the year must have four
    /// digits, as rule 141 rejects `01/01/19`) or `yyyy-mm-dd` (ISO, CIN XML and project files), whichever
    /// `style` names; with `style` nil either is accepted. Blank text is `.missing`; anything else that is not an
    /// existing calendar date (e.g. 30/02/2020) is `.invalid`.
    /// Complexity: O(length of text).
    public static func parse(_ text: String, style: DateStyle? = nil) -> DateField {
        let t = text.trimmedBlanks
        if t.isEmpty { return .missing }
        let b = Array(t.utf8)
        // Digit runs separated by one separator byte; a time part after "T" or a space is ignored (ISO only).
        var parts: [Int] = [], widths: [Int] = [], sep: UInt8 = 0
        var value = 0, width = 0, i = 0
        scan: while i < b.count {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                value = value * 10 + Int(c - 0x30); width += 1
                if width > 4 { return .invalid(t) }
            } else if (c == UInt8(ascii: "/") || c == UInt8(ascii: "-")) && width > 0 && parts.count < 2 && (sep == 0 || sep == c) {
                sep = c; parts.append(value); widths.append(width); value = 0; width = 0
            } else if (c == UInt8(ascii: "T") || c == 0x20) && parts.count == 2 && sep == UInt8(ascii: "-") && width > 0 {
                break scan
            } else {
                return .invalid(t)
            }
            i += 1
        }
        guard width > 0, parts.count == 2 else { return .invalid(t) }
        parts.append(value); widths.append(width)
        if sep == UInt8(ascii: "/"), style != .iso, (1...2).contains(widths[0]), (1...2).contains(widths[1]), widths[2] == 4,
           let d = CivilDate(year: parts[2], month: parts[1], day: parts[0]) {
            return .valid(d)
        }
        if sep == UInt8(ascii: "-"), style != .dayMonthYear, widths == [4, 2, 2],
           let d = CivilDate(year: parts[0], month: parts[1], day: parts[2]) {
            return .valid(d)
        }
        return .invalid(t)
    }
}

extension CivilDate {
    /// The date `days` days later (earlier for negative `days`).
    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// The date `months` calendar months later, with the day clamped to the month's length
    /// (31 January + 1 month = 28 or 29 February), as R's `lubridate::%m+%`.
    public func adding(months: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + months
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        let d = Swift.min(day, CivilDate.daysInMonth(year: y, month: m))
        return CivilDate(year: y, month: m, day: d) ?? self
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: CivilDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// Age in completed years on `date` (a child born on 29 February turns a year older on 1 March in
    /// non-leap years).
    public func age(on date: CivilDate) -> Int {
        var a = date.year - year
        if (date.month, date.day) < (month, day) { a -= 1 }
        return a
    }

    /// The collection year of the date: the year of the 31 March that ends the 1 April–31 March year holding it
    /// (the SSDA903 and CIN census reporting year; 15/06/2015 → 2016).
    public var collectionYear: Int { month >= 4 ? year + 1 : year }

    /// 31 March of `year`.
    public static func thirtyFirstMarch(_ year: Int) -> CivilDate {
        CivilDate(year: year, month: 3, day: 31) ?? CivilDate(daysSinceEpoch: 0) // 31 March always exists
    }
}
