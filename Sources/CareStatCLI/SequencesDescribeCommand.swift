public import ArgumentParser
import Foundation
import Reporting
import Sequences

/// `carestat sequences describe`: TraMineR's descriptives of a set of state sequences, every count of people
/// through the disclosure gate.
public struct SequencesDescribeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Describe state sequences: state distribution by time, transitions, mean time, frequent sequences, spells, entropy, turbulence, complexity.",
        discussion: """
            Examples:
              carestat sequences describe histories.csv --id child --time month --state state
              carestat sequences describe wide.csv --id id --wide m1-m216 --top 10
              carestat sequences describe --ever-in-care            (the embedded synthetic care histories)
            Semantics are TraMineR's (seqstatd, seqtrate, seqmeant, seqtab, seqdss/seqdur, seqient, seqST, seqici) \
            with with.missing = FALSE. Shares use the case weights; the counts of people behind them (unweighted) \
            go through disclosure control, and a share is withheld when a count it reveals is. A frequent sequence \
            is microdata: it is shown (as state runs) only when its count is published; its share of the total is \
            related to the total, so a withheld one cannot be recovered by subtraction. Per-sequence indicators \
            identify records and go only to --out.
            """
    )
    @OptionGroup public var source: SequenceSourceOptions
    @Option(help: "How many of the most frequent sequences to consider (shown only when their count is published).")
    public var top: Int = 10
    @Option(help: "State distribution: show every k-th position (default: every position up to 36, else every 12th).")
    public var every: Int?
    @Option(help: "Write the per-sequence indicators (CSV: id, length, spells, entropy, turbulence, turbulence_norm, complexity).")
    public var out: String?
    @OptionGroup public var options: GlobalOptions
    public init() {}

    public func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must be ≥ 0, got \(top)") }
        if let every, every < 1 { throw ValidationError("--every must be ≥ 1, got \(every)") }
    }

    public func run() throws {
        let loaded = try source.load(seed: options.seed)
        let data = loaded.data
        let ind = SequenceDescriptives.indicators(data)
        if let out {
            var text = "id,length,spells,entropy,turbulence,turbulence_norm,complexity\n"
            for (i, id) in data.ids.enumerated() {
                let spells = SequenceDescriptives.spells(data.states[i]).count
                text += "\(csvQuoted(id)),\(data.states[i].count),\(spells),\(ind.entropy[i]),\(ind.turbulence[i]),"
                    + "\(ind.normalisedTurbulence[i]),\(ind.complexity[i])\n"
            }
            try Console.write(text, to: out)
        }
        var run = RunOutput(population: "sequences (ids) of \(loaded.source)")
        SequenceDescriptiveTables.add(data, palette: loaded.palette, unit: loaded.unit, top: top, every: every,
                                      title: source.name, to: &run)
        run.notes += loaded.notes.map(CountNote.literal)
        if let out { run.notes.append(.literal("Per-sequence indicators (microdata) written to \(out).")) }
        try Console.publish(run, options: options)
    }
}

