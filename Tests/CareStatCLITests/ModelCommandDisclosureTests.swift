import Testing
import Foundation
import TestSupport

// End-to-end tests of `carestat glm`, `ologit`, `mlogit` and `glmm`: the built binary on CSV files the tests
// write from the library tests' fixtures, compared with R's values in those fixtures (see ModelCommandFixtures),
// and the disclosure control of their counts of people (DESIGN.md, "Output conventions": counts below the
// threshold withheld, on by default; `--no-disclosure-control` turns it off and says so).
//
// Tolerances: the estimates and SEs of glm, ologit and mlogit 1e-9 relative (the library tests' tolerances are
// tighter; JSON carries round-trip doubles); the GLMM's fixed effects 1e-5 and log-likelihood 1e-6 (relative
// above 1, absolute below: lme4's own convergence), its SEs 1e-4 relative, as MixedModelsTests.
// Expected counts are the data's own row counts (32 mtcars rows, 400 care rows, 56 cbpp rows; 2975 rows with a
// cluster of the 3000 in robust-categorical.csv, from the fixture's "meta" record) or hand calculations stated
// beside them.

private typealias Fx = ModelCommandFixtures

private func number(_ x: Any?) -> Double? { (x as? NSNumber)?.doubleValue }
private func isNull(_ x: Any?) -> Bool { x is NSNull }

/// A user error: status 1, nothing on stdout, one line on stderr naming the bad column.
private func expectUserError(_ r: CareStatRun, naming column: String) {
    #expect(r.status == 1 && r.exitedNormally, "status \(r.status)")
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.split(separator: "\n").count == 1, "stderr: \(r.stderr)")
    #expect(r.stderr.hasPrefix("carestat: error: ") && r.stderr.contains(column), "stderr: \(r.stderr)")
}

@Suite struct GLMCommandEndToEndTests {
    /// R: glm(vs ~ wt + hp, family = binomial, data = mtcars) → case-mtcars-logit.csv.
    static let reference = Fx.regression.appendingPathComponent("case-mtcars-logit.csv")

