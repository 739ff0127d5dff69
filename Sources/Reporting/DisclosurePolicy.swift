/// The statistical disclosure control rule applied to every table that shows counts of people.
///
/// Defaults follow common UK practice for outputs leaving secure research environments (ONS and DfE guidance):
/// counts from 1 to `threshold − 1` are suppressed (threshold 10, the figure used in DESIGN.md and by many trusted
/// research environments), true zeros are shown (a zero reveals nothing about an individual, and ONS/DfE publish
/// them), and no rounding unless asked for. Rounding, when on, rounds each published count — margins included,
/// each from its own true value — to the nearest multiple of `roundingBase` (halves up), so rounded totals need
/// not equal the sum of rounded cells.
public struct DisclosurePolicy: Sendable, Equatable {
    /// The marker that stands for a suppressed count unless a policy says otherwise (`[c]`, "confidential", as in
    /// ONS and DfE tables).
    public static let defaultMarker = "[c]"

    /// Whether disclosure control is applied. When off, counts are shown as they are and the table's footnote
    /// says it is not for release.
    public var isEnabled: Bool
    /// Counts `1 ..< threshold` are suppressed (primary suppression); a count equal to the threshold is shown.
    /// Values below 1 are treated as 1.
    public var threshold: Int
    /// When set (and > 1), every published count is rounded to the nearest multiple of this base.
    public var roundingBase: Int?
    /// Whether true zeros are suppressed too. Off by default: ONS/DfE practice shows true zeros.
    public var suppressesZeros: Bool
    /// Text shown in place of a suppressed count.
    public var marker: String
    /// Which symbols mark withheld and special values (``DisclosureSymbols``).
    public var symbols: DisclosureSymbols

    public init(isEnabled: Bool = true, threshold: Int = 10, roundingBase: Int? = nil, suppressesZeros: Bool = false,
                marker: String? = nil, symbols: DisclosureSymbols = .carestat) {
        self.isEnabled = isEnabled
        self.threshold = max(1, threshold)
        self.roundingBase = roundingBase
        self.suppressesZeros = suppressesZeros
        self.symbols = symbols
        self.marker = marker ?? symbols.suppressed
    }

    /// Threshold 10, zeros shown, no rounding, marker `[c]`.
    public static let standard = DisclosurePolicy()
    /// Disclosure control switched off (`--no-disclosure-control`).
    public static let disabled = DisclosurePolicy(isEnabled: false)

    /// Whether a true count is withheld by primary suppression under this policy.
    public func isPrimarySuppressed(_ count: Int) -> Bool {
        guard isEnabled else { return false }
        if count == 0 { return suppressesZeros }
        return count > 0 && count < threshold
    }

    /// The count as published: rounded to the nearest multiple of `roundingBase` (halves away from zero, so with
    /// base 5: 22 → 20, 23 → 25; with base 10: 15 → 20) when rounding is on, unchanged otherwise. Computed as
    /// `⌊(|n| + ⌊b/2⌋) / b⌋ · b` with the sign of `n`; a result that would overflow leaves the count unchanged.
    public func published(_ count: Int) -> Int {
        guard isEnabled, let base = roundingBase, base > 1, count != Int.min else { return count }
        let magnitude = abs(count)
        let (shifted, overflow) = magnitude.addingReportingOverflow(base / 2)
        guard !overflow else { return count }
        let rounded = shifted / base * base
        return count < 0 ? -rounded : rounded
    }

    /// The footnote stating the rule applied. `secondaryApplies` says whether the table publishes totals from
    /// which suppressed cells could otherwise be derived (so complementary suppression was applied).
    public func footnote(secondaryApplies: Bool) -> String {
        guard isEnabled else { return "Disclosure control OFF: not for release." }
        var s = "Counts below \(threshold) suppressed"
        if suppressesZeros { s += " (zeros included)" }
        if secondaryApplies {
            s += "; secondary suppression applied so suppressed values cannot be derived from totals"
        }
        s += "."
        if let base = roundingBase, base > 1 { s += " Other counts rounded to the nearest \(base)." }
        if marker != "" { s += " Suppressed counts shown as \(marker)." }
        if symbols == .dfe, let base = roundingBase, base > 1 {
            s += " \(DisclosureSymbols.dfe.roundsToZero): a count that rounds to 0 but is not 0."
        }
        return s
    }
}

/// The symbols an output uses for withheld and special values.
///
/// - `carestat`: `[c]` for a withheld count (ONS and DfE tables' "confidential"), blank for not applicable.
/// - `dfe`: the Department for Education's statistical publications' symbols: `c` confidential (withheld), `z` not
///   applicable, `k` a count that rounds to zero but is not zero (with rounding on), `x` not available.
public enum DisclosureSymbols: String, Sendable, CaseIterable {
    case carestat
    case dfe

    /// The marker of a withheld count.
    public var suppressed: String { self == .dfe ? "c" : DisclosurePolicy.defaultMarker }
    /// The marker of a rounded count that is not zero but rounds to zero.
    public var roundsToZero: String { "k" }
    /// The marker of a value that does not apply.
    public var notApplicable: String { self == .dfe ? "z" : "" }
}
