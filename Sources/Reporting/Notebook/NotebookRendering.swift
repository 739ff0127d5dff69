import Foundation

/// An executed notebook rendered as a self-contained HTML page or as a Jupyter notebook (nbformat 4.5).
///
/// Both renderings hold the same things in the same order: the narrative, each cell's commands, their outputs
/// (Markdown tables as tables, other formats as preformatted text), their SVG figures inline, and at the end the
/// output-checking record of every command. `results[k]` are the results of cell `k`'s commands, in order.
public enum NotebookRendering {
    public static func html(_ document: NotebookDocument, results: [[NotebookCellResult]], context: NotebookContext) -> String {
        var page = HTMLPage(title: document.title ?? context.source)
        page.subtitle = ["Notebook \(context.source) · CareStat \(context.version) · seed \(context.seed)", "Data: \(context.data)"]
        var cellIndex = 0
        var figureIndex = 0
        for block in document.blocks {
            switch block {
            case .markdown(let text):
                page.addRaw("<section>\n" + MarkdownHTML.html(text) + "</section>\n")
            case .cell:
                var html = "<section class=\"cell\" aria-label=\"Cell \(cellIndex + 1)\">\n"
                for r in results[cellIndex] {
                    html += HTMLPage.preformatted("$ carestat " + r.command.arguments.map(quoted).joined(separator: " "), className: "command")
                    html += outputHTML(r)
                    for f in r.figures {
                        figureIndex += 1
                        let title = RunReport.svgTitle(f.svg) ?? f.name
                        html += HTMLPage.figure(svg: f.svg, caption: "Figure \(figureIndex): \(title) (\(f.name))",
                                                alternative: "Figure \(figureIndex): \(title). Its numbers are in the table printed by the same command.")
                    }
                }
                html += "</section>\n"
                page.addRaw(html)
                cellIndex += 1
            }
        }
        page.addSection(heading: "Output-checking record", id: "sdc", html: recordHTML(results.flatMap { $0 }))
        page.footer = "Rendered by carestat notebook render from \(context.source). Every command ran in order on the data stated above."
        return page.document
    }

    static func outputHTML(_ r: NotebookCellResult) -> String {
        let messages = r.stderr.isEmpty ? "" : HTMLPage.preformatted(r.stderr, className: "messages")
        guard !r.stdout.isEmpty else { return messages }
        switch r.format {
        case .markdown: return "<div class=\"output\">\n" + MarkdownHTML.html(r.stdout, headingOffset: 2) + "</div>\n" + messages
        case .text, .csv, .json: return HTMLPage.preformatted(r.stdout) + messages
        }
    }

    static func recordHTML(_ results: [NotebookCellResult]) -> String {
        var t = Table(title: "Disclosure control by command",
                      columns: [Column("command", alignment: .left), Column("rule", alignment: .left),
                                Column("cells withheld or rounded")])
        var cells = Table(title: "Cells withheld or rounded",
                          columns: [Column("command", alignment: .left), Column("output", alignment: .left), Column("row", alignment: .left),
                                    Column("column", alignment: .left), Column("rule", alignment: .left), Column("count it concerns", alignment: .left)])
        for r in results {
            let label = "line \(r.command.line): carestat " + r.command.arguments.joined(separator: " ")
            t.append([.text(label), .text(r.rule ?? "no counts of people"), .integer(r.withheld.count)])
            for w in r.withheld { cells.append([.text("line \(r.command.line)"), .text(w.output), .text(w.row), .text(w.column), .text(w.rule), .text(w.reason)]) }
        }
        return t.html(id: "sdc-commands") + (cells.rows.isEmpty ? "<p>No cell was withheld or rounded.</p>\n" : cells.html(id: "sdc-cells"))
    }

