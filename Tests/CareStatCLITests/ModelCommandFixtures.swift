import Foundation

/// Reference data and values for the end-to-end model-command tests, read from the fixtures the library tests
/// already hold (their R scripts are beside them): Tests/RegressionTests/Fixtures (make-fixtures.R,
/// make-categorical-fixtures.R, make-robust-categorical.R) and Tests/MixedModelsTests/Fixtures (make-fixtures.R).
/// The tests write the data they run on into a temporary directory, so each run reads a file the test made.
enum ModelCommandFixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let regression = testsDirectory.appendingPathComponent("RegressionTests/Fixtures")
    static let mixedModels = testsDirectory.appendingPathComponent("MixedModelsTests/Fixtures")

    struct MissingFixture: Error, CustomStringConvertible {
        let description: String
    }

    /// The records of a CSV file (RFC 4180 quoting, as R's write.csv writes), header included.
    static func records(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [[String]] = []
        for line in text.split(whereSeparator: \.isNewline) where !line.isEmpty {
            var fields: [String] = [], field = "", quoted = false
            var chars = line.makeIterator()
            while let c = chars.next() {
                if quoted {
                    if c == "\"" { quoted = false } else { field.append(c) }
                } else if c == "\"" {
                    quoted = true
                } else if c == "," {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(c)
                }
            }
            fields.append(field)
            rows.append(fields)
        }
        return rows
    }

    /// A numeric value from a fixture: the last column of the first record whose leading columns equal `key`.
    static func value(_ url: URL, _ key: [String]) throws -> Double {
        guard let row = try records(url).first(where: { Array($0.prefix(key.count)) == key }),
              let last = row.last, let x = Double(last) else {
            throw MissingFixture(description: "\(url.lastPathComponent): no value for \(key)")
        }
        return x
    }

    /// A fresh temporary directory for one test's files.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-models-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes records as a CSV file (fields quoted when they hold a comma or a quote).
    static func write(_ records: [[String]], to url: URL) throws {
        func quote(_ f: String) -> String {
            f.contains(",") || f.contains("\"") ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }
        let text = records.map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Copies a fixture's data to `dir` under the same name and returns the new file's path.
    static func copy(_ url: URL, to dir: URL) throws -> String {
        let out = dir.appendingPathComponent(url.lastPathComponent)
        try write(try records(url), to: out)
        return out.path
    }

    /// The care data of make-categorical-fixtures.R with each intervention level prefixed by its position in the
    /// declared order (0none, 1referral, 2CIN, 3CPP, 4LAC), so that a CSV's byte-wise level order is R's factor
    /// order and "none" is the reference, as in R. Returns the path and R's term name → CareStat's term name.
    static func careData(in dir: URL) throws -> (path: String, term: (String) -> String) {
        let levels = try records(regression.appendingPathComponent("categorical-levels.csv"))
            .filter { $0.count == 4 && $0[0] == "care" && $0[1] == "intervention" }
        var prefixed: [String: String] = [:]
        for l in levels {
            guard let position = Int(l[2]) else { throw MissingFixture(description: "categorical-levels.csv: bad \(l)") }
            prefixed[l[3]] = "\(position - 1)\(l[3])"
        }
        var rows = try records(regression.appendingPathComponent("care.csv"))
        guard let column = rows.first?.firstIndex(of: "intervention"), prefixed.count == 5 else {
            throw MissingFixture(description: "care.csv or its intervention levels")
        }
        for i in rows.indices.dropFirst() {
            guard let p = prefixed[rows[i][column]] else { throw MissingFixture(description: "care.csv row \(i)") }
            rows[i][column] = p
        }
        let out = dir.appendingPathComponent("care.csv")
        try write(rows, to: out)
        let map = prefixed
        return (out.path, { r in
            // R names a treatment-contrast column "intervention" + level; CareStat "intervention=" + level.
            for (level, p) in map where r == "intervention" + level { return "intervention=" + p }
            return r
        })
    }

    /// The JSON object a command printed.
    static func object(_ stdout: String) throws -> [String: Any] {
        guard let o = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
            throw MissingFixture(description: "not a JSON object: \(stdout.prefix(200))")
        }
        return o
    }

    /// `coefficients` (or another array of objects) of a JSON object.
    static func objects(_ o: [String: Any], _ key: String) -> [[String: Any]] { o[key] as? [[String: Any]] ?? [] }

    /// |a − b| ≤ tol·|b|.
    static func relativelyClose(_ a: Double?, _ b: Double, _ tol: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tol * abs(b)
    }

    /// The DESIGN.md model JSON contract's keys, plus the disclosure-control statement.
    static let contractKeys = ["model", "formula", "n", "loglik", "aic", "converged", "iterations", "warnings",
                               "coefficients", "disclosure_control"]
}
