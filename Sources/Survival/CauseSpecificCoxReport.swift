public import Reporting
internal import Foundation

extension CauseSpecificCoxFit {
    /// One table of hazard ratios for all causes: cause, term, coef, HR = exp(coef), SE (robust when the fit
    /// is robust), z, p and the HR's confidence interval, as ``CoxFit/table()`` per cause; footnotes give, per
    /// cause, n, events, the log-likelihoods, the likelihood-ratio test and convergence, and state the
    /// cause-specific rule. Aliased terms are missing cells.
    public func table() -> Table {
        let level = NumberFormatting.roundTrip((fits.first?.confidenceLevel ?? 0.95) * 100) ?? "95"
        var t = Table(
            title: "Cause-specific Cox models: \(fits.first?.formula ?? "")",
            columns: [Column("cause", alignment: .left), Column("term", alignment: .left), Column("coef"),
                      Column("HR", key: "hazard_ratio"), Column("SE", key: "std_error"), Column("z"),
                      Column("p", key: "p_value"), Column("HR \(level)% low", key: "conf_low"),
                      Column("HR \(level)% high", key: "conf_high")])
        func num(_ x: Double) -> Cell { x.isFinite ? .number(x) : .missing }
        for (cause, fit) in zip(causes, fits) {
            let se = fit.standardErrors, z = fit.zStatistics, p = fit.pValues, ci = fit.confidenceIntervals
            for j in fit.terms.indices {
                t.append([.text(cause), .text(fit.terms[j]), num(fit.coefficients[j]), num(exp(fit.coefficients[j])),
                          num(se[j]), num(z[j]), p[j].isNaN ? .missing : .pValue(p[j]), num(exp(ci[j].lower)),
                          num(exp(ci[j].upper))])
            }
        }
        t.footnotes = ["Cause-specific hazards: for each cause, \(status) = that cause is the event and every other "
                       + "value censored (\(status) = \(censoring) means censored); as R's coxph(Surv(time, \(status) == k) ~ ...)."]
        for (cause, fit) in zip(causes, fits) {
            let lr = fit.likelihoodRatioTest
            let pv = NumberFormatting.pValue(lr.pValue)
            var note = "\(cause): n = \(fit.n), events = \(fit.events), log-likelihood "
                + "\(NumberFormatting.human(fit.loglik, significantDigits: 8)) (null \(NumberFormatting.human(fit.loglikInitial, significantDigits: 8))), "
                + "likelihood ratio test = \(NumberFormatting.human(lr.statistic)) on \(lr.degreesOfFreedom) df, p \(pv.hasPrefix("<") ? pv : "= " + pv)"
            note += fit.converged ? "" : "; did not converge"
            if fit.isRobust { note += "; robust SE" }
            t.footnotes.append(note)
            t.footnotes += fit.warnings.map { "\(cause): warning: \($0)" }
        }
        return t
    }

    /// `{"model": "coxph-cause-specific", "status", "censoring", "causes": [...], "fits": [{"cause", ...}]}`,
    /// each fit object being ``CoxFit/json()`` with its cause added first.
    public func json() -> JSONValue {
        let items: [JSONValue] = zip(causes, fits).map { cause, fit in
            if case .object(let fields) = fit.json() { return .object([("cause", .string(cause))] + fields) }
            return .object([("cause", .string(cause))])
        }
        return .object([("model", .string("coxph-cause-specific")), ("status", .string(status)),
                        ("censoring", .string(censoring)), ("causes", .array(causes.map { .string($0) })),
                        ("fits", .array(items))])
    }
}
