/// Which kinds of formula item (``FormulaTermKind``) a model fits, and what to tell a user who writes another.
///
/// Every model declares one as a static property and checks its formula with ``check(_:)`` before fitting, so a
/// term the model cannot use is an error that names it — never parsed, echoed in the title and dropped (which
/// would print the fit of a different model under the formula the user wrote).
///
/// ```swift
/// static let formulaTerms = FormulaTermRule(
///     model: "glm", accepts: [.fixedEffect, .offset, .cluster],
///     advice: [.randomEffect: "random effects: use carestat glmm (MixedModelSpec)"])
/// try GLMSpec.formulaTerms.check(formula)
/// ```
public struct FormulaTermRule: Sendable, Hashable {
    /// The model's name as users know it ("glm", "cox", ...), for messages.
    public let model: String
    /// The kinds the model fits.
    public let accepted: Set<FormulaTermKind>
    /// What to use instead, by refused kind; kinds without an entry get ``defaultAdvice(for:)``.
    public let advice: [FormulaTermKind: String]

    public init(model: String, accepts accepted: Set<FormulaTermKind>, advice: [FormulaTermKind: String] = [:]) {
        self.model = model
        self.accepted = accepted
        self.advice = advice
    }

    /// The advice for a refused kind: the model's own, else a general pointer to the model that fits it.
    public func advice(for kind: FormulaTermKind) -> String {
        advice[kind] ?? Self.defaultAdvice(for: kind)
    }

    /// A general pointer to where each kind is fitted.
    public static func defaultAdvice(for kind: FormulaTermKind) -> String {
        switch kind {
        case .fixedEffect: "this model takes no covariates"
        case .offset: "write the column as a fixed effect, or use a model that takes offset() (glm, cox, glmm, ologit)"
        case .strata: "strata() is for cox; for a fixed effect write the column"
        case .cluster: "cluster() asks for cluster-robust standard errors, which glm, cox, ologit and mlogit give"
        case .randomEffect: "random effects: use carestat glmm (a mixed model); for a fixed effect write the column"
        }
    }

    /// Throws ``FormulaError/unsupportedTerm(term:kind:model:advice:)`` for the first item of `formula` whose kind
    /// the model does not fit.
    public func check(_ formula: Formula) throws(FormulaError) {
        for item in formula.terms where !accepted.contains(item.kind) {
            throw .unsupportedTerm(term: item.description, kind: item.kind, model: model, advice: advice(for: item.kind))
        }
    }
}

extension Formula {
    /// Throws unless every item is of a kind `rule` accepts (``FormulaTermRule/check(_:)``).
    public func requireTerms(_ rule: FormulaTermRule) throws(FormulaError) {
        try rule.check(self)
    }
}
