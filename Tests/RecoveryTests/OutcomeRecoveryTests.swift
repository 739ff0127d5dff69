import Foundation
import Testing
import CareData
import MixedModels
import ModelCatalog
import ModelSpecs
import Regression
import Tabular

/// Recovery of the outcome models of the synthetic generator (truth.json `parameters.outcomes`) by the specs
/// `attainment-by-intervention` and `offending-by-intervention`, run exactly as `carestat run` runs them: the
/// standard synthetic set (100,000 children, 151 LAs, the generator's default seed 20240331, the seed every
/// CareStat default uses, fixed before these tests were written and not chosen by trying others), the
/// intervention-level derivation before 16, the outcomes cohort (64,683 children), and the specs' models.
/// Checks as stated in ``Recovery``: level effects and the LA standard deviation inside their 95% intervals,
/// the other generating values inside simultaneous 95% intervals.
///
/// The same fits are also checked against glmmTMB on the same cohort (Fixtures/make-synthetic-glmm-reference.R →
/// synthetic-glmm-reference.csv; the cohort is regenerated here, the generator being deterministic for its format
/// version): log-likelihood within 1e-6 absolute, fixed effects within 1e-5, standard errors within 1e-4
/// relative (glmmTMB's, the reference for the LA-level term), LA SD within 1e-4.
@Suite(.serialized) struct OutcomeRecoveryTests {

    static let levelTerms = ["level=referral_only", "level=cin", "level=cpp", "level=looked_after"]

    /// The outcomes cohort of the standard set, built once for both tests (the derivation reads and validates
    /// every file of the set).
    static let cohort: Result<DataFrame, any Error> = Result {
        try CareRecordFiles(directory: try Recovery.standardSet.get()).inputs.outcomeCohort(levelBeforeAge: 16).table
    }

    private func models(of spec: ModelSpec) throws -> [OutcomeModel] {
        guard case .interventionOutcomes(let analysis) = spec.analysis else {
            Issue.record("\(spec.name) is not an intervention-outcomes spec")
            return []
        }
        #expect(analysis.levelBeforeAge == 16)
        return analysis.models
    }

    /// True values of a binary-outcome GLMM: the intercept, the level effects, idaci_z (the cohort's
    /// `deprivation` is the same scale), male, SEN, and zero for the ethnic groups and LA deprivation.
    private func truth(intercept: Double, block: [String: Any]) throws -> [String: Double] {
        var t: [String: Double] = ["(Intercept)": intercept, "deprivation": try Recovery.number(block, "idaci_z"),
                                   "sex=male": try Recovery.number(block, "male"), "sen": try Recovery.number(block, "sen"),
                                   "la_deprivation": 0]
        for (term, value) in zip(Self.levelTerms, try Recovery.numbers(block, "level")) { t[term] = value }
        for group in OutcomeCohort.ethnicGroups.dropFirst() { t["ethnicity=\(group)"] = 0 }
        return t
    }

