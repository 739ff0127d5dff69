import Testing
@testable import Survival
import TestSupport

@Suite("Cox predicted survival against R survfit")
struct CoxPredictionTests {
    /// summary(survfit(fit, newdata), times) for two profiles of the lung fit; survival and cumulative hazard
    /// within 1e-9 relative (make-cox-fixtures.R, case lung_efron).
    @Test func lungProfiles() throws {
        let fit = try coxCases.first { $0.name == "lung_efron" }!.fit()
        let times = CoxFixtures.values("lung_efron", "pred_times")
        let surv = CoxFixtures.values("lung_efron", "pred_surv")
        let cum = CoxFixtures.values("lung_efron", "pred_cumhaz")
        let profiles: [[String: Double]] = [["age": 50, "sex": 1, "ph.ecog": 0], ["age": 70, "sex": 2, "ph.ecog": 2]]
        for (k, profile) in profiles.enumerated() {
            let pr = try fit.predictSurvival(profile: profile, at: times)
            let range = (k * times.count)..<((k + 1) * times.count)
            #expect(isClose(pr.survival, Array(surv[range]), relative: 1e-9), "\(pr.survival) vs \(surv[range])")
            #expect(isClose(pr.cumulativeHazard, Array(cum[range]), relative: 1e-9))
        }
    }

    /// The stratified fit, profile in stratum sex = 2 (reference: lung_strata pred_surv), 1e-9 relative.
    @Test func stratifiedProfile() throws {
        let fit = try coxCases.first { $0.name == "lung_strata" }!.fit()
        let times = CoxFixtures.values("lung_strata", "pred_times")
        let pr = try fit.predictSurvival(profile: ["age": 60, "ph.ecog": 1], at: times, stratum: "sex=2")
        #expect(isClose(pr.survival, CoxFixtures.values("lung_strata", "pred_surv"), relative: 1e-9),
                "\(pr.survival) vs \(CoxFixtures.values("lung_strata", "pred_surv"))")
        #expect(throws: CoxModelError.self) { try fit.predictSurvival(profile: ["age": 60, "ph.ecog": 1], at: times) }
        #expect(throws: CoxModelError.self) { try fit.predictSurvival(profile: ["age": 60], at: times, stratum: "sex=2") }
    }
}
