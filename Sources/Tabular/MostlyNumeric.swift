/// When a column of text is really a column of numbers with a few bad cells.
///
/// A single `n/a`, `-`, `?` or `#N/A` among 299 numbers would otherwise make the whole column text, which a
/// model then fits as a factor of 300 levels without a word. So a column is *numbers with bad cells* when
///
/// 1. at least 90% of its non-missing cells are numbers (``NumberSyntax``: R's syntax, `Inf` and `NaN`
///    included), and at least one is not — so every bad cell comes with at least nine numbers, and a column
///    with a handful of values is never judged on one of them; and
/// 2. none of the cells that are not numbers mixes ASCII letters and digits (`E09000002`, `123456A`, `U1`).
///
/// Its non-number cells are then errors naming file, line, column and value (with the count), or quarantined
/// rows, and the column is read as integer or double. Missing tokens (blank, `NA`, `.`, `NULL` by default) are
/// missing, never bad cells.
///
/// Why these two conditions: a real text column of codes cannot meet them. Local-authority codes
/// (`E09000002`), ethnicity (`WBRI`), legal status (`C2`), placement (`U1`) and postcodes have no cell that is a
/// number at all; identifiers that are numbers for most children and codes for a few (`123456A`) fail
/// condition 2, because a value that mixes letters and digits is a code, not a misspelt number. What meets
/// both is a column of numbers holding placeholders (`n/a`, `-`, `?`, `unknown`, `#VALUE!`), malformed numbers
/// (`<5`, `12%`, `1,234`) or corrupt bytes (a NUL), all of which a model must not see. 90% rather than "all
/// but k": in a large extract the placeholders of a numeric column can number thousands, and the share, not
/// the count, says whether the column is numbers. A column that is numbers but for some codes (condition 2)
/// stays text; a model refuses to make a factor of it (Formulas' `ModelFrame`), so it is never fitted silently.
public enum MostlyNumeric {
    /// The least share of non-missing cells that must be numbers.
    public static let minimumShare = 0.9

    /// Condition 1: `numbers` of `nonMissing` cells are numbers, at least ``minimumShare`` and not all.
    public static func applies(numbers: Int, nonMissing: Int) -> Bool {
        numbers < nonMissing && Double(numbers) >= minimumShare * Double(nonMissing)
    }

    /// Whether the text is a number in CSV syntax (R's: `12`, `-1.5e3`, `.5`, `Inf`, `NaN`), after trimming
    /// nothing: exactly what the CSV reader counts as a number.
    public static func isNumber(_ text: String) -> Bool {
        var s = text
        return s.withUTF8 { b in
            guard let base = b.baseAddress, b.count > 0 else { return false }
            return NumberSyntax.classify(base, b.count).number
        }
    }

    /// Condition 2's test: whether the bytes hold both an ASCII letter and an ASCII digit (a code). O(n).
    static func isCodeShaped(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var letter = false, digit = false
        for i in 0..<n {
            let c = p[i]
            if c &- 48 < 10 { digit = true } else if (c | 0x20) &- 97 < 26 { letter = true }
            if letter && digit { return true }
        }
        return false
    }
}
