import Testing
import Foundation
import Tabular
@testable import Survival
import TestSupport

/// Fixture loading for the Cox tests: the CSVs written by Fixtures/cox/make-cox-fixtures.R (R survival 3.5.3).
enum CoxFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("cox")

    /// A data frame from a simple CSV (no quoting; empty cells missing). Columns whose non-empty cells all
    /// parse as numbers are doubles, the rest strings.
    static func frame(_ name: String) throws -> DataFrame {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { String($0) }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
        let cells = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { String($0) } }
        var columns: [DataColumn] = []
        for (j, name) in header.enumerated() {
            let raw = cells.map { $0[j] }
            let numeric = raw.allSatisfy { $0.isEmpty || $0 == "NA" || Double($0) != nil }
            if numeric {
                columns.append(DataColumn(name: name, doubles: raw.map { Double($0) }))
            } else {
                columns.append(DataColumn(name: name, strings: raw.map { $0.isEmpty ? nil : $0 }))
            }
        }
        return try DataFrame(columns: columns)
    }

    /// reference.csv as case → quantity → values (NA as NaN).
    static let reference: [String: [String: [Double]]] = {
        guard let text = try? String(contentsOf: directory.appendingPathComponent("reference.csv"), encoding: .utf8)
        else { return [:] }
        var out: [String: [String: [Double]]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map { String($0) }
            guard f.count == 4 else { continue }
            out[f[0], default: [:]][f[1], default: []].append(Double(f[3]) ?? .nan)
        }
        return out
    }()

    static func values(_ c: String, _ q: String) -> [Double] { reference[c]?[q] ?? [] }
}

/// One R reference fit: data file, formula (the same text R used), ties, weights column.
struct CoxCase: Sendable, CustomStringConvertible {
    let name: String
    let file: String
    let formula: String
    var ties: CoxTies = .efron
    var weights: String? = nil
    var robust: Bool? = nil
    var description: String { name }

    func fit() throws -> CoxFit {
        let model = try CoxSpec(formula, ties: ties, options: .init(robust: robust, weights: weights))
        return try model.fit(try CoxFixtures.frame(file))
    }
}

let coxCases: [CoxCase] = [
    CoxCase(name: "lung_efron", file: "lung.csv", formula: "Surv(time, status) ~ age + sex + ph.ecog"),
    CoxCase(name: "lung_breslow", file: "lung.csv", formula: "Surv(time, status) ~ age + sex + ph.ecog", ties: .breslow),
    CoxCase(name: "lung_strata", file: "lung.csv", formula: "Surv(time, status) ~ age + ph.ecog + strata(sex)"),
    CoxCase(name: "lung_cluster", file: "lung.csv", formula: "Surv(time, status) ~ age + sex + ph.karno + cluster(inst)"),
    CoxCase(name: "lung_wt_off", file: "lung.csv", formula: "Surv(time, status) ~ sex + ph.ecog + offset(off)",
            weights: "w"),
    CoxCase(name: "lung_aliased", file: "lung.csv", formula: "Surv(time, status) ~ age + sex + agesex"),
    CoxCase(name: "veteran", file: "veteran.csv",
            formula: "Surv(time, status) ~ trt + celltype + karno + diagtime + age + prior"),
    CoxCase(name: "veteran_breslow_strata", file: "veteran.csv", formula: "Surv(time, status) ~ karno + age + strata(trt)",
            ties: .breslow),
    CoxCase(name: "ovarian", file: "ovarian.csv", formula: "Surv(futime, fustat) ~ age + ecog.ps + rx"),
    CoxCase(name: "ovarian_robust", file: "ovarian.csv", formula: "Surv(futime, fustat) ~ age + ecog.ps + rx",
            robust: true),
    CoxCase(name: "ties_efron", file: "ties.csv", formula: "Surv(time, status) ~ x1 + x2 + strata(g) + cluster(id)",
            weights: "w"),
    CoxCase(name: "ties_breslow", file: "ties.csv", formula: "Surv(time, status) ~ x1 + x2 + strata(g) + cluster(id)",
            ties: .breslow, weights: "w"),
    CoxCase(name: "counting_efron", file: "counting.csv",
            formula: "Surv(start, stop, status) ~ x + z + strata(s) + cluster(id)"),
    CoxCase(name: "counting_breslow_weights", file: "counting.csv", formula: "Surv(start, stop, status) ~ x + z",
            ties: .breslow, weights: "w"),
    CoxCase(name: "monotone", file: "monotone.csv", formula: "Surv(time, status) ~ x"),
]

