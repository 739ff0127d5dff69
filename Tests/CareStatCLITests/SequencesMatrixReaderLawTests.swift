import Foundation
import Testing

/// Laws of `sequences cluster --distances FILE` reading (DistanceMatrixReader): every way the same matrix can be
/// written gives the same clustering — the n × n float64 file read in place (mapped), the condensed triangle, a file
/// whose data is not 8-byte aligned (read by the copying path), and a matrix symmetric only to round-off (used as its
/// upper triangle, as before the in-place path) — on a random matrix with non-integer distances (n = 41, seed fixed),
/// PAM (k = 3) and Ward (k = 4): medoids equal and objectives equal to 1e-12 relative. float32 files, square and
/// condensed, agree with each other. The input file is left byte for byte as it was. Attacks: Fortran order, a
/// truncated file, a truncated header, an empty file, a NaN, a negative distance and a non-zero diagonal each give
/// exit status 1 and one message naming the file (and the entry), never a crash.
@Suite struct SequencesMatrixReaderLawTests {
    static let n = 41

    /// A random symmetric matrix (points in the plane, Euclidean distances: non-integers, no ties), deterministic.
    static func matrix() -> [[Double]] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let points = (0..<n).map { _ in (uniform() * 10, uniform() * 10) }
        return points.map { p in points.map { q in ((p.0 - q.0) * (p.0 - q.0) + (p.1 - q.1) * (p.1 - q.1)).squareRoot() } }
    }

    /// A .npy file of `values` (little-endian, `descr` '<f8' or '<f4') with `shape`; `misalign` pads the header so
    /// the data starts 4 bytes off an 8-byte boundary.
    static func npy(_ values: [Double], descr: String, shape: String, fortran: Bool = false, misalign: Bool = false) -> Data {
        var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
        let unpadded = 10 + header.utf8.count + 1, want = misalign ? 4 : 0
        header += String(repeating: " ", count: ((want - unpadded) % 64 + 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xff), UInt8(header.utf8.count >> 8)])
        data.append(Data(header.utf8))
        for v in values {
            if descr == "<f8" { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            else { withUnsafeBytes(of: Float(v).bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        }
        return data
    }

    static func write(_ data: Data, _ name: String) throws -> String {
        let path = SequencesCommandTests.temporary(name)
        try data.write(to: URL(fileURLWithPath: path))
        try ("id\n" + (1...n).map { "s\($0)" }.joined(separator: "\n") + "\n").write(toFile: path + ".ids.csv", atomically: true, encoding: .utf8)
        return path
    }

    static func remove(_ paths: [String]) {
        for p in paths { try? FileManager.default.removeItem(atPath: p); try? FileManager.default.removeItem(atPath: p + ".ids.csv") }
    }

    struct ClusterJSON: Decodable {
        struct C: Decodable { let medoid: String? }
        let objective: Double; let clusters: [C]
    }

    static func cluster(_ path: String, _ method: String, k: Int) throws -> ClusterJSON {
        let r = try CareStatBinary.run(["sequences", "cluster", "--distances", path, "--k", String(k), "--clustering", method,
                                        "--format", "json", "--no-disclosure-control"])
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONDecoder().decode(ClusterJSON.self, from: Data(r.stdout.utf8))
    }

    @Test func everyLayoutGivesTheSameClustering() throws {
        let d = Self.matrix(), n = Self.n
        let square = d.flatMap { $0 }
        var condensed: [Double] = []
        for i in 0..<n { for j in (i + 1)..<n { condensed.append(d[i][j]) } }
        // The lower triangle off by round-off (1e-13 relative): within the reader's tolerance, so the upper triangle is used.
        var nearly = square
        for i in 0..<n { for j in 0..<i { nearly[i * n + j] *= 1 + 1e-13 } }
        let files = [
            try Self.write(Self.npy(square, descr: "<f8", shape: "(\(n), \(n))"), "law-square.npy"),
            try Self.write(Self.npy(condensed, descr: "<f8", shape: "(\(condensed.count),)"), "law-condensed.npy"),
            try Self.write(Self.npy(square, descr: "<f8", shape: "(\(n), \(n))", misalign: true), "law-misaligned.npy"),
            try Self.write(Self.npy(nearly, descr: "<f8", shape: "(\(n), \(n))"), "law-nearly.npy"),
        ]
        defer { Self.remove(files) }
        let before = try Data(contentsOf: URL(fileURLWithPath: files[0]))
        for (method, k) in [("pam", 3), ("ward", 4), ("fasterpam", 3)] {
            let reference = try Self.cluster(files[0], method, k: k)
            #expect(reference.objective > 0)
            for file in files.dropFirst() {
                let other = try Self.cluster(file, method, k: k)
                #expect(other.clusters.map(\.medoid) == reference.clusters.map(\.medoid), "\(method) \(file)")
                #expect(abs(other.objective - reference.objective) <= 1e-12 * reference.objective, "\(method) \(file)")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: files[0])) == before)
        // float32, square and condensed, agree with each other.
        let f4 = [try Self.write(Self.npy(square, descr: "<f4", shape: "(\(n), \(n))"), "law-square4.npy"),
                  try Self.write(Self.npy(condensed, descr: "<f4", shape: "(\(condensed.count),)"), "law-condensed4.npy")]
        defer { Self.remove(f4) }
        let a = try Self.cluster(f4[0], "pam", k: 3), b = try Self.cluster(f4[1], "pam", k: 3)
        #expect(a.clusters.map(\.medoid) == b.clusters.map(\.medoid))
        #expect(abs(a.objective - b.objective) <= 1e-12 * a.objective)
    }

    @Test func badFilesAreUserErrorsNamingTheFile() throws {
        let d = Self.matrix(), n = Self.n
        let square = d.flatMap { $0 }
        let good = Self.npy(square, descr: "<f8", shape: "(\(n), \(n))")
        var withNaN = square; withNaN[1 * n + 2] = .nan
        var negative = square; negative[2 * n + 5] = -1; negative[5 * n + 2] = -1
        var diagonal = square; diagonal[3 * n + 3] = 0.5
        let cases: [(String, Data, [String])] = [
            ("fortran.npy", Self.npy(square, descr: "<f8", shape: "(\(n), \(n))", fortran: true), ["Fortran-order"]),
            ("truncated.npy", good.prefix(good.count - 100), ["promises", "bytes of data"]),
            ("header.npy", good.prefix(12), ["truncated .npy header"]),
            ("empty.npy", Data(), ["not a NumPy"]),
            ("nan.npy", Self.npy(withNaN, descr: "<f8", shape: "(\(n), \(n))"), ["distance (2, 3) between s2 and s3 is nan", "finite"]),
            ("negative.npy", Self.npy(negative, descr: "<f8", shape: "(\(n), \(n))"), ["distance (3, 6)", "finite and ≥ 0"]),
            ("diagonal.npy", Self.npy(diagonal, descr: "<f8", shape: "(\(n), \(n))"), ["distance (4, 4)", "diagonal must be 0"]),
        ]
        for (name, data, phrases) in cases {
            let path = try Self.write(data, "law-" + name)
            defer { Self.remove([path]) }
            let r = try CareStatBinary.run(["sequences", "cluster", "--distances", path, "--k", "3"])
            #expect(r.exitedNormally && r.status == 1, "\(name): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(path), "\(name): \(r.stderr)")
            for phrase in phrases { #expect(r.stderr.contains(phrase), "\(name): \(r.stderr)") }
        }
    }
}
