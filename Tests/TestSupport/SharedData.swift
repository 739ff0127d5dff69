import Foundation

/// The real LA panel, `shared/data/la-panel/merged_data.csv`, found in the ancestors of the calling test file (the
/// repository is cloned with shared/ beside it, in CI and in development); nil when it is not there, which tests
/// turn into a failure with `#require` (a missing panel is a set-up error, not a pass).
public func sharedLAPanelPath(from file: String = #filePath) -> String? {
    var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
    for _ in 0..<8 {
        let candidate = dir.appendingPathComponent("shared/data/la-panel/merged_data.csv").path
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return nil
}
