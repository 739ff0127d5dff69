/// What a right-hand-side item of a ``Formula`` asks of a model, so that each model can say which kinds it fits
/// and refuse the others by name (``FormulaTermRule``) instead of dropping them.
///
/// - `fixedEffect`: a main effect, interaction, crossing, `.` or removal — columns of the fixed-effect design;
/// - `offset`: `offset(x)`, a known term of the linear predictor;
/// - `strata`: `strata(s)`, a separate baseline per stratum (Cox);
/// - `cluster`: `cluster(g)`, cluster-robust (sandwich) standard errors by `g`;
/// - `randomEffect`: `(1 | g)` or `(1 + x | g)`, effects that vary by group (mixed models).
public enum FormulaTermKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case fixedEffect = "fixed effect"
    case offset = "offset"
    case strata = "strata"
    case cluster = "cluster"
    case randomEffect = "random effect"

    /// How the kind is written, for messages: "fixed-effect terms", "offset()", "strata()", "cluster()",
    /// "random effects (1 | g)".
    public var description: String {
        switch self {
        case .fixedEffect: "fixed-effect terms"
        case .offset: "offset()"
        case .strata: "strata()"
        case .cluster: "cluster()"
        case .randomEffect: "random effects (1 | g)"
        }
    }
}

extension FormulaTerm {
    /// The kind of the item (``FormulaTermKind``).
    public var kind: FormulaTermKind {
        switch self {
        case .term, .interaction, .crossed, .allOtherColumns, .removal: .fixedEffect
        case .offset: .offset
        case .strata: .strata
        case .cluster: .cluster
        case .random: .randomEffect
        }
    }
}
