import Foundation
@testable import Survival

/// Loads the CSV fixtures written by Fixtures/make-km-fixtures.R (plain comma-separated, no quoting; "NA" is
/// R's missing value, read as NaN).
struct KaplanMeierFixture {
    let header: [String]
    let rows: [[String]]

    init(_ name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        rows = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func column(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }
    func strings(_ name: String) -> [String] { let j = column(name); return rows.map { $0[j] } }
    func numbers(_ name: String) -> [Double] { strings(name).map { $0 == "NA" ? .nan : (Double($0) ?? .nan) } }

    /// Rows whose columns equal the given values.
    func filter(_ conditions: [String: String]) -> KaplanMeierFixture {
        let idx = conditions.map { (column($0.key), $0.value) }
        return KaplanMeierFixture(header: header, rows: rows.filter { r in idx.allSatisfy { r[$0.0] == $0.1 } })
    }

    init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }
}

/// The survival data of each case in the fixtures (the same model frames as make-km-fixtures.R builds).
enum KaplanMeierCases {
    static func data(_ name: String) throws -> SurvivalData {
        switch name {
        case "lung_all", "lung_sex":
            let f = try KaplanMeierFixture("lung.csv")
            return try SurvivalData(
                time: f.numbers("time"), event: f.numbers("status").map { $0 == 1 },
                strataLabels: name == "lung_all" ? f.rows.map { _ in "" } : f.strings("sex"))
        case "veteran_trt":
            let f = try KaplanMeierFixture("veteran.csv")
            return try SurvivalData(
                time: f.numbers("time"), event: f.numbers("status").map { $0 == 1 }, strataLabels: f.strings("trt"))
        case "ovarian_rx":
            let f = try KaplanMeierFixture("ovarian.csv")
            return try SurvivalData(
                time: f.numbers("futime"), event: f.numbers("fustat").map { $0 == 1 }, strataLabels: f.strings("rx"))
        case "synth_g", "synth_gw", "synth_ct", "synth_ctw":
            let f = try KaplanMeierFixture("synthetic.csv")
            let counting = name.hasPrefix("synth_ct")
            let weighted = name.hasSuffix("w")
            return try SurvivalData(
                time: f.numbers("stop"), event: f.numbers("status").map { $0 == 1 },
                entry: counting ? f.numbers("start") : nil, weight: weighted ? f.numbers("w") : nil,
                strataLabels: f.strings("g"))
        case "flat":
            let f = try KaplanMeierFixture("flat.csv")
            return try SurvivalData(
                time: f.numbers("time"), event: f.numbers("status").map { $0 == 1 }, strataLabels: f.strings("grp"))
        case "negative":
            let f = try KaplanMeierFixture("negative.csv")
            return try SurvivalData(time: f.numbers("time"), event: f.numbers("status").map { $0 == 1 })
        case "nearties", "nearties_ct":
            // R's survfit merges times equal up to rounding (timefix = TRUE): SurvivalData's timefix.
            let f = try KaplanMeierFixture("nearties.csv")
            return try SurvivalData(time: f.numbers("time"), event: f.numbers("status").map { $0 == 1 },
                                    entry: name == "nearties_ct" ? f.numbers("start") : nil, timefix: true)
        default:
            throw SurvivalCurveError.invalidArgument("unknown case \(name)")
        }
    }

    static let all = ["lung_all", "lung_sex", "veteran_trt", "ovarian_rx", "synth_g", "synth_gw", "synth_ct",
                      "synth_ctw", "flat", "negative", "nearties", "nearties_ct"]
    static let confidenceTypes: [SurvivalConfidenceType] = [.log, .plain, .logLog]
}
