import Testing
import Foundation

// Attacks on the model commands' outputs (issue 10): each test tries to recover a count that disclosure control
// withholds — n from the BIC, the degrees of freedom, the null deviance or the t intervals; a small factor level
// from its coefficient; dropped rows from the warnings — in the text, CSV and JSON of the built binary, and
// asserts that it cannot. The data are written by the tests (deterministic, no random numbers).

private typealias Fx = ModelCommandFixtures

private func isNull(_ x: Any?) -> Bool { x is NSNull }
private func number(_ x: Any?) -> Double? { (x as? NSNumber)?.doubleValue }

/// Writes a CSV file of `rows` under a header and returns its path.
private func csv(_ header: String, _ rows: [String], in dir: URL, name: String = "data.csv") throws -> String {
    let path = dir.appendingPathComponent(name).path
    try (([header] + rows).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Every way n follows from a model's JSON: n itself, df_residual + p, df_null + 1 (intercept), the BIC next to
/// the AIC (BIC − AIC = k(log n − 2)), the null deviance, and t intervals (their quantile (β − low)/SE is that of
/// t with n − p df, not the normal 1.96). Returns the keys that are available.
private func nRevealingKeys(_ o: [String: Any]) -> [String] {
    var found: [String] = []
    for key in ["n", "bic", "df_residual", "df_null", "null_deviance"] where o[key] != nil && !isNull(o[key]) {
        found.append(key)
    }
    for c in Fx.objects(o, "coefficients") {
        if let est = number(c["estimate"]), let se = number(c["std_error"]), let low = number(c["conf_low"]), se > 0,
           abs((est - low) / se - 1.959963984540054) > 1e-6 {
            found.append("t interval")
            break
        }
    }
    return found
}

@Suite struct ModelDisclosureAttackTests {
    /// A Gaussian glm on 7 rows: n = 7 < 10 is withheld, and with it every statistic that gives n back (BIC,
    /// residual and null df, null deviance, dispersion, residual deviance) and the estimates themselves (model
    /// output on fewer rows than the threshold is not released).
    @Test func glmOnSevenRowsRevealsNoN() throws {
        let dir = try Fx.temporaryDirectory()
        let data = try csv("y,x", ["1.2,1", "2.3,2", "2.9,3", "4.4,4", "5.1,5", "5.8,6", "7.5,7"], in: dir)
        let base = ["glm", data, "y ~ x", "--family", "gaussian"]
        let json = try CareStatBinary.run(base + ["--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let o = try Fx.object(json.stdout)
        #expect(nRevealingKeys(o).isEmpty, "\(nRevealingKeys(o))")
        for key in ["deviance", "dispersion"] { #expect(isNull(o[key]), "\(key)") }
        #expect(Fx.objects(o, "coefficients").allSatisfy { isNull($0["estimate"]) && isNull($0["std_error"]) })
        for format in ["text", "csv"] {
            let r = try CareStatBinary.run(base + ["--format", format])
            #expect(r.status == 0)
            #expect(r.stdout.contains("[c]"))
            // No residual df (5), null df (6) or n (7) anywhere as a value.
            for leak in ["residual df 5", "null df 6", "n = 7", ",5\n", ",6\n", ",7\n"] {
                #expect(!r.stdout.contains(leak), "\(format): \(leak)")
            }
        }
    }

    /// n = 12 is shown (≥ 10) but a model with 4 parameters has 8 residual df < 10: its estimates are withheld
    /// (ACRO's minimum-df rule), n stays.
    @Test func residualDFBelowTheThresholdWithholdsTheModel() throws {
        let dir = try Fx.temporaryDirectory()
        let rows = (0..<12).map { i in "\(Double(i % 5) + 0.1 * Double(i)),\(i),\(["a", "b", "c"][i % 3])" }
        let data = try csv("y,x,g", rows, in: dir)
        let o = try Fx.object(try CareStatBinary.run(["glm", data, "y ~ x + g", "--family", "gaussian", "--format", "json"]).stdout)
        #expect(number(o["n"]) == 12)
        #expect(Fx.objects(o, "coefficients").allSatisfy { isNull($0["estimate"]) })
    }

    /// A factor level with 3 rows in a 500-row binomial glm: its coefficient (estimate, SE, z, p, CI) is
    /// withheld — with n = 500 shown, the odds ratio and SE of a 3-row level give its cell counts back — and
    /// the other rows are shown.
    @Test func aThreeRowLevelIsWithheldOthersShown() throws {
        let dir = try Fx.temporaryDirectory()
        var rows: [String] = []
        for i in 0..<500 {
            let g = i < 3 ? "c" : (i % 2 == 0 ? "a" : "b")
            let x = Double((i * 37) % 100) / 10
            let y = g == "c" ? i % 2 : (((i * 7919) % 13) < 6 + (g == "b" ? 2 : 0) ? 1 : 0)
            rows.append("\(y),\(x),\(g)")
        }
        let data = try csv("y,x,g", rows, in: dir)
        let base = ["glm", data, "y ~ g + x", "--family", "binomial"]
        let o = try Fx.object(try CareStatBinary.run(base + ["--format", "json"]).stdout)
        #expect(number(o["n"]) == 500)
        let coefficients = Fx.objects(o, "coefficients")
        let c = try #require(coefficients.first { $0["term"] as? String == "g=c" })
        for key in ["estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high"] { #expect(isNull(c[key]), "\(key)") }
        let b = try #require(coefficients.first { $0["term"] as? String == "g=b" })
        #expect(number(b["estimate"]) != nil && number(b["std_error"]) != nil)
        #expect(coefficients.first { $0["term"] as? String == "x" }.map { number($0["estimate"]) != nil } == true)
        // Text and CSV: the g=c row holds only markers.
        let text = try CareStatBinary.run(base).stdout
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("g=c") })
        #expect(line.split(separator: " ").dropFirst().allSatisfy { $0 == "[c]" }, "\(line)")
        let csvOut = try CareStatBinary.run(base + ["--format", "csv"]).stdout
        let csvLine = try #require(csvOut.split(separator: "\n").first { $0.hasPrefix("g=c,") })
        #expect(csvLine.split(separator: ",").dropFirst().allSatisfy { $0 == "[c]" }, "\(csvLine)")
    }

    /// A level with 40 rows of which 4 had the event: n and the level's rows are shown, but the level's odds
    /// ratio and SE give its 4 events back (log OR SE² ≈ 1/a + 1/b + 1/c + 1/d), so its row is withheld.
    @Test func aLevelWithFewEventsIsWithheld() throws {
        let dir = try Fx.temporaryDirectory()
        var rows: [String] = []
        for i in 0..<300 {
            let g = i < 40 ? "rare" : (i % 2 == 0 ? "a" : "b")
            let y = g == "rare" ? (i < 4 ? 1 : 0) : (i % 3 == 0 ? 1 : 0)
            rows.append("\(y),\(g)")
        }
        let data = try csv("y,g", rows, in: dir)
        let o = try Fx.object(try CareStatBinary.run(["glm", data, "y ~ g", "--family", "binomial", "--format", "json"]).stdout)
        #expect(number(o["n"]) == 300)
        let coefficients = Fx.objects(o, "coefficients")
        #expect(coefficients.first { $0["term"] as? String == "g=rare" }.map { isNull($0["estimate"]) && isNull($0["std_error"]) } == true)
        #expect(coefficients.first { $0["term"] as? String == "g=b" }.map { number($0["estimate"]) != nil } == true)
    }

    /// Rows dropped for missing values are counts of people: 3 dropped rows are withheld in every format, and
    /// the file's total rows (which would give them back as total − n) are not printed.
    @Test func droppedRowsAreWithheld() throws {
        let dir = try Fx.temporaryDirectory()
        var rows = (0..<40).map { i in "\(i % 2),\(Double(i) / 4)" }
        rows[3] = "1,"; rows[10] = "0,"; rows[20] = ",2"
        let data = try csv("y,x", rows, in: dir)
        let base = ["glm", data, "y ~ x", "--family", "binomial"]
        let o = try Fx.object(try CareStatBinary.run(base + ["--format", "json"]).stdout)
        let warnings = o["warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.hasPrefix("[c] rows dropped for missing values (") && !$0.contains(where: \.isNumber) },
                "\(warnings)")
        #expect(number(o["n"]) == 37)
        let text = try CareStatBinary.run(base).stdout
        #expect(text.contains("[c] rows dropped for missing values (y: [c], x: [c])") && !text.contains("40"), "\(text)")
        // CSV carries the tables without notes: no dropped count, no file total.
        let csvOut = try CareStatBinary.run(base + ["--format", "csv"]).stdout
        #expect(!csvOut.contains("rows dropped") && !csvOut.contains(",40,") && !csvOut.contains(",3,"))
    }

    /// `--round-to 5`: n = 32 is published as 30, and nothing gives the exact 32 back — no BIC, no degrees of
    /// freedom, no null deviance; for a t-based (Gaussian) model no p-values or intervals either.
    @Test func roundingLeavesNoStatisticThatRevealsTheExactN() throws {
        let dir = try Fx.temporaryDirectory()
        let data = try Fx.copy(Fx.regression.appendingPathComponent("data-mtcars.csv"), to: dir)
        for (formula, family) in [("vs ~ wt + hp", "binomial"), ("mpg ~ wt + hp", "gaussian")] {
            let o = try Fx.object(try CareStatBinary.run(["glm", data, formula, "--family", family, "--round-to", "5",
                                                          "--format", "json"]).stdout)
            #expect(number(o["n"]) == 30, "\(family)")
            #expect(nRevealingKeys(o) == ["n"], "\(family): \(nRevealingKeys(o))")
            if family == "gaussian" {
                #expect(Fx.objects(o, "coefficients").allSatisfy { isNull($0["p_value"]) && isNull($0["conf_low"]) })
            }
        }
    }

    /// ologit and mlogit with n withheld (threshold above the 400 rows): n, the sum of weights, every
    /// coefficient and every threshold are withheld in JSON, text and CSV.
    @Test func categoricalModelsWithNWithheld() throws {
        let dir = try Fx.temporaryDirectory()
        let (data, _) = try Fx.careData(in: dir)
        let runs: [[String]] = [
            ["ologit", data, "disposal ~ intervention + age", "--response-levels", "caution,noncustodial,custodial"],
            ["mlogit", data, "convictions ~ intervention + age"],
        ]
        for base in runs {
            let args = base + ["--disclosure-threshold", "401"]
            let o = try Fx.object(try CareStatBinary.run(args + ["--format", "json"]).stdout)
            #expect(isNull(o["n"]), "\(base[0])")
            #expect(Fx.objects(o, "coefficients").allSatisfy { isNull($0["estimate"]) && isNull($0["std_error"]) })
            #expect(Fx.objects(o, "thresholds").allSatisfy { isNull($0["estimate"]) })
            #expect(o["sum_weights"] == nil || isNull(o["sum_weights"]))
            for format in ["text", "csv"] {
                let out = try CareStatBinary.run(args + ["--format", format]).stdout
                #expect(!out.contains("400") && out.contains("[c]"), "\(base[0]) \(format)")
            }
        }
    }

    /// glmm with n withheld (cbpp's 56 rows, threshold 57): n, BIC, the fixed effects and the variance
    /// components are withheld; the number of herds (not a count of people) is shown.
    @Test func glmmWithNWithheld() throws {
        let dir = try Fx.temporaryDirectory()
        let data = try Fx.copy(Fx.mixedModels.appendingPathComponent("cbpp.csv"), to: dir)
        let base = ["glmm", data, "cbind(incidence, failures) ~ factor(period) + (1 | herd)", "--family", "binomial",
                    "--disclosure-threshold", "57"]
        let o = try Fx.object(try CareStatBinary.run(base + ["--format", "json"]).stdout)
        #expect(isNull(o["n"]) && isNull(o["bic"]))
        #expect(Fx.objects(o, "coefficients").allSatisfy { isNull($0["estimate"]) })
        #expect(Fx.objects(o, "random_effects").allSatisfy { isNull($0["variance"]) && isNull($0["std_dev"]) })
        #expect(number(o["groups"]) == 15)
        for format in ["text", "csv"] {
            let out = try CareStatBinary.run(base + ["--format", format]).stdout
            #expect(!out.contains("56") && out.contains("[c]"), "\(format)")
        }
    }
}
