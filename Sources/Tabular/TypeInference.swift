/// Per-field type evidence for CSV type inference, and the rule that turns a column's evidence into a type.
///
/// Design: EVERY non-missing field of a column is evidence (the whole file, not a sample of the first N rows,
/// so a value that contradicts an early guess can never be met only after the type is fixed), and the column
/// keeps the intersection (bitwise AND) of its fields' classes. (A field that parses as the column's current
/// type is known to have that type's classes, so only fields that do not are classified in full; see
/// ``CSVColumnBuilder``.) The column's type is then the most specific type that every value fits, in this order:
///
/// 1. boolean — every value is one of `TRUE`, `FALSE`, `true`, `false` (R's spellings; `0`/`1` stay integers);
/// 2. integer — every value is an optional sign and digits fitting in 64 bits (leading zeros are dropped, as
///    R's `fread` does; give `.string` for codes such as `007`);
/// 3. double — every value is a number (see ``NumberSyntax``); values that are numbers but not finite (`Inf`,
///    `NaN`, `1e400`) keep the column a double column and are then errors, reported with their line;
/// 4. date — every value has the shape of `dd/mm/yyyy`, or every value has the shape of `yyyy-mm-dd`
///    (a value cannot have both shapes, so the choice is never ambiguous; a column mixing the two layouts,
///    or with two-digit years, is text). Values of the right shape that are not real dates (31/02/2020)
///    are then errors, reported with their line, rather than silently demoting the column to text;
/// 5. string — anything else, and columns with no non-missing value at all (no evidence for any type).
///
/// Except: a column whose non-missing values are at least 90% numbers and whose other values are not codes
/// (``MostlyNumeric`` states the rule and why) is integer or double, and its values that are not numbers are
/// errors (or quarantined rows) naming line, column and value: one `n/a` never turns a numeric column into text.
///
/// A string column becomes categorical only when ``CSVReadOptions/categoricalMaxLevels`` is set and the
/// column has at most that many distinct values; the default is string, because a level set inferred from
/// one file silently differs between files (a code absent this year disappears from the levels), which
/// changes model contrasts; users declare factors with `.categorical(levels:ordered:)`.
struct FieldClass: OptionSet, Sendable {
    let rawValue: UInt8
    static let boolean = FieldClass(rawValue: 1)
    static let integer = FieldClass(rawValue: 2)
    static let double = FieldClass(rawValue: 4)
    static let dmyShape = FieldClass(rawValue: 8)
    static let dmyValid = FieldClass(rawValue: 16)
    static let ymdShape = FieldClass(rawValue: 32)
    static let ymdValid = FieldClass(rawValue: 64)
    /// Every class: the identity of the intersection, the state of a column before any value is seen.
    static let all = FieldClass(rawValue: 127)
    /// Classes that make a column something other than text.
    static let typed: FieldClass = [.boolean, .integer, .double, .dmyShape, .ymdShape]

    /// The classes the bytes belong to. Complexity O(n).
    @inline(__always)
    static func of(_ p: UnsafePointer<UInt8>, _ n: Int) -> FieldClass {
        guard n > 0 else { return [] }
        let c0 = p[0]
        if c0 &- 48 < 10 || c0 == UInt8(ascii: "-") || c0 == UInt8(ascii: "+") || c0 == UInt8(ascii: ".") {
            var r: FieldClass = []
            if n >= 8, n <= 10, c0 &- 48 < 10 {
                if let (y, m, d) = dateFields(p, n, .dayMonthYear) {
                    r.insert(.dmyShape)
                    if isRealDate(y, m, d) { r.insert(.dmyValid) }
                    return r
                }
                if let (y, m, d) = dateFields(p, n, .yearMonthDay) {
                    r.insert(.ymdShape)
                    if isRealDate(y, m, d) { r.insert(.ymdValid) }
                    return r
                }
            }
            let (isInt, isNum) = NumberSyntax.classify(p, n)
            if isInt { r.insert(.integer) }
            if isNum { r.insert(.double) }
            return r
        }
        if n == 4 || n == 5 {
            if isBoolean(p, n) != nil { return .boolean }
        }
        if n == 3, NumberSyntax.isSpecial(p, n) { return .double }
        return []
    }

    /// true/false for `TRUE`, `true`, `FALSE`, `false`; nil otherwise.
    @inline(__always)
    static func isBoolean(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
        func eq(_ s: StaticString) -> Bool {
            guard s.utf8CodeUnitCount == n else { return false }
            let q = s.utf8Start
            for i in 0..<n where p[i] != q[i] { return false }
            return true
        }
        if n == 4 { return eq("TRUE") || eq("true") ? true : nil }
        if n == 5 { return eq("FALSE") || eq("false") ? false : nil }
        return nil
    }

    /// The inferred type of a column whose non-missing values' classes intersect to `self`
    /// (`nonMissing` values seen). See the type's documentation for the order.
    func inferredType(nonMissing: Int) -> CSVColumnType {
        guard nonMissing > 0 else { return .string }
        if contains(.boolean) { return .boolean }
        if contains(.integer) { return .integer }
        if contains(.double) { return .double }
        if contains(.dmyShape) { return .date(format: .dayMonthYear) }
        if contains(.ymdShape) { return .date(format: .yearMonthDay) }
        return .string
    }
}

extension CSVColumnType {
    /// The field classes a value must have to be read as this type (empty: any value).
    var requiredClass: FieldClass {
        switch self {
        case .boolean: .boolean
        case .integer: .integer
        case .double: .double
        case .date(let f): f == .dayMonthYear ? .dmyValid : .ymdValid
        case .string, .categorical: []
        }
    }

    /// Completes "is not ..." in an error message.
    var expectation: String {
        switch self {
        case .boolean: "TRUE, FALSE, true or false"
        case .integer: "an integer"
        case .double: "a number"
        case .date(let f): "a valid \(f.pattern) date"
        case .string: "text"
        case .categorical: "one of the declared levels"
        }
    }
}
