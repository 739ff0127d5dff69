public import ArgumentParser
import Foundation
import CareData
import Reporting

/// `carestat notebook render FILE --out FILE.html|FILE.ipynb`: runs an executable Markdown notebook's `carestat`
/// cells in order and writes the page.
public struct NotebookCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Executable Markdown notebooks: run their carestat cells and render them.",
        subcommands: [NotebookRenderCommand.self]
    )
    public init() {}
}

public struct NotebookRenderCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Run a notebook's carestat cells in order and write a self-contained HTML page or a Jupyter notebook.",
        discussion: """
            A notebook is Markdown; each fenced block with the info string carestat is a cell, and each line in it \
            (a trailing backslash continues a line) is one carestat command. The commands run in order, each as \
            its own process of this carestat, in one working folder (a new temporary folder, or --workdir DIR), \
            so a later command can read what an earlier one wrote. SVG files a command writes there are shown \
            inline under it. Each command's output-checking record (--sdc-report) is gathered into the page's \
            record. A command that fails stops the render with the cell, the command and its error. \
            --out FILE.html writes the page; --out FILE.ipynb a Jupyter notebook (nbformat 4.5) with the outputs; \
            give --out twice for both.
            """
    )

    @Argument(help: "The notebook (Markdown).") public var file: String
    @Option(name: .customLong("out"), help: "Output file: .html or .ipynb (repeatable).") public var outputs: [String]
    @Option(help: "Working folder for the commands (default: a new temporary folder, removed afterwards).")
    public var workdir: String?

    public init() {}

    public func validate() throws {
        guard !outputs.isEmpty else { throw ValidationError("give --out FILE.html and/or --out FILE.ipynb") }
        for o in outputs where !(o.hasSuffix(".html") || o.hasSuffix(".ipynb")) {
            throw ValidationError("--out \(o): the output must end in .html or .ipynb")
        }
    }

    public func run() throws {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw UserError("cannot read notebook \(file): \(error.localizedDescription)")
        }
        let document: NotebookDocument
        do { document = try NotebookDocument(parsing: text, file: file) } catch { throw UserError("\(error)") }

        let fm = FileManager.default
        let directory: String
        let temporary = workdir == nil
        if let workdir {
            directory = URL(fileURLWithPath: workdir).standardizedFileURL.path
        } else {
            directory = fm.temporaryDirectory.appendingPathComponent("carestat-notebook-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))").path
        }
        do { try fm.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw UserError("cannot create working folder \(directory): \(error.localizedDescription)")
        }
        defer { if temporary { try? fm.removeItem(atPath: directory) } }

        let runner = NotebookRunner(notebook: file, directory: directory)
        var results: [[NotebookCellResult]] = []
        for (k, cell) in document.cells.enumerated() {
            var cellResults: [NotebookCellResult] = []
            for command in cell.commands {
                cellResults.append(try runner.run(command, cell: k + 1))
            }
            results.append(cellResults)
        }
        let context = NotebookContext(
            source: URL(fileURLWithPath: file).lastPathComponent, version: CareStatCommand.version,
            seed: document.metadata("seed") ?? String(SyntheticGenerator.defaultSeed),
            data: document.metadata("data") ?? "CareStat's embedded synthetic data")
        for out in outputs {
            let rendered = out.hasSuffix(".ipynb")
                ? NotebookRendering.ipynb(document, results: results, context: context)
                : NotebookRendering.html(document, results: results, context: context)
            try Console.write(rendered, to: out)
        }
    }
}

/// Runs notebook commands as child processes of this executable in one working folder.
struct NotebookRunner {
    let notebook: String
    let directory: String