    /// The notebook as Jupyter's JSON (nbformat 4, minor 5): Markdown cells for the narrative, a code cell per
    /// command with its outputs (a stream for text, `text/markdown` display data for Markdown tables,
    /// `image/svg+xml` for figures) and the kernel given as Bash, so Jupyter or VS Code opens it and can rerun the
    /// commands where carestat is installed. The output-checking record is the last Markdown cell.
    public static func ipynb(_ document: NotebookDocument, results: [[NotebookCellResult]], context: NotebookContext) -> String {
        var cells: [JSONValue] = []
        var id = 0
        func nextID() -> JSONValue { id += 1; return .string("cell-\(id)") }
        func source(_ s: String) -> JSONValue {
            let lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return .array(lines.enumerated().map { .string($0.offset < lines.count - 1 ? $0.element + "\n" : $0.element) })
        }
        let header = "# \(document.title ?? context.source)\n\nNotebook `\(context.source)` · CareStat \(context.version) · seed \(context.seed)\n\nData: \(context.data)"
        cells.append(.object([("cell_type", .string("markdown")), ("id", nextID()), ("metadata", .object([])), ("source", source(header))]))
        var cellIndex = 0
        var execution = 0
        for block in document.blocks {
            switch block {
            case .markdown(let text):
                cells.append(.object([("cell_type", .string("markdown")), ("id", nextID()), ("metadata", .object([])), ("source", source(text))]))
            case .cell:
                for r in results[cellIndex] {
                    execution += 1
                    var outputs: [JSONValue] = []
                    if !r.stdout.isEmpty {
                        if r.format == .markdown {
                            outputs.append(.object([("output_type", .string("display_data")),
                                                    ("data", .object([("text/markdown", source(r.stdout)), ("text/plain", source(r.stdout))])),
                                                    ("metadata", .object([]))]))
                        } else {
                            outputs.append(.object([("output_type", .string("stream")), ("name", .string("stdout")), ("text", source(r.stdout))]))
                        }
                    }
                    if !r.stderr.isEmpty {
                        outputs.append(.object([("output_type", .string("stream")), ("name", .string("stderr")), ("text", source(r.stderr))]))
                    }
                    for f in r.figures {
                        outputs.append(.object([("output_type", .string("display_data")),
                                                ("data", .object([("image/svg+xml", source(f.svg)), ("text/plain", .string("<figure \(f.name)>"))])),
                                                ("metadata", .object([]))]))
                    }
                    cells.append(.object([("cell_type", .string("code")), ("id", nextID()), ("metadata", .object([])),
                                          ("execution_count", .number(Double(execution))),
                                          ("source", source("carestat " + r.command.arguments.map(quoted).joined(separator: " "))),
                                          ("outputs", .array(outputs))]))
                }
                cellIndex += 1
            }
        }
        var record = "## Output-checking record\n\n| command | rule | cells withheld or rounded |\n| :--- | :--- | ---: |\n"
        for r in results.flatMap({ $0 }) {
            record += "| line \(r.command.line): `carestat \(r.command.arguments.joined(separator: " ").replacingOccurrences(of: "|", with: "\\|"))` | \((r.rule ?? "no counts of people").replacingOccurrences(of: "|", with: "\\|")) | \(r.withheld.count) |\n"
        }
        cells.append(.object([("cell_type", .string("markdown")), ("id", nextID()), ("metadata", .object([])), ("source", source(record))]))
        let notebook: JSONValue = .object([
            ("nbformat", .number(4)), ("nbformat_minor", .number(5)),
            ("metadata", .object([
                ("kernelspec", .object([("name", .string("bash")), ("display_name", .string("Bash")), ("language", .string("bash"))])),
                ("language_info", .object([("name", .string("bash"))])),
                ("carestat", .object([("version", .string(context.version)), ("seed", .string(context.seed)),
                                      ("data", .string(context.data)), ("source", .string(context.source))])),
            ])),
            ("cells", .array(cells)),
        ])
        return notebook.serialized() + "\n"
    }

    /// An argument quoted for display when it holds characters a shell would treat specially.
    static func quoted(_ a: String) -> String {
        a.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) } && !a.isEmpty
            ? a : "'" + a.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
