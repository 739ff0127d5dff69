public import Tabular
import Foundation

/// Reads SSDA903 Header and Episodes tables by their official column names (``SSDA903HeaderColumn``,
/// ``SSDA903EpisodeColumn``); dates are `dd/mm/yyyy` (ISO is also accepted, as spreadsheets re-save dates).
/// Every row becomes a record, bad values included; ``SSDA903Validation`` reports and quarantines them.
public enum SSDA903Reader {
    /// Episodes from a table (e.g. a CSV file read by Tabular). Throws only when a required column is absent.
    /// Complexity: O(rows × columns).
    public static func episodes(from frame: DataFrame, source: String = "SSDA903 episodes")
        throws(CareDataError) -> [SSDA903Episode] {
        let f = try FrameFields(frame, format: FileFormats.ssda903Episodes, source: source)
        typealias C = SSDA903EpisodeColumn
        return (0..<f.rowCount).map { r in
            SSDA903Episode(
                row: r, child: f.text(C.child.name, r), la: f.text(C.la.name, r) ?? "",
                decom: f.date(C.decom.name, r), dec: f.date(C.dec.name, r),
                rne: f.code(C.rne.name, r), ls: f.code(C.ls.name, r), cin: f.code(C.cin.name, r),
                place: f.code(C.place.name, r), placeProvider: f.code(C.placeProvider.name, r),
                rec: f.code(C.rec.name, r), reasonPlaceChange: f.code(C.reasonPlaceChange.name, r),
                year: f.integer(C.year.name, r))
        }
    }

    /// Header rows (one per child) from a table. Throws only when a required column is absent.
    public static func children(from frame: DataFrame, source: String = "SSDA903 header")
        throws(CareDataError) -> [SSDA903Child] {
        let f = try FrameFields(frame, format: FileFormats.ssda903Header, source: source)
        typealias C = SSDA903HeaderColumn
        return (0..<f.rowCount).map { r in
            SSDA903Child(row: r, child: f.text(C.child.name, r), la: f.text(C.la.name, r) ?? "",
                         sexCode: f.code(C.sex.name, r), dob: f.date(C.dob.name, r),
                         ethnicCode: f.code(C.ethnic.name, r), upn: f.text(C.upn.name, r))
        }
    }

    /// Reads an episodes CSV file.
    public static func readEpisodes(path: String) throws(CareDataError) -> [SSDA903Episode] {
        try episodes(from: CSVText.read(path: path), source: path)
    }

    /// Reads a header CSV file.
    public static func readChildren(path: String) throws(CareDataError) -> [SSDA903Child] {
        try children(from: CSVText.read(path: path), source: path)
    }

    /// The header file expected beside an episodes file: the same name with "episodes" replaced by "header"
    /// (any case), e.g. `la1_episodes.csv` → `la1_header.csv`; nil when the name has no "episodes".
    public static func headerPath(besideEpisodes path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.last, let range = name.range(of: "episodes", options: .caseInsensitive) else { return nil }
        let replaced = name.replacingCharacters(in: range, with: name[range].first == "E" ? "Header" : "header")
        return (parts.dropLast() + [replaced]).joined(separator: "/")
    }
}
