import Foundation
import Testing

/// End-to-end: `carestat sequences cluster --distances FILE` clusters the matrix `sequences distances` wrote (.npy
/// n × n or condensed, float64) and gives the same typology as clustering the sequences directly: on the `mvad`
/// fixture's first 100 sequences, PAM (k = 4) has sequenzo's medoids and objective (pam.json k4_unweighted: rows 7,
/// 41, 57, 96; 3416) and WeightedCluster's quality (quality.json, 1e-9); Ward's objective equals the direct run's.
/// Attacks: a matrix that is not symmetric, ids that do not match, both a sequence file and --distances, and
/// disclosure (no ids or assignment in the output by default; sizes below the threshold withheld).
@Suite struct SequencesClusterFromFileTests {
    static let base = SequencesCommandTests.base

    static func write(_ format: String) throws -> String {
        let out = SequencesCommandTests.temporary("d.npy")
        let r = try CareStatBinary.run(["sequences", "distances"] + base
                                       + ["--sub", "constant:2", "--indel", "1", "--matrix-format", format, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        return out
    }

    struct ClusterJSON: Decodable {
        struct C: Decodable { let cluster: Int; let size: Int?; let medoid: String? }
        struct A: Decodable { let id: String; let cluster: Int }
        let k: Int; let objective: Double; let quality: [String: Double?]; let clusters: [C]; let assignment: [A]?; let n: Int?
    }

    @Test(arguments: ["npy", "condensed"])
    func pamFromFileMatchesSequenzo(_ format: String) throws {
        let file = try Self.write(format)
        defer { try? FileManager.default.removeItem(atPath: file); try? FileManager.default.removeItem(atPath: file + ".ids.csv") }
        let r = try CareStatBinary.run(["sequences", "cluster", "--distances", file, "--k", "4", "--format", "json",
                                        "--no-disclosure-control", "--quality"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONDecoder().decode(ClusterJSON.self, from: Data(r.stdout.utf8))
        #expect(j.clusters.compactMap(\.medoid) == ["7", "41", "57", "96"])
        #expect(abs(j.objective - 3416) < 1e-9)
        #expect(abs(((j.quality["asw"] ?? nil) ?? 0) - 0.3999936018279773) < 1e-9)
        #expect(abs(((j.quality["pbc"] ?? nil) ?? 0) - 0.6994317811224334) < 1e-9)
        #expect(abs(((j.quality["hc"] ?? nil) ?? 0) - 0.06754558931475697) < 1e-9)
        #expect(j.assignment?.map(\.id) == (1...100).map(String.init))
    }

    @Test func wardFromFileEqualsWardOnTheSequences() throws {
        let file = try Self.write("npy")
        defer { try? FileManager.default.removeItem(atPath: file); try? FileManager.default.removeItem(atPath: file + ".ids.csv") }
        let a = try CareStatBinary.run(["sequences", "cluster", "--distances", file, "--k", "6", "--clustering", "ward", "--format", "json"])
        let b = try CareStatBinary.run(["sequences", "cluster"] + Self.base + ["--sub", "constant:2", "--indel", "1", "--k", "6",
                                                                               "--clustering", "ward", "--format", "json"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
        let ja = try JSONDecoder().decode(ClusterJSON.self, from: Data(a.stdout.utf8))
        let jb = try JSONDecoder().decode(ClusterJSON.self, from: Data(b.stdout.utf8))
        #expect(abs(ja.objective - jb.objective) < 1e-9)
        #expect(ja.clusters.map(\.size) == jb.clusters.map(\.size))
        // Disclosure: no ids or assignment by default, quality not computed without --quality.
        #expect(ja.assignment == nil && ja.clusters.allSatisfy { $0.medoid == nil })
        #expect(ja.quality.values.allSatisfy { $0 == nil })
        // Sizes shown are at or above the threshold (10), and withheld ones cannot be recovered from n.
        #expect(ja.clusters.compactMap(\.size).allSatisfy { $0 >= 10 })
        let shown = ja.clusters.compactMap(\.size).count
        if shown == ja.clusters.count - 1 { #expect(ja.n == nil) }
    }

    @Test func badMatricesAreRefused() throws {
        let file = try Self.write("npy")
        defer { try? FileManager.default.removeItem(atPath: file); try? FileManager.default.removeItem(atPath: file + ".ids.csv") }
        // Not symmetric: change one value of row 1 (column 2) in place.
        var data = try Data(contentsOf: URL(fileURLWithPath: file))
        let header = Int(data[8]) | Int(data[9]) << 8
        let offset = 10 + header + 8 * 1
        withUnsafeBytes(of: Double(123.5).bitPattern.littleEndian) { data.replaceSubrange(offset..<(offset + 8), with: $0) }
        let broken = file + ".broken.npy"
        try data.write(to: URL(fileURLWithPath: broken))
        try FileManager.default.copyItem(atPath: file + ".ids.csv", toPath: broken + ".ids.csv")
        defer { try? FileManager.default.removeItem(atPath: broken); try? FileManager.default.removeItem(atPath: broken + ".ids.csv") }
        let r = try CareStatBinary.run(["sequences", "cluster", "--distances", broken, "--k", "4"])
        #expect(r.status == 1 && r.stderr.contains("not symmetric") && r.stderr.contains("123.5"), "\(r.stderr)")
        // Ids that do not match the matrix.
        try "id\n1\n2\n".write(toFile: file + ".ids.csv", atomically: true, encoding: .utf8)
        let i = try CareStatBinary.run(["sequences", "cluster", "--distances", file, "--k", "4"])
        #expect(i.status == 1 && i.stderr.contains("2 ids for a 100-row matrix"), "\(i.stderr)")
        // Not an npy file; both inputs.
        let n = try CareStatBinary.run(["sequences", "cluster", "--distances", SequencesCommandTests.data, "--k", "4"])
        #expect(n.status == 1 && n.stderr.contains("not a NumPy"), "\(n.stderr)")
        let both = try CareStatBinary.run(["sequences", "cluster"] + Self.base + ["--distances", file, "--k", "4"])
        #expect(both.status != 0 && both.status != 2 && both.stderr.contains("not both"), "\(both.stderr)")
    }

    /// The condensed file streamed within a small --max-memory (upper-triangle rows computed pair by pair, in blocks,
    /// two threads) holds the same values as the one written from the in-memory matrix (the same pair function:
    /// equal to 1e-12).
    @Test func streamedCondensedEqualsInMemory() throws {
        let memory = try Self.write("condensed")
        let streamed = SequencesCommandTests.temporary("s.npy")
        defer {
            for f in [memory, streamed] { try? FileManager.default.removeItem(atPath: f); try? FileManager.default.removeItem(atPath: f + ".ids.csv") }
        }
        let r = try CareStatBinary.run(["sequences", "distances"] + Self.base
                                       + ["--sub", "constant:2", "--indel", "1", "--matrix-format", "condensed", "--max-memory", "20K",
                                          "--threads", "2", "--out", streamed])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("streamed"), "\(r.stdout)")
        let a = try Data(contentsOf: URL(fileURLWithPath: memory)), b = try Data(contentsOf: URL(fileURLWithPath: streamed))
        #expect(a.count == b.count && a.count > 128 + 8 * 4950 - 1)
        let values = { (d: Data) -> [Double] in
            let start = 10 + (Int(d[8]) | Int(d[9]) << 8)
            return d.withUnsafeBytes { raw in (0..<4950).map { raw.loadUnaligned(fromByteOffset: start + 8 * $0, as: Double.self) } }
        }
        let x = values(a), y = values(b)
        #expect(zip(x, y).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(x.reduce(0, +) > 0)
    }
}
