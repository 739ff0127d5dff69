import Foundation
import Tabular

/// Loads the R-made fixtures in Fixtures/ (made by Fixtures/make-fixtures.R).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Splits CSV text into records of fields (double quotes, doubled quotes inside them; no embedded newlines).
    static func records(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map { line in
            var fields: [String] = [], current = "", quoted = false
            var chars = Array(line)
            if chars.last == "\r" { chars.removeLast() }
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if quoted {
                    if c == "\"" {
                        if i + 1 < chars.count && chars[i + 1] == "\"" { current.append("\""); i += 1 } else { quoted = false }
                    } else {
                        current.append(c)
                    }
                } else if c == "\"" {
                    quoted = true
                } else if c == "," {
                    fields.append(current); current = ""
                } else {
                    current.append(c)
                }
                i += 1
            }
            fields.append(current)
            return fields
        }
    }

    /// data-NAME.csv as a DataFrame: a column whose every entry parses as a number (or is NA) is numeric,
    /// any other column is text (a factor with byte-ordered levels, as the R script made them).
    static func data(_ name: String) throws -> DataFrame {
        let recs = try records("data-\(name).csv")
        let header = recs[0], body = recs.dropFirst()
        var columns: [DataColumn] = []
        for (j, h) in header.enumerated() {
            let raw = body.map { $0[j] }
            let numbers = raw.map { $0 == "NA" ? Optional<Double>.none : Double($0) }
            if zip(raw, numbers).allSatisfy({ $0 == "NA" || $1 != nil }) {
                columns.append(DataColumn(name: h, doubles: numbers))
            } else {
                columns.append(DataColumn(name: h, strings: raw.map { $0 == "NA" ? nil : $0 }))
            }
        }
        return try DataFrame(columns: columns)
    }

    /// case-NAME.csv: kind → [(name, value)] in file order (NA → NaN).
    struct Reference {
        var entries: [String: [(name: String, value: Double)]] = [:]
        func values(_ kind: String) -> [Double] { entries[kind]?.map(\.value) ?? [] }
        func names(_ kind: String) -> [String] { entries[kind]?.map(\.name) ?? [] }
        func stat(_ name: String) -> Double {
            entries["stat"]?.first { $0.name == name }?.value ?? .nan
        }
        func value(_ kind: String, _ name: String) -> Double {
            entries[kind]?.first { $0.name == name }?.value ?? .nan
        }
    }

    static func reference(_ name: String) throws -> Reference {
        var r = Reference()
        for rec in try records("case-\(name).csv").dropFirst() {
            r.entries[rec[0], default: []].append((rec[1], rec[2] == "NA" ? .nan : Double(rec[2]) ?? .nan))
        }
        return r
    }
}

/// |a − b| / |b| (absolute when b = 0); 0 when both are NaN (R's NA matched by CareStat's NaN).
func relativeError(_ a: Double, _ b: Double) -> Double {
    if a.isNaN && b.isNaN { return 0 }
    if a == b { return 0 }   // equal infinities too (R's AIC is +Inf with a zero Gaussian weight)
    if b == 0 { return Swift.abs(a) }
    return Swift.abs(a - b) / Swift.abs(b)
}

func maxRelativeError(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).map { relativeError($0, $1) }.max() ?? 0
}
