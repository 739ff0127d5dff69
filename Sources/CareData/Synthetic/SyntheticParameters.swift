public import Reporting

/// Every parameter of the synthetic data-generating process: the ground truth written to truth.json and used
/// by recovery tests. The defaults are chosen so that the written files reproduce published English figures
/// (domain-notes §3): about 35 % of children referred before 18 (Jay et al.), 3 % ever looked after
/// (McGrath-Lone et al.), 35 % of at-risk exits re-entering care within 5 years (McGrath-Lone et al. 2017),
/// about 22 % of referrals within 12 months of a previous one (DfE re-referral rate), and an LA CLA-rate /
/// IDACI Spearman correlation near the real panel's 0.67; `SyntheticCalibration` measures these on the files.
///
/// Age bands used throughout (age in completed years at the event): 0 = under 1, 1 = 1–4, 2 = 5–10,
/// 3 = 11–15, 4 = 16–17.
///
/// Deprivation: each child has a neighbourhood IDACI score drawn from Beta(κm, κ(1 − m)) with m the LA's real
/// IDACI 2019 score and κ = `childIdaciConcentration`; models use idaci_z = (IDACI − `idaciCentre`)/`idaciScale`.
public struct SyntheticParameters: Sendable, Equatable {
    /// Referral process and what happens to each referral.
    public struct Contact: Sendable, Equatable {
        /// Baseline referral rate per child-year (before multipliers).
        public var referralRatePerYear: Double = 0.036
        /// Multipliers of the referral rate by age band (see type doc).
        public var ageBandMultipliers: [Double] = [2.5, 1.0, 0.9, 1.1, 0.8]
        /// Log rate ratio per unit idaci_z.
        public var idaciLogRateRatio: Double = 0.75
        /// SD of the LA random effect on the log referral rate (normal).
        public var laLogRateSD: Double = 0.20
        /// Shape of the child's gamma frailty (mean 1) multiplying the referral rate; small = concentrated risk.
        public var frailtyShape: Double = 0.5
        /// P(referral closed with no further action).
        public var probabilityNFA: Double = 0.09
        /// P(assessed and found not in need | not NFA): closed RC8 at authorisation.
        public var probabilityNotInNeed: Double = 0.36
        /// P(section 47 enquiry and child protection plan | in need), by age band.
        public var probabilityCPP: [Double] = [0.20, 0.15, 0.12, 0.09, 0.05]
        /// P(child becomes looked after during the plan | CPP, never looked after before), by age band.
        public var probabilityCareFromCPP: [Double] = [0.30, 0.32, 0.27, 0.17, 0.11]
        /// P(child becomes looked after | CIN plan without CPP, never looked after before), by age band.
        public var probabilityCareFromCIN: [Double] = [0.012, 0.008, 0.006, 0.012, 0.010]
        /// P(re-referral shortly after closure): with this probability the next referral comes after an
        /// exponential wait of mean `rereferralMeanDays` from the closure date, instead of the baseline process.
        public var probabilityRereferral: Double = 0.02
        public var rereferralMeanDays: Double = 120
        /// Mean CIN-plan duration in days (gamma, shape 2).
        public var cinPlanMeanDays: Double = 220
        /// Mean CPP duration in days (gamma, shape 3).
        public var cppMeanDays: Double = 300
        public init() {}
    }

