/// What a chart layer draws, in data coordinates. Arrays that should pair up but differ in length are cut to
/// the shorter; points with a non-finite coordinate (or non-positive on a log axis) are skipped, and break lines
/// and steps into separate pieces.
public enum ChartMark: Sendable, Equatable {
    /// Straight segments through the points, in the order given.
    case line(x: [Double], y: [Double])
    /// A right-continuous step function (Kaplan–Meier): the value `y[i]` holds from `x[i]` until `x[i+1]`, where
    /// it drops (or rises) vertically.
    case step(x: [Double], y: [Double])
    /// A marker (circle) at each point.
    case points(x: [Double], y: [Double])
    /// A vertical error bar from `lower[i]` to `upper[i]` at each `x[i]`, with caps.
    case errorBars(x: [Double], lower: [Double], upper: [Double])
    /// A shaded band between `lower` and `upper` (a confidence interval); `stepped` draws it as a step function,
    /// matching a ``step(x:y:)`` curve.
    case band(x: [Double], lower: [Double], upper: [Double], stepped: Bool)
    /// Text at a data position.
    case text(x: Double, y: Double, text: String, anchor: ChartTextAnchor)
    /// A horizontal reference line across the panel at `y` (dashed).
    case horizontalRule(y: Double)
}

/// Horizontal anchoring of text (SVG `text-anchor`).
public enum ChartTextAnchor: String, Sendable, Equatable {
    case start, middle, end
}

/// One layer of a panel: a mark with its colour and stroke; a layer with a `label` gets a legend entry.
public struct ChartLayer: Sendable, Equatable {
    public var mark: ChartMark
    /// Legend text; `nil` for no legend entry (layers sharing a label share one entry).
    public var label: String?
    /// A CSS colour, by default from ``ChartPalette``.
    public var color: String
    /// Stroke width in px (user units). 2 px is about 0.5 mm on a 160 mm-wide printed figure: clearly visible.
    public var strokeWidth: Double
    /// SVG dash pattern, e.g. [6, 4]; empty for solid.
    public var dash: [Double]

    public init(_ mark: ChartMark, label: String? = nil, color: String = ChartPalette.color(0), strokeWidth: Double = 2,
                dash: [Double] = []) {
        self.mark = mark
        self.label = label
        self.color = color
        self.strokeWidth = strokeWidth
        self.dash = dash
    }
}

/// One panel of a figure; panels of a ``Chart`` share axes (small multiples).
public struct ChartPanel: Sendable, Equatable {
    public var title: String
    public var layers: [ChartLayer]

    public init(title: String = "", layers: [ChartLayer]) {
        self.title = title
        self.layers = layers
    }
}

/// An axis: label, scale and, optionally, fixed limits (otherwise Heckbert's loose limits around the data).
public struct ChartAxis: Sendable, Equatable {
    public enum Scale: Sendable, Equatable { case linear, log10 }
    public var label: String
    public var scale: Scale
    public var limits: ClosedRange<Double>?
    /// Approximate number of ticks on a linear axis.
    public var tickCount: Int

    public init(_ label: String = "", scale: Scale = .linear, limits: ClosedRange<Double>? = nil, tickCount: Int = 5) {
        self.label = label
        self.scale = scale
        self.limits = limits
        self.tickCount = tickCount
    }
}

/// A table printed under the plot with its columns at x positions of the axis, e.g. numbers at risk under a
/// Kaplan–Meier curve. Cells are ``Cell`` values, so counts can carry disclosure-control suppression.
public struct ChartTable: Sendable, Equatable {
    public var title: String
    /// The x positions (data units) of the columns.
    public var x: [Double]
    public var rows: [ChartTableRow]
    /// Whether the left margin also leaves room for half of the widest cell, so that a cell centred at the
    /// left end of the axis cannot touch the row labels. Off by default (the original layout).
    public var clearsRowLabels: Bool

    public init(title: String = "Number at risk", x: [Double], rows: [ChartTableRow], clearsRowLabels: Bool = false) {
        self.title = title
        self.x = x
        self.rows = rows
        self.clearsRowLabels = clearsRowLabels
    }
}

/// One row of a ``ChartTable``: label (drawn in `color`, to match its curve) and one cell per x position.
public struct ChartTableRow: Sendable, Equatable {
    public var label: String
    public var cells: [Cell]
    public var color: String

    public init(label: String, cells: [Cell], color: String = ChartPalette.color(0)) {
        self.label = label
        self.cells = cells
        self.color = color
    }
}
