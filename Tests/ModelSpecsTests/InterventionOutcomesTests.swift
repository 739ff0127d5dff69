import Testing
import Formulas
import MixedModels
import ModelSpecs
import Regression
import Reporting
import Tabular

/// The intervention-outcomes analysis publishes through the run's disclosure gate: the children by level are
/// counts of people related to the cohort total, and a level with 3 children is withheld in the level table, in
/// the model's coefficients and in the predictions and contrasts that involve it — with no way back through
/// the total, the model's n or the other levels (each assertion is the attack on one route).
@Suite struct InterventionOutcomesTests {
    static let levels = ["none", "referral", "cin", "cpp", "looked_after"]
    /// 207 children in 10 LAs: none 80, referral 60, cin 40, cpp 24, looked_after 3 (hand-chosen sizes);
    /// outcome a deterministic pattern depending on the level, alternating in the two smallest (so no separation,
    /// and cpp's 12 events and 12 non-events are not small cells).
    static let cohort: DataFrame = {
        let sizes = [80, 60, 40, 24, 3]
        var level: [String?] = [], y: [Double?] = [], x: [Double?] = [], la: [String?] = []
        var i = 0
        for (k, n) in sizes.enumerated() {
            for _ in 0..<n {
                level.append(levels[k])
                x.append(Double((i * 37) % 50) / 10)
                y.append(n < 30 ? Double(i % 2) : (((i * 7919 + k * 3) % 11) < 4 + k / 2 ? 1 : 0))
                la.append("LA\(i % 10)")
                i += 1
            }
        }
        return try! DataFrame(columns: [DataColumn(name: "level", categories: level, levels: levels, ordered: true),
                                        DataColumn(name: "y", doubles: y), DataColumn(name: "x", doubles: x),
                                        DataColumn(name: "la", strings: la)])
    }()

    static func analysis() throws -> InterventionOutcomes {
        InterventionOutcomes(levelBeforeAge: 16, models: [
            .mixed(title: "Outcome", MixedModelSpec(formula: try Formula(parsing: "y ~ level + x + (1 | la)"),
                                                    family: .binomial), predictions: true),
        ])
    }

    @Test func aThreeChildLevelCannotBeRecovered() throws {
        let result = try Self.analysis().compute(on: Self.cohort)
        var run = RunOutput(population: "test cohort")
        let total = result.add(to: &run).total
        let published = try DisclosureGate(policy: .standard).publish(run)
        let d = published.decisions
        #expect(d.published(total) == .shown(207))
        // Level table: looked_after (3) withheld, and one more level (cpp, 24: the smallest other) so that the
        // total minus the shown levels does not give it.
        let levelTable = published.tables[0].table
        let cells = Dictionary(uniqueKeysWithValues: levelTable.rows.map { row -> (String, Cell) in
            if case .text(let label) = row[0] { return (label, row[1]) }
            return ("", row[1])
        })
        #expect(cells["looked_after"] == .suppressed(marker: "[c]"))
        #expect(cells["cpp"] == .suppressed(marker: "[c]"))
        #expect(cells["none"] == .integer(80) && cells["Total"] == .integer(207))
        // The model: its coefficient for looked_after, and every prediction and contrast involving it, withheld;
        // the others shown.
        guard case .object(let fields)? = (published.json.objectValue("tables")?.first { $0.objectValue("model") != nil }) else {
            Issue.record("no fit in \(published.json.serialized().prefix(200))"); return
        }
        let fit = Dictionary(fields, uniquingKeysWith: { a, _ in a })
        #expect(fit["n"] == .number(207))
        func rows(_ key: String) -> [[String: JSONValue]] {
            guard case .array(let items)? = fit[key] else { return [] }
            return items.compactMap { if case .object(let f) = $0 { Dictionary(f, uniquingKeysWith: { a, _ in a }) } else { nil } }
        }
        for c in rows("coefficients") {
            let withheld = c["estimate"] == .null
            #expect(withheld == (c["term"] == .string("level=looked_after")), "\(c)")
        }
        for key in ["predictions", "contrasts"] {
            let r = rows(key)
            #expect(!r.isEmpty)
            for p in r {
                guard case .string(let label)? = p["contrast"] else { continue }
                #expect((p["estimate"] == .null) == label.contains("looked_after"), "\(key): \(label)")
            }
        }
        // The output-checking record lists the suppressed level counts.
        #expect(published.record.json.serialized().contains("children at level looked_after"))
    }
}

private extension JSONValue {
    func objectValue(_ key: String) -> [JSONValue]? {
        guard case .object(let f) = self, let v = f.first(where: { $0.0 == key })?.1 else { return nil }
        if case .array(let a) = v { return a }
        return [v]
    }
}
