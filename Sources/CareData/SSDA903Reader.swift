public import Tabular
import Foundation

/// Reads SSDA903 Header and Episodes tables by their official column names (``SSDA903HeaderColumn``,
/// ``SSDA903EpisodeColumn``); dates are `dd/mm/yyyy` (ISO is also accepted, as spreadsheets re-save dates).
/// Every row becomes a record, bad values included; ``SSDA903Validation`` reports and quarantines them.
public enum SSDA903Reader {
    /// Episodes from a table (e.g. a CSV file read by Tabular). Throws when a required column is absent, or
    /// when DECOM or DEC is mostly unreadable as dd/mm/yyyy (``DateColumnCheck``). `lines` gives each row's
    /// file line when some rows were set aside (default: row + 2); the episode's `row` is then line − 2.
    /// Complexity: O(rows × columns).
    public static func episodes(from frame: DataFrame, source: String = "SSDA903 episodes", lines: [Int]? = nil)
        throws(CareDataError) -> [SSDA903Episode] {
        let f = try FrameFields(frame, format: FileFormats.ssda903Episodes, source: source)
        typealias C = SSDA903EpisodeColumn
        // Each column converted once per distinct value (codes parsed to their lists, dates to day numbers);
        // the rows then only index those tables.
        let child = f.textColumn(C.child.name), la = f.textColumn(C.la.name)
        let decom = f.dateColumn(C.decom.name), dec = f.dateColumn(C.dec.name), year = f.integerColumn(C.year.name)
        func coded<L: CodeList>(_ name: String, _: L.Type) -> MappedColumn<SSDA903Episode.Code<L>> {
            f.mapped(name, missing: SSDA903Episode.Code<L>(text: nil, value: nil)) { t in
                let u = t.asciiUppercased
                return SSDA903Episode.Code(text: u, value: L.parse(u))
            }
        }
        let rne = coded(C.rne.name, ReasonNewEpisode.self), ls = coded(C.ls.name, LegalStatus.self)
        let cin = coded(C.cin.name, CategoryOfNeed.self), place = coded(C.place.name, PlacementType.self)
        let provider = coded(C.placeProvider.name, PlacementProvider.self)
        let rec = coded(C.rec.name, ReasonEpisodeCeased.self)
        let change = coded(C.reasonPlaceChange.name, ReasonPlaceChange.self)
        var episodes: [SSDA903Episode] = []
        episodes.reserveCapacity(f.rowCount)
        for r in 0..<f.rowCount {
            episodes.append(SSDA903Episode(
                row: (lines?[r] ?? r + 2) - 2, child: child[r], la: la[r] ?? "", decom: decom[r], dec: dec[r],
                rne: rne[r], ls: ls[r], cin: cin[r], place: place[r], placeProvider: provider[r], rec: rec[r],
                reasonPlaceChange: change[r], year: year[r]))
        }
        for (name, field) in [(C.decom.name, \SSDA903Episode.decom), (C.dec.name, \SSDA903Episode.dec)] {
            try DateColumnCheck.check(episodes.map { $0[keyPath: field] }, column: name, source: source,
                                      lines: { episodes[$0].row + 2 }, declared: "dd/mm/yyyy")
        }
        return episodes
    }

    /// Header rows (one per child) from a table. Throws when a required column is absent, or when DOB is mostly
    /// unreadable as dd/mm/yyyy. `lines` as for ``episodes(from:source:lines:)``.
    public static func children(from frame: DataFrame, source: String = "SSDA903 header", lines: [Int]? = nil)
        throws(CareDataError) -> [SSDA903Child] {
        let f = try FrameFields(frame, format: FileFormats.ssda903Header, source: source)
        typealias C = SSDA903HeaderColumn
        let children = (0..<f.rowCount).map { r in
            SSDA903Child(row: (lines?[r] ?? r + 2) - 2, child: f.text(C.child.name, r), la: f.text(C.la.name, r) ?? "",
                         sexCode: f.code(C.sex.name, r), dob: f.date(C.dob.name, r),
                         ethnicCode: f.code(C.ethnic.name, r), upn: f.text(C.upn.name, r))
        }
        try DateColumnCheck.check(children.map(\.dob), column: C.dob.name, source: source,
                                  lines: { children[$0].row + 2 }, declared: "dd/mm/yyyy")
        return children
    }

    /// Reads an episodes CSV file.
    public static func readEpisodes(path: String) throws(CareDataError) -> [SSDA903Episode] {
        try readEpisodes(path: path, keepingMalformedRows: false).records
    }

    /// Reads an episodes CSV file; with `keepingMalformedRows`, rows that cannot be read are returned beside
    /// the episodes instead of stopping the read.
    public static func readEpisodes(path: String, keepingMalformedRows: Bool)
        throws(CareDataError) -> (records: [SSDA903Episode], malformed: [QuarantinedRow]) {
        let r = try CSVText.read(path: path, keepingMalformedRows: keepingMalformedRows,
                                 identifiers: [SSDA903EpisodeColumn.child.name])
        return (try episodes(from: r.frame, source: path, lines: r.lines), r.malformed)
    }

    /// Reads a header CSV file.
    public static func readChildren(path: String) throws(CareDataError) -> [SSDA903Child] {
        try readChildren(path: path, keepingMalformedRows: false).records
    }

    /// Reads a header CSV file, setting malformed rows aside as ``readEpisodes(path:keepingMalformedRows:)``.
    public static func readChildren(path: String, keepingMalformedRows: Bool)
        throws(CareDataError) -> (records: [SSDA903Child], malformed: [QuarantinedRow]) {
        let r = try CSVText.read(path: path, keepingMalformedRows: keepingMalformedRows,
                                 identifiers: [SSDA903HeaderColumn.child.name, SSDA903HeaderColumn.upn.name])
        return (try children(from: r.frame, source: path, lines: r.lines), r.malformed)
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
