import Foundation
public import Tabular

/// Reads the CIN census flattened to CSV (``CINCensusColumn``: one row per referral episode per census year);
/// dates ISO `yyyy-mm-dd` (dd/mm/yyyy also accepted). Every row becomes a record, bad values included;
/// ``CINValidation`` resolves episodes repeated across census years and reports the rest.
public enum CINCensusReader {
    /// Episodes from a table. Throws only when a required column is absent. Complexity: O(rows × columns).
    public static func episodes(from frame: DataFrame, source: String = "CIN census") throws(CareDataError) -> [CINEpisode] {
        let f = try FrameFields(frame, format: FileFormats.cinCensus, source: source)
        typealias C = CINCensusColumn
        return (0..<f.rowCount).map { r in
            CINEpisode(
                row: r, la: f.text(C.la.name, r) ?? "", child: f.text(C.laChildID.name, r),
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
        }
    }

    /// Reads a flat CIN census CSV file.
    public static func read(path: String) throws(CareDataError) -> [CINEpisode] {
        try episodes(from: CSVText.read(path: path), source: path)
    }
}
