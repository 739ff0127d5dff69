/// A ``Table`` as accessible HTML table markup: the title as the `<caption>`, column headers as `<th scope="col">`,
/// the first cell of each row as `<th scope="row">` (the row's label), numbers right-aligned as in the text output,
/// withheld cells with a visible marker and a `title` that says why, and the footnotes in a list tied to the table
/// by `aria-describedby`.
///
/// Cells are rendered by ``Cell/humanText``, the same rounding as the text and Markdown outputs: the page shows
/// exactly what `--format text` shows, nothing a published table withholds.
extension Table {
    /// The table as an HTML `<figure>`-free block: `<table>` then its notes. `id` must be unique in the page.
    public func html(id: String) -> String {
        let e = HTMLText.escape
        let notesID = id + "-notes"
        var out = "<table id=\"\(e(id))\""
        if !footnotes.isEmpty { out += " aria-describedby=\"\(e(notesID))\"" }
        out += ">\n"
        if !title.isEmpty { out += "<caption>\(e(title))</caption>\n" }
        out += "<thead><tr>"
        for c in columns {
            out += "<th scope=\"col\" class=\"\(c.alignment == .left ? "l" : "r")\">\(e(c.header))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (j, cell) in row.enumerated() {
                let align = columns[j].alignment == .left ? "l" : "r"
                var attributes = " class=\"\(align)\""
                if case .suppressed = cell { attributes = " class=\"\(align) withheld\" title=\"withheld by disclosure control\"" }
                let tag = j == 0 ? "th scope=\"row\"" : "td"
                let close = j == 0 ? "th" : "td"
                out += "<\(tag)\(attributes)>\(e(cell.humanText))</\(close)>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if !footnotes.isEmpty {
            out += "<ul class=\"notes\" id=\"\(e(notesID))\">\n"
            for note in footnotes { out += "<li>\(e(note))</li>\n" }
            out += "</ul>\n"
        }
        return out
    }
}
