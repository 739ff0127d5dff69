import Foundation
import Testing
import TestSupport

/// `carestat notebook render`: every notebook in Notebooks/ renders to HTML and to a Jupyter notebook on the
/// embedded synthetic data (CI runs this), the .ipynb files validate with nbformat's own validator where Python
/// has it, and a failing cell stops the render naming the cell, the command and the error (issue 15 point 2).
@Suite(.serialized) struct NotebookRenderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var notebooks: [URL] {
        let dir = root.appendingPathComponent("Notebooks")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted().map { dir.appendingPathComponent($0) }
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-nb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func everyNotebookRendersToHTMLAndIPYNB() throws {
        #expect(!Self.notebooks.isEmpty)
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for nb in Self.notebooks {
            let stem = nb.deletingPathExtension().lastPathComponent
            let html = dir.appendingPathComponent(stem + ".html").path
            let ipynb = dir.appendingPathComponent(stem + ".ipynb").path
            let r = try CareStatBinary.run(["notebook", "render", nb.path, "--out", html, "--out", ipynb])
            #expect(r.status == 0, "\(stem): \(r.stderr)")
            let page = try String(contentsOfFile: html, encoding: .utf8)
            #expect(page.contains("<pre class=\"command\">$ carestat"), "\(stem): commands shown")
            #expect(page.contains("Output-checking record"))
            #expect(!page.contains("<script"))
            // Without nbformat (not on the machine), at least the JSON shape nbformat 4 requires.
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ipynb))) as? [String: Any]
            #expect(object?["nbformat"] as? Int == 4)
            #expect((object?["cells"] as? [[String: Any]])?.allSatisfy { $0["id"] is String && $0["cell_type"] is String } == true)
            if Python.hasNBFormat {
                let check = try Python.run(["-c", "import nbformat,sys; nb=nbformat.read(sys.argv[1], as_version=4); nbformat.validate(nb); print(len(nb.cells))", ipynb])
                #expect(check.status == 0, "\(stem).ipynb does not validate: \(check.output)")
            }
            // The same notebook renders to the same page (deterministic); checked on the quickest notebook.
            guard stem == "return-to-care" else { continue }
            let again = dir.appendingPathComponent(stem + "-again.html").path
            #expect(try CareStatBinary.run(["notebook", "render", nb.path, "--out", again]).status == 0)
            #expect(try String(contentsOfFile: again, encoding: .utf8) == page, "\(stem): render is not deterministic")
        }
    }

    @Test func failingCellStopsTheRenderNamingCellCommandAndError() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nb = dir.appendingPathComponent("bad.md")
        try """
            # A notebook with a bad cell

            ```carestat
            carestat models
            ```

            Text between.

            ```carestat
            carestat glm no-such-file.csv "y ~ x" --family binomial
            ```
            """.write(to: nb, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("bad.html").path
        let r = try CareStatBinary.run(["notebook", "render", nb.path, "--out", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.md:10: cell 2 failed"), "\(r.stderr)")
        #expect(r.stderr.contains("no-such-file.csv"))
        #expect(!FileManager.default.fileExists(atPath: out), "a failed render must not leave a page behind")
    }

    @Test func notebookMarkupCannotInjectHTML() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nb = dir.appendingPathComponent("inject.md")
        try """
            ---
            title: <script>alert(1)</script>
            ---
            A [link](javascript:alert(1)) and <img src=x onerror=alert(1)> and `<b>`.

            ```carestat
            carestat models --format markdown
            ```
            """.write(to: nb, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("inject.html").path
        let r = try CareStatBinary.run(["notebook", "render", nb.path, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("href=\"javascript"))
        #expect(page.contains("&lt;b&gt;"))
        #expect(page.contains("<table>"), "Markdown output of a cell is shown as a real table")
    }
}

/// python3, where installed, and whether it has nbformat.
enum Python {
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let hasNBFormat: Bool = (try? run(["-c", "import nbformat"]).status == 0) ?? false
}
