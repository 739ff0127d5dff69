internal import Distributions
internal import LinearAlgebra
internal import Foundation

/// The G-rho family of k-sample tests for right-censored survival (Harrington & Fleming 1982), stratified —
/// R survival's `survdiff(Surv(time, status) ~ group + strata(s), rho = ρ)`.
///
/// Within each stratum, at each distinct event time with n at risk (n_g in group g) and d events (d_g), and
/// weight w = Ŝ(t−)^ρ from the pooled left-continuous Kaplan–Meier of the stratum:
///   O_g += w·d_g,   E_g += w·d·n_g/n,
///   V_gh += w²·d·(n − d)/(n − 1) · (n_g/n)(δ_gh − n_h/n)   (n > 1).
/// O, E and V are summed over strata; with the groups having E > 0, the statistic is
/// (O − E)ᵀ V⁻ (O − E) dropping the first such group, on (that count − 1) degrees of freedom, referred to χ².
/// ρ = 0 is the log-rank (Mantel–Haenszel) test; ρ = 1 the Peto & Peto modification of the Gehan–Wilcoxon test.
///
/// Differences from R: `timefix` only when ``SurvivalData`` was built with `timefix: true`; case weights and (start, stop] data are
/// rejected, as R's survdiff does not support them either. Complexity: O(n·k + T·k²) for n rows, k groups and T
/// distinct event times, plus O(k³) for the solve.
public enum LogRank {
    /// Compares the survival of `groups` (one label per *input* row of `data`, in the caller's original row
    /// order; levels ordered as R's `factor()`), stratified by `data`'s strata.
    /// - Throws: `SurvivalCurveError.invalidArgument` for entry times, weights, ρ < 0 or NaN, or a label count
    ///   that does not match; `.insufficientData` for fewer than two groups.
    public static func test(_ data: SurvivalData, groups: [String], rho: Double = 0) throws(SurvivalCurveError)
        -> LogRankResult
    {
        guard data.entry == nil else { throw .invalidArgument("log-rank test needs right-censored data, not (start, stop]") }
        guard data.weight == nil else { throw .invalidArgument("log-rank test does not take case weights (as R's survdiff)") }
        guard rho >= 0 && rho.isFinite else { throw .invalidArgument("rho must be finite and >= 0, got \(rho)") }
        guard groups.count == data.count + data.omitted, data.row.allSatisfy({ $0 < groups.count }) else {
            throw .invalidArgument("groups has \(groups.count) labels for \(data.count + data.omitted) input rows")
        }
        let usedLabels = data.row.map { groups[$0] }
        let (codes, levels) = SurvivalData.factorCodes(usedLabels)
        let k = levels.count
        guard k >= 2 else { throw .insufficientData("there is only \(k) group") }

        var observed = [Double](repeating: 0, count: k)
        var expected = [Double](repeating: 0, count: k)
        var variance = [Double](repeating: 0, count: k * k)
        var counts = [Int](repeating: 0, count: k)
        for c in codes { counts[c] += 1 }
        var byStratum: [[Double]] = []

        var risk = [Double](repeating: 0, count: k)
        var deaths = [Double](repeating: 0, count: k)
        var leaving = [Double](repeating: 0, count: k)
        for s in 0..<data.strata.count {
            let range = data.rows(ofStratum: s)
            for g in 0..<k { risk[g] = 0 }
            for i in range { risk[codes[i]] += 1 }
            var nRisk = Double(range.count)
            var km = 1.0
            var o = [Double](repeating: 0, count: k)
            var i = range.lowerBound
            while i < range.upperBound {
                let t = data.time[i]
                for g in 0..<k { deaths[g] = 0; leaving[g] = 0 }
                var d = 0.0, m = 0.0
                repeat {
                    let g = codes[i]
                    leaving[g] += 1
                    m += 1
                    if data.event[i] { deaths[g] += 1; d += 1 }
                    i += 1
                } while i < range.upperBound && data.time[i] == t
                if d > 0 {
                    let w = rho == 0 ? 1 : pow(km, rho)
                    for g in 0..<k {
                        o[g] += w * deaths[g]
                        expected[g] += w * d * risk[g] / nRisk
                    }
                    if nRisk > 1 {
                        let w2 = w * w
                        for a in 0..<k {
                            let tmp = w2 * d * risk[a] * (nRisk - d) / (nRisk * (nRisk - 1))
                            variance[a * k + a] += tmp
                            for b in 0..<k { variance[a * k + b] -= tmp * risk[b] / nRisk }
                        }
                    }
                }
                km *= (nRisk - d) / nRisk
                for g in 0..<k { risk[g] -= leaving[g] }
                nRisk -= m
            }
            for g in 0..<k { observed[g] += o[g] }
            byStratum.append(o)
        }

        let used = (0..<k).filter { expected[$0] > 0 }
        let df = used.count - 1
        var chi = 0.0
        if used.count >= 2 {
            let idx = Array(used.dropFirst())
            let diff = idx.map { observed[$0] - expected[$0] }
            var v = Matrix(rows: idx.count, columns: idx.count)
            for (a, ga) in idx.enumerated() { for (b, gb) in idx.enumerated() { v[a, b] = variance[ga * k + gb] } }
            do {
                let solution = try LU(v).solve(Vector(diff))
                chi = zip(solution.elements, diff).reduce(0) { $0 + $1.0 * $1.1 }
            } catch {
                chi = .nan
            }
        }
        let p: Double
        if df <= 0 { p = chi.isNaN ? .nan : 0 } else {  // R: pchisq(0, 0, lower.tail = FALSE) = 0
            p = (try? ChiSquared(degreesOfFreedom: Double(df)).upperTail(chi)) ?? .nan
        }
        return LogRankResult(
            rho: rho, groups: levels, n: counts, observed: observed, expected: expected,
            variance: (0..<k).map { a in (0..<k).map { b in variance[a * k + b] } },
            chiSquare: chi, degreesOfFreedom: df, pValue: p, strata: data.strata)
    }
}
