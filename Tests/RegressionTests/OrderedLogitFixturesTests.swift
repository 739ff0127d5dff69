import Foundation
import Tabular
import Testing

/// Loads the fixtures written by Fixtures/make-categorical-fixtures.R (data, factor level orders, R reference
/// values) for the ordered- and multinomial-logit tests.
enum CategoricalFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Rows of a simple CSV written by R with `quote = FALSE` (no field contains a comma).
    static func csv(_ name: String) -> (header: [String], rows: [[String]]) {
        let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard let first = lines.first else { return ([], []) }
        let split = { (l: String) in l.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (split(first), lines.dropFirst().map(split))
    }

    /// dataset → column → levels in R's order.
    static let levels: [String: [String: [String]]] = {
        var out: [String: [String: [String]]] = [:]
        for r in csv("categorical-levels.csv").rows { out[r[0], default: [:]][r[1], default: []].append(r[3]) }
        return out
    }()

    /// R reference values keyed "dataset/model/link/quantity/name".
    static let reference: [String: Double] = {
        var out: [String: Double] = [:]
        for r in csv("categorical-reference.csv").rows {
            out[r[0...4].joined(separator: "/")] = r[5] == "NA" ? .nan : Double(r[5]) ?? .nan
        }
        return out
    }()

    /// Reference entries of one dataset/model/link/quantity, by name, in file order.
    static func entries(_ dataset: String, _ model: String, _ link: String, _ quantity: String) -> [(String, Double)] {
        csv("categorical-reference.csv").rows
            .filter { $0[0] == dataset && $0[1] == model && $0[2] == link && $0[3] == quantity }
            .map { ($0[4], Double($0[5]) ?? .nan) }
    }

    static func value(_ dataset: String, _ model: String, _ link: String, _ quantity: String, _ name: String = "") -> Double {
        reference["\(dataset)/\(model)/\(link)/\(quantity)/\(name)"] ?? .nan
    }

    /// A data frame from a fixture CSV: columns listed in `levels[dataset]` become categorical with R's level
    /// order, the others numbers.
    static func frame(_ file: String, dataset: String) throws -> DataFrame {
        let (header, rows) = csv(file)
        let lv = levels[dataset] ?? [:]
        let columns = header.enumerated().map { j, name in
            let values = rows.map { $0[j] }
            if let l = lv[name] { return DataColumn(name: name, categories: values, levels: l) }
            return DataColumn(name: name, doubles: values.map { Double($0) })
        }
        return try DataFrame(columns: columns)
    }

    /// Covariate profiles (Fixtures/*-profiles.csv) as design-column values: `f=level` = 1 for a factor level
    /// other than the first, the number itself for a numeric column.
    static func profiles(_ file: String, dataset: String) -> [[String: Double]] {
        let (header, rows) = csv(file)
        let lv = levels[dataset] ?? [:]
        return rows.map { r in
            var p: [String: Double] = [:]
            for (j, name) in header.enumerated() {
                if let l = lv[name] { if r[j] != l.first { p["\(name)=\(r[j])"] = 1 } } else { p[name] = Double(r[j]) }
            }
            return p
        }
    }

    /// The data file and level set of a reference dataset ("care5" is care.csv with intervention as outcome).
    static func source(_ dataset: String) -> String { dataset == "care5" ? "care" : dataset }

    /// The data frame of a reference dataset.
    static func data(_ dataset: String) throws -> DataFrame {
        try frame("\(source(dataset)).csv", dataset: source(dataset))
    }

    /// The covariate profiles of a reference dataset.
    static func profiles(_ dataset: String) -> [[String: Double]] {
        profiles("\(dataset)-profiles.csv", dataset: source(dataset))
    }

    /// R's coefficient name for a design column: `InflMedium` for `Infl=Medium`.
    static func rName(_ term: String) -> String { term.replacingOccurrences(of: "=", with: "") }

    static func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }
}

@Test func fixturesLoad() throws {
    let housing = try CategoricalFixtures.frame("housing.csv", dataset: "housing")
    #expect(housing.rowCount == 72)  // MASS::housing has 72 rows (3 Sat × 3 Infl × 4 Type × 2 Cont)
    let care = try CategoricalFixtures.frame("care.csv", dataset: "care")
    #expect(care.rowCount == 400)  // n <- 400 in the script
    #expect(!CategoricalFixtures.reference.isEmpty)
}
