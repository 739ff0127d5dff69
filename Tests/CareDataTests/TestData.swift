import Tabular
@testable import CareData

/// Small hand-made files for the tests, parsed with the module's CSV reader.
enum TestData {
    static func frame(_ lines: [String]) throws -> DataFrame {
        try CSVText.parse(lines.joined(separator: "\n") + "\n", source: "test")
    }

    static let episodeHeader = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,LA,YEAR"

    /// Episode rows with the columns of `episodeHeader` (HOME_POST, PL_POST, URN blank; LA 201).
    static func ep(_ child: String, _ decom: String, _ rne: String, _ ls: String, _ place: String, _ dec: String = "",
                   _ rec: String = "", year: Int = 2017, cin: String = "N1", la: String = "201") -> String {
        "\(child),\(decom),\(rne),\(ls),\(cin),\(place),PR1,\(dec),\(rec),,,,,\(la),\(year)"
    }

    static func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }
}

extension DataFrame {
    /// A column's entries as text (nil for missing), for comparisons with hand-written rows.
    func texts(_ name: String) throws -> [String?] {
        let c = try requireColumn(name)
        return (0..<rowCount).map { c.stringValue(at: $0) }
    }
}
