public import CareData
public import Sequences
public import Tabular

/// Care histories as state sequences: CareData's `sequences` derivation (monthly or weekly states from birth, by
/// priority in care > CPP > CIN > after adoption/SGO > after care > home) turned into ``StateSequences``, one per
/// child. A sequence's id is `la:child` (SSDA903 gives a child who moves LA a new id, so the pair identifies a
/// record). Positions after the censoring date (the data's end) are not observed, so a child younger than `toAge`
/// at the data's end has a shorter sequence (right-censored, TraMineR's void): descriptives use the positions
/// observed and OM compares sequences of unequal length, as TraMineR does.
public struct CareHistories: Sendable {
    public let sequences: StateSequences
    /// The censoring date used (the data's end unless given earlier).
    public let censorDate: CivilDate?

    /// The care states that are "in care" (a placement), for `everInCare`.
    public static let inCareStates: Set<String> = [CareState.foster.rawValue, CareState.residential.rawValue,
                                                   CareState.otherPlacement.rawValue]

    /// Derives the histories of every child with records, or only of those in care at some position of the window
    /// (`everInCare`). The alphabet is the states present (in ``CareState`` order for the care states, sorted for
    /// placement × legal status), unless one is given.
    public static func derive(_ inputs: CareDataInputs, fromAge: Int, toAge: Int, step: SequenceStep, everInCare: Bool,
                              scheme: SequenceStateScheme = .careStates, alphabet: Alphabet? = nil) throws -> CareHistories {
        var options = DerivationOptions(window: .ages(fromMonths: 12 * fromAge, toMonths: 12 * toAge))
        options.step = step
        options.states = scheme
        let d: Derivation
        do { d = try inputs.derive(.sequences, options: options) } catch { throw SpecError.badData(error.description) }
        let frame = d.tables[0].1
        guard let la = frame.column(named: "la"), let child = frame.column(named: "child"),
              let pos = frame.column(named: step.columnName), let st = frame.column(named: "state") else {
            throw SpecError.invalidSpec("the sequences derivation lacks its columns")
        }
        var ids: [String] = [], times: [Int] = [], states: [String] = []
        var everIn = Set<String>()
        for r in 0..<frame.rowCount {
            guard let t = pos.numericValue(at: r) else { continue }
            let id = "\(la.stringValue(at: r) ?? ""):\(child.stringValue(at: r) ?? "")"
            let s = st.stringValue(at: r) ?? ""
            ids.append(id); times.append(Int(t)); states.append(s)
            if scheme == .careStates ? inCareStates.contains(s) : s != SequenceStateScheme.notInCare { everIn.insert(id) }
        }
        if everInCare {
            let keep = ids.indices.filter { everIn.contains(ids[$0]) }
            ids = keep.map { ids[$0] }; times = keep.map { times[$0] }; states = keep.map { states[$0] }
        }
        guard !ids.isEmpty else {
            throw SpecError.invalidSpec("no child has a sequence in the window\(everInCare ? " and was ever in care" : "")")
        }
        let present = Set(states)
        do {
            let alpha = try alphabet ?? (scheme == .careStates
                ? Alphabet(CareState.allCases.map(\.rawValue).filter { present.contains($0) }) : Alphabet(present.sorted()))
            return CareHistories(sequences: try StateSequences.fromLong(ids: ids, times: times, states: states, alphabet: alpha),
                                 censorDate: d.flow.censorDate)
        } catch { throw SpecError.badData("care histories: \(error)") }
    }
}
