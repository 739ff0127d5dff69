public import CareData
import Foundation

/// The files of a care-records folder in CareStat's layout (the names `carestat synth` writes; a local
/// authority's own extract can be laid out the same way): `ssda903_episodes.csv`, `ssda903_header.csv`, the CIN
/// census files (`cin_census_YYYY.csv`), `local_authorities.csv` and `outcomes.csv`. Only the episodes file is
/// required; analyses that need another file say which is missing.
public struct CareRecordFiles: Sendable, Equatable {
    public static let episodesFile = SyntheticFileFormat.episodes

    public let directory: String
    /// A footnote naming the data (the synthetic set names its seed).
    public let note: String

    public init(directory: String, note: String? = nil) {
        self.directory = directory
        self.note = note ?? "Data: care records in \(directory)."
    }

    /// The embedded synthetic set, generated into `cache` on first use.
    public static func synthetic(cache: SyntheticDataCache, seed: UInt64?) throws(SyntheticError) -> CareRecordFiles {
        let files = try cache.files(seed: seed)
        return CareRecordFiles(directory: files.directory, note: files.note)
    }

    private func path(_ name: String) -> String? {
        let p = directory + "/" + name
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    /// The inputs for CareData's derivations: every file of the layout that is present.
    public var inputs: CareDataInputs {
        let hasCIN = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .contains { $0.hasPrefix("cin_census_") }
        return CareDataInputs(ssda903Path: path(SyntheticFileFormat.episodes), headerPath: path(SyntheticFileFormat.header),
                              cinPaths: hasCIN ? [directory] : [],
                              localAuthoritiesPath: path(SyntheticFileFormat.localAuthorities),
                              outcomesPath: path(SyntheticFileFormat.outcomes),
                              proceedingsPath: path(SyntheticFileFormat.proceedings))
    }
}
