public import ModelSpecs
import CareData

/// Published estimates reproduced on care records (DESIGN.md's fourth job; `carestat reproduce`). On the synthetic
/// default these run the pipeline end to end; on a real extract in a research environment (`--data DIR` in
/// CareStat's file layout) they reproduce the papers. Each figure's source is given in full.
extension Catalog {
    /// Masson et al.: children's time in care with and without care proceedings (seed 003 §5).
    public static let massonLeavingCare = ModelSpec(
        "masson-leaving-care",
        title: "Leaving care with and without care proceedings: still in care 50 weeks after entry",
        summary: """
            One row per period of care (CareData's leaving-care derivation): days from entry to the end of the \
            period, or to the end of the data while open, and whether the child had care proceedings overlapping \
            the period. Kaplan–Meier estimates of the share still in care 50 weeks (350 days) after entering, for \
            children with and without proceedings, as Masson and colleagues compared them.
            """,
        data: .careRecords,
        analysis: .estimates(StudyEstimates([
            Estimand("still in care at 50 weeks, with proceedings", dataset: .leavingCare,
                     filter: [RowCondition("proceedings", equals: "1")],
                     measure: .survivalAt(time: "days", event: "left", days: 350, complement: false)),
            Estimand("still in care at 50 weeks, without proceedings", dataset: .leavingCare,
                     filter: [RowCondition("proceedings", equals: "0")],
                     measure: .survivalAt(time: "days", event: "left", days: 350, complement: false)),
        ])),
        published: [
            PublishedFigure(.estimate("still in care at 50 weeks, with proceedings"), 70, decimals: 0,
                            source: "Masson et al., in Coram (2019) 'Data Visualisation in Children's Social Care', §5 'From Court Proceedings to Care': 70% of children subject to care proceedings remained in care 50 weeks after entering"),
            PublishedFigure(.estimate("still in care at 50 weeks, without proceedings"), 50, decimals: 0,
                            source: "Masson et al., ibid.: compared with only 50% of those without proceedings"),
        ]
    )

    /// Harwin et al. 2019: return to court within five years by the order made.
    public static let harwinReturnToCourt = ModelSpec(
        "harwin-return-to-court",
        title: "Return to court for new care proceedings within five years, by final order",
        summary: """
            One row per set of care proceedings that ended in an order (CareData's court-returns derivation), \
            followed from the final order to the child's next application, or to the end of the data. \
            Kaplan–Meier cumulative incidence of a return to court within five years after a supervision order \
            and after a special guardianship order, as Harwin and colleagues reported them.
            """,
        data: .careRecords,
        analysis: .estimates(StudyEstimates([
            Estimand("back in court within 5 years after a supervision order", dataset: .courtReturns,
                     filter: [RowCondition("order", equals: FinalOrder.supervisionOrder.rawValue)],
                     measure: .survivalAt(time: "days", event: "returned", days: 5 * 365.25, complement: true)),
            Estimand("back in court within 5 years after a special guardianship order", dataset: .courtReturns,
                     filter: [RowCondition("order", equals: FinalOrder.specialGuardianshipOrder.rawValue)],
                     measure: .survivalAt(time: "days", event: "returned", days: 5 * 365.25, complement: true)),
        ])),
        published: [
            PublishedFigure(.estimate("back in court within 5 years after a supervision order"), 20, decimals: 0,
                            source: "Harwin J, Alrouh B, Golding L, McQuarrie T, Broadhurst K, Cusworth L (2019) 'The contribution of supervision orders and special guardianship to children's lives and family justice', Nuffield Foundation / Lancaster University: 20% of children on standalone supervision orders (England, 2010/11–2016/17) returned to court in new s31 proceedings within five years"),
            PublishedFigure(.estimate("back in court within 5 years after a special guardianship order"), 5, decimals: 0,
                            source: "Harwin et al. 2019, ibid.: 5% after a standalone special guardianship order"),
        ]
    )

    /// Re-referrals within 12 and 36 months (seed 003 §8).
    public static let reReferrals = ModelSpec(
        "re-referrals",
        title: "Re-referrals to children's social care within 12 and 36 months",
        summary: """
            Referrals by LA and year from the CIN census (CareData's re-referrals derivation), each counted as a \
            re-referral when the same child had a referral in the previous 12 (or 36) months; only LA-years with \
            the full look-back in the data are used. The share of referrals that were re-referrals within 12 \
            months (the DfE measure) and within 36 months, as the LA in seed 003 §8 reported them.
            """,
        data: .careRecords,
        analysis: .estimates(StudyEstimates([
            Estimand("referrals that were re-referrals within 12 months", dataset: .reReferrals,
                     filter: [RowCondition("full_lookback_12m", oneOf: ["TRUE", "true", "1"])],
                     measure: .ratioOfSums(numerator: "rereferrals_12m", denominator: "referrals")),
            Estimand("referrals with a previous referral within 36 months", dataset: .reReferrals,
                     filter: [RowCondition("full_lookback_36m", oneOf: ["TRUE", "true", "1"])],
                     measure: .ratioOfSums(numerator: "rereferrals_36m", denominator: "referrals")),
        ])),
        published: [
            PublishedFigure(.estimate("referrals that were re-referrals within 12 months"), 23, decimals: 0,
                            source: "Coram (2019) 'Data Visualisation in Children's Social Care', §8 'A Dynamic Mapping of Process': the LA's proportion of cases re-referred within 12 months is in line with the national average (around 23%)"),
            PublishedFigure(.estimate("referrals with a previous referral within 36 months"), 60, decimals: 0,
                            source: "Coram (2019), ibid.: 60% of referrals had a previous referral within the last 36 months"),
        ]
    )

