import Foundation
import Testing
import TestSupport
import Tabular
import Reporting
@testable import Survival

/// Reference: Fixtures/causespecific/make-cause-specific-fixtures.R (R survival 3.5.3), which fits
/// `coxph(Surv(time, status == k) ~ ...)` for each cause k of mgus2 (progression or death, string labels, 11
/// rows with missing mspike) and of a simulated heavy-ties data set (numeric status 0–3, strata, non-integer
/// weights → robust SEs). Tolerances: coefficients and log-likelihoods 1e-9 relative, standard errors 1e-7
/// relative (Newton stops at |1 − ℓ_old/ℓ_new| ≤ 1e-9, so both programs stop within that of the optimum); n and
/// events exact.
@Suite("Cause-specific Cox models")
struct CauseSpecificCoxTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("causespecific")

    /// A data frame from a simple CSV (no quoting; empty cells missing): numeric columns as doubles, the rest
    /// as strings.
    static func frame(_ name: String) throws -> DataFrame {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { String($0) }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
        let cells = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { String($0) } }
        var columns: [DataColumn] = []
        for (j, name) in header.enumerated() {
            let raw = cells.map { $0[j] }
            if raw.allSatisfy({ $0.isEmpty || Double($0) != nil }) {
                columns.append(DataColumn(name: name, doubles: raw.map { Double($0) }))
            } else {
                columns.append(DataColumn(name: name, strings: raw.map { $0.isEmpty ? nil : $0 }))
            }
        }
        return try DataFrame(columns: columns)
    }

    /// reference.csv as "case/cause/quantity" → values.
    static let reference: [String: [Double]] = {
        guard let text = try? String(contentsOf: directory.appendingPathComponent("reference.csv"), encoding: .utf8)
        else { return [:] }
        var out: [String: [Double]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map { String($0) }
            guard f.count == 5 else { continue }
            out["\(f[0])/\(f[1])/\(f[2])", default: []].append(Double(f[4]) ?? .nan)
        }
        return out
    }()

    static func relativelyClose(_ a: [Double], _ e: [Double], _ tol: Double) -> Bool {
        a.count == e.count && !e.isEmpty && zip(a, e).allSatisfy { abs($0 - $1) <= tol * abs($1) }
    }

    static func check(_ fit: CauseSpecificCoxFit, case name: String, causes: [String]) {
        #expect(fit.causes == causes)
        for cause in causes {
            guard let f = fit[cause] else { Issue.record("\(name): no fit for \(cause)"); continue }
            let key = "\(name)/\(cause)/"
            #expect(relativelyClose(f.coefficients, reference[key + "coef"] ?? [], 1e-9), "\(key) coef \(f.coefficients)")
            #expect(relativelyClose(f.standardErrors, reference[key + "se"] ?? [], 1e-7), "\(key) se \(f.standardErrors)")
            #expect(relativelyClose([f.loglikInitial, f.loglik], reference[key + "loglik"] ?? [], 1e-9), "\(key) loglik")
            #expect([Double(f.n)] == reference[key + "n"], "\(key) n")
            #expect([Double(f.events)] == reference[key + "nevent"], "\(key) events")
        }
    }

    @Test(arguments: [CoxTies.efron, .breslow])
    func mgus2ProgressionAndDeath(ties: CoxTies) throws {
        let data = try Self.frame("mgus2.csv")
        let spec = try CauseSpecificCox("Surv(etime, event) ~ age + sex + mspike", ties: ties, censoring: "censor")
        let fit = try spec.fit(data)
        // Text statuses come in R's factor() order of the labels (alphabetical here).
        Self.check(fit, case: "mgus_\(ties.rawValue)", causes: ["death", "pcm"])
        #expect(fit.byCause.keys.sorted() == ["death", "pcm"])
    }

    @Test func simulatedHeavyTiesWithStrata() throws {
        let data = try Self.frame("simulated.csv")
        let fit = try CoxSpec("Surv(time, status) ~ x1 + x2 + strata(g)").causeSpecific(data: data)
        Self.check(fit, case: "sim_strata", causes: ["1", "2", "3"])
    }

    @Test func simulatedWeightsGiveRobustFits() throws {
        let data = try Self.frame("simulated.csv")
        let fit = try CoxSpec("Surv(time, status) ~ x1 + x2", options: .init(weights: "w")).causeSpecific(data: data)
        Self.check(fit, case: "sim_weights", causes: ["1", "2", "3"])
        #expect(fit.fits.filter { $0.isRobust }.count == 3)
    }

    /// A subset of causes, in the order asked for.
    @Test func chosenCausesInTheGivenOrder() throws {
        let data = try Self.frame("simulated.csv")
        let fit = try CauseSpecificCox("Surv(time, status) ~ x1 + x2 + strata(g)", causes: ["3", "1"]).fit(data)
        Self.check(fit, case: "sim_strata", causes: ["3", "1"])
        #expect(fit["2"] == nil)
    }

    /// The summaries: one fit summary per cause, each with that cause's coefficients and n, and its cause named in
    /// the JSON (published with control off: exact values).
    @Test func summariesPerCause() throws {
        let data = try Self.frame("mgus2.csv")
        let fit = try CauseSpecificCox("Surv(etime, event) ~ age + sex + mspike", censoring: "censor").fit(data)
        let summaries = fit.summaries()
        #expect(summaries.count == 2)
        let death = try #require(fit["death"])
        #expect(summaries[0].coefficients.rows.count == 3)
        #expect(isClose(summaries[0].coefficients.rows[0].estimate, death.coefficients[0], relative: 1e-15))
        #expect(summaries[0].ledger.value(summaries[0].n) == 1373)
        let json = Rendered(summaries[0]).json.serialized()
        #expect(json.contains("\"cause\":\"death\""))
    }

    @Test func badStatusThrows() throws {
        let data = try Self.frame("simulated.csv")
        #expect(throws: CoxModelError.self) { try CoxSpec("Surv(time, nope) ~ x1").causeSpecific(data: data) }
        #expect(throws: CoxModelError.self) { try CoxSpec("Surv(time, status) ~ x1").causeSpecific(data: data, causes: ["7"]) }
        #expect(throws: CoxModelError.self) { try CoxSpec("Surv(time, status) ~ x1").causeSpecific(data: data, causes: ["0"]) }
        #expect(throws: CoxModelError.notSurvivalResponse) { try CoxSpec("time ~ x1").causeSpecific(data: data) }
    }
}
