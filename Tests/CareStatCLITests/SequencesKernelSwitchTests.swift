import Foundation
import Testing

/// End-to-end: the CARESTAT_LCS_KERNEL switch of `sequences distances` (the bit-parallel LCS kernel's path, read once
/// by the CLI). Every path this CPU runs writes sequenzo 0.1.42's OM(sub 2, indel 1) matrix of the `mvad` fixture
/// (dist_om_const2_indel1.csv, make_mvad_fixtures.py; integers, compared to 1e-9) in memory and streamed; a path
/// the CPU lacks, an unknown path, or forcing the kernel where it is not exact (indel 1.5) is a user error (exit 1,
/// one message naming the problem), never a wrong matrix.
@Suite struct SequencesKernelSwitchTests {
    @Test func everyRunnablePathWritesTheReferenceMatrix() throws {
        let reference = try SequencesEngineCommandTests.reference("dist_om_const2_indel1.csv")
        var ran: [String] = []
        for path in ["pairs", "portable", "avx2", "avx512"] {
            for streamed in [false, true] {
                let out = SequencesCommandTests.temporary("\(path)-\(streamed).npy")
                defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: out + ".ids.csv") }
                let r = try CareStatBinary.run(["sequences", "distances"] + SequencesCommandTests.base
                    + ["--sub", "constant:2", "--indel", "1", "--matrix-format", "condensed", "--out", out] + (streamed ? ["--max-memory", "20K"] : []),
                    environment: ["CARESTAT_LCS_KERNEL": path])
                if r.status == 1 && r.stderr.contains("not supported on this CPU") && (path == "avx2" || path == "avx512") { continue }
                #expect(r.status == 0, "\(path): \(r.stderr)")
                #expect(!streamed || r.stdout.contains("streamed"))
                let values = try SequencesEngineCommandTests.readNPY(out).values
                var worst = 0.0, k = 0
                for i in 0..<100 { for j in (i + 1)..<100 { worst = max(worst, abs(values[k] - reference[i][j])); k += 1 } }
                #expect(values.count == 4950 && worst < 1e-9, "\(path) streamed \(streamed): \(worst)")
                ran.append(path)
            }
        }
        #expect(ran.contains("pairs") && ran.contains("portable"))
    }

    @Test func badSwitchesAreUserErrors() throws {
        let out = SequencesCommandTests.temporary("bad.npy")
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: out + ".ids.csv") }
        let unknown = try CareStatBinary.run(["sequences", "distances"] + SequencesCommandTests.base + ["--sub", "constant:2", "--indel", "1", "--out", out],
                                             environment: ["CARESTAT_LCS_KERNEL": "sse9"])
        #expect(unknown.status == 1 && unknown.stderr.contains("CARESTAT_LCS_KERNEL") && unknown.stderr.contains("sse9"))
        let inexact = try CareStatBinary.run(["sequences", "distances"] + SequencesCommandTests.base + ["--sub", "constant:2", "--indel", "1.5", "--out", out],
                                             environment: ["CARESTAT_LCS_KERNEL": "portable"])
        #expect(inexact.status == 1 && inexact.stderr.contains("2 × indel"))
    }
}
