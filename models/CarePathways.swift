public import ModelSpecs

extension Catalog {
    /// Typologies of care histories (McGrath-Lone et al.; seed 003 §4; domain notes §3.3): sequence analysis of the
    /// care histories from birth to 18 of children ever in care.
    public static let carePathways = ModelSpec(
        "care-pathways",
        title: "Care pathways: six clusters of care histories from birth to 18 (OM with TRATE costs, Ward then PAM)",
        summary: """
            Monthly care histories from birth to the 18th birthday of the children in care at some month (CareData's \
            sequences derivation: in care — foster, residential or other placement — over a child protection plan \
            over child in need over after adoption/SGO over after care over home), censored at the data's end (a \
            child younger than 18 then has a shorter sequence: OM compares sequences of unequal length). Optimal \
            matching distances with TraMineR's TRATE substitution costs (2 − p(i|j) − p(j|i)) and indel auto (half \
            the largest cost), between distinct sequences. Ward's clustering (ward.D2) cut at six, then PAM at six \
            started from the medoids of Ward's six clusters (Ward then PAM); PAM's clusters, numbered by size, \
            with their sizes through the disclosure gate, mean months in care, mean age at first entry and medoids \
            as state runs; figures: state distribution per cluster, medoids, and the pathway flow at ages 1, 5, 10 \
            and 17. McGrath-Lone et al. (children born 1992–94, N ≈ 16,000) found six groups; the abstracts give \
            five labelled shares that already sum to 100% (the sixth group's share is not public), compared here \
            by rank of size. Cluster membership as a covariate for the regression commands:
              carestat sequences cluster --ever-in-care --sub trate --k 6 --out membership.csv
            writes id,cluster with id = la:child; join it to a child-level file (e.g. `carestat derive \
            outcome-cohort`, matching la and child) and use `factor(cluster)` in `carestat glm`/`ologit`.
            """,
        data: .careRecords,
        analysis: .carePathways(CarePathwaysAnalysis()),
        published: [
            // Five labelled groups from the abstracts (ijpds.org/article/view/469; discovery-pp.ucl.ac.uk/id/eprint/10109654),
            // ordered by size; the synthetic generator is not calibrated to them, so on the default data they show the
            // comparison working, not a reproduction.
            PublishedFigure(.clusterShare(rank: 1, group: "shorter-term care"), 58.4, decimals: 1,
                            source: "McGrath-Lone et al. (IJPDS 2020; Child Abuse & Neglect 2020;109:104689): shorter-term care 58.4%"),
            PublishedFigure(.clusterShare(rank: 2, group: "adolescent first entries"), 17.6, decimals: 1,
                            source: "McGrath-Lone et al. 2020: adolescent first entries 17.6%"),
            PublishedFigure(.clusterShare(rank: 3, group: "long-term complex/unstable care"), 13.1, decimals: 1,
                            source: "McGrath-Lone et al. 2020: long-term complex/unstable care 13.1%"),
            PublishedFigure(.clusterShare(rank: 4, group: "early intervention"), 6.9, decimals: 1,
                            source: "McGrath-Lone et al. 2020: early intervention 6.9%"),
            PublishedFigure(.clusterShare(rank: 5, group: "long-term stable care"), 4.0, decimals: 1,
                            source: "McGrath-Lone et al. 2020: long-term stable care 4.0%"),
        ]
    )
}
