import Foundation

/// Loads `Fixtures/r-reference.csv` (written by `Fixtures/make-fixtures.R`) and other fixture files.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func lines(_ name: String) -> [String] {
        let url = directory.appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isNewline).map(String.init)
    }

    /// `case.key` → value from the R reference file.
    static let r: [String: Double] = {
        var table: [String: Double] = [:]
        for line in lines("r-reference.csv").dropFirst() {
            let parts = line.split(separator: ",").map(String.init)
            guard parts.count == 3, let v = Double(parts[2]) else { continue }
            table["\(parts[0]).\(parts[1])"] = v
        }
        return table
    }()

    /// Value of `case.key`; NaN if missing (so comparisons fail loudly).
    static func value(_ test: String, _ key: String) -> Double { r["\(test).\(key)"] ?? .nan }

    /// Vector `case.key1 … keyN`.
    static func vector(_ test: String, _ key: String, count: Int) -> [Double] {
        (1...count).map { value(test, "\(key)\($0)") }
    }
}

