import Foundation
import Testing

/// End-to-end: `carestat sequences distances|cluster` on the `mvad` fixture of Tests/SequencesTests (first 100
/// sequences, long form), against sequenzo 0.1.42's values (Tests/SequencesTests/Fixtures/make_mvad_fixtures.py).
@Suite struct SequencesCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SequencesTests/Fixtures")
    static let data = fixtures.appendingPathComponent("mvad_long.csv").path
    static let base = [data, "--id", "id", "--time", "time", "--state", "state"]

    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("carestat-seq-\(UUID().uuidString)-\(name)").path
    }

    /// The CSV matrix equals sequenzo's OM(sub 2, indel 1) to 1e-9, ids as header and first column in order.
    @Test func distancesMatrixMatchesSequenzo() throws {
        let out = Self.temporary("dist.csv")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try CareStatBinary.run(["sequences", "distances"] + Self.base + ["--method", "om", "--sub", "constant:2", "--indel", "1", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 101)
        let header: [String] = lines[0].split(separator: ",").map(String.init)
        let expected: [String] = ["id"] + (1...100).map { String($0) }
        #expect(header == expected)
        let reference = try String(contentsOf: Self.fixtures.appendingPathComponent("dist_om_const2_indel1.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",").map { Double($0)! } }
        var worst = 0.0
        for i in 0..<100 {
            let f = lines[i + 1].split(separator: ",")
            #expect(f[0] == Substring(String(i + 1)))
            for j in 0..<100 { worst = max(worst, abs(Double(f[j + 1])! - reference[i][j])) }
        }
        #expect(worst < 1e-9)
    }

    struct ClusterJSON: Decodable {
        struct C: Decodable { let cluster: Int; let size: Int?; let medoid: String? }
        struct A: Decodable { let id: String; let cluster: Int }
        let model: String; let k: Int; let objective: Double; let quality: [String: Double?]; let clusters: [C]; let assignment: [A]?; let n: Int?
    }

    /// Without disclosure control: medoids and objective as sequenzo's KMedoids (k = 4), sizes add up to n.
    @Test func clusterMatchesSequenzoWithoutDisclosureControl() throws {
        let r = try CareStatBinary.run(["sequences", "cluster"] + Self.base
                                       + ["--sub", "constant:2", "--indel", "1", "--k", "4", "--format", "json", "--no-disclosure-control", "--quality"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONDecoder().decode(ClusterJSON.self, from: Data(r.stdout.utf8))
        #expect(j.model == "sequences-cluster" && j.k == 4)
        #expect(j.clusters.compactMap(\.medoid) == ["7", "41", "57", "96"])   // pam.json k4_unweighted (ids = rows here)
        #expect(abs(j.objective - 3416) < 1e-9)
        // quality.json k4_unweighted (WeightedCluster's indicators on this partition), 1e-9.
        #expect(abs(((j.quality["asw"] ?? nil) ?? 0) - 0.3999936018279773) < 1e-9)
        #expect(abs(((j.quality["pbc"] ?? nil) ?? 0) - 0.6994317811224334) < 1e-9)
        #expect(abs(((j.quality["hc"] ?? nil) ?? 0) - 0.06754558931475697) < 1e-9)
        #expect(j.clusters.compactMap(\.size).reduce(0, +) == 100)
        #expect(j.assignment?.count == 100)
    }

    /// With disclosure control (the default): no per-id assignment or medoid ids in the output; the assignment goes
    /// to --out; every size shown is at or above the threshold.
    @Test func clusterKeepsMicrodataOutOfTheOutput() throws {
        let out = Self.temporary("assign.csv")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try CareStatBinary.run(["sequences", "cluster"] + Self.base + ["--k", "6", "--format", "json", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONDecoder().decode(ClusterJSON.self, from: Data(r.stdout.utf8))
        #expect(j.assignment == nil)
        #expect(j.clusters.allSatisfy { $0.medoid == nil })
        #expect(j.clusters.compactMap(\.size).allSatisfy { $0 >= 10 })
        // Differencing is closed: a withheld size is never the only unknown beside a shown total.
        let withheld = j.clusters.filter { $0.size == nil }.count
        #expect(withheld != 1 || j.n == nil)
        let rows = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 101 && rows[0] == "id,cluster")
    }

    /// --clustering ward: the tree cut at k = 6 has scipy's cluster sizes (ward.json, om_const2_indel1); weights refused.
    @Test func wardClusterSizesMatchScipy() throws {
        let r = try CareStatBinary.run(["sequences", "cluster"] + Self.base
                                       + ["--clustering", "ward", "--k", "6", "--format", "json", "--no-disclosure-control"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONDecoder().decode(ClusterJSON.self, from: Data(r.stdout.utf8))
        #expect(j.clusters.compactMap(\.size).sorted(by: >) == [33, 24, 15, 12, 9, 7])
        #expect(j.clusters.compactMap(\.medoid).count == 6)
        // With disclosure control, the sizes 7 and 9 are withheld, and so is enough else that neither follows from n.
        let safe = try CareStatBinary.run(["sequences", "cluster"] + Self.base + ["--clustering", "ward", "--k", "6", "--format", "json"])
        let s = try JSONDecoder().decode(ClusterJSON.self, from: Data(safe.stdout.utf8))
        #expect(s.clusters.compactMap(\.size).allSatisfy { $0 >= 10 })
        let shown = s.clusters.compactMap(\.size).reduce(0, +)
        #expect(s.n == nil || s.n! - shown > 9 || s.clusters.filter { $0.size == nil }.count >= 2)
        #expect(s.clusters.filter { $0.size == nil }.count >= 2)
    }

    /// Bad input is a user error (status 1) naming what is wrong.
    @Test func badInputIsAUserError() throws {
        let r = try CareStatBinary.run(["sequences", "distances", Self.data, "--id", "id", "--time", "time", "--state", "stat",
                                        "--out", Self.temporary("x.csv")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no column stat"))
        let h = try CareStatBinary.run(["sequences", "distances"] + Self.base + ["--method", "lcs", "--sub", "trate", "--out", Self.temporary("y.csv")])
        #expect(h.status == 1)
    }
}
