internal import LinearAlgebra
public import Reporting
internal import Foundation

/// The test of proportional hazards of Grambsch & Therneau (1994), per model term and globally, as survival's
/// `cox.zph(fit, transform = "km")` (version 3, which computes an exact score test rather than the older
/// Schoenfeld-residual regression approximation).
///
/// Each covariate xⱼ is given a companion xⱼ·g(t), with g(t) = 1 − Ŝ(t−) − mean over events, Ŝ the unweighted,
/// unstratified Kaplan–Meier estimate of all rows (the "km" transform; with (start, stop] rows, delayed entry
/// respected). At (β̂, γ = 0) the score is (0, u_γ) and the information the 2p×2p matrix
/// [[Σ V(t), Σ g V(t)], [Σ g V(t), Σ g² V(t)]] (V(t) the Efron/Breslow information contribution of death time
/// t). For a term with columns J the statistic is uᵀ I_KK⁻¹ u over K = (all β, γ_J), χ² on |J| df; the global
/// test uses all γ, χ² on p df. Aliased columns are left out, as in R.
///
/// Complexity: O(n·p²) (one kernel sweep with full p×p sums) plus O(n log n) for the Kaplan–Meier transform.
public struct ProportionalHazardsTest: Sendable {
    public struct Row: Sendable, Equatable {
        public let term: String
        public let chiSquare: Double
        public let degreesOfFreedom: Int
        public let pValue: Double
    }

    /// One row per model term (with at least one estimable column), in model order.
    public let terms: [Row]
    public let global: Row
    /// "km".
    public let transform: String

    /// Computes the test for a fitted model.
    public init(fit: CoxFit) {
        let kernel = fit.state.kernel
        let input = kernel.input
        transform = "km"
        // Kaplan–Meier of all rows, unweighted and unstratified.
        let data = input.data
        let stops = data.time   // already ascending within strata; sort the pooled times
            .sorted()
        let eventTimes = data.time.indices.filter { data.event[$0] }.map { data.time[$0] }.sorted()
        let starts = data.entry?.sorted()
        func countAtLeast(_ a: [Double], _ t: Double) -> Int {   // #{a >= t}, a ascending
            var l = 0, h = a.count
            while l < h { let m = (l + h) / 2; if a[m] < t { l = m + 1 } else { h = m } }
            return a.count - l
        }
        var kmTimes: [Double] = [], kmSurv: [Double] = []
        var s = 1.0, k = 0
        while k < eventTimes.count {
            let t = eventTimes[k]
            var d = 0
            while k < eventTimes.count, eventTimes[k] == t { d += 1; k += 1 }
            let atRisk = countAtLeast(stops, t) - (starts.map { countAtLeast($0, t) } ?? 0)
            s *= 1 - Double(d) / Double(atRisk)
            kmTimes.append(t); kmSurv.append(s)
        }
        func sBefore(_ t: Double) -> Double {   // Ŝ(t−): product over event times < t
            var l = 0, h = kmTimes.count
            while l < h { let m = (l + h) / 2; if kmTimes[m] < t { l = m + 1 } else { h = m } }
            return l == 0 ? 1 : kmSurv[l - 1]
        }
        let eventG = eventTimes.map { 1 - sBefore($0) }
        let meanG = eventG.isEmpty ? 0 : eventG.reduce(0, +) / Double(eventG.count)
        let eta = kernel.linearPredictors(fit.state.beta)
        let et = CoxKernelEventTimes(kernel: kernel, eta: eta) { 1 - sBefore($0) - meanG }

        let p = input.p
        let cols = (0..<p).filter { !fit.aliased[$0] }
        let q = cols.count
        // Full (β, γ) information and score on the estimable columns.
        var imat = [Double](repeating: 0, count: 4 * q * q)
        var u = [Double](repeating: 0, count: 2 * q)
        for (a, i) in cols.enumerated() {
            u[q + a] = et.uGamma[i]
            for (b, j) in cols.enumerated() {
                imat[a * 2 * q + b] = et.iBetaBeta[i * p + j]
                imat[a * 2 * q + q + b] = et.iBetaGamma[i * p + j]
                imat[(q + a) * 2 * q + b] = et.iBetaGamma[i * p + j]
                imat[(q + a) * 2 * q + q + b] = et.iGammaGamma[i * p + j]
            }
        }
        func statistic(_ keep: [Int]) -> Double {
            let m = keep.count
            var sub = [Double](repeating: 0, count: m * m)
            for (a, i) in keep.enumerated() { for (b, j) in keep.enumerated() { sub[a * m + b] = imat[i * 2 * q + j] } }
            let chol = SetAsideCholesky(rowMajor: sub, p: m, tolerance: 1e-13)
            let uu = keep.map { u[$0] }
            return zip(uu, chol.solve(uu)).reduce(0) { $0 + $1.0 * $1.1 }
        }
        var rows: [Row] = []
        for (t, label) in fit.termLabels.enumerated() {
            let members = cols.indices.filter { fit.termIndex[cols[$0]] == t }
            guard !members.isEmpty else { continue }
            let stat = statistic(Array(0..<q) + members.map { q + $0 })
            let test = CoxModelTest(statistic: stat, degreesOfFreedom: members.count)
            rows.append(Row(term: label, chiSquare: stat, degreesOfFreedom: members.count, pValue: test.pValue))
        }
        terms = rows
        let g = statistic(Array(0..<(2 * q)))
        let gt = CoxModelTest(statistic: g, degreesOfFreedom: q)
        global = Row(term: "GLOBAL", chiSquare: g, degreesOfFreedom: q, pValue: gt.pValue)
    }

    /// The test as a table (term, chisq, df, p), as `print(cox.zph(fit))`.
    public func table() -> Table {
        var t = Table(title: "Test of proportional hazards (transform: \(transform))",
                      columns: [Column("term", alignment: .left), Column("chisq"), Column("df"), Column("p")])
        for r in terms + [global] {
            t.append([.text(r.term), .number(r.chiSquare), .integer(r.degreesOfFreedom), .pValue(r.pValue)])
        }
        return t
    }
}

extension CoxFit {
    /// The Grambsch–Therneau proportional-hazards test (``ProportionalHazardsTest``), as `cox.zph(fit)`.
    public func proportionalHazardsTest() -> ProportionalHazardsTest { ProportionalHazardsTest(fit: self) }
}
