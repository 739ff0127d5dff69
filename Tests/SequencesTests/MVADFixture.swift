import Foundation
@testable import Sequences

/// The first 100 sequences of TraMineR's `mvad` and sequenzo 0.1.42's reference values, written by
/// Fixtures/make_mvad_fixtures.py.
enum MVADFixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func lines(_ name: String) throws -> [Substring] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline)
    }

    /// (ids, times, states) of mvad_long.csv.
    static func long() throws -> (ids: [String], times: [Int], states: [String]) {
        var ids: [String] = [], times: [Int] = [], states: [String] = []
        for line in try lines("mvad_long.csv").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            ids.append(String(f[0])); times.append(Int(f[1])!); states.append(String(f[2]))
        }
        return (ids, times, states)
    }

    static func sequences(weighted: Bool = false) throws -> StateSequences {
        let l = try long()
        var w: [String: Double]? = nil
        if weighted {
            w = [:]
            for line in try lines("mvad_weights.csv").dropFirst() {
                let f = line.split(separator: ",")
                w?[String(f[0])] = Double(f[1])!
            }
        }
        return try StateSequences.fromLong(ids: l.ids, times: l.times, states: l.states, weights: w)
    }

    /// A full reference matrix, row-major.
    static func matrix(_ name: String) throws -> [[Double]] {
        try lines("dist_\(name).csv").map { $0.split(separator: ",").map { Double($0)! } }
    }

    struct PAM: Decodable { let medoids: [Int]; let objective: Double }

    static func pam() throws -> [String: PAM] {
        try JSONDecoder().decode([String: PAM].self, from: Data(contentsOf: directory.appendingPathComponent("pam.json")))
    }
}
