public import ModelSpecs
import Formulas
import MixedModels
import CareData
import Regression

extension Catalog {
    /// Offending by the highest level of social care intervention before 16: any conviction (GLMM by LA) and the
    /// number of convictions (ordinal).
    public static let offendingByIntervention = ModelSpec(
        "offending-by-intervention",
        title: "Convictions by highest level of social care intervention: any conviction (GLMM by LA), number (ordinal)",
        summary: """
            The outcomes cohort with the highest level of intervention before 16, as in \
            attainment-by-intervention. Any conviction: a logistic mixed model (Laplace) with a random intercept \
            by LA, adjusted for sex, ethnic group, special educational needs, the child's and the LA's \
            deprivation, with predicted probabilities by level and their pairwise differences. Number of \
            convictions (none < one < two or more): a proportional-odds model with the same adjustment and \
            cluster-robust standard errors by LA (children of one LA are not independent; model-based SEs would \
            understate the uncertainty of the LA-level term about twofold), as the MoJ–DfE study reports \
            convictions in these bands.
            """,
        data: .careRecords,
        analysis: .interventionOutcomes(InterventionOutcomes(
            levelBeforeAge: 16,
            models: [
                .mixed(title: "Any conviction", MixedModelSpec(
                    formula: Formula(response: .column(O.anyConviction),
                                     terms: interventionAdjustment + [.random(RandomEffect(group: O.la))]),
                    family: .binomial, nAGQ: 1), predictions: true),
                .ordinal(title: "Number of convictions", OrderedLogitSpec(
                    formula: Formula(response: .column(O.convictions), terms: interventionAdjustment),
                    variance: .cluster(O.la))),
            ]
        )),
        published: [
            // ONS's figures are population prevalences by 24; CareStat's are the model's predicted probabilities at
            // the LA random effect zero, by 16 on the synthetic default — a check of the pipeline, not a reproduction,
            // until run on a linked extract (--data DIR).
            PublishedFigure(.predictedProbability(outcome: "Any conviction", level: "looked_after"), 52, decimals: 0,
                            source: "ONS (Dec 2022), education background of looked-after children who interact with the criminal justice system: 52% of looked-after children born 1993/94 had a conviction by age 24"),
            PublishedFigure(.predictedProbability(outcome: "Any conviction", level: "no_contact"), 13, decimals: 0,
                            source: "ONS (Dec 2022): 13% of children never in care born 1993/94 had a conviction by age 24"),
        ]
    )
}
