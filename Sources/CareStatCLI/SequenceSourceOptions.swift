public import ArgumentParser
public import CareData
import Foundation
import ModelSpecs
import Reporting
import Sequences
import Tabular

/// Where `carestat sequences` reads its sequences from, with their alphabet (labels, colours) and weights:
/// - long data (`FILE --id COL --time COL --state COL`), one row per id and time;
/// - wide data (`FILE --id COL --wide COLS`), one row per id and one column per position;
/// - SSDA903 episodes (`--ssda903 FILE [--header FILE] [--cin DIR]`) through CareData's `sequences` derivation
///   (monthly or weekly from birth, censored at the data's end);
/// - nothing: the embedded synthetic data through the same derivation, as every other command.
public struct SequenceSourceOptions: ParsableArguments {
    @Argument(help: "Long or wide data (CSV/TSV, Stata, SPSS or SAS). Omit it (and --ssda903) for the embedded synthetic data.")
    public var file: String?
    @Option(help: "Column with the sequence (person) id.") public var id: String?
    @Option(help: "Long data: column with the time (whole numbers: e.g. month of age); the axis starts at the smallest time.")
    public var time: String?
    @Option(help: "Long data: column with the state at that time (an empty cell is a missing state).") public var state: String?
    @Option(help: """
        Wide data: the state columns, in order: a range with a common prefix (m1-m216), a comma list (a,b,c) or a \
        prefix ending in * (m* = every column whose name starts with m, in file order). Empty cells are missing; \
        empty cells after the last state end a shorter sequence.
        """)
    public var wide: String?
    @Option(help: "Column with a case weight, constant within an id (weights shares, TRATE rates and the PAM objective).")
    public var weight: String?
    @Option(help: "SSDA903 episodes CSV: sequences from CareData's sequences derivation (care states from birth).")
    public var ssda903: String?
    @Option(help: "SSDA903 header CSV (default: beside the episodes file).") public var header: String?
    @Option(help: "CIN census file or folder, for the cin and cpp states of --ssda903 sequences.") public var cin: [String] = []
    @Option(help: "--ssda903 / synthetic: month or week (the state on the first day of each month, or every 7 days).")
    public var step: SequenceStep = .month
    @Option(help: "--ssda903 / synthetic: care (home, cin, cpp, foster, residential, other_placement, adopted_sgo, left_care) or placement-legal (placement group × legal status group in care, not_in_care out of care).")
    public var states: SequenceStateScheme = .careStates
    @Option(help: "--ssda903 / synthetic: first age of the window, in years.") public var fromAge: Int = 0
    @Option(help: "--ssda903 / synthetic: age the window ends before, in years.") public var toAge: Int = 18
    @Flag(help: "--ssda903 / synthetic: keep only children in care (foster, residential or other placement) at some point in the window.")
    public var everInCare = false
    @OptionGroup public var end: DataEndOptions
    @Option(help: "CSV with columns state,label,colour (#rrggbb): the alphabet in display order, its labels and colours.")
    public var alphabet: String?
    @Option(help: "Write rows that cannot be read (CSV) to this file instead of stopping at the first.")
    public var quarantine: String?

    public init() {}

    /// Sequences with their display palette and a sentence saying where they came from (no counts in it).
    struct Loaded {
        var data: StateSequences
        var palette: StatePalette
        var source: String
        /// The position unit, for axis labels ("month", "week", or "position").
        var unit: String
        /// A note to print with the output (the synthetic data's provenance, the censoring rule).
        var notes: [String] = []
    }

    public func validate() throws {
        if ssda903 != nil && file != nil { throw ValidationError("give FILE or --ssda903, not both") }
        if file != nil {
            guard id != nil else { throw ValidationError("--id is required with FILE") }
            if wide != nil {
                if time != nil || state != nil { throw ValidationError("--wide takes no --time or --state") }
            } else if time == nil || state == nil {
                throw ValidationError("long data need --id, --time and --state (or give --wide COLS)")
            }
        } else if id != nil || time != nil || state != nil || wide != nil || weight != nil {
            throw ValidationError("--id, --time, --state, --wide and --weight apply to FILE only")
        }
        if file != nil && (header != nil || !cin.isEmpty || everInCare || states != .careStates) {
            throw ValidationError("--header, --cin, --states and --ever-in-care apply to --ssda903 (or the synthetic data) only")
        }
        guard 0 <= fromAge, fromAge < toAge, toAge <= 25 else { throw ValidationError("need 0 ≤ --from-age < --to-age ≤ 25") }
    }

    /// A name for the input in titles and the output-checking record.
    var name: String {
        if let file { return URL(fileURLWithPath: file).lastPathComponent }
        if let ssda903 { return URL(fileURLWithPath: ssda903).lastPathComponent }
        return "synthetic data"
    }