    @Test func binomialJSONMatchesRAndPublishesN() throws {
        let dir = try Fx.temporaryDirectory()
        let data = try Fx.copy(Fx.regression.appendingPathComponent("data-mtcars.csv"), to: dir)
        let r = try CareStatBinary.run(["glm", data, "vs ~ wt + hp", "--family", "binomial", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Fx.object(r.stdout)
        for key in Fx.contractKeys { #expect(o[key] != nil, "missing key \(key)") }
        #expect(number(o["n"]) == 32)                       // 32 rows ≥ threshold 10: shown
        #expect((o["disclosure_control"] as? String)?.hasPrefix("Counts below 10 suppressed") == true)
        let coefficients = Fx.objects(o, "coefficients")
        #expect(coefficients.map { $0["term"] as? String } == ["(Intercept)", "wt", "hp"])
        for c in coefficients {
            let term = c["term"] as? String ?? ""
            #expect(Fx.relativelyClose(number(c["estimate"]), try Fx.value(Self.reference, ["coef", term]), 1e-9), "\(term)")
            #expect(Fx.relativelyClose(number(c["std_error"]), try Fx.value(Self.reference, ["se", term]), 1e-9), "\(term)")
        }
        for (key, stat) in [("loglik", "loglik"), ("aic", "aic"), ("bic", "bic"), ("df_residual", "df_residual")] {
            #expect(Fx.relativelyClose(number(o[key]), try Fx.value(Self.reference, ["stat", stat]), 1e-9), "\(key)")
        }
    }

    @Test func nBelowTheThresholdIsWithheldWithWhatRevealsIt() throws {
        let dir = try Fx.temporaryDirectory()
        let data = try Fx.copy(Fx.regression.appendingPathComponent("data-mtcars.csv"), to: dir)
        let base = ["glm", data, "vs ~ wt + hp", "--family", "binomial", "--disclosure-threshold", "40"]
        // JSON: n = 32 < 40 withheld; BIC (= −2ℓ + 3 log n) and df_residual (= n − 3) would give it back.
        let json = try Fx.object(try CareStatBinary.run(base + ["--format", "json"]).stdout)
        #expect(isNull(json["n"]) && isNull(json["bic"]) && isNull(json["df_residual"]))
        #expect((json["disclosure_control"] as? String)?.hasPrefix("Counts below 40 suppressed") == true)
        #expect(Fx.relativelyClose(number(json["aic"]), try Fx.value(Self.reference, ["stat", "aic"]), 1e-9))
        // Text: the footnote shows the marker and the rule, and no degrees of freedom or BIC.
        let text = try CareStatBinary.run(base)
        #expect(text.status == 0)
        #expect(text.stdout.contains("Note: n = [c]") && text.stdout.contains("Counts below 40 suppressed"))
        #expect(!text.stdout.contains("29") && !text.stdout.contains("31"))
        #expect(text.stdout.contains("BIC [c]") && text.stdout.contains("residual df [c]"))
        // Disclosure control off: the exact n, and the output says it is not for release.
        let off = try Fx.object(try CareStatBinary.run(base + ["--no-disclosure-control", "--format", "json"]).stdout)
        #expect(number(off["n"]) == 32)
        #expect(Fx.relativelyClose(number(off["bic"]), try Fx.value(Self.reference, ["stat", "bic"]), 1e-9))
        #expect((off["disclosure_control"] as? String)?.contains("OFF") == true)
        // Rounding to base 5: 32 is published as 30 (hand: nearest multiple of 5), so BIC is withheld too.
        let rounded = try Fx.object(try CareStatBinary.run(["glm", data, "vs ~ wt + hp", "--family", "binomial",
                                                            "--round-to", "5", "--format", "json"]).stdout)
        #expect(number(rounded["n"]) == 30 && isNull(rounded["bic"]))
    }

    @Test func anUnknownColumnIsAUserError() throws {
        let dir = try Fx.temporaryDirectory()
        let data = try Fx.copy(Fx.regression.appendingPathComponent("data-mtcars.csv"), to: dir)
        expectUserError(try CareStatBinary.run(["glm", data, "vs ~ wt + nosuchcolumn", "--family", "binomial"]),
                        naming: "nosuchcolumn")
    }
}

@Suite struct OrderedLogitCommandEndToEndTests {
    /// R: ordinal::clm(disposal ~ intervention + age, link = "logit") on care (make-categorical-fixtures.R).
    static let reference = Fx.regression.appendingPathComponent("categorical-reference.csv")

    @Test func jsonMatchesRAndNFollowsThePolicy() throws {
        let dir = try Fx.temporaryDirectory()
        let (data, term) = try Fx.careData(in: dir)
        let base = ["ologit", data, "disposal ~ intervention + age",
                    "--response-levels", "caution,noncustodial,custodial", "--format", "json"]
        // Compared with R with control off: under the default policy the LAC row is withheld (9 LAC children
        // had a caution: a cell under 10 that the level's coefficient reveals), the others shown.
        let controlled = Fx.objects(try Fx.object(try CareStatBinary.run(base).stdout), "coefficients")
        #expect(controlled.filter { isNull($0["estimate"]) }.map { $0["term"] as? String } == [term("interventionLAC")])
        let r = try CareStatBinary.run(base + ["--no-disclosure-control"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Fx.object(r.stdout)
        for key in Fx.contractKeys + ["thresholds"] { #expect(o[key] != nil, "missing key \(key)") }
        #expect(number(o["n"]) == 400)
        let rTerms = ["interventionreferral", "interventionCIN", "interventionCPP", "interventionLAC", "age"]
        let coefficients = Fx.objects(o, "coefficients")
        #expect(coefficients.map { $0["term"] as? String } == rTerms.map(term))
        for (c, name) in zip(coefficients, rTerms) {
            let key = ["care", "ologit", "logit"]
            #expect(Fx.relativelyClose(number(c["estimate"]), try Fx.value(Self.reference, key + ["beta", name]), 1e-9), "\(name)")
            #expect(Fx.relativelyClose(number(c["std_error"]), try Fx.value(Self.reference, key + ["beta_se", name]), 1e-9), "\(name)")
        }
        let thresholds = Fx.objects(o, "thresholds")
        #expect(thresholds.count == 2)
        for t in thresholds {
            let name = t["term"] as? String ?? ""
            let key = ["care", "ologit", "logit"]
            #expect(Fx.relativelyClose(number(t["estimate"]), try Fx.value(Self.reference, key + ["threshold", name]), 1e-9), "\(name)")
            #expect(Fx.relativelyClose(number(t["std_error"]), try Fx.value(Self.reference, key + ["threshold_se", name]), 1e-9), "\(name)")
        }
        #expect(Fx.relativelyClose(number(o["loglik"]), try Fx.value(Self.reference, ["care", "ologit", "logit", "loglik"]), 1e-9))
        #expect(Fx.relativelyClose(number(o["aic"]), try Fx.value(Self.reference, ["care", "ologit", "logit", "aic"]), 1e-9))

        // A threshold above n withholds n (and the model's estimates with it); off shows n exactly.
        let hidden = try Fx.object(try CareStatBinary.run(base + ["--disclosure-threshold", "401"]).stdout)
        #expect(isNull(hidden["n"]))
        #expect((hidden["disclosure_control"] as? String)?.hasPrefix("Counts below 401 suppressed") == true)
        let off = try Fx.object(try CareStatBinary.run(base + ["--disclosure-threshold", "401",
                                                               "--no-disclosure-control"]).stdout)
        #expect(number(off["n"]) == 400)
    }

    @Test func clusterTermPrintsTheClusterRobustFootnoteAndProtectedCounts() throws {
        let dir = try Fx.temporaryDirectory()
        let data = try Fx.copy(Fx.regression.appendingPathComponent("robust-categorical.csv"), to: dir)
        let meta = Fx.regression.appendingPathComponent("robust-categorical-reference.csv")
        let clusters = Int(try Fx.value(meta, ["meta", "", "clusters"]))
        let rows = Int(try Fx.value(meta, ["meta", "", "rows"]))
        let r = try CareStatBinary.run(["ologit", data, "y ~ dep + grp + age + cluster(la)",
                                        "--response-levels", "none,one,two,three"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("SEs are cluster-robust standard errors (\(clusters) clusters of la)"))
        #expect(r.stdout.contains("Note: n = \(rows)\n"))
        #expect(r.stdout.contains("Counts of people: Counts below 10 suppressed."))
        // 3000 − 2975 = 25 rows have no la: the warning gives that count (≥ 10) but not the file's total rows.
        #expect(r.stdout.contains("\(3000 - rows) rows dropped for missing values (la: \(3000 - rows))"))
        #expect(!r.stdout.contains("of 3000 rows"))
    }

    @Test func anUnknownColumnIsAUserError() throws {
        let dir = try Fx.temporaryDirectory()
        let (data, _) = try Fx.careData(in: dir)
        expectUserError(try CareStatBinary.run(["ologit", data, "disposal ~ nosuchcolumn + age"]), naming: "nosuchcolumn")
    }
}

@Suite struct MultinomialLogitCommandEndToEndTests {
    /// R: the multinomial logit convictions ~ intervention + age on care (make-categorical-fixtures.R, the
    /// Poisson-surrogate fit cross-checked against nnet::multinom).
    static let reference = Fx.regression.appendingPathComponent("categorical-reference.csv")

    @Test func jsonMatchesRAndTextWithholdsSmallN() throws {
        let dir = try Fx.temporaryDirectory()
        let (data, term) = try Fx.careData(in: dir)
        // Compared with R with control off: under the default policy the CPP and LAC rows are withheld (9 children
        // each with no conviction: cells under 10 that those levels' coefficients reveal).
        let controlled = Fx.objects(try Fx.object(try CareStatBinary.run(["mlogit", data, "convictions ~ intervention + age",
                                                                         "--format", "json"]).stdout), "coefficients")
        #expect(Set(controlled.filter { isNull($0["estimate"]) }.compactMap { $0["term"] as? String })
                == Set([term("interventionCPP"), term("interventionLAC")]))
        let r = try CareStatBinary.run(["mlogit", data, "convictions ~ intervention + age", "--format", "json",
                                        "--no-disclosure-control"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Fx.object(r.stdout)
        for key in Fx.contractKeys + ["response_levels", "baseline"] { #expect(o[key] != nil, "missing key \(key)") }
        #expect(number(o["n"]) == 400)
        let coefficients = Fx.objects(o, "coefficients")
        let rTerms = ["(Intercept)", "interventionreferral", "interventionCIN", "interventionCPP", "interventionLAC", "age"]
        #expect(coefficients.count == 2 * rTerms.count)
        var checked = 0
        for level in ["one", "two_plus"] {
            for name in rTerms {
                guard let c = coefficients.first(where: { $0["response_level"] as? String == level && $0["term"] as? String == term(name) }) else {
                    Issue.record("no coefficient \(level) \(name)")
                    continue
                }
                let key = ["care", "mlogit", "", "beta"]
                #expect(Fx.relativelyClose(number(c["estimate"]), try Fx.value(Self.reference, key + ["\(level)|\(name)"]), 1e-9), "\(level) \(name)")
                #expect(Fx.relativelyClose(number(c["std_error"]), try Fx.value(Self.reference, ["care", "mlogit", "", "beta_se", "\(level)|\(name)"]), 1e-9), "\(level) \(name)")
                checked += 1
            }
        }
        #expect(checked == 12)
        #expect(Fx.relativelyClose(number(o["loglik"]), try Fx.value(Self.reference, ["care", "mlogit", "", "loglik"]), 1e-9))

        // Text with a threshold above n = 400: the fit summary's n row holds the marker and the rule is stated.
        let text = try CareStatBinary.run(["mlogit", data, "convictions ~ intervention + age", "--disclosure-threshold", "401"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Note: n = [c]\n"))
        #expect(text.stdout.contains("Counts of people: Counts below 401 suppressed."))
    }

    @Test func anUnknownColumnIsAUserError() throws {
        let dir = try Fx.temporaryDirectory()
        let (data, _) = try Fx.careData(in: dir)
        expectUserError(try CareStatBinary.run(["mlogit", data, "convictions ~ nosuchcolumn"]), naming: "nosuchcolumn")
    }
}

@Suite struct GLMMCommandEndToEndTests {
    /// R: lme4::glmer(cbind(incidence, size - incidence) ~ factor(period) + (1 | herd), binomial, cbpp), Laplace
    /// (MixedModelsTests/Fixtures/make-fixtures.R → reference.csv, model "cbpp_laplace_glmer").
    static let reference = Fx.mixedModels.appendingPathComponent("reference.csv")
    static let formula = "cbind(incidence, failures) ~ factor(period) + (1 | herd)"

    @Test func jsonMatchesLme4AndNFollowsThePolicy() throws {
        let dir = try Fx.temporaryDirectory()
        let data = try Fx.copy(Fx.mixedModels.appendingPathComponent("cbpp.csv"), to: dir)
        let r = try CareStatBinary.run(["glmm", data, Self.formula, "--family", "binomial", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Fx.object(r.stdout)
        for key in Fx.contractKeys + ["random_effects", "groups", "bic"] { #expect(o[key] != nil, "missing key \(key)") }
        #expect(number(o["n"]) == 56)                                             // cbpp: 56 herd-period rows
        #expect(number(o["groups"]) == 15)                                        // 15 herds: not a count of people
        let model = "cbpp_laplace_glmer"
        let rTerms = ["(Intercept)", "factor(period)2", "factor(period)3", "factor(period)4"]
        let coefficients = Fx.objects(o, "coefficients")
        #expect(coefficients.count == rTerms.count)
        for (c, name) in zip(coefficients, rTerms) {
            #expect(isClose(number(c["estimate"]), try Fx.value(Self.reference, [model, "beta:\(name)"]), relative: 1e-5, absolute: 1e-5), "\(name)")
            #expect(Fx.relativelyClose(number(c["std_error"]), try Fx.value(Self.reference, [model, "se:\(name)"]), 1e-4), "\(name)")
        }
        #expect(isClose(number(o["loglik"]), try Fx.value(Self.reference, [model, "loglik"]), relative: 1e-6, absolute: 1e-6))
        #expect(isClose(number(o["aic"]), try Fx.value(Self.reference, [model, "AIC"]), relative: 1e-6, absolute: 1e-6))

        // Rounding to base 5: 56 is published as 55 (hand: nearest multiple of 5); BIC (which gives n back) is null.
        let rounded = try Fx.object(try CareStatBinary.run(["glmm", data, Self.formula, "--family", "binomial",
                                                            "--round-to", "5", "--format", "json"]).stdout)
        #expect(number(rounded["n"]) == 55 && isNull(rounded["bic"]))
        #expect((rounded["disclosure_control"] as? String)?.contains("rounded to the nearest 5") == true)
    }

    @Test func textWithholdsNButKeepsTheGroupCount() throws {
        let dir = try Fx.temporaryDirectory()
        let data = try Fx.copy(Fx.mixedModels.appendingPathComponent("cbpp.csv"), to: dir)
        let r = try CareStatBinary.run(["glmm", data, Self.formula, "--family", "binomial", "--modes",
                                        "--disclosure-threshold", "57"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Note: n = [c]\n") && r.stdout.contains("15 groups of herd."))
        #expect(r.stdout.contains("Note: Counts of people: Counts below 57 suppressed."))
        #expect(!r.stdout.contains("n = 56"))
        #expect(r.stdout.contains("Conditional modes of the random effects (herd)"))
    }

    @Test func anUnknownColumnIsAUserError() throws {
        let dir = try Fx.temporaryDirectory()
        let data = try Fx.copy(Fx.mixedModels.appendingPathComponent("cbpp.csv"), to: dir)
        expectUserError(try CareStatBinary.run(["glmm", data, "cbind(incidence, failures) ~ nosuchcolumn + (1 | herd)",
                                                "--family", "binomial"]), naming: "nosuchcolumn")
    }
}

/// `carestat cox`: the library's "K rows dropped for missing values" is a count of people too (one row here, by
/// construction: row 2 has no x).
@Suite struct CoxDroppedRowsDisclosureTests {
    @Test func droppedRowCountIsProtected() throws {
        let dir = try Fx.temporaryDirectory()
        let file = dir.appendingPathComponent("ev.csv").path
        try "t,e,x\n1,1,0.5\n2,0,\n3,1,0.2\n4,1,2.5\n5,0,0.1\n6,1,1.1\n7,1,0.3\n8,0,0.9\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let protected = try CareStatBinary.run(["cox", file, "Surv(t, e) ~ x"])
        #expect(protected.status == 0, "\(protected.stderr)")
        #expect(protected.stdout.contains("[c] rows dropped for missing values"), "\(protected.stdout)")
        #expect(!protected.stdout.contains("1 rows dropped"))
        let open = try CareStatBinary.run(["cox", file, "Surv(t, e) ~ x", "--no-disclosure-control"])
        #expect(open.stdout.contains("1 rows dropped for missing values"), "\(open.stdout)")
        let json = try CareStatBinary.run(["cox", file, "Surv(t, e) ~ x", "--format", "json"])
        let object = try Fx.object(json.stdout)
        let warnings = object["warnings"] as? [String] ?? []
        #expect(warnings.contains("[c] rows dropped for missing values"), "\(warnings)")
        // n = 7 and its events are withheld with everything that reveals them.
        #expect(object["n"] is NSNull && object["events"] is NSNull, "\(object)")
    }
}