/// The tables of `sequences describe`, built on a run's ledger (also used by the care-pathways spec).
enum SequenceDescriptiveTables {
    static func add(_ data: StateSequences, palette: StatePalette, unit: String, top: Int, every: Int?, title: String,
                    to run: inout RunOutput) {
        let a = data.alphabet.count
        let n = run.ledger.count(data.count, role: .rowsUsed, label: "sequences")
        let freqs = SequenceDescriptives.frequencies(data)
        let distinct = run.ledger.count(freqs.count, role: .cell, label: "distinct sequences")
        let weighted = Set(data.weights).count > 1 || data.weights.first.map { $0 != 1 } ?? false

        var overview = ResultTable(name: "sequences-overview", title: "Sequences: \(title)",
                                   columns: [Column("", alignment: .left), Column("Value", key: "value", alignment: .left)])
        overview.append([.plain(.text("Sequences")), .count(n)])
        overview.append([.plain(.text("Distinct sequences")), .count(distinct)])
        overview.append([.plain(.text("Positions (\(unit)s)")), .plain(.text("up to \(data.maxLength), from \(data.origin)"))])
        overview.append([.plain(.text("States")), .plain(.text(zip(data.alphabet.labels, palette.labels).map { "\($0) = \($1)" }.joined(separator: "; ")))])
        if weighted { overview.footnotes.append("Shares, rates and means are weighted by the case weights; counts are of people (unweighted).") }
        run.add(overview)

        // State distribution by position (seqstatd).
        let sd = SequenceDescriptives.stateDistribution(data)
        let step = every ?? (data.maxLength <= 36 ? 1 : 12)
        var dist = ResultTable(name: "state-distribution", title: "State distribution by \(unit) (seqstatd)",
                               columns: [Column(unit.capitalized, key: "time"), Column("Observed", key: "n")]
                                   + data.alphabet.labels.map { Column($0, key: $0) } + [Column("Entropy", key: "entropy")])
        for t in stride(from: 0, to: data.maxLength, by: step) {
            let valid = run.ledger.count(sd.counts[t].reduce(0, +), role: .rowsUsed, label: "observed at \(unit) \(t + data.origin)")
            let parts = (0..<a).map { s in
                run.ledger.count(sd.counts[t][s], role: .cell, label: "\(data.alphabet.labels[s]) at \(unit) \(t + data.origin)")
            }
            run.ledger.relate(total: valid, parts: parts)
            var row: [ResultCell] = [.plain(.integer(t + data.origin)), .count(valid)]
            for s in 0..<a { row.append(.revealing(.number(sd.shares[t][s], significantDigits: 4), reveals: [parts[s], valid])) }
            row.append(.revealing(sd.entropy[t].map { .number($0, significantDigits: 4) } ?? .missing, reveals: parts))
            dist.append(row)
        }
        dist.footnotes = ["Shares of those observed at each \(unit); entropy normalised by log(\(a)) (0: everyone in one state)."]
            + (step > 1 ? ["Every \(step)th \(unit) shown (--every)."] : [])
        run.add(dist)

        // Transition rates (seqtrate).
        let tr = SequenceDescriptives.transitionRates(data)
        var trate = ResultTable(name: "transition-rates", title: "Transition rates, \(unit) to \(unit) (seqtrate)",
                                columns: [Column("From", key: "from", alignment: .left), Column("Transitions", key: "n")]
                                    + data.alphabet.labels.map { Column("→ \($0)", key: $0) })
        for i in 0..<a {
            let parts = (0..<a).map { j in
                run.ledger.count(tr.counts[i][j], role: .records, label: "\(unit)s \(data.alphabet.labels[i]) → \(data.alphabet.labels[j])")
            }
            let total = run.ledger.count(tr.counts[i].reduce(0, +), role: .records, label: "\(unit)s from \(data.alphabet.labels[i])")
            run.ledger.relate(total: total, parts: parts)
            trate.append([.plain(.text(data.alphabet.labels[i])), .count(total)]
                         + (0..<a).map { j in .revealing(.number(tr.rates[i][j], significantDigits: 4), reveals: [parts[j], total]) })
        }
        trate.footnotes = ["Transitions are person-\(unit)s with an observed state at the next \(unit); a rate is withheld when the "
                           + "count of person-\(unit)s it reveals is."]
        run.add(trate)

        // Mean time in each state (seqmeant) and spells (seqdss/seqdur).
        let mt = SequenceDescriptives.meanTime(data)
        var spellCount = [Int](repeating: 0, count: a), spellTime = [Int](repeating: 0, count: a)
        var peoplePerState = [Int](repeating: 0, count: a)
        for s in data.states {
            let sp = SequenceDescriptives.spells(s)
            for x in sp { spellCount[x.state] += 1; spellTime[x.state] += x.duration }
            for x in Set(sp.map(\.state)) { peoplePerState[x] += 1 }
        }
        var time = ResultTable(name: "time-in-states", title: "Time in each state (seqmeant) and spells (seqdss, seqdur)",
                               columns: [Column("State", key: "state", alignment: .left), Column("Label", key: "label", alignment: .left),
                                         Column("Mean \(unit)s", key: "mean_time"), Column("People ever", key: "people"),
                                         Column("Spells", key: "spells"), Column("Mean spell (\(unit)s)", key: "mean_spell")])
        for s in 0..<a {
            let people = run.ledger.count(peoplePerState[s], role: .cell, label: "people ever \(data.alphabet.labels[s])")
            let spells = run.ledger.count(spellCount[s], role: .records, label: "spells of \(data.alphabet.labels[s])")
            time.append([.plain(.text(data.alphabet.labels[s])), .plain(.text(palette.labels[s])),
                         .plain(.number(mt.meanTime[s], significantDigits: 4)), .count(people), .count(spells),
                         .revealing(spellCount[s] > 0 ? .number(Double(spellTime[s]) / Double(spellCount[s]), significantDigits: 4) : .missing,
                                    reveals: [spells])])
        }
        time.footnotes = ["Mean time over all sequences (a state never visited counts 0); missing positions count towards no state."]
        run.add(time)

        // Most frequent sequences (seqtab).
        var tab = ResultTable(name: "frequent-sequences", title: "Most frequent sequences (seqtab)",
                              columns: [Column("Rank", key: "rank"), Column("Sequence (state runs, \(unit)s)", key: "sequence", alignment: .left),
                                        Column("People", key: "n"), Column("Share %", key: "percent")])
        var shown: [CountID] = []
        for (r, f) in freqs.prefix(top).enumerated() {
            let c = run.ledger.count(f.count, role: .cell, label: "sequence ranked \(r + 1)", listed: true)
            shown.append(c)
            let text = SequenceDescriptives.describeRuns(f.states, alphabet: data.alphabet)
            tab.append([.plain(.integer(r + 1)), .revealing(.text(text), reveals: [c]), .count(c),
                        .revealing(.number(100 * Double(f.count) / Double(data.count), significantDigits: 3), reveals: [c, n])])
        }
        let rest = run.ledger.count(data.count - freqs.prefix(top).reduce(0) { $0 + $1.count }, role: .cell, label: "other sequences")
        run.ledger.relate(total: n, parts: shown + [rest])
        tab.append([.plain(.text("")), .plain(.text("All other sequences")), .count(rest)])
        tab.footnotes = ["A sequence is shown only when its count is published: individual sequences are microdata.",
                         "Ordered by \(weighted ? "weighted " : "")frequency; ties by first appearance."]
        run.add(tab)

        // Indicators (seqient, seqST, seqici): means and standard deviations only (a quantile is one person's value).
        var indicators = Table(title: "Sequence indicators (means over sequences)",
                               columns: [Column("Indicator", alignment: .left), Column("Mean"), Column("SD")])
        let ind = SequenceDescriptives.indicators(data)
        func row(_ name: String, _ x: [Double]) {
            let m = x.reduce(0, +) / Double(max(x.count, 1))
            let sd = x.count > 1 ? (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot() : .nan
            indicators.rows.append([.text(name), .number(m, significantDigits: 4), sd.isNaN ? .missing : .number(sd, significantDigits: 4)])
        }
        row("Longitudinal entropy (normalised, seqient)", ind.entropy)
        row("Turbulence (seqST)", ind.turbulence)
        row("Turbulence (normalised)", ind.normalisedTurbulence)
        row("Complexity index (seqici)", ind.complexity)
        row("Spells per sequence", data.states.map { Double(SequenceDescriptives.spells($0).count) })
        indicators.footnotes = ["Unweighted. Minimum, maximum and quantiles are individual values and are not shown."]
        run.add(countFree: indicators)
    }
}

func csvQuoted(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}