    /// Periods of care: legal routes, placements, exits.
    public struct Care: Sendable, Equatable {
        /// P(care proceedings route) by age band at entry; the rest is section 20 (V2), except
        /// `probabilityRemand` of entries aged 12+ which are remands (J1).
        public var probabilityProceedings: [Double] = [0.78, 0.60, 0.45, 0.22, 0.07]
        public var probabilityRemand: Double = 0.05
        /// Mean days from application to final order (gamma, shape 4).
        public var proceedingsMeanDays: Double = 280
        /// Final-order outcome probabilities for children under 5 at final order:
        /// [placement order, care order, SGO, child arrangements order, supervision order/home].
        public var orderOutcomeUnder5: [Double] = [0.22, 0.38, 0.20, 0.07, 0.13]
        /// The same for children aged 5+ (no placement orders).
        public var orderOutcome5Plus: [Double] = [0.0, 0.60, 0.15, 0.07, 0.18]
        /// Median (days) and log-SD of section 20 durations (log-normal).
        public var section20MedianDays: Double = 110
        public var section20LogSD: Double = 1.3
        /// P(section 20 accommodation converts to care proceedings), children under 16.
        public var probabilityConversion: Double = 0.12
        /// P(adoption with parental consent | full care order made before the 5th birthday): placed A3/A4 under C2,
        /// then adopted (E11).
        public var probabilityConsentAdoptionUnder5: Double = 0.08
        /// Rate per year of leaving a full care order (home, SGO, CAO or other) before 18.
        public var careOrderExitRatePerYear: Double = 0.16
        /// Placement moves per year by age band at the move (Poisson process times a gamma frailty).
        public var moveRatePerYear: [Double] = [0.35, 0.35, 0.45, 0.95, 0.85]
        /// Shape of the child's placement-instability gamma frailty (mean 1).
        public var instabilityShape: Double = 1.5
        /// Mean days from placement order to placement for adoption, and from placement to adoption order.
        public var placementForAdoptionMeanDays: Double = 150
        public var adoptionOrderMeanDays: Double = 270
        public init() {}
    }

    /// Return to care after an at-risk exit (exit codes E4A, E4B, E13, E41, E45–E48, E8, E14 before 18):
    /// a Weibull proportional-hazards model, h(t | x) = (k/λ)(t/λ)^(k−1) exp(xᵀβ), t in years since exit;
    /// hazard ratios exp(β). Re-entries after 18 or after the data end are censored.
    public struct ReturnToCare: Sendable, Equatable {
        public var weibullShape: Double = 0.55
        public var weibullScaleYears: Double = 24
        /// Log hazard ratios: age at exit 5–10, 11–15, 16–17 (reference under 5); last legal status V2
        /// (section 20); exit by a permanence order (E41, E45–E48; reference: home, E4A/E4B/E13); other
        /// at-risk exits (E8, E14); three or more placements in the period.
        public var logHRAge5to10: Double = 0.14
        public var logHRAge11to15: Double = 0.47
        public var logHRAge16to17: Double = 0.26
        public var logHRSection20: Double = 0.34
        public var logHRPermanenceOrder: Double = -1.39
        public var logHROtherExit: Double = -0.22
        public var logHRUnstable: Double = 0.26
        public init() {}
    }

