import Foundation
public import Tabular

/// One local authority's size and deprivation (the LA table, ``LocalAuthorityColumn``).
public struct LocalAuthority: Sendable, Hashable {
    public var code: String
    public var name: String?
    public var childPopulation: Int?
    public var idaci: Double?
    public var imd: Double?

    public init(code: String, name: String? = nil, childPopulation: Int? = nil, idaci: Double? = nil, imd: Double? = nil) {
        self.code = code
        self.name = name
        self.childPopulation = childPopulation
        self.idaci = idaci
        self.imd = imd
    }
}

/// Reads the LA table and the real LA panel (shared/data/la-panel/merged_data.csv, cwip-app).
public enum LocalAuthorityReader {
    /// LA rows from a table with ``LocalAuthorityColumn`` names; rows without a code are skipped.
    public static func localAuthorities(from frame: DataFrame, source: String = "LA table") throws(CareDataError) -> [LocalAuthority] {
        let f = try FrameFields(frame, format: FileFormats.localAuthorities, source: source)
        typealias C = LocalAuthorityColumn
        return (0..<f.rowCount).compactMap { r in
            guard let code = f.text(C.la.name, r) else { return nil }
            return LocalAuthority(code: code, name: f.text(C.name.name, r), childPopulation: f.integer(C.childPopulation.name, r),
                                  idaci: f.number(C.idaci.name, r), imd: f.number(C.imd.name, r))
        }
    }

    public static func read(path: String) throws(CareDataError) -> [LocalAuthority] {
        try localAuthorities(from: CSVText.read(path: path), source: path)
    }

    /// The LA panel as a table: `new_la_code`, `la_name` and `old_la_code` as text, every other column as a
    /// number (`NA` and blanks missing; a non-numeric entry in a numeric column is also missing).
    public static func readPanel(path: String) throws(CareDataError) -> DataFrame {
        let raw = try CSVText.read(path: path)
        let textColumns: Set<String> = ["new_la_code", "la_name", "old_la_code"]
        guard raw.column(named: "new_la_code") != nil, raw.column(named: "time_period") != nil else {
            throw .missingColumns(source: path, columns: ["new_la_code", "time_period"].filter { raw.column(named: $0) == nil })
        }
        var columns: [DataColumn] = []
        for c in raw.columns {
            let values = (0..<raw.rowCount).map { c.stringValue(at: $0) }
            if textColumns.contains(c.name) {
                columns.append(DataColumn(name: c.name, strings: values.map { $0 == "NA" ? nil : $0 }))
            } else if c.name == "time_period" {
                columns.append(DataColumn(name: c.name, integers: values.map { $0.flatMap { Int($0) } }))
            } else {
                columns.append(DataColumn(name: c.name, doubles: values.map { $0.flatMap { Double($0) } }))
            }
        }
        return try makeFrame(columns)
    }

    /// LAs of one year of the panel: code `new_la_code`, name `la_name`, population `population_0_16`
    /// (note: aged 0–16, as the panel defines it), IDACI `imd19_idaci`, IMD `imd19_imd`.
    public static func localAuthorities(panel: DataFrame, year: Int) -> [LocalAuthority] {
        guard let code = panel.column(named: "new_la_code"), let period = panel.column(named: "time_period") else { return [] }
        let name = panel.column(named: "la_name"), pop = panel.column(named: "population_0_16")
        let idaci = panel.column(named: "imd19_idaci"), imd = panel.column(named: "imd19_imd")
        return (0..<panel.rowCount).compactMap { r in
            guard period.numericValue(at: r) == Double(year), let c = code.stringValue(at: r) else { return nil }
            return LocalAuthority(code: c, name: name?.stringValue(at: r),
                                  childPopulation: pop?.numericValue(at: r).map { Int($0.rounded()) },
                                  idaci: idaci?.numericValue(at: r), imd: imd?.numericValue(at: r))
        }
    }
}