    /// This executable (Linux: /proc/self/exe; elsewhere the first argument).
    var executable: URL {
        let proc = URL(fileURLWithPath: "/proc/self/exe")
        if FileManager.default.fileExists(atPath: proc.path) { return proc.resolvingSymlinksInPath() }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    func run(_ command: NotebookDocument.Command, cell: Int) throws -> NotebookCellResult {
        let fm = FileManager.default
        var arguments = command.arguments
        let recordPath = directory + "/.sdc-\(command.line).json"
        let ownRecord = arguments.contains { $0 == "--sdc-report" || $0.hasPrefix("--sdc-report=") }
        if !ownRecord, !isHelpOrVersion(arguments), !["notebook", "synth"].contains(arguments.first ?? "") {
            arguments += ["--sdc-report", recordPath]
        }
        let before = svgFiles()
        let stdoutPath = directory + "/.stdout-\(command.line)"
        let stderrPath = directory + "/.stderr-\(command.line)"
        guard fm.createFile(atPath: stdoutPath, contents: nil), fm.createFile(atPath: stderrPath, contents: nil) else {
            throw UserError("cannot write in the working folder \(directory)")
        }
        defer { try? fm.removeItem(atPath: stdoutPath); try? fm.removeItem(atPath: stderrPath); try? fm.removeItem(atPath: recordPath) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        guard let out = FileHandle(forWritingAtPath: stdoutPath), let err = FileHandle(forWritingAtPath: stderrPath) else {
            throw UserError("cannot write in the working folder \(directory)")
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw UserError("\(notebook):\(command.line): cell \(cell): cannot start carestat: \(error.localizedDescription)")
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let stdout = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw UserError("""
                \(notebook):\(command.line): cell \(cell) failed (exit status \(process.terminationStatus)).
                  command: \(command.text)
                  error: \(stderr.trimmingCharacters(in: .whitespacesAndNewlines))
                """)
        }
        let after = svgFiles()
        var figures: [(String, String)] = []
        for (path, stamp) in after.sorted(by: { $0.key < $1.key }) where before[path] != stamp {
            if let svg = try? String(contentsOfFile: directory + "/" + path, encoding: .utf8) { figures.append((path, svg)) }
        }
        var rule: String? = nil
        var withheld: [NotebookCellResult.Withheld] = []
        if let data = fm.contents(atPath: recordPath),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            rule = object["rule"] as? String
            if object["disclosure_control"] as? Bool == false { rule = "disclosure control off" }
            for o in object["outputs"] as? [[String: Any]] ?? [] {
                for c in o["withheld_or_rounded"] as? [[String: Any]] ?? [] {
                    withheld.append(.init(output: o["name"] as? String ?? "", row: c["row"] as? String ?? "",
                                          column: c["column"] as? String ?? "", rule: c["rule"] as? String ?? "",
                                          reason: c["reason"] as? String ?? ""))
                }
            }
        }
        return NotebookCellResult(command: command, stdout: stdout, stderr: stderr, format: format(of: command.arguments),
                                  figures: figures, rule: rule, withheld: withheld)
    }

    private func isHelpOrVersion(_ a: [String]) -> Bool { a.contains("--help") || a.contains("-h") || a.contains("--version") || a.first == "help" }

    /// The output format a command asked for (`--format X` or `--format=X`), text by default.
    private func format(of arguments: [String]) -> OutputFormat {
        for (k, a) in arguments.enumerated() {
            if a == "--format", k + 1 < arguments.count { return OutputFormat(rawValue: arguments[k + 1]) ?? .text }
            if a.hasPrefix("--format=") { return OutputFormat(rawValue: String(a.dropFirst(9))) ?? .text }
        }
        return .text
    }

    /// SVG files under the working folder (relative paths) with their size and modification time.
    private func svgFiles() -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: directory) else { return out }
        for case let path as String in e where path.hasSuffix(".svg") {
            let a = try? fm.attributesOfItem(atPath: directory + "/" + path)
            let size = (a?[.size] as? NSNumber)?.intValue ?? -1
            let date = (a?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            out[path] = "\(size)-\(date)"
        }
        return out
    }
}
