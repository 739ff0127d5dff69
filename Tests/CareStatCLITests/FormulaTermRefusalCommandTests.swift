import Foundation
import Testing

// End-to-end: a formula item the model does not fit is a user error (exit status 1, one line on stderr naming
// the item and what to use instead), never parsed and dropped (issue 11, point 1); `cluster(g)` in glm's
// formula gives cluster-robust standard errors without `--robust cluster`. The data: 60 rows written by the
// test (deterministic arithmetic, no randomness): 6 groups g, 2 strata s, one constant column `one`.
@Suite struct FormulaTermRefusalCommandTests {
    static func data() throws -> String {
        var rows = [["y", "yb", "yo", "ym", "x", "e", "time", "event", "s", "g", "one"]]
        for i in 0..<60 {
            let x = Double((i * 37) % 60) / 30 - 1
            let g = i % 6
            let yb = (i * 7 + g) % 5 < 2 ? 1 : 0
            let yo = 1 + (i / 2 + i % 5) % 3
            let ym = ["a", "b", "c"][(i * 13 + g) % 3]
            let time = 1 + Double((i * 17) % 23)
            rows.append([String(Double(g) + x + Double(i % 4) / 4), String(yb), String(yo), ym, String(x),
                         String(1 + Double(i % 5) / 5), String(time), String(i % 3 == 0 ? 0 : 1),
                         "s\(i % 2)", "g\(g)", "all"])
        }
        let dir = try ModelCommandFixtures.temporaryDirectory()
        let url = dir.appendingPathComponent("terms.csv")
        try ModelCommandFixtures.write(rows, to: url)
        return url.path
    }

    /// Status 1, nothing on stdout, one line on stderr that contains each of `fragments`.
    static func expectRefusal(_ arguments: [String], _ fragments: [String]) throws {
        let r = try CareStatBinary.run(arguments)
        #expect(r.status == 1 && r.exitedNormally, "\(arguments): status \(r.status), \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.split(separator: "\n").count == 1, "stderr: \(r.stderr)")
        for f in fragments { #expect(r.stderr.contains(f), "\(arguments): stderr \(r.stderr) lacks \(f)") }
    }

    @Test func glmRefusesStrataAndRandomEffects() throws {
        let file = try Self.data()
        try Self.expectRefusal(["glm", file, "yb ~ x + strata(s) + (1 | g)", "--family", "binomial"],
                               ["glm does not fit strata(s)", "strata() is for cox; for a fixed effect write the column"])
        try Self.expectRefusal(["glm", file, "yb ~ x + (1 | g)", "--family", "binomial"],
                               ["glm does not fit (1 | g)", "random effects: use carestat glmm"])
    }

    @Test func coxRefusesRandomEffects() throws {
        try Self.expectRefusal(["cox", try Self.data(), "Surv(time, event) ~ x + (1 | g)"],
                               ["cox does not fit (1 | g)", "strata(g)"])
    }

    @Test func glmmRefusesStrataAndCluster() throws {
        let file = try Self.data()
        try Self.expectRefusal(["glmm", file, "y ~ x + (1 | g) + strata(s)"], ["glmm does not fit strata(s)"])
        try Self.expectRefusal(["glmm", file, "y ~ x + (1 | g) + cluster(g)"], ["glmm does not fit cluster(g)"])
        try Self.expectRefusal(["glmm", file, "y ~ x + (1 | one)"], ["grouping factor one", "> 1 sampled level"])
    }

    @Test func categoricalModelsRefuseWhatTheyCannotFit() throws {
        let file = try Self.data()
        try Self.expectRefusal(["ologit", file, "yo ~ x + (1 | g)"], ["ologit does not fit (1 | g)"])
        try Self.expectRefusal(["ologit", file, "yo ~ x + strata(s)"], ["ologit does not fit strata(s)"])
        try Self.expectRefusal(["mlogit", file, "ym ~ x + offset(e)"], ["mlogit does not fit offset(e)"])
        try Self.expectRefusal(["mlogit", file, "ym ~ x + strata(s)"], ["mlogit does not fit strata(s)"])
        try Self.expectRefusal(["mlogit", file, "ym ~ x + (1 | g)"], ["mlogit does not fit (1 | g)"])
        // ologit takes offset() (as polr): it runs.
        let r = try CareStatBinary.run(["ologit", file, "yo ~ x + offset(e)"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func glmClusterTermGivesClusterRobustErrors() throws {
        let file = try Self.data()
        func json(_ extra: [String]) throws -> [String: Any] {
            let r = try CareStatBinary.run(["glm", file, "--family", "binomial", "--format", "json"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        }
        func se(_ o: [String: Any]) -> [Double] {
            ((o["coefficients"] as? [[String: Any]]) ?? []).compactMap { ($0["std_error"] as? NSNumber)?.doubleValue }
        }
        let byTerm = try json(["yb ~ x + cluster(g)"])
        let byBoth = try json(["yb ~ x + cluster(g)", "--robust", "cluster"])
        let plain = try json(["yb ~ x"])
        #expect((byTerm["covariance"] as? String)?.hasPrefix("cluster-robust") == true)
        // The same computation either way (JSON carries round-trip doubles; 1e-14 relative).
        #expect(se(byTerm).count == 2 && se(byBoth).count == 2)
        #expect(zip(se(byTerm), se(byBoth)).allSatisfy { abs($0 - $1) <= 1e-14 * abs($1) })
        #expect(zip(se(byTerm), se(plain)).allSatisfy { abs($0 - $1) > 1e-6 })
        // Contradictions and a missing cluster() term are user errors.
        try Self.expectRefusal(["glm", file, "yb ~ x + cluster(g)", "--family", "binomial", "--robust", "hc0"],
                               ["cluster(g)", "drop one of the two"])
        try Self.expectRefusal(["glm", file, "yb ~ x", "--family", "binomial", "--robust", "cluster"],
                               ["cluster(column) term"])
        try Self.expectRefusal(["glm", file, "yb ~ x + cluster(one)", "--family", "binomial"],
                               ["cluster(one) has 1 level", "at least 2 clusters"])
    }
}