    /// Outcome models for the cohort (children whose 16th birthday falls in the data window). Level effects
    /// are for referral, CIN, CPP, CLA relative to no contact; idaci_z as above; male vs female; LA random
    /// intercepts independent N(0, SD²) per outcome. Special educational needs (SEN) is drawn first, more often
    /// at higher levels (about 12% with no contact, 50% looked after; DfE 2023 reports 57% of looked-after
    /// children with SEN against 17% of all pupils), and lowers attainment, so a model without SEN overstates the
    /// level gaps. Ethnicity has no effect in the generator: the specs adjust for it as the MoJ–DfE study does,
    /// and its true coefficients are zero.
    public struct Outcomes: Sendable, Equatable {
        /// SEN (binary, logit link): P(SEN) = logistic(intercept + level effect + male effect).
        public var senIntercept: Double = -2.0
        public var senLevel: [Double] = [0.5, 1.2, 1.4, 2.0]
        public var senMale: Double = 0.4
        /// Attainment (binary, logit link).
        public var attainmentIntercept: Double = 0.9
        public var attainmentLevel: [Double] = [-0.4, -0.9, -1.3, -1.6]
        public var attainmentIdaci: Double = -0.35
        public var attainmentMale: Double = -0.25
        public var attainmentSEN: Double = -1.2
        public var attainmentLASD: Double = 0.25
        /// Unauthorised absences (negative binomial NB2, log link, size θ).
        public var absenceIntercept: Double = 2.3
        public var absenceLevel: [Double] = [0.3, 0.7, 0.9, 1.0]
        public var absenceIdaci: Double = 0.2
        public var absenceMale: Double = 0.05
        public var absenceSEN: Double = 0.25
        public var absenceLASD: Double = 0.2
        public var absenceSize: Double = 1.2
        /// Convictions none/one/two+ (cumulative logit: P(Y ≥ k) = logistic(η − c_k)).
        public var convictionCutpoints: [Double] = [3.0, 4.3]
        public var convictionLevel: [Double] = [0.6, 1.2, 1.6, 2.2]
        public var convictionIdaci: Double = 0.3
        public var convictionMale: Double = 1.2
        public var convictionSEN: Double = 0.4
        public var convictionLASD: Double = 0.2
        /// Disposal severity among the convicted: 1 out-of-court, 2 community, 3 custody (cumulative logit,
        /// P(S ≥ s) = logistic(η − c_s) for s = 2, 3); 0 for children without a conviction. No LA effect.
        public var disposalCutpoints: [Double] = [0.5, 2.5]
        public var disposalLevel: [Double] = [0.1, 0.3, 0.5, 0.8]
        public var disposalIdaci: Double = 0.1
        public var disposalMale: Double = 0.3
        public var disposalSEN: Double = 0.0
        public init() {}
    }

    public var contact = Contact()
    public var care = Care()
    public var returnToCare = ReturnToCare()
    public var outcomes = Outcomes()
    public var idaciCentre: Double = 0.15
    public var idaciScale: Double = 0.10
    public var childIdaciConcentration: Double = 8
    /// P(male).
    public var probabilityMale: Double = 0.51

    public init() {}

    /// The defaults documented above.
    public static let standard = SyntheticParameters()

    /// The parameters of the national-scale mode (``SyntheticNationalGenerator``): the standard ones with the
    /// flows rescaled so that England's real child population gives England's national totals (DfE, 2010–2024:
    /// about 650,000 referrals, 100,000 children looked after during the year and 80,000 at 31 March), which the
    /// standard set, tuned to child-level shares (35 % referred, 3 % ever looked after), misses at this scale
    /// (about 810,000 referrals, 73,000 and 50,000). Changed: baseline referral rate × 0.8; probabilities of
    /// entering care from a CPP or CIN plan × 1.6; full-care-order exit rate 0.16 → 0.10 a year (longer stays);
    /// placement-move rates × 1.5 (more episodes per period). The return-to-care model and the outcome models are
    /// unchanged, so their recovery tests apply as they are.
    public static var national: SyntheticParameters {
        var p = SyntheticParameters()
        p.contact.referralRatePerYear *= 0.8
        p.contact.probabilityCareFromCPP = p.contact.probabilityCareFromCPP.map { $0 * 1.6 }
        p.contact.probabilityCareFromCIN = p.contact.probabilityCareFromCIN.map { $0 * 1.6 }
        p.care.careOrderExitRatePerYear = 0.10
        p.care.moveRatePerYear = p.care.moveRatePerYear.map { $0 * 1.5 }
        return p
    }

