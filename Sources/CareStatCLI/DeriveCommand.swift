public import ArgumentParser
import CareData
import Foundation
import Reporting
import Tabular

extension DerivedDataset: ExpressibleByArgument {}

/// `carestat derive`: builds an analysis dataset (CareData's derivations) and writes it as CSV.
public struct DeriveCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Build a derived dataset (periods, return-to-care, intervention-level, ...) from care data files.",
        discussion: """
            Kinds: \(DerivedDataset.allCases.map(\.rawValue).joined(separator: ", ")).
            Examples:
              carestat derive periods --ssda903 episodes.csv --out periods.csv
              carestat derive return-to-care --ssda903 episodes.csv --la las.csv --out rtc.csv
              carestat derive intervention-level --ssda903 e.csv --cin cin.csv --outcomes cohort.csv --out levels.csv
              carestat derive sequences --ssda903 e.csv --cin cin.csv --from-age 0 --to-age 18 --wide --out seq.csv
              carestat derive leaving-care --ssda903 e.csv --proceedings proceedings.csv --out curve.csv
              carestat derive proceedings --ssda903 e.csv --proceedings proceedings.csv --out journeys.csv
            Records failing validation are left out (see carestat validate). la-counts also writes the monthly \
            counts by age band and placement to FILE-monthly.csv.
            """
    )

    @Argument(help: "The dataset to build.") var kind: DerivedDataset
    @Option(help: "SSDA903 episodes CSV.") public var ssda903: String?
    @Option(help: "SSDA903 header CSV (default: beside the episodes file).") public var header: String?
    @Option(help: "CIN census file (flat CSV, or XML if .xml) or a directory of them; repeat for several census years.")
    public var cin: [String] = []
    @Option(help: "LA table CSV (LA, IDACI, IMD) for return-to-care covariates.") public var la: String?
    @Option(help: "Outcomes CSV (CHILD, LA; DOB for --level-before-age) for intervention-level and outcome-cohort.") public var outcomes: String?
    @Option(help: "Care proceedings CSV (leaving-care, proceedings).") public var proceedings: String?
    @Option(help: "End of follow-up, yyyy-mm-dd, not after the data's end (default: the data's end).") public var censor: String?
    @OptionGroup public var end: DataEndOptions
    @Option(help: "sequences: first age in years (default 0).") public var fromAge: Int?
    @Option(help: "sequences: end age in years, exclusive (default 18).") public var toAge: Int?
    @Option(help: "sequences: first date, yyyy-mm-dd (instead of ages).") public var from: String?
    @Option(help: "sequences: last date, yyyy-mm-dd.") public var to: String?
    @Flag(help: "sequences: one column per month instead of one row per month.") public var wide = false
    @Option(help: "intervention-level: count only records before this birthday (e.g. 16), from the outcomes file's DOB.")
    public var levelBeforeAge: Int?
    @Option(help: "Output CSV file.") public var out: String
    @Option(help: "sequences only: worker threads formatting the file (default: the processor count). The file does not depend on it.")
    public var threads: Int?
    @Flag(help: "Show progress (each input file as it is read, each stage, the file written; sequences: children written) on stderr (default: only when stderr is a terminal).")
    public var progress = false

    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        do {
            func date(_ s: String?, _ name: String) throws -> CivilDate? {
                guard let s else { return nil }
                guard let d = DateField.parse(s).date else { throw UserError("\(name): not a date: \(s)") }
                return d
            }
            var window = SequenceWindow.ages(fromMonths: 12 * (fromAge ?? 0), toMonths: 12 * (toAge ?? 18))
            if from != nil || to != nil {
                guard let a = try date(from, "--from"), let b = try date(to, "--to") else {
                    throw UserError("give both --from and --to")
                }
                window = .dates(from: a, to: b)
            }
            // No SSDA903 or CIN input named: the embedded synthetic data set, with its LA table, outcome cohort and
            // proceedings unless those are given.
            let embedded = ssda903 == nil && cin.isEmpty ? try EmbeddedSyntheticData.files(seed: options.seed) : nil
            let inputs = CareDataInputs(ssda903Path: ssda903 ?? embedded?.episodes, headerPath: header ?? embedded?.header,
                                        cinPaths: embedded.map { [$0.directory] } ?? cin,
                                        localAuthoritiesPath: la ?? embedded?.localAuthorities,
                                        outcomesPath: outcomes ?? embedded?.outcomes,
                                        proceedingsPath: proceedings ?? embedded?.proceedings, dataEnd: end.dataEnd)
            let derivationOptions = DerivationOptions(censorDate: try date(censor, "--censor"), window: window, wide: wide,
                                                      levelBeforeAge: levelBeforeAge)
            let showProgress = progress || isatty(STDERR_FILENO) == 1
            let report: ((String) -> Void)? = showProgress ? { Console.err("derive: \($0)\n") } : nil
            var run = RunOutput(population: "records of the input files, as the flow shows")
            var summary = ResultTable(name: "derived", title: "carestat derive \(kind.rawValue)",
                                      columns: [Column("table", alignment: .left), Column("rows"), Column("file", alignment: .left)])
            var protectedCells = 0
            let flow: DerivationFlow
            if kind == .sequences {
                // Record-level states, streamed child by child: a national table does not fit in memory.
                if let threads, threads < 1 { throw UserError("--threads must be at least 1") }
                let written = try inputs.writeSequences(options: derivationOptions, to: out,
                                                        threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                                                        progress: report)
                let rows = run.ledger.count(written.rows, role: .records, label: "rows of the derived sequences table")
                summary.append([.plain(.text(kind.rawValue)), .count(rows), .plain(.text(out))])
                flow = written.flow
            } else {
                if threads != nil { throw UserError("--threads applies to derive sequences only") }
                let derivation = try inputs.derive(kind, options: derivationOptions, progress: report)
                flow = derivation.flow
                for (name, frame) in derivation.tables {
                    let path = name.isEmpty ? out : Self.path(out, suffix: name)
                    report?("writing \(frame.rowCount) rows to \(path)")
                    if let columns = AggregateCountColumns.of(kind, table: name) {
                        // An aggregate table of counts is an output: written through the disclosure gate.
                        let published = try options.gate.publish(Self.run(frame, columns: columns, name: name.isEmpty ? kind.rawValue : name))
                        protectedCells += published.record.outputs.reduce(0) { $0 + $1.cells.count }
                        try Console.write(published.tables[0].table.render(as: .csv), to: path)
                    } else {
                        try writeCSV(frame, to: path)
                    }
                    let rows = run.ledger.count(frame.rowCount, role: .records, label: "rows of the derived \(name.isEmpty ? kind.rawValue : name) table")
                    summary.append([.plain(.text(name.isEmpty ? kind.rawValue : name)), .count(rows), .plain(.text(path))])
                }
            }
            if let embedded { summary.footnotes.append(embedded.note) }
            if AggregateCountColumns.of(kind, table: "") != nil {
                let policy = options.disclosurePolicy
                summary.footnotes.append(policy.isEnabled
                    ? "The counts in the file went through disclosure control: \(policy.footnote(secondaryApplies: false)) "
                        + "\(protectedCells) cells withheld or rounded; percentages that would reveal a withheld count withheld too. "
                        + "For the exact counts (analysis inside the research environment, not for release) use --no-disclosure-control."
                    : "Exact counts: \(policy.footnote(secondaryApplies: false))")
            }
            summary.footnotes.append("Records failing validation are left out, as the flow below shows "
                + "(carestat validate lists them).")
            run.add(summary)
            DerivationFlowTable.add(flow, title: "Flow of records", to: &run)
            try Console.publish(run, options: options)
        } catch let e as CareDataError {
            throw UserError(e.description)
        }
    }

    /// The derived aggregate table as a run for the gate: count columns as counts of people, percentages as
    /// statistics that reveal their numerator and denominator, every other column plain.
    static func run(_ frame: DataFrame, columns: AggregateCountColumns, name: String) -> RunOutput {
        var run = RunOutput(population: "derived \(name) table")
        var table = ResultTable(name: name, title: name, columns: frame.columnNames.map { Column($0, alignment: .left) })
        let byName = Dictionary(uniqueKeysWithValues: frame.columnNames.enumerated().map { ($1, $0) })
        for i in 0..<frame.rowCount {
            var ids: [String: CountID] = [:]
            for c in columns.counts {
                guard let j = byName[c], let v = frame.columns[j].numericValue(at: i), v >= 0, v == v.rounded() else { continue }
                ids[c] = run.ledger.count(Int(v), role: .cell, label: "\(name) row \(i + 1): \(c)")
            }
            var row: [ResultCell] = []
            for column in frame.columns {
                let text = column.stringValue(at: i)
                if let id = ids[column.name] {
                    row.append(.count(id))
                } else if let p = columns.percentages.first(where: { $0.column == column.name }) {
                    let value: Cell = column.numericValue(at: i).map { .number($0, significantDigits: 17) } ?? .missing
                    row.append(.revealing(value, reveals: [ids[p.numerator], ids[p.denominator]].compactMap { $0 }))
                } else {
                    row.append(.plain(text.map { .text($0) } ?? .missing))
                }
            }
            table.append(row)
        }
        run.add(table)
        return run
    }

    /// `dir/out.csv` → `dir/out-monthly.csv` (`out` → `out-monthly`).
    static func path(_ out: String, suffix: String) -> String {
        let slash = out.lastIndex(of: "/")
        if let dot = out.lastIndex(of: "."), slash.map({ $0 < dot }) ?? true, dot != out.startIndex {
            return String(out[..<dot]) + "-" + suffix + String(out[dot...])
        }
        return out + "-" + suffix
    }
}
