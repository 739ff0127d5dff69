import Testing
import Foundation

// Attacks on the outputs of describe and derive (issue 10), run on the built binary: each test reads the output as
// a reader outside the research environment would and tries to recover a withheld count of people. Counts are
// integers compared exactly.

private func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-sdc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// The count cells of a CSV's named columns.
private func cells(_ csv: String, columns: [String]) -> [String] {
    let lines = csv.split(separator: "\n").map(String.init)
    guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return [] }
    let idx = columns.compactMap { header.firstIndex(of: $0) }
    return lines.dropFirst().flatMap { line -> [String] in
        let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return idx.compactMap { $0 < f.count ? f[$0] : nil }
    }
}

@Suite struct OutputDisclosureAttackTests {
    @Test func describeLevelsAddingUpToTheTotalDoNotGiveOnesAway() throws {
        // A 30, B 1, C 1, total 32: with B and C withheld, "listed means at least 1" and 32 − 30 = 2 would give
        // B = C = 1; so A is withheld too, and the levels are listed in label order, not by count.
        let dir = try scratch()
        let file = dir.appendingPathComponent("levels.csv")
        try ("g\n" + String(repeating: "A\n", count: 30) + "C\nB\n").write(to: file, atomically: true, encoding: .utf8)
        for format in ["text", "csv", "json"] {
            let r = try CareStatBinary.run(["describe", file.path, "--format", format])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stdout.contains("30"), "\(format): A's count recoverable\n\(r.stdout)")
            let a = r.stdout.range(of: "A")!.lowerBound, b = r.stdout.range(of: "B")!.lowerBound
            #expect(a < b, "levels not in label order")
        }
        let off = try CareStatBinary.run(["describe", file.path, "--no-disclosure-control"])
        #expect(off.stdout.range(of: #"A\s+30"#, options: .regularExpression) != nil)
    }

    @Test func derivedLACountsPublishNoCountBetweenOneAndNine() throws {
        // The la-counts and re-referrals files are aggregate tables: a count of 1 to 9 children in any cell is a
        // disclosure. Under the default policy no cell holds one; re-referral percentages of a withheld count are
        // withheld (pct = 100·r/n gives r back). With control off the exact counts are written.
        let dir = try scratch()
        let s = try CareStatBinary.run(["synth", "--out", dir.path, "--children", "3000", "--las", "4", "--seed", "5"])
        #expect(s.status == 0, "\(s.stderr)")
        let episodes = dir.appendingPathComponent("ssda903_episodes.csv").path
        let counts = dir.appendingPathComponent("lac.csv").path
        let r = try CareStatBinary.run(["derive", "la-counts", "--ssda903", episodes, "--cin", dir.path, "--out", counts])
        #expect(r.status == 0, "\(r.stderr)")
        let columns = ["cla_at31", "cla_starts", "cla_ends", "cpp_at31", "cpp_starts", "cin_at31"]
        let published = cells(try String(contentsOfFile: counts, encoding: .utf8), columns: columns)
        #expect(!published.isEmpty)
        for v in published { if let n = Int(v) { #expect(n == 0 || n >= 10, "count \(n) published") } }
        #expect(published.contains("[c]"))
        let monthly = cells(try String(contentsOfFile: dir.appendingPathComponent("lac-monthly.csv").path, encoding: .utf8), columns: ["n"])
        for v in monthly { if let n = Int(v) { #expect(n == 0 || n >= 10, "monthly count \(n) published") } }
        #expect(r.stdout.contains("went through disclosure control"))

        let rr = dir.appendingPathComponent("rr.csv").path
        let q = try CareStatBinary.run(["derive", "re-referrals", "--ssda903", episodes, "--cin", dir.path, "--out", rr])
        #expect(q.status == 0, "\(q.stderr)")
        let text = try String(contentsOfFile: rr, encoding: .utf8)
        let lines = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for f in lines {
            // referrals, rereferrals_12m, pct_12m: a shown percentage needs both of its counts shown.
            for (count, pct) in [(3, 4), (5, 6)] {
                if let n = Int(f[count]) { #expect(n == 0 || n >= 10, "re-referrals \(n) published") }
                if f[pct] != "[c]" && !f[pct].isEmpty { #expect(f[count] != "[c]" && f[2] != "[c]", "percentage of a withheld count: \(f)") }
            }
        }
        let exact = dir.appendingPathComponent("lac-exact.csv").path
        let x = try CareStatBinary.run(["derive", "la-counts", "--ssda903", episodes, "--cin", dir.path, "--out", exact,
                                        "--no-disclosure-control"])
        #expect(x.status == 0 && x.stdout.contains("not for release"))
        let raw = cells(try String(contentsOfFile: exact, encoding: .utf8), columns: columns)
        #expect(raw.contains { Int($0).map { $0 > 0 && $0 < 10 } ?? false })
        #expect(!raw.contains("[c]"))
    }

    @Test func everyCommandWritesTheOutputCheckingRecordAndWorkbook() throws {
        // --sdc-report and --xlsx are global options: describe writes both; the record lists the withheld cells.
        let dir = try scratch()
        let file = dir.appendingPathComponent("levels.csv")
        try ("g\n" + String(repeating: "A\n", count: 30) + "C\nB\n").write(to: file, atomically: true, encoding: .utf8)
        let report = dir.appendingPathComponent("sdc.json"), book = dir.appendingPathComponent("t.xlsx")
        let r = try CareStatBinary.run(["describe", file.path, "--sdc-report", report.path, "--xlsx", book.path])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
        #expect(object?["threshold"] as? Int == 10)
        let outputs = object?["outputs"] as? [[String: Any]] ?? []
        let withheld = outputs.flatMap { $0["withheld_or_rounded"] as? [[String: Any]] ?? [] }
        #expect(withheld.contains { $0["rule"] as? String == "primary" && $0["row"] as? String == "B" })
        #expect(withheld.contains { $0["rule"] as? String == "secondary" && $0["row"] as? String == "A" })
        #expect(FileManager.default.fileExists(atPath: book.path))
    }

    @Test func validateHonoursTheDisclosureOptions() throws {
        // validate used to accept --disclosure-threshold and --round-to and ignore them. Its record counts now go
        // through the gate: with a threshold above every count, none is printed; rounded to 1000, each is a
        // multiple of 1000; with control off, the exact counts.
        let dir = try scratch()
        let s = try CareStatBinary.run(["synth", "--out", dir.path, "--children", "2000", "--las", "3", "--seed", "9"])
        #expect(s.status == 0, "\(s.stderr)")
        let args = ["validate", "--ssda903", dir.appendingPathComponent("ssda903_episodes.csv").path, "--cin", dir.path]
        let exact = try CareStatBinary.run(args + ["--no-disclosure-control"])
        let read = try #require(exact.stdout.range(of: #"Note: (\d+) records read"#, options: .regularExpression))
        let total = Int(exact.stdout[read].dropFirst(6).prefix { $0.isNumber })!
        #expect(total > 1000)
        #expect(exact.stdout.contains("not for release"))
        let strict = try CareStatBinary.run(args + ["--disclosure-threshold", "100000000"])
        #expect(strict.stdout.contains("Note: [c] records read"), "\(strict.stdout)")
        #expect(!strict.stdout.contains("\(total)"))
        let rounded = try CareStatBinary.run(args + ["--round-to", "1000"])
        let r = try #require(rounded.stdout.range(of: #"Note: (\d+) records read"#, options: .regularExpression))
        #expect(Int(rounded.stdout[r].dropFirst(6).prefix { $0.isNumber })! % 1000 == 0)
    }
}
