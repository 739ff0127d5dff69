import Testing
import Formulas

/// The R-syntax parser: the value each formula parses to (written out by hand from R's formula semantics), round
/// trips through `description`, and error messages with 1-based columns (counted by hand on the text).
struct FormulaParserTests {
    @Test func survivalFormulaFromTheBrief() throws {
        let f = try Formula(parsing: "Surv(days, returned) ~ age_band + legal_status + strata(la)")
        #expect(f == Formula(response: .survival(time: "days", event: "returned"),
                             terms: [.term("age_band"), .term("legal_status"), .strata("la")]))
    }

    @Test func parsesToTypedTerms() throws {
        let expected: [(String, Formula)] = [
            ("y ~ a*b", Formula(response: .column("y"), terms: [.crossed("a", "b")])),
            ("y ~ a:b + c", Formula(response: .column("y"), terms: [.interaction("a", "b"), .term("c")])),
            ("y ~ . - x", Formula(response: .column("y"), terms: [.allOtherColumns, .remove("x")])),
            ("y ~ x - 1", Formula(response: .column("y"), terms: [.term("x")], intercept: false)),
            ("y ~ x + 0", Formula(response: .column("y"), terms: [.term("x")], intercept: false)),
            ("y ~ 0 + x + 1", Formula(response: .column("y"), terms: [.term("x")], intercept: true)),
            ("y ~ offset(log(t)) + x", Formula(response: .column("y"), terms: [.offset(.log("t")), .term("x")])),
            ("y ~ offset(t)", Formula(response: .column("y"), terms: [.offset(.column("t"))])),
            ("y ~ log(x) + poly(x, 2) + ns(x, df = 3)",
             Formula(response: .column("y"), terms: [.log("x"), .polynomial("x", degree: 2), .naturalSpline("x", df: 3)])),
            ("y ~ poly(x, degree = 3) + ns(x, 4)",
             Formula(response: .column("y"), terms: [.polynomial("x", degree: 3), .naturalSpline("x", df: 4)])),
            ("y ~ C(sex, base = \"M\")", Formula(response: .column("y"), terms: [.factor("sex", reference: "M")])),
            ("y ~ relevel(sex, ref = 'M')", Formula(response: .column("y"), terms: [.factor("sex", reference: "M")])),
            ("y ~ factor(age)", Formula(response: .column("y"), terms: [.factor("age")])),
            ("y ~ x + (1 | la)", Formula(response: .column("y"), terms: [.term("x"), .randomIntercept("la")])),
            ("y ~ x + (1 + x | la)", Formula(response: .column("y"), terms: [.term("x"), .randomSlope("x", by: "la")])),
            ("y ~ (x | la)", Formula(response: .column("y"), terms: [.randomSlope("x", by: "la")])),
            ("y ~ (0 + x | la)", Formula(response: .column("y"), terms: [.randomSlope("x", by: "la", intercept: false)])),
            ("y ~ x + cluster(id) + strata(a, b)",
             Formula(response: .column("y"), terms: [.term("x"), .cluster("id"), .strata("a"), .strata("b")])),
            ("cbind(s, f) ~ x", Formula(response: .binomial(successes: "s", failures: "f"), terms: [.term("x")])),
            ("Surv(start, stop, event) ~ x",
             Formula(response: .countingProcess(start: "start", stop: "stop", event: "event"), terms: [.term("x")])),
            ("~ x", Formula(terms: [.term("x")])),
            // (a + b)^2 = a + b + a:b (R's ^ crossing up to order 2).
            ("y ~ (a + b)^2", Formula(response: .column("y"), terms: [.term("a"), .term("b"), .interaction("a", "b")])),
            // (a + b):c = a:c + b:c.
            ("y ~ (a + b):c", Formula(response: .column("y"), terms: [.interaction("a", "c"), .interaction("b", "c")])),
            ("y ~ a*b - a:b", Formula(response: .column("y"), terms: [.crossed("a", "b"), .remove("a", "b")])),
            ("y ~ `my col` + x", Formula(response: .column("y"), terms: [.term("my col"), .term("x")])),
            ("y ~ a.b + log(x2_z)", Formula(response: .column("y"), terms: [.term("a.b"), .log("x2_z")])),
        ]
        for (text, formula) in expected {
            #expect(try Formula(parsing: text) == formula, "\(text)")
        }
    }

    @Test func descriptionRoundTrips() throws {
        let texts = [
            "y ~ a*b", "y ~ a:b + c", "y ~ . - x", "y ~ x - 1", "y ~ offset(log(t)) + x", "~ x", "y ~ 1", "y ~ 0",
            "y ~ log(x) + poly(x, 2) + ns(x, df = 3)", "y ~ C(sex, base = \"M\") + factor(age)",
            "Surv(days, returned) ~ age + strata(la) + cluster(id)", "cbind(s, f) ~ x + (1 + x | la) + (1 | g)",
            "y ~ `my col` + x:`a b`", "Surv(a, b, e) ~ x*z*w - x:z:w", "y ~ (0 + x | la)",
        ]
        for t in texts {
            let f = try Formula(parsing: t)
            #expect(f.description == t)
            #expect(try Formula(parsing: f.description) == f)
        }
    }

    @Test func typedDSLFromTheBriefRoundTrips() throws {
        let f = Formula(
            response: .survival(time: "days", event: "returned"),
            terms: [.term("age"), .factor("sex", reference: "M"), .interaction("a", "b"), .crossed("a", "b"),
                    .offset(.log("exposure")), .strata("la"), .cluster("la"), .randomIntercept("la"),
                    .randomSlope("x", by: "la"), .log("x"), .polynomial("x", degree: 2), .naturalSpline("x", df: 3)],
            intercept: true)
        #expect(f.description == "Surv(days, returned) ~ age + C(sex, base = \"M\") + a:b + a*b + offset(log(exposure))"
            + " + strata(la) + cluster(la) + (1 | la) + (1 + x | la) + log(x) + poly(x, 2) + ns(x, df = 3)")
        #expect(try Formula(parsing: f.description) == f)
    }

    @Test func errorsNamePositionAndExpectation() {
        let cases: [(String, String)] = [
            ("y ~ a +", "expected a term after '+' at column 7"),
            ("y ~", "expected a term after '~' at column 3"),
            ("y ~ a + + b", "expected a term after '+', found '+' at column 7"),
            ("y ~ a:", "expected a term after ':' at column 6"),
            ("y ~ (a + b", "expected ')' to close '(' at column 5, found the end of the formula at column 11"),
            ("y ~ a + b)", "unexpected ')' without a matching '(' at column 10"),
            ("y ~ foo(x)", "unknown function 'foo' (supported: log, poly, ns, factor, as.factor, C, relevel, offset, strata, cluster) at column 5"),
            ("y ~ a / b", "nesting with '/' is not supported; write a + a:b at column 7"),
            ("y ~ 2", "only 0 or 1 can stand as a term, found '2' at column 5"),
            ("y x", "expected '~' after the response, found 'x' at column 3"),
            ("y ~ a:strata(s)", "strata() must stand alone as a term, not inside an interaction or parentheses at column 5"),
            ("y ~ poly(x, 0)", "poly() needs a positive whole degree at column 13"),
            ("y ~ ns(x)", "ns() needs ns(column, df = k) at column 5"),
            ("y ~ a $ b", "unexpected character '$' at column 7"),
            ("y ~ x + (1 || g)", "'||' (uncorrelated random effects) is not supported at column 12"),
            ("f(y) ~ x", "unsupported response 'f(...)'; expected a column, cbind(successes, failures) or Surv(...) at column 1"),
            ("y ~ x - offset(t)", "offset() cannot be removed at column 9"),
        ]
        for (text, message) in cases {
            #expect(throws: (any Error).self, "\(text)") { try Formula(parsing: text) }
            do {
                _ = try Formula(parsing: text)
            } catch {
                #expect(error.description == message, "\(text)")
            }
        }
    }
}

/// Hostile input fails with a message instead of exhausting the stack or running for ever.
struct FormulaParserLimitTests {
    @Test func deepNestingIsRejected() {
        let text = "y ~ " + String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000)
        #expect(throws: FormulaParseError(column: 105, message: "parentheses nested more than 100 deep")) {
            try Formula(parsing: text)
        }
    }

    @Test func hugeExpansionIsRejected() {
        // 20 variables to the 20th power would be 2^20 − 1 terms.
        let vars = (1...20).map { "v\($0)" }.joined(separator: " + ")
        #expect(throws: FormulaParseError(column: 5, message: "expands to more than 4096 terms")) {
            try Formula(parsing: "y ~ (\(vars))^20")
        }
    }

    @Test func longFormulasNeedNoDeepRecursion() throws {
        // 20,000 main effects: the parser keeps +/- chains flat, so this is linear work and shallow.
        let names = (1...20_000).map { "x\($0)" }
        let f = try Formula(parsing: "y ~ " + names.joined(separator: " + "))
        #expect(f.terms == names.map { FormulaTerm.term(.column($0)) })
    }
}