    func validate() throws(SyntheticError) {
        func probability(_ name: String, _ p: Double) throws(SyntheticError) {
            guard p >= 0 && p <= 1 else { throw .invalidConfiguration("\(name) = \(p) must be in [0, 1]") }
        }
        func positive(_ name: String, _ x: Double) throws(SyntheticError) {
            guard x.isFinite && x > 0 else { throw .invalidConfiguration("\(name) = \(x) must be finite and > 0") }
        }
        func finite(_ name: String, _ xs: [Double]) throws(SyntheticError) {
            for x in xs where !x.isFinite { throw .invalidConfiguration("\(name) contains \(x); must be finite") }
        }
        func bands(_ name: String, _ xs: [Double], count: Int = 5) throws(SyntheticError) {
            guard xs.count == count else { throw .invalidConfiguration("\(name) needs \(count) values, got \(xs.count)") }
        }
        let c = contact
        try positive("referralRatePerYear", c.referralRatePerYear)
        try bands("ageBandMultipliers", c.ageBandMultipliers)
        for m in c.ageBandMultipliers { try positive("ageBandMultipliers", m) }
        try finite("idaciLogRateRatio", [c.idaciLogRateRatio, c.laLogRateSD])
        guard c.laLogRateSD >= 0 else { throw .invalidConfiguration("laLogRateSD must be ≥ 0") }
        try positive("frailtyShape", c.frailtyShape)
        try probability("probabilityNFA", c.probabilityNFA)
        try probability("probabilityNotInNeed", c.probabilityNotInNeed)
        for (name, v) in [("probabilityCPP", c.probabilityCPP), ("probabilityCareFromCPP", c.probabilityCareFromCPP),
                          ("probabilityCareFromCIN", c.probabilityCareFromCIN)] {
            try bands(name, v)
            for p in v { try probability(name, p) }
        }
        try probability("probabilityRereferral", c.probabilityRereferral)
        try positive("rereferralMeanDays", c.rereferralMeanDays)
        try positive("cinPlanMeanDays", c.cinPlanMeanDays)
        try positive("cppMeanDays", c.cppMeanDays)
        let k = care
        try bands("probabilityProceedings", k.probabilityProceedings)
        for p in k.probabilityProceedings { try probability("probabilityProceedings", p) }
        try probability("probabilityRemand", k.probabilityRemand)
        try positive("proceedingsMeanDays", k.proceedingsMeanDays)
        for (name, v) in [("orderOutcomeUnder5", k.orderOutcomeUnder5), ("orderOutcome5Plus", k.orderOutcome5Plus)] {
            try bands(name, v)
            for p in v { try probability(name, p) }
            guard v.reduce(0, +) > 0 else { throw .invalidConfiguration("\(name) must have a positive total") }
        }
        try positive("section20MedianDays", k.section20MedianDays)
        try positive("section20LogSD", k.section20LogSD)
        try probability("probabilityConversion", k.probabilityConversion)
        try probability("probabilityConsentAdoptionUnder5", k.probabilityConsentAdoptionUnder5)
        try positive("careOrderExitRatePerYear", k.careOrderExitRatePerYear)
        try bands("moveRatePerYear", k.moveRatePerYear)
        for m in k.moveRatePerYear { try positive("moveRatePerYear", m) }
        try positive("instabilityShape", k.instabilityShape)
        try positive("placementForAdoptionMeanDays", k.placementForAdoptionMeanDays)
        try positive("adoptionOrderMeanDays", k.adoptionOrderMeanDays)
        let r = returnToCare
        try positive("weibullShape", r.weibullShape)
        try positive("weibullScaleYears", r.weibullScaleYears)
        try finite("returnToCare log hazard ratios", [r.logHRAge5to10, r.logHRAge11to15, r.logHRAge16to17, r.logHRSection20,
                                                      r.logHRPermanenceOrder, r.logHROtherExit, r.logHRUnstable])
        let o = outcomes
        for (name, v) in [("attainmentLevel", o.attainmentLevel), ("absenceLevel", o.absenceLevel),
                          ("convictionLevel", o.convictionLevel), ("disposalLevel", o.disposalLevel), ("senLevel", o.senLevel)] {
            try bands(name, v, count: 4)
            try finite(name, v)
        }
        try bands("convictionCutpoints", o.convictionCutpoints, count: 2)
        try bands("disposalCutpoints", o.disposalCutpoints, count: 2)
        try finite("outcome coefficients", [o.attainmentIntercept, o.attainmentIdaci, o.attainmentMale, o.absenceIntercept,
                                            o.absenceIdaci, o.absenceMale, o.convictionIdaci, o.convictionMale,
                                            o.disposalIdaci, o.disposalMale, o.senIntercept, o.senMale, o.attainmentSEN,
                                            o.absenceSEN, o.convictionSEN, o.disposalSEN] + o.convictionCutpoints + o.disposalCutpoints)
        guard o.convictionCutpoints[0] < o.convictionCutpoints[1], o.disposalCutpoints[0] < o.disposalCutpoints[1] else {
            throw .invalidConfiguration("cutpoints must increase")
        }
        for (name, sd) in [("attainmentLASD", o.attainmentLASD), ("absenceLASD", o.absenceLASD), ("convictionLASD", o.convictionLASD)] {
            guard sd.isFinite && sd >= 0 else { throw .invalidConfiguration("\(name) = \(sd) must be finite and ≥ 0") }
        }
        try positive("absenceSize", o.absenceSize)
        try positive("idaciScale", idaciScale)
        try finite("idaciCentre", [idaciCentre])
        try positive("childIdaciConcentration", childIdaciConcentration)
        try probability("probabilityMale", probabilityMale)
    }

