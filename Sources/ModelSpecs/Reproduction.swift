public import Reporting

/// `carestat reproduce`: published figures beside CareStat's estimates, for one study or all of them.
///
/// A study is a spec with published figures (``ModelSpec/published``). Each study runs as `carestat run` runs it;
/// the summary joins their published-comparison tables, with a column naming the study, into one table. The runs'
/// ledgers are appended (not merged), so every count is decided exactly as in its own run and nothing a study's
/// run withholds is shown in the summary.
public enum Reproduction {
    /// The specs of `catalog` that have published figures, in catalogue order.
    public static func studies(in catalog: [ModelSpec]) -> [ModelSpec] { catalog.filter { !$0.published.isEmpty } }

    /// One run output holding the summary table of `runs`' published comparisons, and a table of studies that
    /// could not be run (`failures`: spec name and reason).
    public static func summary(_ runs: [SpecRun], failures: [(spec: String, reason: String)] = []) -> RunOutput {
        var output = RunOutput(population: "Published figures and CareStat's estimates, one row per figure, from the runs of \(runs.count) studies.")
        var rows: [[ResultCell]] = []
        var columns: [Column] = []
        for run in runs {
            let offset = output.ledger.append(run.output.ledger)
            for item in run.output.items {
                guard case .table(let t) = item, t.name == "published-comparison" else { continue }
                if columns.isEmpty { columns = [Column("study", alignment: .left)] + t.columns }
                let shifted = t.shifted(by: offset)
                for row in shifted.rows { rows.append([.plain(.text(run.spec.name))] + row) }
            }
        }
        var table = ResultTable(name: "reproduce", title: "Published figures and CareStat's reproduction, by study",
                                columns: columns.isEmpty ? [Column("study", alignment: .left)] : columns)
        for r in rows { table.append(r) }
        // Which published figures lie inside CareStat's interval is read from the table's own column, where the gate
        // withholds it with the estimate; a count of them here would tell it for a withheld estimate too.
        table.footnotes.append("\(rows.count) published figures from \(runs.count) studies. "
            + "On CareStat's synthetic data the studies test the pipeline end to end; run on a real extract (--data DIR) to reproduce the papers.")
        output.add(table)
        if !failures.isEmpty {
            var f = Table(title: "Studies not run", columns: [Column("study", alignment: .left), Column("reason", alignment: .left)])
            for x in failures { f.append([.text(x.spec), .text(x.reason)]) }
            output.add(countFree: f)
        }
        return output
    }

    /// A single study's output: its published comparison first, then its other tables and figures (for
    /// `reproduce NAME`).
    public static func study(_ run: SpecRun) -> RunOutput {
        var output = run.output
        output.putFirst(tableNamed: "published-comparison")
        return output
    }
}
