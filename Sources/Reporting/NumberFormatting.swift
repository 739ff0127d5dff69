import Foundation

/// The one place CareStat turns numbers into text.
///
/// Human-readable formats round to significant digits (R's `format(x, digits = 4)` style: fixed notation when it
/// fits in a reasonable width, scientific otherwise); machine formats (CSV, JSON) use the shortest decimal that
/// round-trips to the same double, so no precision is lost between CareStat and the next tool.
public enum NumberFormatting {
    /// Shortest round-trip decimal ("0.1", "1e-300", "12345.678"); `nil` for NaN and ±∞, which CSV leaves
    /// empty and JSON writes as null.
    public static func roundTrip(_ x: Double) -> String? {
        guard x.isFinite else { return nil }
        if x == 0 { return x.sign == .minus ? "-0" : "0" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"   // Swift's description is the shortest representation that round-trips.
    }

    /// `x` rounded to `significantDigits` for people: fixed notation for 1e-4 ≤ |x| < 1e7, scientific otherwise;
    /// "NaN", "Inf", "-Inf" for the non-finite values.
    public static func human(_ x: Double, significantDigits: Int = 4) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        if x == 0 { return "0" }
        let digits = max(1, significantDigits)
        let magnitude = Int(floor(log10(abs(x))))
        if magnitude >= 7 || magnitude < -4 {
            return String(format: "%.\(digits - 1)e", x)
        }
        let decimals = max(0, digits - 1 - magnitude)
        var s = String(format: "%.\(decimals)f", x)
        if s.contains(".") {   // drop trailing zeros, as R's print does
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// A p-value for people: "<0.001" below 0.001, otherwise 3 significant digits (at most 3 decimals).
    public static func pValue(_ p: Double) -> String {
        if p.isNaN { return "NaN" }
        if p < 0.001 { return "<0.001" }
        return String(format: "%.3f", p)
    }

    /// The Excel number-format code that displays `x` as ``human(_:significantDigits:)`` rounds it (the stored
    /// value keeps full precision): fixed decimals for 1e-4 ≤ |x| < 1e7 ("0.000" has 3 decimals), scientific
    /// ("0.000E+00") otherwise. Unlike ``human(_:significantDigits:)`` trailing zeros stay, since Excel formats
    /// cannot drop them conditionally. "General" for zero and non-finite values.
    public static func excelFormat(_ x: Double, significantDigits: Int = 4) -> String {
        guard x.isFinite, x != 0 else { return "General" }
        let digits = max(1, min(significantDigits, 15))   // Excel keeps 15 significant digits
        let magnitude = Int(floor(log10(abs(x))))
        if magnitude >= 7 || magnitude < -4 {
            return digits == 1 ? "0E+00" : "0." + String(repeating: "0", count: digits - 1) + "E+00"
        }
        let decimals = min(30, max(0, digits - 1 - magnitude))
        return decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals)
    }

    /// The Excel number-format code for p-values, matching ``pValue(_:)``: a conditional section shows "<0.001"
    /// below 0.001, otherwise three decimals.
    public static let excelPValueFormat = "[<0.001]\"<0.001\";0.000"

    /// The Excel number-format code for counts and other integers.
    public static let excelIntegerFormat = "0"

    /// A tick label for a value on an axis whose ticks are `step` apart: enough decimals to tell ticks apart
    /// (Heckbert's `nfrac = max(−⌊log10 step⌋, 0)`), e.g. "0.2", "15", "0.002"; "-0" becomes "0". Values of 1e6
    /// or more, or steps below 1e-4, use ``human(_:significantDigits:)``.
    public static func tickLabel(_ x: Double, step: Double) -> String {
        guard x.isFinite, step.isFinite, step > 0 else { return human(x) }
        if abs(x) >= 1e6 || step < 1e-4 { return human(x, significantDigits: 6) }
        let decimals = max(0, -Int(floor(log10(step) + 1e-9)))
        let s = String(format: "%.\(decimals)f", x)
        return Double(s) == 0 ? String(format: "%.\(decimals)f", 0.0) : s
    }

    /// A coordinate in SVG output: two decimals (1/100 px), trailing zeros dropped ("12.5", "40", "-3.25").
    public static func svgCoordinate(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        var s = String(format: "%.2f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }
}
