public import ModelSpecs
import Formulas
import Survival
import CareData

private typealias C = ReturnToCare.Column

extension Catalog {
    /// Return to care after leaving it (McGrath-Lone, Dearden, Harron, Nasim & Gilbert 2017, "Factors associated
    /// with re-entry to out-of-home care in England", Child Abuse & Neglect 63: 73–83), on the SSDA903 episodes.
    public static let returnToCare = ModelSpec(
        "return-to-care",
        title: "Return to care after leaving care before 18: Cox model stratified by LA, re-entry by legal status",
        summary: """
            One row per exit from care before 18 that could be followed by a return (home, special guardianship \
            or child arrangements order, independent living and similar; not adoption, custody or moving \
            abroad), followed to the start of the next period of care or censored at the 18th birthday or the \
            end of the data. A Cox model (Efron ties) stratified by local authority, so each LA has its own \
            baseline hazard, on the characteristics at exit that McGrath-Lone et al. (2017) used: age group, \
            sex, ethnic group, legal status (section 20 against a care order), placement type, number of \
            placements, time in care, route of exit and year of exit (linear). Kaplan–Meier cumulative \
            proportions re-entering by legal status at 1 and 5 years, and the figure of those curves with the \
            numbers at risk. McGrath-Lone et al. found about a third of at-risk exits re-entering within five \
            years, higher after section 20 and for adolescents, lower after a permanence order.
            """,
        data: .careRecords,
        analysis: .survival(SurvivalAnalysis(
            dataset: .returnToCare,
            model: CoxSpec(formula: Formula(
                response: .survival(time: C.days, event: C.returned),
                terms: [
                    .term(.column(C.ageGroup)), .term(.column(C.sex)), .term(.factor(C.ethnicity, reference: "White")),
                    .term(.factor(C.legalStatus, reference: ReturnToCare.level(LegalStatusGroup.careOrPlacementOrder))),
                    .term(.factor(C.placement, reference: ReturnToCare.level(PlacementGroup.foster))),
                    .term(.column(C.placements)), .term(.column(C.careDuration)), .term(.column(C.exitRoute)),
                    .term(.column(C.exitYear)), .strata(C.la),
                ]), ties: .efron),
            curvesBy: C.legalStatus,
            curvesLabel: "Legal status at exit",
            horizonsYears: [1, 5],
            event: "returned to care",
            figureHorizonYears: 10
        )),
        published: [
            // On the synthetic default these test the pipeline end to end (the generator is calibrated to them); on
            // a real SSDA903 extract (--data DIR) they are the reproduction of the paper.
            PublishedFigure(.cumulativeIncidence(group: nil, years: 5), 35.3, decimals: 1,
                            source: "McGrath-Lone et al. 2017 (Child Abuse & Neglect 63: 73–83): 35.3% of children leaving care in 2008 re-entered within five years"),
        ]
    )
}
