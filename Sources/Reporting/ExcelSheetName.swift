/// Excel's rules for worksheet names, applied before names reach libxlsxwriter (which would reject them).
///
/// A sheet name must be 1–31 characters, must not contain `[ ] : * ? / \`, must not begin or end with an
/// apostrophe, must be unique within the workbook ignoring case, and "History" is reserved by Excel.
public enum ExcelSheetName {
    /// The longest name Excel accepts (libxlsxwriter's LXW_SHEETNAME_MAX), counted in Unicode scalars as
    /// libxlsxwriter counts UTF-8 characters.
    public static let maximumLength = 31

    /// `name` made valid: forbidden characters become `_`, leading and trailing apostrophes and surrounding
    /// spaces are dropped, control characters removed, cut to 31 characters; an empty result becomes "Sheet",
    /// "History" becomes "History_".
    public static func sanitized(_ name: String) -> String {
        let forbidden: Set<Unicode.Scalar> = ["[", "]", ":", "*", "?", "/", "\\"]
        var scalars = String.UnicodeScalarView()
        for u in name.unicodeScalars {
            if u.value < 0x20 || u.value == 0x7F { continue }
            scalars.append(forbidden.contains(u) ? "_" : u)
        }
        var s = String(scalars)
        func trim() {
            while let f = s.first, f == "'" || f == " " { s.removeFirst() }
            while let l = s.last, l == "'" || l == " " { s.removeLast() }
        }
        trim()
        s = truncated(s, to: maximumLength)
        trim()
        if s.isEmpty { s = "Sheet" }
        if s.lowercased() == "history" { s += "_" }
        return s
    }

    /// Sanitised names for a list of titles, made unique ignoring case by appending " (2)", " (3)", … (cutting
    /// the name so the suffix fits in 31 characters).
    public static func uniqueNames(for titles: [String]) -> [String] {
        var used = Set<String>()
        var out: [String] = []
        for title in titles {
            let base = sanitized(title)
            var candidate = base
            var k = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(k))"
                candidate = truncated(base, to: maximumLength - suffix.unicodeScalars.count) + suffix
                k += 1
            }
            used.insert(candidate.lowercased())
            out.append(candidate)
        }
        return out
    }

    private static func truncated(_ s: String, to length: Int) -> String {
        guard s.unicodeScalars.count > length else { return s }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s.unicodeScalars.prefix(max(0, length)))
        return String(v)
    }
}
