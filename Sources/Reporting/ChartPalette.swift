/// Colours for figures: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), distinguishable
/// under the common colour-vision deficiencies.
///
/// The series order puts the colours with most contrast on white paper first (black, blue, vermillion, bluish
/// green, reddish purple, orange, sky blue) and yellow, which prints faintly, last.
public enum ChartPalette {
    public static let black = "#000000"
    public static let orange = "#E69F00"
    public static let skyBlue = "#56B4E9"
    public static let bluishGreen = "#009E73"
    public static let yellow = "#F0E442"
    public static let blue = "#0072B2"
    public static let vermillion = "#D55E00"
    public static let reddishPurple = "#CC79A7"

    /// The eight colours in series order.
    public static let series = [black, blue, vermillion, bluishGreen, reddishPurple, orange, skyBlue, yellow]

    /// The colour for series `index` (cycling after eight).
    public static func color(_ index: Int) -> String {
        series[((index % series.count) + series.count) % series.count]
    }
}
