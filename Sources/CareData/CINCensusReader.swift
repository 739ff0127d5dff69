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
        let episodes = (0..<f.rowCount).map { r in
            var e = CINEpisode(
                row: (lines?[r] ?? r + 2) - 2, la: f.text(C.la.name, r) ?? "", child: f.text(C.laChildID.name, r),
                referralDate: f.date(C.cinReferralDate.name, r), referralSource: f.code(C.referralSource.name, r),
                primaryNeed: f.code(C.primaryNeedCode.name, r), referralNFA: f.flag(C.referralNFA.name, r),
                assessmentStartDate: f.date(C.assessmentStartDate.name, r),
                assessmentAuthorisationDate: f.date(C.assessmentAuthorisationDate.name, r),
                cinPlanStartDate: f.date(C.cinPlanStartDate.name, r), cinPlanEndDate: f.date(C.cinPlanEndDate.name, r),
                s47StartDate: f.date(C.s47StartDate.name, r),
                cppStartDate: f.date(C.cppStartDate.name, r), cppEndDate: f.date(C.cppEndDate.name, r),
                initialCategoryOfAbuse: f.code(C.initialCategoryOfAbuse.name, r),
                latestCategoryOfAbuse: f.code(C.latestCategoryOfAbuse.name, r),
                closureDate: f.date(C.cinClosureDate.name, r), reasonForClosure: f.code(C.reasonForClosure.name, r),
                upn: f.text(C.upn.name, r), birthDate: f.date(C.personBirthDate.name, r),
                gender: f.code(C.genderCurrent.name, r), ethnicity: f.code(C.ethnicity.name, r),
                disabilities: (f.code(C.disabilities.name, r) ?? "")
                    .split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "," }).map(String.init),
                censusYear: f.integer(C.censusYear.name, r))
            e.file = source
            return e
        }
        let dates: [(C, KeyPath<CINEpisode, DateField>)] = [
            (.cinReferralDate, \.referralDate), (.cinClosureDate, \.closureDate), (.cppStartDate, \.cppStartDate),
            (.cppEndDate, \.cppEndDate), (.assessmentStartDate, \.assessmentStartDate),
            (.assessmentAuthorisationDate, \.assessmentAuthorisationDate), (.cinPlanStartDate, \.cinPlanStartDate),
            (.cinPlanEndDate, \.cinPlanEndDate), (.s47StartDate, \.s47StartDate), (.personBirthDate, \.birthDate),
        ]
        for (column, path) in dates {
            try DateColumnCheck.check(episodes.map { $0[keyPath: path] }, column: column.name, source: source,
                                      lines: { episodes[$0].row + 2 }, declared: "yyyy-mm-dd")
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
        let r = try CSVText.read(path: path, keepingMalformedRows: keepingMalformedRows)
        return (try episodes(from: r.frame, source: path, lines: r.lines), r.malformed)
    }
}
