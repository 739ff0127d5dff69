import Foundation
import Testing
@testable import CareData

/// The synthetic-data cache under concurrent first use: tests run in parallel threads of one process, so two
/// threads can generate the same set at once. Before the fix both staged into `<set>.partial-<pid>` and the second
/// to finish removed the set the first had just published (seen in CI as "cannot write …partial-8177/…: the file
/// doesn't exist"). Law: every caller gets the complete set, and no staging folder is left behind.
@Suite struct SyntheticDataCacheTests {
    @Test func concurrentFirstUseGivesEveryCallerTheCompleteSet() async throws {
        let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cacheDirectory) }
        let cache = SyntheticDataCache(cacheDirectory: cacheDirectory)
        let directories = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<2 { group.addTask { try cache.files(seed: 7).directory } }
            var all: [String] = []
            for try await d in group { all.append(d) }
            return all
        }
        #expect(Set(directories).count == 1)
        let directory = try #require(directories.first)
        for name in [SyntheticFileFormat.truth, SyntheticFileFormat.episodes, SyntheticFileFormat.header] {
            #expect(FileManager.default.fileExists(atPath: directory + "/" + name), "\(name)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cacheDirectory).filter { $0.contains(".partial-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
