public import Tabular

/// The analysis file of an outcomes study (seed 004, the MoJ–DfE linked data): one row per child of an outcomes
/// cohort with the highest level of social care intervention before the outcome, the child characteristics the
/// study adjusts for, and the outcomes.
///
/// Built from
/// - the outcomes file: CHILD and LA (required); SEX (1 male, 2 female), ETHNIC (SSDA903/CIN code), SEN (0/1),
///   IDACI (the child's neighbourhood score) when present; every other column is carried through under its
///   lower-cased name (e.g. ATTAINMENT → attainment), numbers as numbers;
/// - the `intervention-level` table for the same children in the same order
///   (``InterventionLevel/table(cin:episodes:population:before:)`` with the outcomes file as the population);
/// - the LA table, for the LA's IDACI score (LA poverty).
///
/// Columns added: `la`, `child`, `level` (ordered: no_contact < referral_only < cin < cpp < looked_after, so
/// no contact is the reference), `sex` (female, male), `ethnicity` (major group: White first, then Mixed, Asian,
/// Black, Other, Unknown; White is the reference as in DfE tables), `sen` (0/1), `deprivation` and
/// `la_deprivation`: the child's and the LA's IDACI score minus 0.15, in tenths of a point, i.e.
/// (IDACI − 0.15)/0.10, so a coefficient is the effect of 0.1 on the IDACI score (about the gap between an
/// average neighbourhood and one in the most deprived fifth) and the intercept is at about the English average.
/// When a `convictions` column holds none/one/two_plus it becomes an ordered factor and `any_conviction` (0/1)
/// is added. Blank values stay missing (a model leaves those rows out and says how many); a SEX, ETHNIC, SEN or
/// IDACI value that cannot be read is an error naming the file, line, column and value.
///
/// Complexity: O(n) for n cohort rows.
public enum OutcomeCohort {
    /// Levels of `ethnicity`, reference first.
    public static let ethnicGroups = ["White", "Mixed", "Asian", "Black", "Other", "Unknown"]
    /// Centre and scale of `deprivation` and `la_deprivation`.
    public static let deprivationCentre = 0.15
    public static let deprivationScale = 0.10

    public static func table(outcomes: DataFrame, levels: DataFrame, localAuthorities: [LocalAuthority],
                             source: String = "outcomes") throws(CareDataError) -> DataFrame {
        let f = try FrameFields(outcomes, format: FileFormats.outcomes, source: source)
        let n = f.rowCount
        guard levels.rowCount == n, let level = levels.column(named: "level") else {
            throw .invalidArgument("the intervention-level table must have one row per outcomes row (\(n)), with a level column")
        }
        let las = Dictionary(localAuthorities.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        func column(_ name: String) -> DataColumn? {
            outcomes.column(named: name) ?? outcomes.columns.first { $0.name.lowercased() == name.lowercased() }
        }
        let sexColumn = column("SEX"), ethnicColumn = column("ETHNIC"), senColumn = column("SEN"), idaciColumn = column("IDACI")
        /// The trimmed text of a present, non-blank cell.
        func text(_ c: DataColumn?, _ r: Int) -> String? {
            guard let c, !c.isMissing(r), let t = c.stringValue(at: r)?.trimmedBlanks, !t.isEmpty else { return nil }
            return t
        }
        func invalid(_ c: DataColumn?, _ r: Int, _ what: String) -> CareDataError {
            .invalidArgument("\(source): line \(r + 2): column \(c?.name ?? ""): \"\(text(c, r) ?? "")\" is not \(what)")
        }
        var la: [String?] = [], child: [String?] = [], sex: [String?] = [], ethnicity: [String?] = []
        var sen: [Double?] = [], deprivation: [Double?] = [], laDeprivation: [Double?] = []
        for r in 0..<n {
            let code = f.text(OutcomesColumn.la.name, r)
            la.append(code)
            child.append(f.text(OutcomesColumn.child.name, r))
            // Blank cells are missing; a value that is not a code of its column is an error naming it.
            if let s = text(sexColumn, r) {
                guard let code = Sex.parse(s) else { throw invalid(sexColumn, r, "a SEX code (1 male, 2 female)") }
                sex.append(code == .male ? "male" : "female")
            } else { sex.append(nil) }
            if let e = text(ethnicColumn, r) {
                guard let code = Ethnicity.parse(e) else { throw invalid(ethnicColumn, r, "an ETHNIC code") }
                ethnicity.append(code.majorGroup)
            } else { ethnicity.append(nil) }
            if let s = text(senColumn, r) {
                guard let v = Double(s), v == 0 || v == 1 else { throw invalid(senColumn, r, "0 or 1") }
                sen.append(v)
            } else { sen.append(nil) }
            if let i = text(idaciColumn, r) {
                guard let v = Double(i), v.isFinite else { throw invalid(idaciColumn, r, "a number") }
                deprivation.append((v - deprivationCentre) / deprivationScale)
            } else { deprivation.append(nil) }
            laDeprivation.append(code.flatMap { las[$0]?.idaci }.map { ($0 - deprivationCentre) / deprivationScale })
        }
        var columns: [DataColumn] = [
            DataColumn(name: "la", strings: la), DataColumn(name: "child", strings: child), level,
            DataColumn(name: "sex", categories: sex, levels: ["female", "male"]),
            DataColumn(name: "ethnicity", categories: ethnicity, levels: ethnicGroups),
            DataColumn(name: "sen", doubles: sen), DataColumn(name: "deprivation", doubles: deprivation),
            DataColumn(name: "la_deprivation", doubles: laDeprivation),
        ]
        let taken: Set<String> = ["child", "la", "sex", "ethnic", "sen", "idaci", "dob", "highest_level"]
        for c in outcomes.columns where !taken.contains(c.name.lowercased()) {
            let name = c.name.lowercased()
            let texts = (0..<n).map { c.isMissing($0) ? nil : c.stringValue(at: $0)?.trimmedBlanks }
            let present = Set(texts.compactMap { $0 }.filter { !$0.isEmpty })
            if name == "convictions", present.isSubset(of: ["none", "one", "two_plus"]) {
                columns.append(DataColumn(name: name, categories: texts, levels: ["none", "one", "two_plus"], ordered: true))
                columns.append(DataColumn(name: "any_conviction", doubles: texts.map { t in t.map { $0 == "none" ? 0 : 1 } }))
            } else if !present.isEmpty, present.allSatisfy({ Double($0) != nil }) {
                columns.append(DataColumn(name: name, doubles: texts.map { $0.flatMap { Double($0) } }))
            } else {
                columns.append(DataColumn(name: name, strings: texts))
            }
        }
        return try makeFrame(columns)
    }
}
