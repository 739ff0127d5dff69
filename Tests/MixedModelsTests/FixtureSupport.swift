import Foundation
import Tabular
import Formulas
import MixedModels

/// Loads the fixtures written by Fixtures/make-fixtures.R.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func data(_ name: String) throws -> DataFrame {
        try CSVReader.read(path: directory.appendingPathComponent(name).path).frame
    }

    /// reference.csv: model, key, value (full precision, from lme4 / glmmTMB).
    static let reference: [String: [String: Double]] = load("reference.csv")

    /// A reference file with columns model, key, value.
    static func load(_ file: String) -> [String: [String: Double]] {
        guard let r = try? CSVReader.read(path: directory.appendingPathComponent(file).path).frame,
              let m = r.column(named: "model"), let k = r.column(named: "key"), let v = r.column(named: "value") else { return [:] }
        var out: [String: [String: Double]] = [:]
        for i in 0..<r.rowCount {
            guard let model = m.stringValue(at: i), let key = k.stringValue(at: i), let value = v.numericValue(at: i) ?? v.stringValue(at: i).flatMap(Double.init) else { continue }
            out[model, default: [:]][key] = value
        }
        return out
    }

    static func value(_ model: String, _ key: String) -> Double {
        reference[model]?[key] ?? .nan
    }

    static func fit(_ file: String, _ formula: String, family: MixedModelFamily = .gaussian, nAGQ: Int = 1,
                    reml: Bool = true) throws -> MixedModelFit {
        let spec = MixedModelSpec(formula: try Formula(parsing: formula), family: family, nAGQ: nAGQ, reml: reml)
        return try spec.fit(try data(file))
    }
}

