import Foundation
import Tabular

/// Paths of the CSV corpus (Fixtures/csv, written by Fixtures/csv/make-corpus.py).
enum CSVFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("csv")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A fresh temporary directory for files a test writes.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-csv-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The thrown CSVError of `body`, or nil if it did not throw.
func csvError(_ body: () throws(CSVError) -> CSVReadResult) -> CSVError? {
    do { _ = try body(); return nil } catch { return error }
}
