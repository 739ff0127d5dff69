import Foundation
public import Tabular

/// Reads the CIN census flattened to CSV (``CINCensusColumn``: one row per referral episode per census year);
/// dates ISO `yyyy-mm-dd` (dd/mm/yyyy also accepted). Every row becomes a record, bad values included;
/// ``CINValidation`` resolves episodes repeated across census years and reports the rest.
public enum CINCensusReader {
    /// Episodes from a table. Throws when a required column is absent, or when a date column is mostly
    /// unreadable (``DateColumnCheck``). `lines` gives each row's file line when some rows were set aside
    /// (default: row + 2); the episode's `row` is then line − 2. Complexity: O(rows × columns).
    public static func episodes(from frame: DataFrame, source: String = "CIN census", lines: [Int]? = nil)
        throws(CareDataError) -> [CINEpisode] {
        let f = try FrameFields(frame, format: FileFormats.cinCensus, source: source)
        typealias C = CINCensusColumn
        // Each column converted once per distinct value (``MappedColumn``); the rows only index those tables.
        let la = f.textColumn(C.la.name), child = f.textColumn(C.laChildID.name), upn = f.textColumn(C.upn.name)
        let referral = f.dateColumn(C.cinReferralDate.name), source_ = f.codeColumn(C.referralSource.name)
        let need = f.codeColumn(C.primaryNeedCode.name), nfa = f.flagColumn(C.referralNFA.name)
        let assessmentStart = f.dateColumn(C.assessmentStartDate.name)
        let assessmentAuthorised = f.dateColumn(C.assessmentAuthorisationDate.name)
        let planStart = f.dateColumn(C.cinPlanStartDate.name), planEnd = f.dateColumn(C.cinPlanEndDate.name)
        let s47 = f.dateColumn(C.s47StartDate.name), cppStart = f.dateColumn(C.cppStartDate.name)
        let cppEnd = f.dateColumn(C.cppEndDate.name), initialAbuse = f.codeColumn(C.initialCategoryOfAbuse.name)
        let latestAbuse = f.codeColumn(C.latestCategoryOfAbuse.name), closure = f.dateColumn(C.cinClosureDate.name)
        let reason = f.codeColumn(C.reasonForClosure.name), birth = f.dateColumn(C.personBirthDate.name)
        let gender = f.codeColumn(C.genderCurrent.name), ethnicity = f.codeColumn(C.ethnicity.name)
        let disabilities = f.mapped(C.disabilities.name, missing: [String]()) { t in
            t.asciiUppercased.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "," }).map(String.init)
        }
        let year = f.integerColumn(C.censusYear.name)
        var episodes: [CINEpisode] = []
        episodes.reserveCapacity(f.rowCount)
        for r in 0..<f.rowCount {
            var e = CINEpisode(
                row: (lines?[r] ?? r + 2) - 2, la: la[r] ?? "", child: child[r],
                referralDate: referral[r], referralSource: source_[r], primaryNeed: need[r], referralNFA: nfa[r],
                assessmentStartDate: assessmentStart[r], assessmentAuthorisationDate: assessmentAuthorised[r],
                cinPlanStartDate: planStart[r], cinPlanEndDate: planEnd[r], s47StartDate: s47[r],
                cppStartDate: cppStart[r], cppEndDate: cppEnd[r], initialCategoryOfAbuse: initialAbuse[r],
                latestCategoryOfAbuse: latestAbuse[r], closureDate: closure[r], reasonForClosure: reason[r],
                upn: upn[r], birthDate: birth[r], gender: gender[r], ethnicity: ethnicity[r],
                disabilities: disabilities[r], censusYear: year[r])
            e.file = source
            episodes.append(e)
        }
        // The date columns checked from their converted values (not through the episodes: copying a record to
        // read one field costs more than the read).
        let dates: [(C, MappedColumn<DateField>)] = [
            (.cinReferralDate, referral), (.cinClosureDate, closure), (.cppStartDate, cppStart), (.cppEndDate, cppEnd),
            (.assessmentStartDate, assessmentStart), (.assessmentAuthorisationDate, assessmentAuthorised),
            (.cinPlanStartDate, planStart), (.cinPlanEndDate, planEnd), (.s47StartDate, s47), (.personBirthDate, birth),
        ]
        for (column, values) in dates {
            try DateColumnCheck.check((0..<f.rowCount).map { values[$0] }, column: column.name, source: source,
                                      lines: { lines?[$0] ?? $0 + 2 }, declared: "yyyy-mm-dd")
        }
        return episodes
    }

    /// Reads a flat CIN census CSV file.
    public static func read(path: String) throws(CareDataError) -> [CINEpisode] {
        try read(path: path, keepingMalformedRows: false).records
    }

    /// Reads a flat CIN census CSV file; with `keepingMalformedRows`, rows that cannot be read are returned
    /// beside the episodes instead of stopping the read.
    public static func read(path: String, keepingMalformedRows: Bool)
        throws(CareDataError) -> (records: [CINEpisode], malformed: [QuarantinedRow]) {
        let r = try CSVText.read(path: path, keepingMalformedRows: keepingMalformedRows,
                                 identifiers: [CINCensusColumn.laChildID.name, CINCensusColumn.upn.name])
        return (try episodes(from: r.frame, source: path, lines: r.lines), r.malformed)
    }
}
