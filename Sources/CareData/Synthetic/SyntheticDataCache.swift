import Foundation

/// The embedded default data (DESIGN.md: the synthetic generator is the default input of every command,
/// notebook and spec): the standard synthetic data set for a seed (``SyntheticGenerator`` defaults), written once
/// into a cache folder and reused, so an analysis run without data files works on any machine and can say which
/// data it used.
///
/// The set lives in `<cache>/synthetic-v<version>-<seed>` (``SyntheticFileFormat/version``), so a newer
/// generator never reuses an older set. It is written to a temporary sibling and renamed into place, so an
/// interrupted run never leaves a half-written set that a later run would trust.
public struct SyntheticDataCache: Sendable {
    /// The folder holding cached sets.
    public let cacheDirectory: String

    public init(cacheDirectory: String) {
        self.cacheDirectory = cacheDirectory
    }

    /// The cache folder from an environment: `$CARESTAT_CACHE`, else `$XDG_CACHE_HOME/carestat`, else
    /// `$HOME/.cache/carestat`, else `carestat` in the temporary directory.
    public static func defaultDirectory(environment: [String: String]) -> String {
        environment["CARESTAT_CACHE"]
            ?? environment["XDG_CACHE_HOME"].map { $0 + "/carestat" }
            ?? environment["HOME"].map { $0 + "/.cache/carestat" }
            ?? NSTemporaryDirectory() + "carestat"
    }

    /// The files of the standard set for `seed` (default: the generator's default seed), generated on first use.
    /// Complexity: the generator's on first use (about 10 s in a debug build), then a file-existence check.
    public func files(seed: UInt64? = nil) throws(SyntheticError) -> SyntheticDataFiles {
        let generator = SyntheticGenerator(seed: seed ?? SyntheticGenerator().seed)
        let directory = cacheDirectory + "/synthetic-v\(SyntheticFileFormat.version)-\(generator.seed)"
        let fm = FileManager.default
        if !fm.fileExists(atPath: directory + "/" + SyntheticFileFormat.truth) {
            // One staging folder per call (process and a fresh UUID): two threads of one process (tests run in
            // parallel) may generate the same set at once and must not write into each other's folder.
            let staging = directory + ".partial-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
            do {
                try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            } catch {
                throw .writeFailed(path: staging, reason: "\(error.localizedDescription) (set CARESTAT_CACHE to a writable folder)")
            }
            do {
                _ = try generator.generate(into: staging)
            } catch {
                try? fm.removeItem(atPath: staging)
                throw error
            }
            do {
                // A complete set (its truth file is written last, and sets arrive by rename) is never removed: another
                // thread or process may be reading it. Only an incomplete leftover is replaced.
                if fm.fileExists(atPath: directory + "/" + SyntheticFileFormat.truth) {
                    try? fm.removeItem(atPath: staging)
                    return SyntheticDataFiles(directory: directory, seed: generator.seed)
                }
                if fm.fileExists(atPath: directory) { try fm.removeItem(atPath: directory) }
                try fm.moveItem(atPath: staging, toPath: directory)
            } catch {
                try? fm.removeItem(atPath: staging)
                // Another process may have finished the same set first.
                if !fm.fileExists(atPath: directory + "/" + SyntheticFileFormat.truth) {
                    throw .writeFailed(path: directory, reason: error.localizedDescription)
                }
            }
        }
        return SyntheticDataFiles(directory: directory, seed: generator.seed)
    }
}

/// The paths of one synthetic data set.
public struct SyntheticDataFiles: Sendable, Equatable {
    public let directory: String
    public let seed: UInt64

    public init(directory: String, seed: UInt64) {
        self.directory = directory
        self.seed = seed
    }

    public var episodes: String { directory + "/" + SyntheticFileFormat.episodes }
    public var header: String { directory + "/" + SyntheticFileFormat.header }
    public var localAuthorities: String { directory + "/" + SyntheticFileFormat.localAuthorities }
    public var outcomes: String { directory + "/" + SyntheticFileFormat.outcomes }
    public var proceedings: String { directory + "/" + SyntheticFileFormat.proceedings }
    public var truth: String { directory + "/" + SyntheticFileFormat.truth }
    /// A footnote naming the data.
    public var note: String {
        "Input: CareStat's embedded synthetic data (carestat synth defaults, seed \(seed)), in \(directory)."
    }
}
