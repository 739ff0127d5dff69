/// The subset of Markdown that notebooks and CareStat's Markdown tables use, as HTML: ATX headings, paragraphs,
/// bullet and numbered lists, fenced code blocks, block quotes, pipe tables (with a header row, as
/// `--format markdown` prints them, including `\|` escapes) and inline code, strong, emphasis and links.
///
/// Everything else is escaped text, never raw HTML: a notebook cannot inject markup or scripts into the page.
/// Links keep only `http:`, `https:`, `mailto:` and relative targets. Heading levels are shifted by `headingOffset`
/// so a notebook's `#` sits under the page's own `<h1>`.
public enum MarkdownHTML {
    public static func html(_ markdown: String, headingOffset: Int = 1) -> String {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out = ""
        var i = 0
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { out += "<p>" + inline(paragraph.joined(separator: " ")) + "</p>\n" }
            paragraph = []
        }
        while i < lines.count {
            let line = lines[i]
            let t = line.trimmingWhitespace()
            if t.isEmpty { flush(); i += 1; continue }
            if t.hasPrefix("```") {
                flush()
                var code: [String] = []
                i += 1
                while i < lines.count, lines[i].trimmingWhitespace() != "```" { code.append(lines[i]); i += 1 }
                i += 1
                out += "<pre><code>" + HTMLText.escape(code.joined(separator: "\n")) + "</code></pre>\n"
                continue
            }
            if let level = headingLevel(t) {
                flush()
                let h = min(6, level + headingOffset)
                out += "<h\(h)>" + inline(String(t.dropFirst(level)).trimmingWhitespace()) + "</h\(h)>\n"
                i += 1
                continue
            }
            if t.hasPrefix("|"), i + 1 < lines.count, isSeparator(lines[i + 1]) {
                flush()
                let header = cells(t)
                let aligns = cells(lines[i + 1].trimmingWhitespace()).map { $0.hasSuffix(":") && !$0.hasPrefix(":") ? "r" : "l" }
                var rows: [[String]] = []
                i += 2
                while i < lines.count, lines[i].trimmingWhitespace().hasPrefix("|") { rows.append(cells(lines[i].trimmingWhitespace())); i += 1 }
                out += "<table>\n<thead><tr>"
                for (j, h) in header.enumerated() { out += "<th scope=\"col\" class=\"\(j < aligns.count ? aligns[j] : "l")\">" + inline(h) + "</th>" }
                out += "</tr></thead>\n<tbody>\n"
                for r in rows {
                    out += "<tr>"
                    for (j, c) in r.enumerated() {
                        let a = j < aligns.count ? aligns[j] : "l"
                        out += j == 0 ? "<th scope=\"row\" class=\"\(a)\">" + inline(c) + "</th>" : "<td class=\"\(a)\">" + inline(c) + "</td>"
                    }
                    out += "</tr>\n"
                }
                out += "</tbody>\n</table>\n"
                continue
            }
            if let _ = bullet(t) {
                flush()
                out += "<ul>\n"
                while i < lines.count, let item = bullet(lines[i].trimmingWhitespace()) { out += "<li>" + inline(item) + "</li>\n"; i += 1 }
                out += "</ul>\n"
                continue
            }
            if let _ = numbered(t) {
                flush()
                out += "<ol>\n"
                while i < lines.count, let item = numbered(lines[i].trimmingWhitespace()) { out += "<li>" + inline(item) + "</li>\n"; i += 1 }
                out += "</ol>\n"
                continue
            }
            if t.hasPrefix(">") {
                flush()
                var quoted: [String] = []
                while i < lines.count, lines[i].trimmingWhitespace().hasPrefix(">") {
                    quoted.append(String(lines[i].trimmingWhitespace().dropFirst()).trimmingWhitespace()); i += 1
                }
                out += "<blockquote><p>" + inline(quoted.joined(separator: " ")) + "</p></blockquote>\n"
                continue
            }
            paragraph.append(t)
            i += 1
        }
        flush()
        return out
    }

    static func headingLevel(_ t: String) -> Int? {
        var n = 0
        for ch in t { if ch == "#" { n += 1 } else { break } }
        guard (1...6).contains(n), t.count > n, t[t.index(t.startIndex, offsetBy: n)] == " " else { return nil }
        return n
    }

    static func isSeparator(_ line: String) -> Bool {
        let t = line.trimmingWhitespace()
        return t.hasPrefix("|") && t.contains("-") && t.allSatisfy { "|-: ".contains($0) }
    }

    /// The cells of a pipe-table row (`\|` is a literal bar).
    static func cells(_ row: String) -> [String] {
        var s = Substring(row)
        if s.hasPrefix("|") { s = s.dropFirst() }
        if s.hasSuffix("|") && !s.hasSuffix("\\|") { s = s.dropLast() }
        var out: [String] = []
        var current = ""
        var escape = false
        for ch in s {
            if escape { if ch != "|" { current.append("\\") }; current.append(ch); escape = false; continue }
            if ch == "\\" { escape = true; continue }
            if ch == "|" { out.append(current.trimmingWhitespace()); current = ""; continue }
            current.append(ch)
        }
        if escape { current.append("\\") }
        out.append(current.trimmingWhitespace())
        return out
    }

    static func bullet(_ t: String) -> String? {
        guard t.hasPrefix("- ") || t.hasPrefix("* ") else { return nil }
        return String(t.dropFirst(2))
    }

    static func numbered(_ t: String) -> String? {
        guard let dot = t.firstIndex(of: "."), dot > t.startIndex, t[..<dot].allSatisfy(\.isNumber),
              t.index(after: dot) < t.endIndex, t[t.index(after: dot)] == " " else { return nil }
        return String(t[t.index(dot, offsetBy: 2)...])
    }

    /// Inline Markdown: `code`, **strong**, *emphasis* / _emphasis_, [text](target). Text is escaped first.
    static func inline(_ s: String) -> String {
        var out = ""
        let chars = Array(s)
        var i = 0
        func find(_ c: [Character], from: Int) -> Int? {
            var k = from
            while k + c.count <= chars.count {
                if Array(chars[k..<k + c.count]) == c { return k }
                k += 1
            }
            return nil
        }
        while i < chars.count {
            let ch = chars[i]
            if ch == "`", let end = find(["`"], from: i + 1) {
                out += "<code>" + HTMLText.escape(String(chars[i + 1..<end])) + "</code>"
                i = end + 1
            } else if ch == "*", i + 1 < chars.count, chars[i + 1] == "*", let end = find(["*", "*"], from: i + 2), end > i + 2 {
                out += "<strong>" + inline(String(chars[i + 2..<end])) + "</strong>"
                i = end + 2
            } else if (ch == "*" || ch == "_"), i + 1 < chars.count, chars[i + 1] != " ", let end = find([ch], from: i + 1), end > i + 1,
                      ch == "*" || (i == 0 || !chars[i - 1].isLetter) {
                out += "<em>" + inline(String(chars[i + 1..<end])) + "</em>"
                i = end + 1
            } else if ch == "[", let close = find(["]", "("], from: i + 1), let end = find([")"], from: close + 2) {
                let text = String(chars[i + 1..<close])
                let target = String(chars[close + 2..<end])
                let safe = target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:")
                    || (!target.contains(":") && !target.hasPrefix("//"))
                out += safe ? "<a href=\"\(HTMLText.escape(target))\">" + inline(text) + "</a>" : inline(text)
                i = end + 1
            } else {
                out += HTMLText.escape(String(ch))
                i += 1
            }
        }
        return out
    }
}
