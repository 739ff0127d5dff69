public import Reporting

extension NeighbourList {
    /// The neighbours table (JSON key `neighbours`): each unit, its neighbours in order and their distances.
    ///
    /// Disclosure: the inputs are published figures (deprivation scores, population estimates) chosen by the user.
    /// When an input is a count of people (`countInputs`: `countInputs[i][j]` the whole-number value of input `i`
    /// for unit `j`, nil when the input is not a count), the distances are functions of every unit's value of it (the
    /// standardisation uses the mean and SD): each distance then reveals both units' counts and the first withheld
    /// count of the run, decided once with the policy. The names of the neighbours are published (an order).
    /// `shown`: the units whose neighbours are listed (nil: all); `lists` must hold every unit.
    public static func output(_ lists: [NeighbourList], population: String, unitLabel: String, inputs: [String],
                              countInputs: [[Int]?], policy: DisclosurePolicy, shown: Set<String>? = nil) -> RunOutput {
        var run = RunOutput(population: population)
        add(lists, to: &run, unitLabel: unitLabel, inputs: inputs, countInputs: countInputs, policy: policy, shown: shown)
        return run
    }

    /// Adds the neighbours table to an existing run (a funnel of the same units).
    public static func add(_ lists: [NeighbourList], to run: inout RunOutput, unitLabel: String, inputs: [String],
                           countInputs: [[Int]?], policy: DisclosurePolicy, shown: Set<String>? = nil) {
        let names = lists.map(\.unit)
        var index: [String: Int] = [:]
        for (j, n) in names.enumerated() { index[n] = j }
        var ids: [[CountID]] = Array(repeating: [], count: names.count)
        for (i, column) in countInputs.enumerated() {
            guard let column else { continue }
            for (j, v) in column.enumerated() { ids[j].append(run.ledger.count(v, role: .records, label: "\(names[j]): \(inputs[i])")) }
        }
        let pre = DisclosureGate(policy: policy).decide(run.ledger)
        let withheld: [CountID] = ids.joined().first(where: { !pre.isExact($0) }).map { [$0] } ?? []
        var table = ResultTable(name: "neighbours", title: "Statistical neighbours of each \(unitLabel)",
                                columns: [Column(unitLabel, key: "unit", alignment: .left), Column("order", key: "order"),
                                          Column("neighbour", key: "neighbour", alignment: .left), Column("distance", key: "distance")])
        for l in lists where shown?.contains(l.unit) ?? true {
            let j = index[l.unit]!
            for (k, n) in l.neighbours.enumerated() {
                let reveals = ids[j] + ids[index[n.unit]!] + withheld
                table.append([.plain(.text(l.unit)), .plain(.integer(k + 1)), .plain(.text(n.unit)),
                              reveals.isEmpty ? .plain(.number(n.distance, significantDigits: 4))
                                              : .revealing(.number(n.distance, significantDigits: 4), reveals: reveals)])
            }
        }
        table.footnotes = ["Standardised Euclidean distance on " + inputs.joined(separator: ", ")
                           + " (each input to mean 0, SD 1 across the units; equal weights). Smaller is nearer."]
        run.add(table)
    }
}
