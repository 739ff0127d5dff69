/// A figure: one or more panels sharing x and y scales (small multiples when more than one), axis labels, a
/// legend for labelled layers, and an optional table under the plot (numbers at risk). Render with ``svg()``.
///
/// Layout, in px (SVG user units; the default 720 × 480 prints at about 190 × 127 mm at 96 px/in), chosen so
/// text stays at least 12 px (about 9 pt in print) and strokes at least 1.5 px:
/// - margins: top 20 (+30 with a title), right 20 (+ legend: 40 + 7.2 px per character of the longest legend
///   label), bottom 60 (+ table: 24 + 18 per row; + footnotes: 8 + 16 per wrapped line), left 70 (or more, for long table row labels: 22 + 7.2 px per
///   character of the longest row label, plus half the widest cell with ``ChartTable/clearsRowLabels``);
/// - panels in a grid of `columns` columns, 60 px apart, each with 22 px above for panel titles if any panel
///   has one; all panels share the same x and y scales, computed from the data of all panels (Heckbert ticks,
///   see ``ChartTicks``) unless the axis has fixed limits;
/// - fonts: title 16 px bold, axis labels 14 px, tick labels, legend and table 12 px, panel titles 13 px bold,
///   footnotes 12 px grey, wrapped at word boundaries to the figure width;
/// - strokes: data 2 px (``ChartLayer/strokeWidth``), axes 1.5 px, grid lines 0.75 px light grey.
/// - height: `height`, or taller when the table and footnotes would leave a panel's plot under 180 px (the figure
///   grows rather than squash the plot); the y-axis label is wrapped (at most two lines) so that no line is longer
///   than the plot grid is tall.
public struct Chart: Sendable, Equatable {
    public var title: String
    public var xAxis: ChartAxis
    public var yAxis: ChartAxis
    public var panels: [ChartPanel]
    /// Panels per row of the grid.
    public var columns: Int
    public var table: ChartTable?
    public var width: Double
    public var height: Double
    public var showsLegend: Bool
    /// Notes printed at the bottom of the figure, one paragraph each (e.g. the disclosure-control rule applied
    /// to the numbers at risk).
    public var footnotes: [String]

    public init(title: String = "", xAxis: ChartAxis = ChartAxis(), yAxis: ChartAxis = ChartAxis(),
                panels: [ChartPanel], columns: Int = 1, table: ChartTable? = nil, width: Double = 720,
                height: Double = 480, showsLegend: Bool = true, footnotes: [String] = []) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.panels = panels
        self.columns = columns
        self.table = table
        self.width = width
        self.height = height
        self.showsLegend = showsLegend
        self.footnotes = footnotes
    }

    /// A single-panel figure.
    public init(title: String = "", xAxis: ChartAxis = ChartAxis(), yAxis: ChartAxis = ChartAxis(),
                layers: [ChartLayer], table: ChartTable? = nil, width: Double = 720, height: Double = 480) {
        self.init(title: title, xAxis: xAxis, yAxis: yAxis, panels: [ChartPanel(layers: layers)], table: table,
                  width: width, height: height)
    }
}
