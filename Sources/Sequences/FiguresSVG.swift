import Foundation

/// The figures of sequence analysis that are safe to release (issue 12 point 5), drawn as SVG from *published*
/// values only: every function here takes counts as the disclosure gate published them (nil = withheld) and
/// sequences only as the caller chose to show them (aggregates: position-wise modal states of groups, medoids of
/// clusters whose size is published, frequent sequences whose count is published). Nothing here sees a withheld
/// count, so no geometry can reveal one. The caller (the CLI's figure closure) reads ``CountDecisions``.
public enum SequenceFigures {
    /// Grey fill for the part of a bar or node whose counts are withheld.
    public static let withheldColour = "#F0F0F0"
}

/// A minimal SVG writer (escaped text and attributes, coordinates to 0.01).
struct FigureSVG {
    private(set) var body = ""
    let width: Double, height: Double

    init(width: Double, height: Double) { self.width = width; self.height = height }

    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where u.value < 0x20: continue
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func n(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(format: "%.2f", r)
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil) {
        guard w > 0, h > 0 else { return }
        body += "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(w))\" height=\"\(Self.n(h))\" fill=\"\(fill)\""
            + (stroke.map { " stroke=\"\($0)\" stroke-width=\"0.5\"" } ?? "") + "/>\n"
    }

    mutating func text(_ s: String, _ x: Double, _ y: Double, size: Double = 11, anchor: String = "start") {
        body += "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor)\" "
            + "font-family=\"sans-serif\">\(Self.escape(s))</text>\n"
    }

    mutating func path(_ d: String, fill: String, opacity: Double) {
        body += "<path d=\"\(d)\" fill=\"\(fill)\" fill-opacity=\"\(Self.n(opacity))\"/>\n"
    }

    /// A legend of the states (and the withheld grey) in one row per entry, from (x, y).
    mutating func legend(_ palette: StatePalette, x: Double, y: Double, withheld: Bool) {
        var yy = y
        for (l, c) in zip(palette.labels, palette.colours) {
            rect(x, yy - 9, 10, 10, fill: c, stroke: "#666666"); text(l, x + 14, yy, size: 10); yy += 14
        }
        if withheld { rect(x, yy - 9, 10, 10, fill: SequenceFigures.withheldColour, stroke: "#666666"); text("withheld (disclosure control)", x + 14, yy, size: 10) }
    }

    /// A sequence drawn as coloured runs in the box (x, y, w, h), `scale` per position.
    mutating func runs(_ states: [Int], palette: StatePalette, x: Double, y: Double, scale: Double, h: Double) {
        var p = 0
        for s in SequenceDescriptives.spells(states) {
            rect(x + Double(p) * scale, y, Double(s.duration) * scale, h, fill: palette.colours[s.state])
            p += s.duration
        }
    }

    func document(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" "
            + "viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\">\n<title>\(Self.escape(title))</title>\n"
            + "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#FFFFFF\"/>\n" + body + "</svg>\n"
    }
}