    func load(seed: UInt64?) throws -> Loaded {
        var loaded: Loaded
        if let file {
            let frame = try DataLoading.load(file, quarantine: quarantine).frame
            let given = try alphabet.map(Self.readAlphabet)
            let data = wide != nil ? try loadWide(frame, file: file, alphabet: given?.0)
                                   : try loadLong(frame, file: file, alphabet: given?.0)
            loaded = Loaded(data: data, palette: given?.1 ?? StatePalette.defaultPalette(for: data.alphabet), source: file,
                            unit: "position")
        } else {
            loaded = try loadCare(seed: seed)
        }
        return loaded
    }

    private func column(_ frame: DataFrame, _ name: String, file: String) throws -> DataColumn {
        guard let c = frame.column(named: name) else {
            let hint = nearestName(to: name, among: frame.columnNames).map { " (did you mean \($0)?)" } ?? ""
            throw UserError("\(file): no column \(name)\(hint)")
        }
        return c
    }

    private func idValue(_ c: DataColumn, _ r: Int, file: String) throws -> String {
        guard let i = c.stringValue(at: r), !i.isEmpty else { throw UserError("\(file), line \(r + 2), column \(id ?? ""): missing id") }
        return i
    }

    private func weightValue(_ c: DataColumn, _ r: Int, id: String, into weights: inout [String: Double], file: String) throws {
        let name = weight ?? ""
        guard let w = c.numericValue(at: r), w.isFinite, w >= 0 else {
            throw UserError("\(file), line \(r + 2), column \(name): weight '\(c.stringValue(at: r) ?? "")' is not a number ≥ 0")
        }
        if let old = weights.updateValue(w, forKey: id), old != w {
            throw UserError("\(file), line \(r + 2), column \(name): weight \(w) differs from \(old) on an earlier row of id \(id)")
        }
    }

    private func loadLong(_ frame: DataFrame, file: String, alphabet: Alphabet?) throws -> StateSequences {
        guard let id, let time, let state else { throw ValidationError("long data need --id, --time and --state") }
        let idColumn = try column(frame, id, file: file), timeColumn = try column(frame, time, file: file)
        let stateColumn = try column(frame, state, file: file)
        let weightColumn = try weight.map { try column(frame, $0, file: file) }
        var ids: [String] = [], times: [Int] = [], states: [String] = []
        var weights: [String: Double] = [:]
        for r in 0..<frame.rowCount {
            let i = try idValue(idColumn, r, file: file)
            guard let t = timeColumn.numericValue(at: r), t.isFinite, t == t.rounded(), abs(t) < 1e9 else {
                throw UserError("\(file), line \(r + 2), column \(time): time '\(timeColumn.stringValue(at: r) ?? "")' is not a whole number")
            }
            ids.append(i); times.append(Int(t)); states.append(stateColumn.stringValue(at: r) ?? "")
            if let wc = weightColumn { try weightValue(wc, r, id: i, into: &weights, file: file) }
        }
        do {
            return try StateSequences.fromLong(ids: ids, times: times, states: states, alphabet: alphabet,
                                               weights: weight == nil ? nil : weights)
        } catch { throw UserError("\(file): \(error)") }
    }

    private func loadWide(_ frame: DataFrame, file: String, alphabet: Alphabet?) throws -> StateSequences {
        guard let id, let wide else { throw ValidationError("wide data need --id and --wide") }
        let names = try Self.wideColumns(wide, among: frame.columnNames, file: file)
        let idColumn = try column(frame, id, file: file)
        let stateColumns = try names.map { try column(frame, $0, file: file) }
        let weightColumn = try weight.map { try column(frame, $0, file: file) }
        var ids: [String] = [], rows: [[String]] = []
        var weights: [String: Double] = [:]
        for r in 0..<frame.rowCount {
            let i = try idValue(idColumn, r, file: file)
            ids.append(i)
            rows.append(stateColumns.map { $0.stringValue(at: r) ?? "" })
            if let wc = weightColumn { try weightValue(wc, r, id: i, into: &weights, file: file) }
        }
        do {
            return try StateSequences.fromWide(ids: ids, rows: rows, alphabet: alphabet, weights: weight == nil ? nil : weights)
        } catch { throw UserError("\(file): \(error)") }
    }

