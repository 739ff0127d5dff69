import Foundation
import Testing
@testable import CareData

/// The outcome file follows the models written in truth.json: for each outcome, the observed total over the
/// cohort (and within each intervention level) is compared with the total expected from the model formulas of
/// truth.json evaluated on each child's LA, IDACI, sex, SEN and level, within 4 standard deviations of the sum
/// (independent children: Var = Σ p(1 − p) for binary outcomes, Σ (μ + μ²/θ) for NB2 counts).
@Suite struct SyntheticOutcomeTests {
    private struct Model {
        let centre: Double, scale: Double
        let outcomes: [String: Any]
        let effects: [String: [String: Double]]
        func block(_ name: String) -> [String: Any] { outcomes[name] as? [String: Any] ?? [:] }
    }

    private func load(_ dir: String) throws -> Model {
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + SyntheticFileFormat.truth))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let parameters = try #require(json["parameters"] as? [String: Any])
        let deprivation = try #require(parameters["deprivation"] as? [String: Any])
        var effects: [String: [String: Double]] = [:]
        for e in try #require(json["la_random_effects"] as? [[String: Any]]) {
            let code = e["la"] as? String ?? ""
            effects[code] = ["attainment": e["attainment"] as? Double ?? .nan, "absence": e["absence"] as? Double ?? .nan,
                             "conviction": e["conviction"] as? Double ?? .nan]
        }
        return Model(centre: deprivation["idaci_centre"] as? Double ?? .nan, scale: deprivation["idaci_scale"] as? Double ?? .nan,
                     outcomes: try #require(parameters["outcomes"] as? [String: Any]), effects: effects)
    }

    private static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    @Test func outcomesFollowTheModelsInTruthJSON() throws {
        let dir = try SyntheticTestData.standard.get().0
        let model = try load(dir)
        let rows = try SyntheticTestData.read(dir, SyntheticFileFormat.outcomes).rows
        #expect(rows.count > 10_000)
        let a = model.block("attainment"), n = model.block("unauthorised_absences"), c = model.block("convictions"),
            d = model.block("disposal_severity")
        func num(_ b: [String: Any], _ k: String) -> Double { b[k] as? Double ?? .nan }
        func vec(_ b: [String: Any], _ k: String) -> [Double] { b[k] as? [Double] ?? [] }
        // Per level (0...4) and overall (index 5): observed and expected sums and variances.
        struct Sums { var observed = 0.0, expected = 0.0, variance = 0.0 }
        var attainment = [Sums](repeating: Sums(), count: 6)
        var absences = [Sums](repeating: Sums(), count: 6)
        var convicted = [Sums](repeating: Sums(), count: 6)
        var twoPlus = Sums(), custody = Sums()
        var senByLevel = [Sums](repeating: Sums(), count: 6)
        let s = model.block("sen")
        var ethnicCodes = Set<String>()
        for row in rows {
            let level = SyntheticFileFormat.levels.firstIndex(of: row["HIGHEST_LEVEL"] ?? "") ?? 0
            let z = ((Double(row["IDACI"] ?? "") ?? .nan) - model.centre) / model.scale
            let male = row["SEX"] == "1" ? 1.0 : 0.0
            let sen = Double(row["SEN"] ?? "") ?? .nan
            ethnicCodes.insert(row["ETHNIC"] ?? "")
            let u = model.effects[row["LA"] ?? ""] ?? [:]
            func levelEffect(_ v: [Double]) -> Double { level == 0 ? 0 : v[level - 1] }

            let p = Self.logistic(num(a, "intercept") + levelEffect(vec(a, "level")) + num(a, "idaci_z") * z
                                  + num(a, "male") * male + num(a, "sen") * sen + (u["attainment"] ?? .nan))
            let pSEN = Self.logistic(num(s, "intercept") + levelEffect(vec(s, "level")) + num(s, "male") * male)
            let mu = exp(num(n, "intercept") + levelEffect(vec(n, "level")) + num(n, "idaci_z") * z + num(n, "male") * male
                         + num(n, "sen") * sen + (u["absence"] ?? .nan))
            let theta = num(n, "size_theta")
            let eta = levelEffect(vec(c, "level")) + num(c, "idaci_z") * z + num(c, "male") * male + num(c, "sen") * sen
                + (u["conviction"] ?? .nan)
            let cut = vec(c, "cutpoints")
            let p1 = Self.logistic(eta - cut[0]), p2 = Self.logistic(eta - cut[1])
            let y = Double(row["ATTAINMENT"] ?? "") ?? .nan
            let count = Double(row["UNAUTHORISED_ABSENCES"] ?? "") ?? .nan
            let convictions = row["CONVICTIONS"] ?? ""
            for k in [level, 5] {
                attainment[k].observed += y; attainment[k].expected += p; attainment[k].variance += p * (1 - p)
                absences[k].observed += count; absences[k].expected += mu; absences[k].variance += mu + mu * mu / theta
                convicted[k].observed += convictions == "none" ? 0 : 1
                convicted[k].expected += p1; convicted[k].variance += p1 * (1 - p1)
                senByLevel[k].observed += sen; senByLevel[k].expected += pSEN; senByLevel[k].variance += pSEN * (1 - pSEN)
            }
            twoPlus.observed += convictions == "two_plus" ? 1 : 0
            twoPlus.expected += p2; twoPlus.variance += p2 * (1 - p2)
            if convictions != "none" {
                // Custody (severity 3) among the convicted: P(S ≥ 3) = logistic(η_s − c₂).
                let etaS = levelEffect(vec(d, "level")) + num(d, "idaci_z") * z + num(d, "male") * male + num(d, "sen") * sen
                let q = Self.logistic(etaS - vec(d, "cutpoints")[1])
                custody.observed += row["DISPOSAL_SEVERITY"] == "3" ? 1 : 0
                custody.expected += q; custody.variance += q * (1 - q)
            }
        }
        func check(_ s: Sums, _ label: String) {
            #expect(abs(s.observed - s.expected) <= 4 * s.variance.squareRoot(),
                    "\(label): observed \(s.observed), expected \(s.expected) ± \(s.variance.squareRoot())")
        }
        for k in 0..<6 {
            let label = k == 5 ? "all" : SyntheticFileFormat.levels[k]
            check(attainment[k], "attainment \(label)")
            check(absences[k], "absences \(label)")
            check(convicted[k], "convicted \(label)")
            check(senByLevel[k], "SEN \(label)")
        }
        check(twoPlus, "two or more convictions")
        check(custody, "custody among convicted")
        // Every child carries a valid SSDA903/CIN ethnicity code (the code list has 20 codes).
        #expect(ethnicCodes.allSatisfy { Ethnicity.parse($0) != nil }, "\(ethnicCodes.sorted())")
        #expect(ethnicCodes.count >= 10)
    }

    /// The `intervention-level` derivation, counting records before the 16th birthday (from the outcomes file's
    /// DOB), reads back from the written CIN census and SSDA903 files the level the generator recorded as
    /// HIGHEST_LEVEL, for every child of the cohort (exact agreement: both apply the same rules to the same
    /// written records).
    @Test func derivedLevelBeforeSixteenIsTheGeneratorsLevel() throws {
        let dir = try SyntheticTestData.standard.get().0
        let inputs = CareDataInputs(ssda903Path: dir + "/" + SyntheticFileFormat.episodes, cinPaths: [dir],
                                    outcomesPath: dir + "/" + SyntheticFileFormat.outcomes)
        let derived = try inputs.derive(.interventionLevel, options: DerivationOptions(levelBeforeAge: 16)).tables[0].1
        let rows = try SyntheticTestData.read(dir, SyntheticFileFormat.outcomes).rows
        let levels = try derived.requireColumn("level")
        #expect(derived.rowCount == rows.count)
        var disagreements: [String] = []
        let names = InterventionLevel.allCases.map(\.name)
        for (r, row) in rows.enumerated() {
            let written = SyntheticFileFormat.levels.firstIndex(of: row["HIGHEST_LEVEL"] ?? "") ?? -1
            let found = names.firstIndex(of: levels.stringValue(at: r) ?? "") ?? -2
            if written != found { disagreements.append("\(row["CHILD"] ?? ""): \(written) vs \(found)") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) children differ, e.g. \(disagreements.prefix(5))")
    }
}
