import Foundation

/// A self-contained, accessible HTML page: one document with its styles inline and no external resources (no
/// scripts, fonts, images or style sheets fetched), a language, a title, landmarks (`header`, `main`, `footer`), and
/// colours with contrast of at least 7:1 (WCAG AAA for body text: #1a1a1a on #ffffff is 17.4:1; the muted #4a4a4a is
/// 8.9:1; links #0b4f9c are 8.0:1).
///
/// Figures are inline SVG inside `<figure>` with `role="img"` and an `aria-label`, and a `<figcaption>`; their data
/// sit in the tables beside them, so a screen-reader user has the numbers.
public struct HTMLPage: Sendable {
    public var title: String
    /// Lines under the title (what, when, which version, which seed).
    public var subtitle: [String] = []
    /// Body sections in order, each already HTML.
    public var sections: [String] = []
    /// The footer's text (plain).
    public var footer: String = ""

    public init(title: String) { self.title = title }

    /// Adds a section with a heading (`level` 2 or 3) and HTML content.
    public mutating func addSection(heading: String, level: Int = 2, id: String? = nil, html: String) {
        let e = HTMLText.escape
        let idAttribute = id.map { " id=\"\(e($0))\"" } ?? ""
        sections.append("<section\(idAttribute)>\n<h\(level)>\(e(heading))</h\(level)>\n\(html)</section>\n")
    }

    /// Adds raw HTML as a section.
    public mutating func addRaw(_ html: String) { sections.append(html) }

    /// A figure: inline SVG with a text alternative and a caption. The SVG's own `<?xml …?>` prolog, if any, is
    /// removed (it is not allowed inside HTML).
    public static func figure(svg: String, caption: String, alternative: String) -> String {
        let e = HTMLText.escape
        var body = svg
        if body.hasPrefix("<?xml"), let end = body.range(of: "?>") { body = String(body[end.upperBound...]) }
        return "<figure role=\"img\" aria-label=\"\(e(alternative))\">\n\(body.trimmingCharacters(in: .whitespacesAndNewlines))\n"
            + "<figcaption>\(e(caption))</figcaption>\n</figure>\n"
    }

    /// Preformatted text (commands, plain output).
    public static func preformatted(_ text: String, className: String? = nil) -> String {
        let c = className.map { " class=\"\($0)\"" } ?? ""
        return "<pre\(c)>\(HTMLText.escape(text))</pre>\n"
    }

    /// The whole document.
    public var document: String {
        let e = HTMLText.escape
        var out = """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <a class="skip" href="#main">Skip to the results</a>
            <header>
            <h1>\(e(title))</h1>

            """
        for line in subtitle { out += "<p class=\"meta\">\(e(line))</p>\n" }
        out += "</header>\n<main id=\"main\">\n"
        for s in sections { out += s }
        out += "</main>\n<footer><p>\(e(footer))</p></footer>\n</body>\n</html>\n"
        return out
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff;\
        max-width:72rem;margin:0 auto;padding:1rem 1.5rem;line-height:1.5}\
        h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid #767676;padding-bottom:.2rem;margin-top:2rem}\
        h3{font-size:1.1rem}.meta{color:#4a4a4a;margin:.1rem 0}a{color:#0b4f9c}\
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.3rem}\
        table{border-collapse:collapse;margin:.8rem 0;font-variant-numeric:tabular-nums}\
        caption{text-align:left;font-weight:600;padding:.3rem 0}\
        th,td{border:1px solid #767676;padding:.25rem .5rem}thead th{background:#f0f0f0}\
        .r{text-align:right}.l{text-align:left}.withheld{font-style:italic}\
        .notes{color:#4a4a4a;font-size:.92rem}pre{background:#f6f6f6;border:1px solid #767676;padding:.6rem;\
        overflow-x:auto;font-size:.88rem}pre.command{background:#eef3fa}\
        figure{margin:1rem 0}figure svg{max-width:100%;height:auto}figcaption{color:#4a4a4a;font-size:.92rem}\
        .error{border:2px solid #a00000;padding:.5rem}footer{margin-top:3rem;color:#4a4a4a;font-size:.9rem}
        """
}
