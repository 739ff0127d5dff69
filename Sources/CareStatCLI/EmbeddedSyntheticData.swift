import CareData
import Foundation

/// The embedded default data (DESIGN.md: the synthetic generator is the default input of every command): the
/// standard synthetic data set for a seed, written once into a cache folder and reused, so a command run without
/// data files works on any machine and says which data it used.
///
/// Folder: `$CARESTAT_CACHE`, else `$XDG_CACHE_HOME/carestat`, else `~/.cache/carestat`, then `synthetic-SEED`.
/// The set is written to a temporary sibling and renamed into place, so an interrupted run never leaves a
/// half-written set that a later run would trust.
enum EmbeddedSyntheticData {
    struct Files {
        let directory: String
        let seed: UInt64
        var episodes: String { directory + "/" + SyntheticFileFormat.episodes }
        var header: String { directory + "/" + SyntheticFileFormat.header }
        var localAuthorities: String { directory + "/" + SyntheticFileFormat.localAuthorities }
        var outcomes: String { directory + "/" + SyntheticFileFormat.outcomes }
        var proceedings: String { directory + "/" + SyntheticFileFormat.proceedings }
        /// A footnote naming the data.
        var note: String {
            "Input: CareStat's embedded synthetic data (carestat synth defaults, seed \(seed)), in \(directory)."
        }
    }

    static func files(seed: UInt64?) throws -> Files {
        let generator = SyntheticGenerator(seed: seed ?? SyntheticGenerator().seed)
        let env = ProcessInfo.processInfo.environment
        let base = env["CARESTAT_CACHE"]
            ?? env["XDG_CACHE_HOME"].map { $0 + "/carestat" }
            ?? env["HOME"].map { $0 + "/.cache/carestat" }
            ?? NSTemporaryDirectory() + "carestat"
        let directory = base + "/synthetic-\(generator.seed)"
        let fm = FileManager.default
        if !fm.fileExists(atPath: directory + "/" + SyntheticFileFormat.truth) {
            let staging = directory + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
            do {
                try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
                _ = try generator.generate(into: staging)
                if fm.fileExists(atPath: directory) { try fm.removeItem(atPath: directory) }
                try fm.moveItem(atPath: staging, toPath: directory)
            } catch {
                try? fm.removeItem(atPath: staging)
                throw UserError("cannot write the embedded synthetic data to \(directory): \(error) (set CARESTAT_CACHE to a writable folder)")
            }
        }
        return Files(directory: directory, seed: generator.seed)
    }
}
