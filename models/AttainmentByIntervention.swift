public import ModelSpecs
import Formulas
import MixedModels
import CareData

/// The outcome cohort's columns (CareData), typed so a misspelt column does not compile.
typealias O = OutcomeCohort.Column

extension Catalog {
    /// The adjustment set of the MoJ–DfE linked-data study (seed 004), shared by the outcome specs: intervention
    /// level, sex, ethnic group, special educational needs, the child's neighbourhood deprivation and the LA's.
    static let interventionAdjustment: [FormulaTerm] = [
        .term(.column(O.level)), .term(.column(O.sex)), .term(.column(O.ethnicity)), .term(.column(O.sen)),
        .term(.column(O.deprivation)), .term(.column(O.laDeprivation)),
    ]

    /// Attainment at 16 by the highest level of social care intervention before 16, with a random intercept by LA.
    public static let attainmentByIntervention = ModelSpec(
        "attainment-by-intervention",
        title: "Attainment at 16 by highest level of social care intervention, random intercept by LA",
        summary: """
            The outcomes cohort (children whose 16th birthday falls in the data window) with the highest level \
            of intervention before 16 from the CIN census and SSDA903 records: no contact < referral only < \
            child in need < child protection plan < looked after. A logistic mixed model (Laplace) of the \
            binary attainment outcome (e.g. five good GCSEs) on the level, adjusted as in the MoJ–DfE linked-data \
            study for sex, ethnic group, special educational needs, the child's neighbourhood deprivation (IDACI) \
            and the LA's (LA poverty), with a random intercept by LA: are outcomes equal across authorities, and \
            how large is the gap by level? Predicted probabilities by level (for an LA of average effect) with \
            delta-method intervals, and all pairwise differences.
            """,
        data: .careRecords,
        analysis: .interventionOutcomes(InterventionOutcomes(
            levelBeforeAge: 16,
            models: [
                .mixed(title: "Attainment", MixedModelSpec(
                    formula: Formula(response: .column(O.attainment),
                                     terms: interventionAdjustment + [.random(RandomEffect(group: O.la))]),
                    family: .binomial, nAGQ: 1), predictions: true),
            ]
        ))
    )
}