    /// The parameters as an ordered JSON object (the "parameters" member of truth.json).
    public var json: JSONValue {
        func n(_ x: Double) -> JSONValue { .number(x) }
        func a(_ xs: [Double]) -> JSONValue { .array(xs.map { .number($0) }) }
        let c = contact, k = care, r = returnToCare, o = outcomes
        return .object([
            ("age_bands", .array(["0", "1-4", "5-10", "11-15", "16-17"].map { .string($0) })),
            ("deprivation", .object([
                ("idaci_centre", n(idaciCentre)), ("idaci_scale", n(idaciScale)),
                ("child_idaci_beta_concentration", n(childIdaciConcentration)),
            ])),
            ("probability_male", n(probabilityMale)),
            ("contact", .object([
                ("referral_rate_per_year", n(c.referralRatePerYear)), ("age_band_multipliers", a(c.ageBandMultipliers)),
                ("idaci_log_rate_ratio", n(c.idaciLogRateRatio)), ("la_log_rate_sd", n(c.laLogRateSD)),
                ("frailty_gamma_shape", n(c.frailtyShape)), ("probability_nfa", n(c.probabilityNFA)),
                ("probability_not_in_need", n(c.probabilityNotInNeed)), ("probability_cpp_by_age_band", a(c.probabilityCPP)),
                ("probability_care_from_cpp_by_age_band", a(c.probabilityCareFromCPP)),
                ("probability_care_from_cin_by_age_band", a(c.probabilityCareFromCIN)),
                ("probability_rereferral", n(c.probabilityRereferral)), ("rereferral_mean_days", n(c.rereferralMeanDays)),
                ("cin_plan_mean_days", n(c.cinPlanMeanDays)), ("cpp_mean_days", n(c.cppMeanDays)),
            ])),
            ("care", .object([
                ("probability_proceedings_by_age_band", a(k.probabilityProceedings)),
                ("probability_remand_age_12_plus", n(k.probabilityRemand)),
                ("proceedings_mean_days", n(k.proceedingsMeanDays)),
                ("order_outcome_labels", .array(["placement_order", "care_order", "special_guardianship_order",
                                                 "child_arrangements_order", "supervision_order"].map { .string($0) })),
                ("order_outcome_under_5", a(k.orderOutcomeUnder5)), ("order_outcome_5_plus", a(k.orderOutcome5Plus)),
                ("section20_median_days", n(k.section20MedianDays)), ("section20_log_sd", n(k.section20LogSD)),
                ("probability_conversion_to_proceedings", n(k.probabilityConversion)),
                ("probability_consent_adoption_under_5", n(k.probabilityConsentAdoptionUnder5)),
                ("care_order_exit_rate_per_year", n(k.careOrderExitRatePerYear)),
                ("move_rate_per_year_by_age_band", a(k.moveRatePerYear)),
                ("instability_gamma_shape", n(k.instabilityShape)),
                ("placement_for_adoption_mean_days", n(k.placementForAdoptionMeanDays)),
                ("adoption_order_mean_days", n(k.adoptionOrderMeanDays)),
            ])),
            ("return_to_care", .object([
                ("model", .string("Weibull proportional hazards, t in years since an at-risk exit before 18; "
                    + "h(t|x) = (k/lambda)(t/lambda)^(k-1) exp(x'beta)")),
                ("at_risk_exit_codes", .array(SyntheticCodes.atRiskExits.map { .string($0) })),
                ("weibull_shape", n(r.weibullShape)), ("weibull_scale_years", n(r.weibullScaleYears)),
                ("log_hazard_ratios", .object([
                    ("age_5_10", n(r.logHRAge5to10)), ("age_11_15", n(r.logHRAge11to15)), ("age_16_17", n(r.logHRAge16to17)),
                    ("section20", n(r.logHRSection20)), ("permanence_order_exit", n(r.logHRPermanenceOrder)),
                    ("other_exit", n(r.logHROtherExit)), ("three_plus_placements", n(r.logHRUnstable)),
                ])),
                ("reference", .string("age under 5 at exit, not section 20, exit home (E4A/E4B/E13), fewer than 3 placements")),
                ("covariate_definitions", .string("age: completed years at DEC of the period's last episode; section20: "
                    + "LS of the last episode is V2; permanence_order_exit: REC in E41, E45-E48; other_exit: REC in E8, "
                    + "E14, E5, E6, E17; three_plus_placements: at least 3 episodes of the period with RNE in S, P, B, T, U; "
                    + "time: days from DEC to the next period's DECOM / 365.25, censored at the 18th birthday and the data end")),
            ])),
            ("outcomes", .object([
                ("level_order", .array(["none", "referral", "cin", "cpp", "cla"].map { .string($0) })),
                ("covariates", .string("level effects relative to none; idaci_z = (IDACI - centre)/scale; male = 1 for SEX 1; "
                    + "sen = 1 for SEN 1; ethnicity has no effect (true coefficients 0)")),
                ("sen", .object([
                    ("link", .string("logit")), ("intercept", n(o.senIntercept)), ("level", a(o.senLevel)),
                    ("male", n(o.senMale)),
                ])),
                ("attainment", .object([
                    ("link", .string("logit")), ("intercept", n(o.attainmentIntercept)), ("level", a(o.attainmentLevel)),
                    ("idaci_z", n(o.attainmentIdaci)), ("male", n(o.attainmentMale)), ("sen", n(o.attainmentSEN)),
                    ("la_sd", n(o.attainmentLASD)),
                ])),
                ("unauthorised_absences", .object([
                    ("family", .string("negative binomial NB2, log link")), ("intercept", n(o.absenceIntercept)),
                    ("level", a(o.absenceLevel)), ("idaci_z", n(o.absenceIdaci)), ("male", n(o.absenceMale)),
                    ("sen", n(o.absenceSEN)),
                    ("la_sd", n(o.absenceLASD)), ("size_theta", n(o.absenceSize)),
                ])),
                ("convictions", .object([
                    ("model", .string("cumulative logit, P(Y >= k) = logistic(eta - c_k), Y in none/one/two_plus")),
                    ("cutpoints", a(o.convictionCutpoints)), ("level", a(o.convictionLevel)),
                    ("idaci_z", n(o.convictionIdaci)), ("male", n(o.convictionMale)), ("sen", n(o.convictionSEN)),
                    ("la_sd", n(o.convictionLASD)),
                ])),
                ("disposal_severity", .object([
                    ("model", .string("among convicted: cumulative logit on 1..3, P(S >= s) = logistic(eta - c_s), "
                        + "s = 2, 3; 0 if no conviction")),
                    ("cutpoints", a(o.disposalCutpoints)), ("level", a(o.disposalLevel)),
                    ("idaci_z", n(o.disposalIdaci)), ("male", n(o.disposalMale)), ("sen", n(o.disposalSEN)),
                ])),
            ])),
        ])
    }
}