    /// glmmTMB's values for `model` (attainment, any_conviction).
    private func glmmTMB(_ model: String) throws -> [String: Double] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/synthetic-glmm-reference.csv").path
        let frame = try CSVReader.read(path: path).frame
        var out: [String: Double] = [:]
        for i in 0..<frame.rowCount where frame.column(named: "model")?.stringValue(at: i) == model {
            out[frame.column(named: "key")?.stringValue(at: i) ?? ""] = frame.column(named: "value")?.numericValue(at: i)
        }
        return out
    }

    private func checkAgainstGlmmTMB(_ fit: MixedModelFit, _ model: String) throws {
        #expect(SyntheticFileFormat.version == 2, "the glmmTMB reference was computed on format version 2: rerun the script")
        let ref = try glmmTMB(model)
        // loglik, sd, and a beta and an se for each of the model's 14 fixed effects.
        #expect(ref.count == 2 + 2 * fit.coefficients.count && fit.coefficients.count == 14)
        #expect(abs(fit.logLikelihood - (ref["loglik"] ?? .nan)) <= 1e-6, "\(model) loglik \(fit.logLikelihood) vs \(ref["loglik"] ?? .nan)")
        for c in fit.coefficients {
            let b = ref["beta:\(c.term)"] ?? .nan, se = ref["se:\(c.term)"] ?? .nan
            #expect(abs(c.estimate - b) <= 1e-5, "\(model) \(c.term): \(c.estimate) vs glmmTMB \(b)")
            #expect(abs(c.standardError - se) <= 1e-4 * se, "\(model) \(c.term) SE: \(c.standardError) vs glmmTMB \(se)")
        }
        let sd = fit.varianceComponents.first?.standardDeviation ?? .nan
        #expect(abs(sd - (ref["sd"] ?? .nan)) <= 1e-4 * (ref["sd"] ?? .nan), "\(model) LA SD \(sd) vs \(ref["sd"] ?? .nan)")
    }

    private func checkMixed(_ fit: MixedModelFit, truth: [String: Double], laSD: Double, model: String) {
        let estimates = fit.coefficients.map { Recovery.Estimate(term: $0.term, estimate: $0.estimate, standardError: $0.standardError) }
        Recovery.check(estimates, truth: truth, primary: Set(Self.levelTerms), model: model)
        #expect(fit.converged, "\(model): \(fit.warnings)")
        guard let sd = fit.varianceComponents.first else { Issue.record("\(model): no variance component"); return }
        #expect(sd.confLow <= laSD && laSD <= sd.confHigh,
                "\(model): LA SD \(sd.standardDeviation) [\(sd.confLow), \(sd.confHigh)] vs truth \(laSD)")
    }

    @Test func attainmentSpecRecoversTheGeneratingModel() throws {
        let dir = try Recovery.standardSet.get()
        let cohort = try Self.cohort.get()
        // One cohort row per row of the generator's outcomes file.
        let outcomesRows = try CSVReader.read(path: dir + "/" + SyntheticFileFormat.outcomes).frame.rowCount
        #expect(cohort.rowCount == outcomesRows && outcomesRows > 10_000)
        let outcomes = try Recovery.block(try Recovery.truthParameters(dir), "outcomes")
        let attainment = try Recovery.block(outcomes, "attainment")
        guard case let .mixed(_, spec, _)? = try models(of: Catalog.attainmentByIntervention).first else {
            Issue.record("attainment-by-intervention has no mixed model"); return
        }
        let fit = try spec.fit(cohort)
        checkMixed(fit, truth: try truth(intercept: try Recovery.number(attainment, "intercept"), block: attainment),
                   laSD: try Recovery.number(attainment, "la_sd"), model: "attainment")
        try checkAgainstGlmmTMB(fit, "attainment")
    }

    @Test func offendingSpecRecoversTheGeneratingModel() throws {
        let dir = try Recovery.standardSet.get()
        let cohort = try Self.cohort.get()
        let outcomes = try Recovery.block(try Recovery.truthParameters(dir), "outcomes")
        let convictions = try Recovery.block(outcomes, "convictions")
        let cutpoints = try Recovery.numbers(convictions, "cutpoints")
        let models = try models(of: Catalog.offendingByIntervention)
        #expect(models.count == 2)
        for model in models {
            switch model {
            case let .mixed(_, spec, _):
                // Any conviction: P(Y ≥ 1) = logistic(η − c₁), a logit model with intercept −c₁.
                let fit = try spec.fit(cohort)
                checkMixed(fit, truth: try truth(intercept: -cutpoints[0], block: convictions),
                           laSD: try Recovery.number(convictions, "la_sd"), model: "any conviction")
                try checkAgainstGlmmTMB(fit, "any_conviction")
            case let .ordinal(_, spec):
                // Convictions none/one/two+: P(Y ≥ k) = logistic(η − c_k), so polr's thresholds are c₁, c₂. The
                // ordinal model has no LA effect, so its coefficients are those of the marginal model, attenuated by
                // about 1/√(1 + 0.346σ²) = 0.993 for σ = 0.2 (Zeger, Liang & Albert 1988): at most 0.016 on the
                // level effects, under a third of their standard errors.
                let fit = try spec.fit(cohort)
                var truth = try truth(intercept: 0, block: convictions)
                truth["(Intercept)"] = nil
                truth["none|one"] = cutpoints[0]
                truth["one|two_plus"] = cutpoints[1]
                let estimates = (fit.coefficients + fit.thresholds).map {
                    Recovery.Estimate(term: $0.term, estimate: $0.estimate, standardError: $0.standardError)
                }
                Recovery.check(estimates, truth: truth, primary: Set(Self.levelTerms), model: "number of convictions")
                #expect(fit.converged)
            }
        }
    }
}
