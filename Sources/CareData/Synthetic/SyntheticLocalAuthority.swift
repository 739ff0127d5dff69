/// A local authority of the synthetic world: a row of the real LA panel (code, name, size, deprivation) with
/// the random effects drawn for it and the number of synthetic children allocated to it.
struct SyntheticLocalAuthority: Sendable {
    let code: String
    let oldCode: String
    let name: String
    let population0to16: Double
    let idaci: Double
    let imd: Double
    /// LA random effects: log referral rate, and the intercepts of the attainment, absence and conviction models.
    var contactEffect = 0.0
    var attainmentEffect = 0.0
    var absenceEffect = 0.0
    var convictionEffect = 0.0
    /// Two letters used for this LA's synthetic postcode districts ("ZA" … "ZZ", "YA" …): the letters J, Q, U, V,
    /// X, Y and Z start no real postcode area except ZE (Shetland), YO (York) and UB (Southall), which are skipped.
    var postcodeArea = ""
    /// Index of the LA's first child and number of children.
    var firstChild = 0
    var childCount = 0

    init(row: SyntheticLocalAuthorityPanel.Row) {
        code = row.code
        oldCode = row.oldCode
        name = row.name
        population0to16 = row.population0to16
        idaci = row.idaci
        imd = row.imd
    }

    /// Synthetic postcode areas in a fixed order, skipping the real areas ZE, YO and UB.
    static func postcodeAreas(count: Int) -> [String] {
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
        var areas: [String] = []
        for first in ["Z", "Y", "X", "Q", "J", "V", "U"] {
            for second in letters {
                let area = first + String(second)
                if area == "ZE" || area == "YO" || area == "UB" { continue }
                areas.append(area)
                if areas.count == count { return areas }
            }
        }
        return areas
    }
}
