public import ArgumentParser
import Foundation
import Reporting
import Tabular

/// `carestat describe FILE`: the first look at any file — columns, types, missing values, ranges and level counts.
public struct DescribeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Describe a data file: column types, missing values, summaries and level counts.",
        discussion: """
            Reads CSV/TSV (types inferred over the whole file), Stata .dta, SPSS .sav and SAS .sas7bdat. Level \
            counts are counts of people, so they go through disclosure control (counts below the threshold \
            suppressed, with secondary suppression against the column total).
            """
    )

    @Argument(help: "The data file.") public var file: String
    @Option(help: "Write rows that cannot be read (CSV) to this file instead of stopping at the first.")
    public var quarantine: String?
    @Option(help: "Show level counts for columns with at most this many distinct values.")
    public var maxLevels: Int = 20
    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        let loaded = try DataLoading.load(file, quarantine: quarantine, requireRows: false, announceQuarantine: false,
                                          nonFiniteNumbers: .read)
        let frame = loaded.frame
        let name = URL(fileURLWithPath: file).lastPathComponent
        var run = RunOutput(population: "all rows of \(name)")
        let rows = run.ledger.count(frame.rowCount, role: .records, label: "rows of \(name)")
        var overview = ResultTable(
            name: "columns", title: "\(name): \(frame.columns.count) columns",
            columns: [Column("column", alignment: .left), Column("type", alignment: .left), Column("missing"),
                      Column("min"), Column("mean"), Column("max"), Column("distinct")],
            countNotes: [CountNote("{} rows", [rows])])
        var levelTables: [ResultTable] = []
        // Level tables need a column's values only when it has at most maxLevels of them: text columns list at most
        // maxLevels (no full sort of a column of postcodes); categorical columns all their levels, used or not.
        let summaries = frame.columns.map { ColumnSummary($0, top: $0.kind == .categorical ? Int.max : max(0, maxLevels)) }
        for summary in summaries {
            // Every column's missing and non-missing rows add up to the rows of the file; with its level counts
            // the same relation is finer (levels + missing = rows).
            let missing = run.ledger.count(summary.missingCount, role: .records, label: "\(summary.name) missing")
            let (lo, mean, hi): (Cell, Cell, Cell)
            if let a = summary.minimumDate, let b = summary.maximumDate {
                (lo, mean, hi) = (.text(a.isoString), .missing, .text(b.isoString))
            } else {
                lo = summary.minimum.map { .number($0) } ?? .missing
                mean = summary.mean.map { .number($0) } ?? .missing
                hi = summary.maximum.map { .number($0) } ?? .missing
            }
            overview.append([.plain(.text(summary.name)), .plain(.text(summary.kind.rawValue)), .count(missing),
                             .plain(lo), .plain(mean), .plain(hi), .plain(summary.distinctCount.map { .integer($0) } ?? .missing)])
            if let distinct = summary.distinctCount, distinct > 0, distinct <= maxLevels, !summary.topValues.isEmpty {
                // Levels in label order, not by count: an order by count would narrow down the withheld ones.
                let levels = summary.topValues.sorted { $0.value.utf8.lexicographicallyPrecedes($1.value.utf8) }
                var table = ResultTable(name: "levels-\(summary.name)", title: "\(summary.name): level counts",
                                        columns: [Column("level", alignment: .left), Column("n")])
                var parts: [CountID] = []
                for level in levels {
                    let id = run.ledger.count(level.count, role: .levelRows, label: "\(summary.name) = \(level.value)",
                                              listed: level.count > 0)
                    parts.append(id)
                    table.append([.plain(.text(level.value)), .count(id)])
                }
                if summary.missingCount > 0 { table.append(["(missing)", .count(missing)]) }
                parts.append(missing)
                table.append(["Total", .count(rows)])
                run.ledger.relate(total: rows, parts: parts)
                levelTables.append(table)
            } else {
                let present = run.ledger.count(frame.rowCount - summary.missingCount, role: .records,
                                               label: "\(summary.name) not missing")
                run.ledger.relate(total: rows, parts: [present, missing])
            }
        }
        overview.footnotes = ["min and max are single records' values: check them before releasing output from a research environment."]
        let nonFinite = frame.columns.compactMap { c -> String? in
            guard case .double(let v) = c.values else { return nil }
            return v.indices.contains { c.validity.isValid($0) && !v[$0].isFinite } ? c.name : nil
        }
        if !nonFinite.isEmpty {
            overview.footnotes.insert("Non-finite values (Inf, NaN) in: \(nonFinite.joined(separator: ", ")); model commands refuse them, naming line and column.", at: 0)
        }
        if frame.rowCount == 0 { overview.footnotes.insert("\(file): no data rows (the columns are shown; their types are unknown).", at: 0) }
        if let s = loaded.summary {
            overview.footnotes.append("CSV: delimiter \(s.delimiter.rawValue == "\t" ? "tab" : s.delimiter.rawValue)\(s.hadByteOrderMark ? "; byte-order mark skipped" : "").")
            let read = run.ledger.count(s.rowsRead, role: .records, label: "rows read")
            let quarantined = run.ledger.count(s.rowsQuarantined, role: .records, label: "rows quarantined")
            if s.rowsRead == frame.rowCount + s.rowsQuarantined { run.ledger.relate(total: read, parts: [rows, quarantined]) }
            overview.countNotes.append(CountNote("CSV: {} rows read, {} quarantined" + (quarantine.map { " (written to \($0))" } ?? ""),
                                                 [read, quarantined]))
        }
        run.add(overview)
        for t in levelTables { run.add(t) }
        try Console.publish(run, options: options)
    }
}

/// Writes tables to an Excel workbook, one sheet per table, as a user-facing error on failure.
func writeWorkbook(_ tables: [Table], to path: String) throws {
    do { try ExcelWriter.write(tables, to: path) } catch { throw UserError("cannot write \(path): \(error)") }
}
