import Foundation
import Tabular

/// Loads the R-made fixtures in Fixtures/ (see make-fixtures.R there).
enum FixtureData {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path)
    }

    static func lines(_ name: String) throws -> [String] {
        try text(name).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// data.csv as a DataFrame: y, x, t numbers; age integers; sex, grp, la text (factors with byte-wise sorted
    /// levels); band a categorical column with the declared order young < mid < old. "NA" is missing.
    /// A few lines of splitting stand in for Tabular's CSV reader (no quoting in this file).
    static func dataFrame(columns wanted: [String]? = nil) throws -> DataFrame {
        let rows = try lines("data.csv").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        let body = rows.dropFirst()
        func field(_ name: String) -> [String?] {
            let j = header.firstIndex(of: name)!
            return body.map { $0[j] == "NA" ? nil : $0[j] }
        }
        var columns: [DataColumn] = []
        for name in header where wanted?.contains(name) ?? true {
            let v = field(name)
            switch name {
            case "y", "x", "t": columns.append(DataColumn(name: name, doubles: v.map { $0.flatMap(Double.init) }))
            case "age": columns.append(DataColumn(name: name, integers: v.map { $0.flatMap { Int($0) } }))
            case "band": columns.append(DataColumn(name: name, categories: v, levels: ["young", "mid", "old"], ordered: true))
            default: columns.append(DataColumn(name: name, strings: v))
            }
        }
        if let wanted { columns.sort { wanted.firstIndex(of: $0.name)! < wanted.firstIndex(of: $1.name)! } }
        return try DataFrame(columns: columns)
    }

    /// R's model.matrix column name → CareStat's: a factor level that R appends to the variable's name
    /// (`sexF`, `relevel(sex, ref = "M")F`, `bandmid`) becomes `variable=level` (`sex=F`, `band=mid`); each
    /// `:`-separated part is mapped; numeric names (`x`, `log(x)`, `poly(x, 2)1`, `ns(x, df = 3)2`) are equal.
    static func careStatName(fromR name: String) -> String {
        let factors: [(prefix: String, column: String, levels: Set<String>)] = [
            ("relevel(sex, ref = \"M\")", "sex", ["F", "M"]),
            ("sex", "sex", ["F", "M"]),
            ("grp", "grp", ["a", "b", "c"]),
            ("band", "band", ["young", "mid", "old"]),
            ("factor(age)", "age", Set((10...17).map(String.init))),
            ("la", "la", ["E1", "E2", "E3", "E4"]),
        ]
        return name.split(separator: ":").map { part -> String in
            let p = String(part)
            for f in factors where p.hasPrefix(f.prefix) {
                let level = String(p.dropFirst(f.prefix.count))
                if f.levels.contains(level) { return "\(f.column)=\(level)" }
            }
            return p
        }.joined(separator: ":")
    }
}
