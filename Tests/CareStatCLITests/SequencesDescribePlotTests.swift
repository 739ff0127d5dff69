import Foundation
import Testing

/// End-to-end: `carestat sequences describe` and `sequences plot` on the `mvad` fixture (first 100 sequences) and on
/// small synthetic care records, and the `care-pathways` spec. Reference values: Tests/SequencesTests/Fixtures/
/// descriptives.json (sequenzo 0.1.42, make_descriptive_fixtures.py); tolerance 1e-9 (JSON carries full precision).
@Suite(.serialized) struct SequencesDescribePlotTests {
    static let fixtures = SequencesCommandTests.fixtures
    static let base = SequencesCommandTests.base

    static func tables(_ json: String) throws -> [String: [[String: Any]]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        var out: [String: [[String: Any]]] = [:]
        for t in object?["tables"] as? [[String: Any]] ?? [] {
            if let name = t["name"] as? String { out[name] = t["rows"] as? [[String: Any]] ?? [] }
        }
        return out
    }

    static func reference() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("descriptives.json"))) as? [String: Any] ?? [:]
    }

    /// Mean time in states and transition rates through the command equal sequenzo's (seqmeant, seqtrate).
    @Test func describeMatchesSequenzo() throws {
        let r = try CareStatBinary.run(["sequences", "describe"] + Self.base + ["--format", "json", "--no-disclosure-control"])
        #expect(r.status == 0, "\(r.stderr)")
        let t = try Self.tables(r.stdout), ref = try Self.reference()
        let meant = ref["meant_u"] as? [Double] ?? []
        let rows = try #require(t["time-in-states"])
        #expect(rows.count == 6)
        for (i, row) in rows.enumerated() { #expect(abs((row["mean_time"] as? Double ?? .nan) - meant[i]) < 1e-9) }
        let trate = ref["trate_u"] as? [[Double]] ?? []
        let states = ref["states"] as? [String] ?? []
        for (i, row) in try #require(t["transition-rates"]).enumerated() {
            for (j, s) in states.enumerated() { #expect(abs((row[s] as? Double ?? .nan) - trate[i][j]) < 1e-9) }
        }
    }

    /// Attack: with disclosure control (default), no sequence held by fewer than 10 people is named, no share
    /// reveals its count, and the "all other sequences" count cannot be used to recover a withheld one.
    @Test func describeWithholdsRareSequences() throws {
        let r = try CareStatBinary.run(["sequences", "describe"] + Self.base + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try Self.tables(r.stdout)["frequent-sequences"])
        for row in rows.dropLast() {
            #expect(row["sequence"] is NSNull && row["n"] is NSNull && row["percent"] is NSNull)
        }
        // mvad's most frequent sequence is shared by 3 people: nothing in the output names it.
        #expect(!r.stdout.contains("school (26)"))
        let plain = try CareStatBinary.run(["sequences", "describe"] + Self.base)
        #expect(!plain.stdout.contains("school (26)"))
    }

    /// --wide on the same data laid out one column per month gives the same tables as the long layout.
    @Test func wideEqualsLong() throws {
        let long = try String(contentsOf: Self.fixtures.appendingPathComponent("mvad_long.csv"), encoding: .utf8)
        var rows: [String: [String]] = [:], order: [String] = []
        for line in long.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            if rows[f[0]] == nil { order.append(f[0]); rows[f[0]] = [] }
            rows[f[0]]?.append(f[2])
        }
        let path = SequencesCommandTests.temporary("wide.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = "id," + (1...72).map { "m\($0)" }.joined(separator: ",") + "\n"
            + order.map { $0 + "," + rows[$0]!.joined(separator: ",") }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let w = try CareStatBinary.run(["sequences", "describe", path, "--id", "id", "--wide", "m1-m72", "--format", "json",
                                        "--no-disclosure-control"])
        let l = try CareStatBinary.run(["sequences", "describe"] + Self.base + ["--format", "json", "--no-disclosure-control"])
        #expect(w.status == 0, "\(w.stderr)")
        let tw = try Self.tables(w.stdout), tl = try Self.tables(l.stdout)
        for name in ["state-distribution", "transition-rates", "time-in-states", "frequent-sequences"] {
            #expect(NSArray(array: tw[name] ?? []) == NSArray(array: tl[name] ?? []), "\(name)")
        }
        let bad = try CareStatBinary.run(["sequences", "describe", path, "--id", "id", "--wide", "m1-m73"])
        #expect(bad.status == 1 && bad.stderr.contains("no column m73"))
    }

    /// --alphabet sets labels, order and colours; a bad colour is a user error naming the line.
    @Test func alphabetFileSetsLabelsAndColours() throws {
        let path = SequencesCommandTests.temporary("alphabet.csv"), svg = SequencesCommandTests.temporary("d.svg")
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: svg) }
        try "state,label,colour\nschool,At school,#123456\nFE,Further education,#654321\nHE,Higher education,#0000FF\ntraining,Training,#00FF00\nemployment,Employed,#FF0000\njoblessness,Jobless,#999999\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CareStatBinary.run(["sequences", "plot", "distribution"] + Self.base + ["--alphabet", path, "--plot", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(s.contains("#123456") && s.contains("At school") && s.contains("Jobless"))
        try "state,label,colour\nschool,At school,blue\n".write(toFile: path, atomically: true, encoding: .utf8)
        let bad = try CareStatBinary.run(["sequences", "describe"] + Self.base + ["--alphabet", path])
        #expect(bad.status == 1 && bad.stderr.contains("line 2"))
    }

    /// Every kind of figure is written as an SVG document (medoids from PAM, flow at three times).
    @Test(arguments: [["frequency"], ["index"], ["medoids", "--k", "4"], ["distribution", "--k", "3"], ["flow", "--at", "1,36,72"]])
    func everyFigureIsWritten(_ args: [String]) throws {
        let svg = SequencesCommandTests.temporary("\(args[0]).svg")
        defer { try? FileManager.default.removeItem(atPath: svg) }
        let r = try CareStatBinary.run(["sequences", "plot", args[0]] + Self.base + Array(args.dropFirst()) + ["--plot", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(s.hasPrefix("<svg") && s.hasSuffix("</svg>\n"))
    }

    /// Synthetic care records through the derivation: weekly and monthly steps, --ever-in-care; then the
    /// care-pathways spec on the same records (6 clusters, sizes through the gate, figures, published shares).
    @Test func careRecordsAndTheSpec() throws {
        let dir = SequencesCommandTests.temporary("synth")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try CareStatBinary.run(["synth", "--out", dir, "--children", "6000", "--las", "3", "--seed", "7"])
        #expect(s.status == 0, "\(s.stderr)")
        let episodes = dir + "/ssda903_episodes.csv"
        let weekly = try CareStatBinary.run(["sequences", "describe", "--ssda903", episodes, "--cin", dir, "--step", "week",
                                             "--ever-in-care", "--format", "json", "--no-disclosure-control"])
        #expect(weekly.status == 0, "\(weekly.stderr)")
        let monthly = try CareStatBinary.run(["sequences", "describe", "--ssda903", episodes, "--cin", dir, "--ever-in-care",
                                              "--format", "json", "--no-disclosure-control"])
        let w = try Self.tables(weekly.stdout), m = try Self.tables(monthly.stdout)
        // The same children; weekly sequences are about 52/12 times as long.
        #expect(w["sequences-overview"]?[0]["value"] as? Int == m["sequences-overview"]?[0]["value"] as? Int)
        let wt = try #require(w["time-in-states"]).map { $0["mean_time"] as? Double ?? 0 }.reduce(0, +)
        let mt = try #require(m["time-in-states"]).map { $0["mean_time"] as? Double ?? 0 }.reduce(0, +)
        #expect(abs(wt / mt - 52.18 / 12) < 0.1)
        // Placement group × legal status in care, one state out of care.
        let legal = try CareStatBinary.run(["sequences", "describe", "--ssda903", episodes, "--states", "placement-legal",
                                            "--ever-in-care", "--format", "json", "--no-disclosure-control"])
        #expect(legal.status == 0, "\(legal.stderr)")
        let states = try #require(try Self.tables(legal.stdout)["time-in-states"]).compactMap { $0["state"] as? String }
        #expect(states.contains("not_in_care") && states.contains("foster_order") && !states.contains("home"))

        let out = SequencesCommandTests.temporary("spec")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try CareStatBinary.run(["run", "care-pathways", "--data", dir, "--out", out, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let t = try Self.tables(run.stdout)
        let clusters = try #require(t["care-pathway-clusters"])
        #expect(clusters.count == 7)   // six clusters and the total
        let sizes = clusters.dropLast().compactMap { $0["n"] as? Int }
        #expect(sizes.allSatisfy { $0 >= 10 } && sizes == sizes.sorted(by: >))
        #expect(clusters.dropLast().filter { $0["n"] is NSNull }.count != 1)   // never one withheld size beside the total
        #expect(try #require(t["published-comparison"]).count == 5)
        // Ward then PAM: PAM starts from Ward's medoids, so its objective is never above Ward's (its swaps only lower it).
        #expect(run.stdout.contains("PAM starts from Ward's medoids"))
        let objective = try #require(try Regex(#"PAM ([0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?), Ward \(ward.D2, cut at 6\) ([0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)"#).firstMatch(in: run.stdout))
        let pam = try #require(Double(String(objective.output[1].substring ?? ""))), ward = try #require(Double(String(objective.output[2].substring ?? "")))
        #expect(pam <= ward * (1 + 1e-12))
        for f in ["distribution", "medoids", "flow"] {
            #expect(FileManager.default.fileExists(atPath: out + "/care-pathways-\(f).svg"))
        }
        // No record id (la:child) reaches the output.
        let ids = try String(contentsOfFile: dir + "/ssda903_header.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .compactMap { $0.split(separator: ",").first.map(String.init) }
        #expect(!ids.isEmpty)
        #expect(!ids.contains { run.stdout.contains("\"\($0)\"") || run.stdout.contains(":\($0)") })
    }
}