    /// Childhood prevalence of contact with children's social care (Jay et al.; Bilson & Martin).
    public static let childhoodPrevalence = ModelSpec(
        "childhood-prevalence",
        title: "Cumulative incidence of children's social care contact: referral, CIN and CPP before 18; referral before 5",
        summary: """
            The highest level of intervention each child of the outcomes cohort reached (CareData's \
            intervention-level derivation: none < referral only < child in need < child protection plan < looked \
            after), counting only records before the 18th birthday (and, for Bilson and Martin's measure, before \
            the 5th). The shares referred (any level from referral up), in need (child in need or higher; children \
            looked after are children in need) and on a plan (child protection plan or looked after — the highest \
            level, so it counts looked-after children without a plan too) before 18, and referred before 5.
            """,
        data: .careRecords,
        analysis: .estimates(StudyEstimates([
            Estimand("referred before 18", dataset: .interventionLevel, options: DerivationOptions(levelBeforeAge: 18),
                     measure: .proportion(RowCondition("level", oneOf: ["referral_only", "cin", "cpp", "looked_after"]))),
            Estimand("child in need before 18", dataset: .interventionLevel, options: DerivationOptions(levelBeforeAge: 18),
                     measure: .proportion(RowCondition("level", oneOf: ["cin", "cpp", "looked_after"]))),
            Estimand("child protection plan (or looked after) before 18", dataset: .interventionLevel,
                     options: DerivationOptions(levelBeforeAge: 18),
                     measure: .proportion(RowCondition("level", oneOf: ["cpp", "looked_after"]))),
            Estimand("referred before 5", dataset: .interventionLevel, options: DerivationOptions(levelBeforeAge: 5),
                     measure: .proportion(RowCondition("level", oneOf: ["referral_only", "cin", "cpp", "looked_after"]))),
        ])),
        published: [
            PublishedFigure(.estimate("referred before 18"), 35.4, decimals: 1,
                            source: "Jay MA, Mc Grath-Lone L, De Stavola B, Gilbert R (2023) 'Cumulative incidence of children's social care contact before age 18 in England', IJPDS (whole-England CIN census, three stitched cohorts): 35.4% referred before 18"),
            PublishedFigure(.estimate("child in need before 18"), 25.3, decimals: 1, source: "Jay et al., ibid.: 25.3% children in need"),
            PublishedFigure(.estimate("child protection plan (or looked after) before 18"), 6.9, decimals: 1,
                            source: "Jay et al., ibid.: 6.9% child protection plan"),
            PublishedFigure(.estimate("referred before 5"), 22.5, decimals: 1,
                            source: "Bilson A, Martin KEC (2017) 'Referrals and child protection in England: one in five children referred to children's services and one in nineteen investigated before the age of five', British Journal of Social Work 47(3): 793–811: 22.5% of children born 2009–10 referred before age 5"),
        ]
    )

    /// McGrath-Lone et al. 2017: re-entry within a year, by year of exit.
    public static let returnToCareTrend = ModelSpec(
        "return-to-care-trend",
        title: "Re-entry to care within a year of leaving, 2007 and 2012 exits",
        summary: """
            The return-to-care derivation (one row per at-risk exit before 18, followed to the next period of \
            care or censoring). Kaplan–Meier cumulative incidence of re-entry within 365 days for exits in 2007 and \
            in 2012, the fall McGrath-Lone et al. reported.
            """,
        data: .careRecords,
        analysis: .estimates(StudyEstimates([
            Estimand("re-entered within a year, 2007 exits", dataset: .returnToCare,
                     filter: [RowCondition(ReturnToCare.Column.exitYear, equals: "2007")],
                     measure: .survivalAt(time: ReturnToCare.Column.days, event: ReturnToCare.Column.returned, days: 365, complement: true)),
            Estimand("re-entered within a year, 2012 exits", dataset: .returnToCare,
                     filter: [RowCondition(ReturnToCare.Column.exitYear, equals: "2012")],
                     measure: .survivalAt(time: ReturnToCare.Column.days, event: ReturnToCare.Column.returned, days: 365, complement: true)),
        ])),
        published: [
            PublishedFigure(.estimate("re-entered within a year, 2007 exits"), 23.3, decimals: 1,
                            source: "McGrath-Lone L, Dearden L, Harron K, Nasim B, Gilbert R (2017) 'Factors associated with re-entry to out-of-home care in England', Child Abuse & Neglect 63: 73–83: re-entry within a year fell from 23.3% (2007 exits)"),
            PublishedFigure(.estimate("re-entered within a year, 2012 exits"), 14.4, decimals: 1,
                            source: "McGrath-Lone et al. 2017, ibid.: to 14.4% (2012 exits)"),
        ]
    )
}
