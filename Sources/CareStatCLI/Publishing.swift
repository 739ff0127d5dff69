import Foundation
import Reporting

/// Options every command that shows results takes for where its outputs go besides standard output.
extension GlobalOptions {
    /// The gate every output of this run goes through.
    var gate: DisclosureGate { DisclosureGate(policy: disclosurePolicy) }
}

extension Console {
    /// Publishes a run's outputs through the one disclosure gate and writes them: the tables (or the run's JSON)
    /// to standard output in the chosen format, every table to `--xlsx` (one sheet per table, footnotes kept), the
    /// output-checking record to `--sdc-report`, and figures to the paths `figurePath` gives (nil: not written).
    /// Returns the published run, for commands that print more.
    @discardableResult
    static func publish(_ run: RunOutput, options: GlobalOptions,
                        figurePath: (String) -> String? = { _ in nil }) throws -> PublishedRun {
        let published: PublishedRun
        do { published = try options.gate.publish(run) } catch let e as UserError { throw e } catch {
            throw UserError("\(error)")
        }
        emit(published, as: options.format)
        if let path = options.xlsx { try writeWorkbook(published.tables.map(\.table), to: path) }
        for (name, svg) in published.figures {
            guard let path = figurePath(name) else { continue }
            try write(svg, to: path)
        }
        if let path = options.sdcReport { try write(published.record.json.serialized() + "\n", to: path) }
        return published
    }

    /// Publishes tables that show no counts of people (distribution values, the catalogue, version information,
    /// synthetic data's calibration) the same way, so `--xlsx` and `--sdc-report` work for every command.
    static func publish(countFree tables: [Table], options: GlobalOptions) throws {
        var run = RunOutput(population: "no counts of people")
        for t in tables { run.add(countFree: t) }
        try publish(run, options: options)
    }

    /// Writes a published run to standard output: text and Markdown tables separated by blank lines; CSV blocks,
    /// each preceded by a `# name: title` line so that the tables of one command can be told apart; JSON as the
    /// run's one object.
    static func emit(_ published: PublishedRun, as format: OutputFormat) {
        switch format {
        case .json: out(published.json.serialized() + "\n")
        case .csv:
            if published.tables.count == 1 { out(published.tables[0].table.render(as: .csv)); return }
            out(published.tables.map { "# \($0.name): \($0.table.title)\n" + $0.table.render(as: .csv) }.joined(separator: "\n"))
        case .text, .markdown: out(published.tables.map { $0.table.render(as: format) }.joined(separator: "\n"))
        }
    }

    /// Writes text to a file, as a user error naming the path when it cannot.
    static func write(_ text: String, to path: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw UserError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
