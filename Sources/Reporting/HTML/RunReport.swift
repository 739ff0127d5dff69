import Foundation

/// What a report says about how it was made: the analysis, the command, the software, the seed and the data.
public struct ReportContext: Sendable {
    public var title: String
    /// One paragraph: the question, the data, the method (a spec's summary).
    public var summary: String
    /// The command that produced the report, as the user typed it.
    public var command: String
    public var version: String
    public var seed: UInt64?
    /// The data the run read (a file and its rows, or the embedded synthetic set and its seed).
    public var dataSummary: String
    /// Extra definition lists shown under "About this analysis" (the spec's settings, published sources).
    public var details: [(term: String, description: String)]

    public init(title: String, summary: String, command: String, version: String, seed: UInt64? = nil,
                dataSummary: String, details: [(term: String, description: String)] = []) {
        self.title = title
        self.summary = summary
        self.command = command
        self.version = version
        self.seed = seed
        self.dataSummary = dataSummary
        self.details = details
    }
}

/// A published run as one self-contained, accessible HTML page (``HTMLPage``): the analysis and its provenance, every
/// table as real table markup, every figure inline with its text alternative, and the output-checking record (the
/// disclosure rule, each withheld or rounded cell with its reason, the totals shown).
///
/// Everything on the page comes from the ``PublishedRun``: the tables and figures the gate published, never the
/// counts before disclosure control, so the page is as safe to release as the run's text output.
public enum RunReport {
    public static func html(_ run: PublishedRun, context: ReportContext) -> String {
        let e = HTMLText.escape
        var page = HTMLPage(title: context.title)
        page.subtitle = ["CareStat \(context.version)" + (context.seed.map { " · seed \($0)" } ?? ""),
                         "Data: \(context.dataSummary)"]
        var about = "<p>\(e(context.summary))</p>\n<dl>\n"
        about += "<dt>Command</dt><dd><code>\(e(context.command))</code></dd>\n"
        for d in context.details { about += "<dt>\(e(d.term))</dt><dd>\(e(d.description))</dd>\n" }
        about += "<dt>Disclosure control</dt><dd>\(e(run.record.policy.isEnabled ? run.record.policy.footnote(secondaryApplies: true) : "off: this output is not for release"))</dd>\n</dl>\n"
        page.addSection(heading: "About this analysis", id: "about", html: about)

        var contents = "<ol>\n"
        for (k, t) in run.tables.enumerated() { contents += "<li><a href=\"#table-\(k + 1)\">\(e(t.table.title.isEmpty ? t.name : t.table.title))</a></li>\n" }
        for (k, f) in run.figures.enumerated() { contents += "<li><a href=\"#figure-\(k + 1)\">Figure: \(e(f.name))</a></li>\n" }
        contents += "<li><a href=\"#sdc\">Output-checking record</a></li>\n</ol>\n"
        page.addSection(heading: "Contents", id: "contents", html: contents)

        var tables = ""
        for (k, t) in run.tables.enumerated() { tables += t.table.html(id: "table-\(k + 1)") }
        page.addSection(heading: "Tables", id: "tables", html: tables)

        if !run.figures.isEmpty {
            var figures = ""
            for (k, f) in run.figures.enumerated() {
                let alternative = "Figure \(k + 1), \(f.name): \(svgTitle(f.svg) ?? f.name). The numbers it shows are in the tables above."
                figures += "<div id=\"figure-\(k + 1)\">\n"
                    + HTMLPage.figure(svg: f.svg, caption: "Figure \(k + 1): \(svgTitle(f.svg) ?? f.name)", alternative: alternative)
                    + "</div>\n"
            }
            page.addSection(heading: "Figures", id: "figures", html: figures)
        }
        page.addSection(heading: "Output-checking record", id: "sdc", html: recordHTML(run.record))
        page.footer = "Produced by CareStat \(context.version). Counts of people follow the disclosure rule stated above; "
            + "check the output-checking record before release."
        return page.document
    }

    /// The record as HTML: the rule, the population, a table of withheld or rounded cells, and the totals shown.
    public static func recordHTML(_ record: SDCRecord) -> String {
        let e = HTMLText.escape
        var out = "<p>\(e(record.policy.isEnabled ? record.policy.footnote(secondaryApplies: true) : "Disclosure control was turned off."))</p>\n"
        if !record.population.isEmpty { out += "<p>Population: \(e(record.population))</p>\n" }
        var cells = Table(title: "Cells withheld or rounded",
                          columns: [Column("output", alignment: .left), Column("row", alignment: .left),
                                    Column("column", alignment: .left), Column("rule", alignment: .left),
                                    Column("count it concerns", alignment: .left)])
        for o in record.outputs { for c in o.cells { cells.append([.text(o.name), .text(c.row), .text(c.column), .text(c.rule), .text(c.reason)]) } }
        if cells.rows.isEmpty { out += "<p>No cell was withheld or rounded.</p>\n" } else { out += cells.html(id: "sdc-cells") }
        if !record.totalsShown.isEmpty {
            var totals = Table(title: "Totals shown (published values)",
                               columns: [Column("total", alignment: .left), Column("value")])
            for t in record.totalsShown { totals.append([.text(t.label), .text(t.value)]) }
            out += totals.html(id: "sdc-totals")
        }
        let notes = record.outputs.compactMap { o in o.note.map { "\(o.name): \($0)" } }
        if !notes.isEmpty { out += "<ul class=\"notes\">\n" + notes.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n" }
        return out
    }

    /// The text of an SVG document's first `<title>` element, if any (charts carry one).
    static func svgTitle(_ svg: String) -> String? {
        guard let start = svg.range(of: "<title>"), let end = svg.range(of: "</title>", range: start.upperBound..<svg.endIndex) else { return nil }
        let raw = String(svg[start.upperBound..<end.lowerBound])
        return raw.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
