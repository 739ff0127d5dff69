public import Tabular
internal import Formulas

extension MixedModelSpec {
    /// Fits the model to `data`: a linear mixed model (``LinearMixedModel``) for the Gaussian family, otherwise a
    /// GLMM by Laplace or adaptive Gauss–Hermite quadrature (``GeneralizedMixedModel``).
    ///
    /// Throws ``MixedModelError`` when the formula does not match the data or has a `strata()` or `cluster()`
    /// term (``formulaTerms``), a grouping factor has one level, the model is not one this module
    /// fits (exactly one random-effect term; nAGQ > 1 only with a scalar random effect; random slopes by Laplace), the response does not suit
    /// the family, or the fixed effects are not estimable. Convergence problems are warnings on the result.
    public func fit(_ data: DataFrame) throws(MixedModelError) -> MixedModelFit {
        let frame: ModelFrame
        do {
            try formula.requireTerms(Self.formulaTerms)
            frame = try ModelFrame(formula: formula, data: data)
        } catch { throw .formula(error) }
        let d = try MixedModelData(frame: frame, family: family)
        var fit = try fit(d)
        fit.groupSizes = d.rowsOfGroup.map(\.count)
        fit.groupLevels = d.groupLevels
        fit.indicatorRows = d.indicatorRows
        fit.indicatorOutcomes = d.indicatorOutcomes
        fit.missing = frame.missing.droppedRows > 0 ? frame.missing : nil
        return fit
    }

    private func fit(_ d: MixedModelData) throws(MixedModelError) -> MixedModelFit {
        switch family {
        case .gaussian:
            // The profiled deviance takes one (full) relative covariance factor: one term.
            guard d.termColumns.count == 1 else { throw .needsOneRandomEffectTerm(found: d.termColumns.count) }
            return try LinearMixedModel.fit(self, data: d)
        case .binomial, .poisson:
            guard (1...25).contains(nAGQ) else { throw .invalidQuadratureOrder(nAGQ) }
            if d.q != 1 {
                // lme4 refuses nAGQ > 1 for vector random effects too: the q-dimensional AGQ grid is not offered.
                guard nAGQ == 1 else { throw .quadratureNeedsScalarRandomEffect(columns: d.q) }
                return try VectorGeneralizedMixedModel.fit(self, data: d)
            }
            return try GeneralizedMixedModel.fit(self, data: d)
        }
    }
}
