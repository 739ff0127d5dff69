import Foundation
import Testing

/// End-to-end: the distance engine's options and the clustering methods of `carestat sequences`, on the `mvad`
/// fixture (Tests/SequencesTests/Fixtures: first 100 sequences; references from make_mvad_fixtures.py and
/// make_engine_fixtures.py, sequenzo 0.1.42).
@Suite struct SequencesEngineCommandTests {
    static let fixtures = SequencesCommandTests.fixtures
    static let base = SequencesCommandTests.base

    static func reference(_ name: String) throws -> [[Double]] {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",").map { Double($0)! } }
    }

    /// Reads a little-endian float64/float32 .npy written by carestat by parsing its header (no numpy needed):
    /// magic, version 1.0, header length, the dict; returns (descr, shape text, values).
    static func readNPY(_ path: String) throws -> (descr: String, shape: String, values: [Double]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let bytes = [UInt8](data)
        #expect(bytes.count > 10 && bytes[0] == 0x93 && String(decoding: bytes[1..<6], as: UTF8.self) == "NUMPY")
        let length = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + length) % 64 == 0)
        let header = String(decoding: bytes[10..<(10 + length)], as: UTF8.self)
        let descr = header.contains("'<f4'") ? "<f4" : "<f8"
        let shape = String(header[header.range(of: "'shape': (")!.upperBound...].prefix { $0 != ")" })
        let body = data.subdata(in: (10 + length)..<data.count)
        let values: [Double] = descr == "<f8"
            ? body.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
            : body.withUnsafeBytes { $0.bindMemory(to: Float.self).map(Double.init) }
        return (descr, shape, values)
    }

    /// npy (n × n float64), condensed (float64 and float32) and the streamed path (--max-memory far below the matrix)
    /// all hold sequenzo's OM(sub 2, indel 1.5) matrix: 1e-9 (float64), 1e-4 relative (float32: 24-bit mantissa).
    /// When python3 with numpy is present, numpy.load reads the same values back.
    @Test func npyAndCondensedHoldTheMatrix() throws {
        let reference = try Self.reference("dist_om_const2_indel1.5.csv")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-seqeng-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let om = ["--sub", "constant:2", "--indel", "1.5"]
        for (name, extra) in [("full.npy", ["--matrix-format", "npy"]), ("streamed.npy", ["--matrix-format", "npy", "--max-memory", "20K"]),
                              ("tri.npy", ["--matrix-format", "condensed"]), ("tri32.npy", ["--matrix-format", "condensed", "--float32"])] {
            let path = dir + "/" + name
            let r = try CareStatBinary.run(["sequences", "distances"] + Self.base + om + extra + ["--out", path])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(name != "streamed.npy" || r.stdout.contains("streamed"))
            let (descr, shape, values) = try Self.readNPY(path)
            var worst = 0.0
            if name.hasPrefix("tri") {
                #expect(shape == "4950," && values.count == 4950)
                var k = 0
                for i in 0..<100 { for j in (i + 1)..<100 { worst = max(worst, abs(values[k] - reference[i][j]) / max(1, reference[i][j])); k += 1 } }
            } else {
                #expect(shape == "100, 100" && values.count == 10_000)
                for i in 0..<100 { for j in 0..<100 { worst = max(worst, abs(values[i * 100 + j] - reference[i][j])) } }
            }
            #expect(worst < (descr == "<f4" ? 1e-4 : 1e-9), "\(name): \(worst)")
            let ids = try String(contentsOfFile: path + ".ids.csv", encoding: .utf8).split(separator: "\n")
            #expect(ids.count == 101 && ids[0] == "id" && ids[1] == "1")
        }
        // numpy, when available, reads the files as NumPy arrays of the same values.
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import numpy as np, sys; a = np.load(sys.argv[1]); b = np.load(sys.argv[2]); "
                            + "iu = np.triu_indices(100, 1); print(a.shape, a.dtype, float(abs(a[iu] - b).max()))",
                            dir + "/full.npy", dir + "/tri.npy"]
        let pipe = Pipe()
        python.standardOutput = pipe
        python.standardError = Pipe()
        if (try? python.run()) != nil {
            python.waitUntilExit()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if python.terminationStatus == 0 { #expect(text.hasPrefix("(100, 100) float64 0.0")) }
        }
    }

    /// OMspell with the YujianBo normalisation (auto) and a user matrix file, through the CLI, as sequenzo.
    @Test func omspellNormalisedAndUserMatrix() throws {
        for (name, extra) in [("dist_engine_omspell_const2_indel1_yujianbo.csv", ["--method", "omspell", "--sub", "constant:2", "--indel", "1", "--norm", "auto"]),
                              ("dist_engine_om_user_indelauto.csv", ["--sub", Self.fixtures.appendingPathComponent("sub_user.csv").path])] {
            let out = SequencesCommandTests.temporary("d.csv")
            defer { try? FileManager.default.removeItem(atPath: out) }
            let r = try CareStatBinary.run(["sequences", "distances"] + Self.base + extra + ["--out", out])
            #expect(r.status == 0, "\(r.stderr)")
            let reference = try Self.reference(name)
            let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").dropFirst()
            var worst = 0.0
            for (i, line) in lines.enumerated() {
                for (j, x) in line.split(separator: ",").dropFirst().enumerated() { worst = max(worst, abs(Double(x)! - reference[i][j])) }
            }
            #expect(worst < 1e-9, "\(name): \(worst)")
        }
    }

    /// A malformed user matrix is a user error (status 1) naming the file, line and value; so are bad options.
    @Test func badMatrixAndOptionsAreUserErrors() throws {
        let bad = SequencesCommandTests.temporary("sub.csv")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        var text = try String(contentsOf: Self.fixtures.appendingPathComponent("sub_user.csv"), encoding: .utf8)
        text = text.replacingOccurrences(of: "HE,1,0,", with: "HE,1.5,0,")
        try text.write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try CareStatBinary.run(["sequences", "distances"] + Self.base + ["--sub", bad, "--out", SequencesCommandTests.temporary("x.csv")])
        #expect(r.status == 1)
        #expect(r.stderr.contains(bad) && r.stderr.contains("not symmetric") && r.stderr.contains("1.5"), "\(r.stderr)")
        for extra in [["--norm", "cosine"], ["--method", "om", "--expcost", "1"], ["--matrix-format", "csv", "--float32"]] {
            let e = try CareStatBinary.run(["sequences", "distances"] + Self.base + extra + ["--out", SequencesCommandTests.temporary("x.csv")])
            #expect(e.status != 0 && e.status != 2 && !e.stderr.isEmpty, "\(extra): \(e.status) \(e.stderr)")
        }
        // The cluster command refuses a matrix over --max-memory and points to CLARA.
        let m = try CareStatBinary.run(["sequences", "cluster"] + Self.base + ["--k", "4", "--max-memory", "1K"])
        #expect(m.status == 1 && m.stderr.contains("clara"))
    }

    struct QualityJSON: Decodable {
        struct Row: Decodable { let k: Int; let objective: Double; let asw: Double?; let pbc: Double?; let hc: Double? }
        let quality_by_k: [Row]
        let n: Int?
    }

    /// --k 2..6 with pam: one row per k; k = 4 and 6 have sequenzo's PAM objectives (pam.json) and WeightedCluster's
    /// quality (quality.json), 1e-9. FasterPAM's objectives are no worse than PAM's.
    @Test func qualityOverARangeOfK() throws {
        let r = try CareStatBinary.run(["sequences", "cluster"] + Self.base + ["--sub", "constant:2", "--indel", "1", "--k", "2..6", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONDecoder().decode(QualityJSON.self, from: Data(r.stdout.utf8))
        #expect(j.quality_by_k.map(\.k) == [2, 3, 4, 5, 6])
        let k4 = j.quality_by_k[2]
        #expect(abs(k4.objective - 3416) < 1e-9)
        #expect(abs((k4.asw ?? 0) - 0.3999936018279773) < 1e-9 && abs((k4.pbc ?? 0) - 0.6994317811224334) < 1e-9
                && abs((k4.hc ?? 0) - 0.06754558931475697) < 1e-9)
        let f = try CareStatBinary.run(["sequences", "cluster"] + Self.base + ["--sub", "constant:2", "--indel", "1", "--k", "2..6",
                                                                                 "--clustering", "fasterpam", "--format", "json"])
        let fj = try JSONDecoder().decode(QualityJSON.self, from: Data(f.stdout.utf8))
        for (a, b) in zip(fj.quality_by_k, j.quality_by_k) { #expect(a.objective <= b.objective * (1 + 1e-9)) }
    }

    struct ClusterJSON: Decodable {
        struct C: Decodable { let cluster: Int; let size: Int?; let medoid: String?; let medoid_sequence: String? }
        let objective: Double; let clusters: [C]
    }

    /// Attack: a medoid's sequence is a person's whole history. For every method and threshold, each medoid
    /// sequence shown (text and JSON) is shared exactly by at least the threshold of people in the input; the
    /// medoid ids stay hidden. CLARA with the same seed gives the same typology.
    @Test func medoidSequencesOnlyWhenSharedByEnoughPeople() throws {
        // Count the people per exact sequence in the fixture.
        var byID: [String: [(Int, String)]] = [:]
        for line in try String(contentsOf: Self.fixtures.appendingPathComponent("mvad_long.csv"), encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            byID[String(f[0]), default: []].append((Int(f[1])!, String(f[2])))
        }
        var people: [String: Int] = [:]
        for (_, rows) in byID {
            var spells: [String] = []
            var last = "", run = 0
            for (_, s) in rows.sorted(by: { $0.0 < $1.0 }) {
                if s == last { run += 1 } else { if run > 0 { spells.append("\(last)×\(run)") }; last = s; run = 1 }
            }
            spells.append("\(last)×\(run)")
            people[spells.joined(separator: " / "), default: 0] += 1
        }
        for threshold in [1, 2, 3, 10] {
            for method in ["pam", "clara", "ward", "complete"] {
                let r = try CareStatBinary.run(["sequences", "cluster"] + Self.base + ["--k", "4", "--clustering", method, "--format", "json",
                                                                                     "--disclosure-threshold", String(threshold), "--seed", "9"])
                #expect(r.status == 0, "\(r.stderr)")
                let j = try JSONDecoder().decode(ClusterJSON.self, from: Data(r.stdout.utf8))
                #expect(j.clusters.allSatisfy { $0.medoid == nil })
                for c in j.clusters { if let s = c.medoid_sequence { #expect((people[s] ?? 0) >= threshold, "\(method) t=\(threshold): \(s)") } }
                let text = try CareStatBinary.run(["sequences", "cluster"] + Self.base + ["--k", "4", "--clustering", method,
                                                                                        "--disclosure-threshold", String(threshold), "--seed", "9"])
                for (s, count) in people where count < threshold { #expect(!text.stdout.contains(s)) }
                if method == "clara" {
                    let again = try CareStatBinary.run(["sequences", "cluster"] + Self.base + ["--k", "4", "--clustering", "clara", "--format", "json",
                                                                                             "--disclosure-threshold", String(threshold), "--seed", "9"])
                    #expect(again.stdout == r.stdout)
                }
            }
        }
    }
}