    /// The columns a `--wide` value names, in order: `m1-m216` (a common prefix and a numeric range), `a,b,c`, or
    /// `m*` (every column starting with `m`, in file order). Every named column must exist.
    static func wideColumns(_ spec: String, among columns: [String], file: String) throws -> [String] {
        var names: [String]
        if spec.hasSuffix("*") {
            let prefix = String(spec.dropLast())
            names = columns.filter { $0.hasPrefix(prefix) }
            guard !names.isEmpty else { throw UserError("\(file): no column starts with '\(prefix)' (--wide \(spec))") }
            return names
        }
        if !spec.contains(","), let dash = spec.firstIndex(of: "-") {
            let a = String(spec[..<dash]), b = String(spec[spec.index(after: dash)...])
            let pa = String(a.prefix { !$0.isNumber }), pb = String(b.prefix { !$0.isNumber })
            if pa == pb, let from = Int(a.dropFirst(pa.count)), let to = Int(b.dropFirst(pb.count)), from <= to, to - from < 100_000 {
                names = (from...to).map { "\(pa)\($0)" }
            } else {
                throw UserError("--wide \(spec): a range is PREFIXa-PREFIXb with a ≤ b (e.g. m1-m216)")
            }
        } else {
            names = spec.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let have = Set(columns)
        if let missing = names.first(where: { !have.contains($0) }) {
            let hint = nearestName(to: missing, among: columns).map { " (did you mean \($0)?)" } ?? ""
            throw UserError("\(file): no column \(missing)\(hint) (--wide \(spec))")
        }
        guard Set(names).count == names.count else { throw UserError("--wide \(spec): a column is named twice") }
        return names
    }

    /// Reads an alphabet file: a header `state,label,colour`, then one row per state in display order.
    static func readAlphabet(_ path: String) throws -> (Alphabet, StatePalette) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw UserError("cannot read \(path): \(error.localizedDescription)")
        }
        var lines = text.split(whereSeparator: \.isNewline).map { String($0) }
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0].removeFirst() }
        guard let head = lines.first, head.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) == ["state", "label", "colour"]
                || head.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) == ["state", "label", "color"] else {
            throw UserError("\(path), line 1: the header must be state,label,colour")
        }
        var states: [String] = [], labels: [String] = [], colours: [String] = []
        for (k, line) in lines.dropFirst().enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count == 3, !f[0].isEmpty else { throw UserError("\(path), line \(k + 2): need state,label,colour, got '\(line)'") }
            guard StatePalette.isColour(f[2]) else { throw UserError("\(path), line \(k + 2), column colour: '\(f[2])' is not #rrggbb") }
            states.append(f[0]); labels.append(f[1].isEmpty ? f[0] : f[1]); colours.append(f[2])
        }
        do { return (try Alphabet(states), try StatePalette(labels: labels, colours: colours)) } catch {
            throw UserError("\(path): \(error)")
        }
    }

    /// SSDA903 (or the embedded synthetic data) through CareData's `sequences` derivation. A sequence's id is
    /// `la:child` (a child moving LA gets a new id, as in SSDA903). Positions after the data's end are not
    /// observed, so the sequences of children younger than `toAge` at the data's end are shorter (right-censored):
    /// descriptives use the positions observed; distances between sequences of unequal length are OM's.
    private func loadCare(seed: UInt64?) throws -> Loaded {
        let embedded = ssda903 == nil ? try EmbeddedSyntheticData.files(seed: seed) : nil
        let inputs = CareDataInputs(ssda903Path: ssda903 ?? embedded?.episodes, headerPath: header ?? embedded?.header,
                                    cinPaths: embedded.map { [$0.directory] } ?? cin, dataEnd: end.dataEnd)
        let given = try alphabet.map(Self.readAlphabet)
        let histories: CareHistories
        do {
            histories = try CareHistories.derive(inputs, fromAge: fromAge, toAge: toAge, step: step, everInCare: everInCare,
                                                 scheme: states, alphabet: given?.0)
        } catch let e as SpecError { throw UserError(e.description) }
        let data = histories.sequences, censor = histories.censorDate
        let rule = states == .careStates ? "states by priority in care > CPP > CIN > after adoption/SGO > after care > home"
            : "states placement group × legal status group in care, not_in_care out of care"
        var notes = ["Sequences: CareData's sequences derivation, \(step == .month ? "monthly" : "weekly") from age \(fromAge) "
                     + "to before \(toAge), \(rule); "
                     + "censored at \(censor?.isoString ?? "the data's end"): positions after it are not observed, so younger children's "
                     + "sequences are shorter\(everInCare ? "; children ever in care in the window only" : "")."]
        if let embedded { notes.append(embedded.note) }
        return Loaded(data: data, palette: given?.1 ?? StatePalette.defaultPalette(for: data.alphabet), source: name,
                      unit: step.rawValue, notes: notes)
    }
}

extension SequenceStep: ExpressibleByArgument {}
extension SequenceStateScheme: ExpressibleByArgument {}