@Suite("Cox model against R coxph")
struct CoxReferenceTests {
    /// Coefficients and log-likelihoods within 1e-9 relative; standard errors (naive and robust) and the
    /// three tests within 1e-7 relative; iteration counts, n and events exactly. Reference: coxph() in
    /// survival 3.5.3 (make-cox-fixtures.R). The monotone case's coefficient is meaningless (≈ 21.65, R's
    /// own value after 20 iterations of a likelihood whose supremum is at +∞) and is compared at 1e-6.
    @Test(arguments: coxCases)
    func matchesCoxph(_ c: CoxCase) throws {
        let fit = try c.fit()
        let r = { (q: String) in CoxFixtures.values(c.name, q) }
        #expect(!r("coef").isEmpty)
        let coefTol = c.name == "monotone" ? 1e-6 : 1e-9
        #expect(isClose(fit.coefficients, r("coef"), relative: coefTol), "coef \(fit.coefficients) vs \(r("coef"))")
        #expect(isClose([fit.loglikInitial, fit.loglik], r("loglik"), relative: 1e-9), "loglik \(fit.loglikInitial), \(fit.loglik) vs \(r("loglik"))")
        let seTol = c.name == "monotone" ? 1e-4 : 1e-7
        // R's var has zero rows for aliased (NA) coefficients; CareStat reports their SE as NaN (missing).
        let naSE = { (v: [Double]) in zip(v, r("coef")).map { $1.isNaN ? Double.nan : $0 } }
        #expect(isClose(fit.standardErrors, naSE(r("se")), relative: seTol), "se \(fit.standardErrors) vs \(r("se"))")
        #expect(isClose(fit.naiveStandardErrors, naSE(r("naive_se")), relative: seTol), "naive se \(fit.naiveStandardErrors) vs \(r("naive_se"))")
        #expect(Double(fit.iterations) == r("iter").first)
        #expect(Double(fit.n) == r("n").first)
        #expect(Double(fit.events) == r("nevent").first)
        #expect(isClose(fit.aic, r("aic")[0], relative: 1e-9))
        let testTol = c.name == "monotone" ? 1e-4 : 1e-7
        for (name, test) in [("lr", fit.likelihoodRatioTest), ("wald", fit.waldTest), ("score", fit.scoreTest)] {
            #expect(isClose(test.statistic, r(name)[0], relative: testTol), "\(name) \(test.statistic) vs \(r(name)[0])")
            #expect(Double(test.degreesOfFreedom) == r(name)[1])
        }
        let rs = r("rscore")
        #expect(fit.isRobust == !rs.isEmpty)
        if !rs.isEmpty {
            #expect(isClose(fit.robustScoreTest?.statistic ?? .nan, rs[0], relative: 1e-7), "rscore \(String(describing: fit.robustScoreTest)) vs \(rs)")
        }
    }

    /// The direct path (plain numeric columns, no weights) and the general model-frame path give the same fit:
    /// ovarian with unit case weights goes through ModelFrame; coefficients, log-likelihood and SEs agree to
    /// 1e-12 relative, and both agree with R (reference.csv, ovarian) at the tolerances above.
    @Test func directAndGeneralPathsAgree() throws {
        let data = try CoxFixtures.frame("ovarian.csv")
        let withOnes = try data.adding(DataColumn(name: "one", doubles: [Double](repeating: 1, count: data.rowCount)))
        let direct = try CoxSpec("Surv(futime, fustat) ~ age + ecog.ps + rx").fit(data)
        let general = try CoxSpec("Surv(futime, fustat) ~ age + ecog.ps + rx", options: .init(weights: "one")).fit(withOnes)
        #expect(isClose(direct.coefficients, general.coefficients, relative: 1e-12))
        #expect(isClose(direct.loglik, general.loglik, relative: 1e-12))
        #expect(isClose(direct.standardErrors, general.standardErrors, relative: 1e-12))
        #expect(isClose(general.coefficients, CoxFixtures.values("ovarian", "coef"), relative: 1e-9))
    }
}
