import Foundation
import LinearAlgebra

/// Reads Fixtures/reference.txt, written by Fixtures/make-fixtures.R (R 4.2 base with LAPACK 3.11).
/// Each record is NAME ROWS COLS followed by column-major values; R's NA becomes NaN here.
enum Reference {
    static let records: [String: Matrix] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/reference.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var out: [String: Matrix] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count >= 3, let r = Int(f[1]), let c = Int(f[2]) else { continue }
            let v = f.dropFirst(3).map { $0 == "NA" ? Double.nan : Double($0)! }
            out[String(f[0])] = Matrix(rows: r, columns: c, columnMajor: v)
        }
        return out
    }()

    static func matrix(_ name: String) -> Matrix {
        guard let m = records[name] else { fatalError("missing reference record \(name); rerun make-fixtures.R") }
        return m
    }
    static func vector(_ name: String) -> Vector { Vector(matrix(name).elements) }
    static func scalar(_ name: String) -> Double { matrix(name).elements[0] }
}

/// max |a − b| / max(|b|, floor) over all entries: the relative error the tests bound.
func maxRelativeError(_ a: [Double], _ b: [Double], floor: Double = 1) -> Double {
    precondition(a.count == b.count, "length mismatch \(a.count) vs \(b.count)")
    var worst = 0.0
    for i in a.indices { worst = max(worst, abs(a[i] - b[i]) / max(abs(b[i]), floor)) }
    return worst
}
