import CareData
import Foundation

/// The CLI's access to the embedded default data: CareData's ``SyntheticDataCache`` in the folder the
/// environment names (`$CARESTAT_CACHE`, `$XDG_CACHE_HOME/carestat`, `~/.cache/carestat`).
enum EmbeddedSyntheticData {
    static var cache: SyntheticDataCache {
        SyntheticDataCache(cacheDirectory: SyntheticDataCache.defaultDirectory(environment: ProcessInfo.processInfo.environment))
    }

    static func files(seed: UInt64?) throws -> SyntheticDataFiles {
        do { return try cache.files(seed: seed) } catch {
            throw UserError("cannot prepare the embedded synthetic data: \(error)")
        }
    }
}
