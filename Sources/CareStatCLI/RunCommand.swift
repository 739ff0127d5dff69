public import ArgumentParser
import Foundation
import ModelCatalog
import ModelSpecs
import CareData
import Reporting
import Tabular

/// `carestat run NAME`: runs a model spec from the catalogue and prints its tables.
public struct RunCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a model spec from the catalogue (see 'carestat models').",
        discussion: """
            --data DIR is the folder holding the spec's data. Without it, specs on care records use CareStat's \
            embedded synthetic data (the 'carestat synth' defaults; --seed S for another seed), and the LA-panel \
            specs look in $CARESTAT_DATA, then for the shared LA panel beside the repository \
            (../shared/data/la-panel) from the working directory and from the executable's location. --out DIR \
            writes each table as CSV (full precision), all of them as tables.xlsx, and the figures as SVG; \
            without --out, figures are written to NAME-FIGURE.svg in the working directory (or --plot FILE.svg).
            """
    )

    @Argument(help: "The spec's name.") public var name: String
    @Option(help: "Folder with the spec's data.") public var data: String?
    @Option(help: "Folder to write the tables to (CSV per table, plus tables.xlsx) and the figures (SVG).") public var out: String?
    @Option(help: "File to write the spec's figure to (SVG; with several figures, the name gets a suffix).") public var plot: String?
    @Option(help: "Write all tables and figures, the spec, data summary, seed, version and the output-checking record to one self-contained HTML page.")
    public var report: String?
    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        guard let spec = Catalog.spec(named: name) else {
            throw SpecError.unknownSpec(name, suggestion: nearestName(to: name, among: Catalog.all.map(\.name)))
        }
        let (run, directory) = try SpecData.run(spec, data: data, options: options)
        let names = run.output.figures.map(\.name)
        let paths = try figurePaths(names, spec: spec.name)
        var output = run.output
        for (name, path) in zip(names, paths) { output.notes.append(.literal("Figure \(name) written to \(path).")) }
        let published = try Console.publish(output, options: options, figurePath: { name in
            names.firstIndex(of: name).map { paths[$0] }
        })
        if let out { try write(published.tables.map(\.table), to: out) }
        if let report {
            let context = ReportContext(
                title: spec.title, summary: spec.summary, command: commandLine(), version: CareStatCommand.version,
                seed: spec.data == .careRecords && data == nil ? (options.seed ?? SyntheticGenerator.defaultSeed) : nil,
                dataSummary: run.output.population.isEmpty ? directory : run.output.population,
                details: [("Spec", spec.name)] + spec.published.map { ("Published figure", $0.source) })
            try Console.write(RunReport.html(published, context: context), to: report)
        }
    }

    /// Where each figure goes: into --out DIR, else to --plot FILE (suffixed when there are several), else to
    /// NAME-FIGURE.svg in the working directory.
    private func figurePaths(_ names: [String], spec: String) throws -> [String] {
        try names.map { name in
            if let out {
                do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
                catch { throw UserError("cannot create \(out): \(error.localizedDescription)") }
                return out + "/" + spec + "-" + name + ".svg"
            } else if let plot {
                return names.count == 1 ? plot : (plot.hasSuffix(".svg") ? String(plot.dropLast(4)) : plot) + "-" + name + ".svg"
            }
            return spec + "-" + name + ".svg"
        }
    }

    private func write(_ tables: [Table], to directory: String) throws {
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        catch { throw UserError("cannot create \(directory): \(error.localizedDescription)") }
        for (k, t) in tables.enumerated() {
            let path = directory + "/" + String(format: "%02d", k + 1) + "-" + slug(t.title) + ".csv"
            guard FileManager.default.createFile(atPath: path, contents: Data(t.render(as: .csv).utf8)) else {
                throw UserError("cannot write \(path)")
            }
        }
        try writeWorkbook(tables, to: directory + "/tables.xlsx")
    }

    /// The command as typed, each argument shell-quoted where it needs it.
    private func commandLine() -> String {
        (["carestat"] + CommandLine.arguments.dropFirst()).map { a in
            a.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,".contains($0) } ? a : "'" + a.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }

    private func slug(_ s: String) -> String {
        let allowed = s.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(String(allowed).split(separator: "-").prefix(8).joined(separator: "-"))
    }
}


/// Where a spec's data are and how it runs, shared by `run` and `reproduce`.
enum SpecData {
    /// Runs `spec` on `data` (a folder), else on its default data: the embedded synthetic care records (seed from
    /// the options) or the LA panel found beside the repository. Returns the run and the folder it read.
    static func run(_ spec: ModelSpec, data: String?, options: GlobalOptions) throws -> (run: SpecRun, directory: String) {
        var note: String? = nil
        let directory: String
        if let data {
            directory = data
        } else if spec.data == .careRecords {
            let files = try EmbeddedSyntheticData.files(seed: options.seed)
            directory = files.directory
            note = files.note
        } else {
            directory = try defaultDataDirectory(for: spec)
        }
        do { return (try SpecRunner.run(spec, dataDirectory: directory, policy: options.disclosurePolicy, dataNote: note), directory) }
        catch let e as SpecError { throw e }
        catch { throw UserError("spec \(spec.name): \(error)") }
    }

    static func defaultDataDirectory(for spec: ModelSpec) throws -> String {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["CARESTAT_DATA"] { candidates.append(env) }
        if spec.data == .laPanel {
            let cwd = FileManager.default.currentDirectoryPath
            candidates.append(cwd + "/../shared/data/la-panel")
            candidates.append(cwd + "/shared/data/la-panel")
            // The executable lives in <repo>/.build/<triple>/<config>/carestat.
            var exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            for _ in 0..<5 { exe.deleteLastPathComponent() }
            candidates.append(exe.appendingPathComponent("shared/data/la-panel").path)
        }
        for dir in candidates where FileManager.default.fileExists(atPath: dir + "/" + spec.data.fileName) {
            return URL(fileURLWithPath: dir).standardizedFileURL.path
        }
        throw UserError("cannot find \(spec.data.fileName) for spec \(spec.name); give its folder with --data DIR")
    }

}
