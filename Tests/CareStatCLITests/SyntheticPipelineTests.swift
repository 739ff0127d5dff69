import Testing
import Foundation
import CareData

// End-to-end on the embedded synthetic data: synth → validate → every derive kind → km, cox and glm on the
// derived files, through the built binary. The statistical checks of each step live in the module tests; here
// the contract is what a user sees: exit status 0, the official file names and columns, and model JSON with the
// keys DESIGN.md promises.

private let pipeline: Result<URL, any Error> = Result {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-pipeline-\(UUID().uuidString)")
    let r = try CareStatBinary.run(["synth", "--out", dir.path, "--children", "5000", "--las", "10", "--seed", "11"])
    guard r.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: r.stderr]) }
    return dir
}

@Suite struct SyntheticPipelineTests {
    @Test func synthWritesTheOfficialFilesAndASeed() throws {
        let dir = try pipeline.get()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        for f in ["ssda903_header.csv", "ssda903_episodes.csv", "care_proceedings.csv", "local_authorities.csv",
                  "outcomes.csv", "truth.json"] { #expect(names.contains(f), "\(f)") }
        #expect(names.contains { $0.hasPrefix("cin_census_") })
        let episodes = try String(contentsOf: dir.appendingPathComponent("ssda903_episodes.csv"), encoding: .utf8)
        let header = episodes.prefix { $0 != "\n" }
        for column in ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                       "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"] {
            #expect(header.contains(column), "\(column)")
        }
    }

    @Test func validateAndEveryDeriveKindSucceed() throws {
        let dir = try pipeline.get().path
        let v = try CareStatBinary.run(["validate", "--ssda903", dir + "/ssda903_episodes.csv", "--cin", dir,
                                        "--quarantine", dir + "/quarantine.csv"])
        #expect(v.status == 0, "\(v.stderr)")
        #expect(v.stdout.contains("Data quality"))
        for kind in ["periods", "return-to-care", "intervention-level", "sequences", "la-counts", "re-referrals",
                     "leaving-care", "proceedings"] {
            let out = dir + "/derived-\(kind).csv"
            let r = try CareStatBinary.run(["derive", kind, "--ssda903", dir + "/ssda903_episodes.csv", "--cin", dir,
                                            "--la", dir + "/local_authorities.csv", "--outcomes", dir + "/outcomes.csv",
                                            "--proceedings", dir + "/care_proceedings.csv", "--out", out])
            #expect(r.status == 0, "\(kind): \(r.stderr)")
            #expect(FileManager.default.fileExists(atPath: out), "\(kind)")
        }
        let rtc = try String(contentsOfFile: dir + "/derived-return-to-care.csv", encoding: .utf8)
        let columns = rtc.prefix { $0 != "\n" }.split(separator: ",").map(String.init)
        for c in ["child", "la", "exit_date", "days", "returned"] { #expect(columns.contains(c), "\(c)") }
    }

    /// Issue 16: every step of the national pipeline that takes more than a few seconds says what it is doing.
    @Test func deriveWithProgressNamesEachStageOnStderr() throws {
        let dir = try pipeline.get().path
        let out = dir + "/periods-progress.csv"
        let r = try CareStatBinary.run(["derive", "periods", "--ssda903", dir + "/ssda903_episodes.csv", "--out", out,
                                        "--progress"])
        #expect(r.status == 0, "\(r.stderr)")
        for line in ["derive: SSDA903 episodes: reading ssda903_episodes.csv", "derive: periods of care: ",
                     "derive: deriving periods", "derive: writing "] {
            #expect(r.stderr.contains(line), "\(line) in \(r.stderr)")
        }
        let seq = try CareStatBinary.run(["derive", "sequences", "--ssda903", dir + "/ssda903_episodes.csv", "--cin", dir,
                                          "--wide", "--out", dir + "/seq-progress.csv", "--progress", "--threads", "2"])
        #expect(seq.status == 0, "\(seq.stderr)")
        #expect(seq.stderr.contains("derive: CIN census file 1 of "))
        #expect(seq.stderr.contains(" children written"))
        // --threads belongs to sequences: elsewhere it is refused, not ignored.
        let threads = try CareStatBinary.run(["derive", "periods", "--ssda903", dir + "/ssda903_episodes.csv", "--out", out,
                                              "--threads", "2"])
        #expect(threads.status == 1 && threads.stderr.contains("--threads applies to derive sequences only"), "\(threads.stderr)")
        // Without the flag (stderr is not a terminal here) nothing is printed there.
        let quiet = try CareStatBinary.run(["derive", "periods", "--ssda903", dir + "/ssda903_episodes.csv", "--out", out])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
    }

    @Test func survivalAndRegressionCommandsRunOnTheDerivedData() throws {
        let dir = try pipeline.get().path
        let rtc = dir + "/rtc.csv"
        let d = try CareStatBinary.run(["derive", "return-to-care", "--ssda903", dir + "/ssda903_episodes.csv",
                                        "--la", dir + "/local_authorities.csv", "--out", rtc])
        #expect(d.status == 0, "\(d.stderr)")
        let km = try CareStatBinary.run(["km", rtc, "--time", "days", "--event", "returned", "--by", "legal_status",
                                         "--at", "365,1826"])
        #expect(km.status == 0, "\(km.stderr)")
        #expect(km.stdout.contains("Kaplan–Meier"))
        let cox = try CareStatBinary.run(["cox", rtc, "Surv(days, returned) ~ sex + legal_status + placement_moves",
                                          "--format", "json"])
        #expect(cox.status == 0, "\(cox.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(cox.stdout.utf8)) as? [String: Any]
        let model = (object?["tables"] == nil) ? object : nil
        for key in ["model", "formula", "n", "events", "loglik", "aic", "converged", "iterations", "warnings", "coefficients"] {
            #expect(model?[key] != nil, "cox JSON lacks \(key)")
        }
        let glm = try CareStatBinary.run(["glm", dir + "/outcomes.csv", "ATTAINMENT ~ HIGHEST_LEVEL + SEX + IDACI",
                                          "--family", "binomial", "--format", "json"])
        #expect(glm.status == 0, "\(glm.stderr)")
        let g = try JSONSerialization.jsonObject(with: Data(glm.stdout.utf8)) as? [String: Any]
        #expect((g?["coefficients"] as? [[String: Any]])?.first?["term"] as? String == "(Intercept)")
        #expect(g?["converged"] as? Bool == true)
    }

    @Test func withoutInputsDeriveUsesTheEmbeddedSyntheticData() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-cache-\(UUID().uuidString)").path
        let out = cache + "/rtc.csv"
        let r = try CareStatBinary.run(["derive", "return-to-care", "--out", out], environment: ["CARESTAT_CACHE": cache])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Input: CareStat's embedded synthetic data (carestat synth defaults, seed 20240331)"))
        #expect(FileManager.default.fileExists(atPath: cache + "/synthetic-v\(SyntheticFileFormat.version)-20240331/truth.json"))
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("la,child,"))
        // A second run reuses the cached set and gives the same file.
        let first = try Data(contentsOf: URL(fileURLWithPath: out))
        let again = try CareStatBinary.run(["derive", "return-to-care", "--out", out], environment: ["CARESTAT_CACHE": cache])
        #expect(again.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == first)
    }
}
