import Tabular

/// Stops a read when a date column is mostly unreadable in the file's declared date format, instead of keeping
/// the few values that happen to parse. A file written month first (`12/25/2016`) is the usual cause: every
/// date after the 12th of its month fails as dd/mm/yyyy, and the rest parse with day and month swapped, so
/// keeping them would be a silent wrong answer.
///
/// The rule, per column with at least ``minimumValues`` non-blank values: stop when more than half of them are
/// unreadable, or when at least a tenth of them (and at least 3) read as mm/dd/yyyy but not as dd/mm/yyyy.
/// Fewer unreadable values are validation issues, reported row by row (`invalid-date`).
enum DateColumnCheck {
    /// Below this many non-blank values a share says too little; validation reports each bad value instead.
    static let minimumValues = 10

    /// Throws ``CareDataError/unreadableColumn(source:column:reason:)`` when `values` (one per row, `lines[i]`
    /// the file line of row `i`) fail the rule. `declared` names the format, e.g. "dd/mm/yyyy".
    static func check(_ values: [DateField], column: String, source: String, lines: (Int) -> Int,
                      declared: String) throws(CareDataError) {
        var nonBlank = 0, unreadable = 0, monthFirst = 0
        var first: (line: Int, text: String)?
        for (i, v) in values.enumerated() {
            switch v {
            case .missing: continue
            case .valid: nonBlank += 1
            case .invalid(let t):
                nonBlank += 1; unreadable += 1
                if readsMonthFirst(t) { monthFirst += 1 }
                if first == nil { first = (lines(i), t) }
            }
        }
        guard nonBlank >= minimumValues, let first else { return }
        let mostlyUnreadable = 2 * unreadable > nonBlank
        let swapped = 10 * monthFirst >= nonBlank && monthFirst >= 3
        guard mostlyUnreadable || swapped else { return }
        var reason = "\(unreadable) of \(nonBlank) dates are not \(declared) (e.g. line \(first.line): \"\(first.text)\")"
        if monthFirst > 0 {
            reason += "; \(monthFirst) of them read as mm/dd/yyyy, so the others may have day and month swapped"
        }
        reason += ". Write the dates as \(declared); no record was read."
        throw .unreadableColumn(source: source, column: column, reason: reason)
    }

    /// Whether `text` is `m/d/yyyy` with a day after the 12th (so it cannot be `d/m/yyyy`) and a real date.
    static func readsMonthFirst(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
              let m = Int(parts[0]), let d = Int(parts[1]), let y = Int(parts[2]), m <= 12, d > 12 else { return false }
        return CivilDate(year: y, month: m, day: d) != nil
    }
}
