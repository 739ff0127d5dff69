/// A minimal SVG 1.1 writer: elements with escaped attribute values and text.
struct SVGDocument {
    private(set) var body = ""

    /// `s` escaped for XML character data and attribute values (`& < > " '`); characters XML 1.0 forbids (C0
    /// controls other than tab, newline, carriage return) are dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            case _ where u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF: continue
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func number(_ x: Double) -> String { NumberFormatting.svgCoordinate(x) }

    private static func attributes(_ attrs: [(String, String)]) -> String {
        attrs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    mutating func element(_ name: String, _ attrs: [(String, String)]) {
        body += "<\(name)\(Self.attributes(attrs))/>\n"
    }

    mutating func text(_ content: String, _ attrs: [(String, String)]) {
        body += "<text\(Self.attributes(attrs))>\(Self.escape(content))</text>\n"
    }

    mutating func open(_ name: String, _ attrs: [(String, String)] = []) {
        body += "<\(name)\(Self.attributes(attrs))>\n"
    }

    mutating func close(_ name: String) { body += "</\(name)>\n" }

    mutating func raw(_ s: String) { body += s }
}
