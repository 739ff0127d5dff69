import Foundation
import Testing
import CareData
import ModelCatalog
import ModelSpecs
import Reporting
import Survival

/// Recovery of the generator's return-to-care hazard ratios (truth.json `parameters.return_to_care`) by the
/// `return-to-care` spec, run as `carestat run` runs it (derivation from the written SSDA903 files, then the
/// spec's Cox model stratified by LA), on a synthetic set with more than 200,000 at-risk exits.
///
/// The set: 235,000 children, the generator's default seed 20240331 (the seed of every CareStat default, fixed
/// before this test and not chosen by trying others), with the contact and care-entry rates raised so that about
/// 0.87 exits come per child instead of about 0.02 (the standard set needs some ten million children for 200,000
/// exits: hours in a debug build). Only the routes into care change; the return-to-care model, its Weibull
/// baseline and its log hazard ratios are the standard ones, so the truth is the same. The run takes about two
/// minutes in a debug build (generation 80 s, derivation 25 s, the fit 2 s).
///
/// Checks as stated in ``Recovery``: the seven generating log hazard ratios inside their 95% intervals; every
/// other term of the spec (sex, ethnic group, placement type, time in care, exit year, the second placement, the
/// other legal statuses), whose true effect is zero, inside simultaneous 95% intervals.
@Suite struct ReturnToCareRecoveryTests {
    static let children = 235_000

    static var parameters: SyntheticParameters {
        var p = SyntheticParameters.standard
        p.contact.referralRatePerYear = 1.0
        p.contact.frailtyShape = 2
        p.contact.probabilityNFA = 0.02
        p.contact.probabilityNotInNeed = 0.1
        p.contact.probabilityCPP = [0.6, 0.6, 0.6, 0.6, 0.6]
        p.contact.probabilityCareFromCPP = [0.8, 0.8, 0.8, 0.8, 0.8]
        p.contact.probabilityCareFromCIN = [0.3, 0.3, 0.3, 0.3, 0.3]
        p.care.careOrderExitRatePerYear = 0.5
        return p
    }

    @Test func returnToCareSpecRecoversTheHazardRatios() throws {
        let dir = FileManager.default.temporaryDirectory.path + "/carestat-recovery-\(ProcessInfo.processInfo.processIdentifier)/return-to-care"
        try? FileManager.default.removeItem(atPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let generator = SyntheticGenerator(children: Self.children, parameters: Self.parameters)
        #expect(generator.seed == SyntheticGenerator.defaultSeed)
        _ = try generator.generate(into: dir)
        #expect(Self.parameters.returnToCare == SyntheticParameters.standard.returnToCare)

        guard case .survival(let analysis) = Catalog.returnToCare.analysis else {
            Issue.record("return-to-care is not a survival spec"); return
        }
        let result = try analysis.compute(on: CareRecordFiles(directory: dir))
        let fit = result.cox
        #expect(fit.n >= 200_000, "\(fit.n) exits")
        #expect(fit.converged)

        let r = try Recovery.block(try Recovery.truthParameters(dir), "return_to_care", "log_hazard_ratios")
        var truth: [String: Double] = [
            "age_group=5-10": try Recovery.number(r, "age_5_10"), "age_group=11-15": try Recovery.number(r, "age_11_15"),
            "age_group=16-17": try Recovery.number(r, "age_16_17"), "legal_status=s20": try Recovery.number(r, "section20"),
            "exit_route=permanence_order": try Recovery.number(r, "permanence_order_exit"),
            "exit_route=other": try Recovery.number(r, "other_exit"), "placements=3+": try Recovery.number(r, "three_plus_placements"),
        ]
        let primary = Set(truth.keys)
        for term in fit.terms where truth[term] == nil { truth[term] = 0 }
        let estimates = zip(fit.terms, zip(fit.coefficients, fit.standardErrors)).map {
            Recovery.Estimate(term: $0.0, estimate: $0.1.0, standardError: $0.1.1)
        }
        Recovery.check(estimates, truth: truth, primary: primary, model: "return to care")
        // The run's other outputs exist: the hazard-ratio and Kaplan–Meier tables, and the figure.
        var run = RunOutput(population: "recovery")
        analysis.addResults(result, to: &run)
        let published = try DisclosureGate(policy: .standard).publish(run)
        #expect(published.tables.contains { $0.name == "coxph" } && published.tables.contains { $0.name == "km-summary" })
        #expect(published.figures.count == 1 && published.figures[0].svg.contains("<svg"))
    }
}
