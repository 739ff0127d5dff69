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
    @Option(help: "Also write the tables to this Excel workbook (.xlsx).")
    public var xlsx: String?
    @OptionGroup public var options: GlobalOptions

    public init() {}

    public func run() throws {
        let loaded = try DataLoading.load(file, quarantine: quarantine, requireRows: false, announceQuarantine: false,
                                          nonFiniteNumbers: .read)
        let frame = loaded.frame
        let policy = options.disclosurePolicy
        let name = URL(fileURLWithPath: file).lastPathComponent
        var overview = Table(
            title: "\(name): \(frame.rowCount) rows, \(frame.columns.count) columns",
            columns: [Column("column", alignment: .left), Column("type", alignment: .left), Column("missing"),
                      Column("min"), Column("mean"), Column("max"), Column("distinct")])
        var levelTables: [Table] = []
        var suppressedMissing = false
        for summary in frame.describe(top: Int.max) {
            let missing: Cell
            if policy.isPrimarySuppressed(summary.missingCount) { missing = .suppressed(marker: policy.marker); suppressedMissing = true }
            else { missing = .integer(policy.published(summary.missingCount)) }
            let (lo, mean, hi): (Cell, Cell, Cell)
            if let a = summary.minimumDate, let b = summary.maximumDate {
                (lo, mean, hi) = (.text(a.isoString), .missing, .text(b.isoString))
            } else {
                lo = summary.minimum.map { .number($0) } ?? .missing
                mean = summary.mean.map { .number($0) } ?? .missing
                hi = summary.maximum.map { .number($0) } ?? .missing
            }
            overview.append([.text(summary.name), .text(summary.kind.rawValue), missing, lo, mean, hi,
                             summary.distinctCount.map { .integer($0) } ?? .missing])
            if let distinct = summary.distinctCount, distinct > 0, distinct <= maxLevels, !summary.topValues.isEmpty {
                var labels = summary.topValues.map(\.value)
                var counts = summary.topValues.map(\.count)
                if summary.missingCount > 0 { labels.append("(missing)"); counts.append(summary.missingCount) }
                let protected = try DisclosureControl.protect(counts: counts, labels: labels, includeTotal: true, policy: policy)
                levelTables.append(protected.table(title: "\(summary.name): level counts", categoryHeader: "level"))
            }
        }
        var notes = ["min and max are single records' values: check them before releasing output from a research environment."]
        let nonFinite = frame.columns.compactMap { c -> String? in
            guard case .double(let v) = c.values else { return nil }
            let n = v.indices.filter { c.validity.isValid($0) && !v[$0].isFinite }.count
            return n > 0 ? "\(c.name) (\(n))" : nil
        }
        if !nonFinite.isEmpty {
            notes.insert("Non-finite values (Inf, NaN) in: \(nonFinite.joined(separator: ", ")); model commands refuse them, naming line and column.", at: 0)
        }
        if frame.rowCount == 0 { notes.insert("\(file): no data rows (the columns are shown; their types are unknown).", at: 0) }
        if suppressedMissing || !policy.isEnabled { notes.append(policy.footnote(secondaryApplies: false)) }
        if let s = loaded.summary {
            notes.append("CSV: \(s.rowsRead) rows read, \(s.rowsQuarantined) quarantined\(quarantine.map { " (written to \($0))" } ?? ""); delimiter \(s.delimiter.rawValue == "\t" ? "tab" : s.delimiter.rawValue)\(s.hadByteOrderMark ? "; byte-order mark skipped" : "").")
        }
        overview.footnotes = notes
        let tables = [overview] + levelTables
        Console.emit(tables, as: options.format)
        if let xlsx { try writeWorkbook(tables, to: xlsx) }
    }
}

/// Writes tables to an Excel workbook, one sheet per table, as a user-facing error on failure.
func writeWorkbook(_ tables: [Table], to path: String) throws {
    do { try ExcelWriter.write(tables, to: path) } catch { throw UserError("cannot write \(path): \(error)") }
}
