import Foundation
import Testing
@testable import Optimization
import TestSupport

/// Rosenbrock written with products, as in make-fixtures.R, so both evaluate identically.
func rosenbrock(_ x: [Double]) -> Double {
    let a = x[1] - x[0] * x[0], b = 1 - x[0]
    return 100 * a * a + b * b
}

@Suite("Nelder–Mead against R's optim(method = \"Nelder-Mead\")")
struct NelderMeadTests {
    @Test("Rosenbrock from (−1.2, 1): same optimum and value as R to 1e-10 (same Nash algorithm), counts match")
    func rosenbrockMatchesR() throws {
        let r = try NelderMead().minimize(rosenbrock, from: [-1.2, 1])
        #expect(isClose(r.solution, Fixtures.vector("rosenbrock_nm", "par", count: 2), relative: 1e-10, absolute: 1e-10))
        #expect(abs(r.value - Fixtures.value("rosenbrock_nm", "value")) < 1e-14)
        #expect(Double(r.record.functionEvaluations) == Fixtures.value("rosenbrock_nm", "fncount"))
        #expect(r.converged && r.record.reason == .simplexSize)
        // True optimum (1, 1): NM with reltol 1e-8 gets x to about √reltol.
        #expect(isClose(r.solution, [1, 1], relative: 1e-3, absolute: 1e-3))
    }

    @Test("Logistic negative log-likelihood (mtcars am ~ wt + hp/100): optimum within 1e-3 of glm, value within 1e-6")
    func logistic() throws {
        let data = LogisticData.load()
        let r = try NelderMead(options: .init(maxEvaluations: 2000)).minimize(data.negativeLogLikelihood, from: [0, 0, 0])
        let glm = Fixtures.vector("logistic_glm", "coef", count: 3)
        // Tolerance: NM stops on relative spread 1e-8 of f; the likelihood is flat along a ridge, so the
        // parameters are only good to ~1e-4 relative (R's own NM result differs from glm by 3e-4).
        #expect(isClose(r.solution, glm, relative: 1e-3, absolute: 1e-3))
        #expect(abs(r.value - Fixtures.value("logistic_glm", "nll")) < 1e-6)
        #expect(abs(r.value - Fixtures.value("logistic_nm", "value")) < 1e-6)
    }

    @Test("Adaptive (Gao–Han) parameters on a 10-dimensional ill-scaled quadratic: optimum x_i = i within 1e-3")
    func adaptiveHighDimension() throws {
        // f = Σ i (x_i − i)²; minimum 0 at x_i = i (hand).
        let f: ([Double]) -> Double = { x in
            x.indices.reduce(0) { $0 + Double($1 + 1) * (x[$1] - Double($1 + 1)) * (x[$1] - Double($1 + 1)) }
        }
        let options = NelderMead.Options(relativeTolerance: 1e-14, maxEvaluations: 40_000, adaptive: true)
        let r = try NelderMead(options: options).minimize(f, from: Array(repeating: 0, count: 10))
        #expect(r.converged)
        #expect(isClose(r.solution, (1...10).map(Double.init), relative: 1e-3, absolute: 1e-3))
        #expect(r.value < 1e-6)
    }

    @Test("Non-finite at start stops with nonFiniteObjective; in-run NaN is rejected; zero dimensions")
    func edgeCases() throws {
        let bad = try NelderMead().minimize({ _ in .nan }, from: [1, 2])
        #expect(bad.record.reason == .nonFiniteObjective && !bad.converged)
        // NaN outside the disc of radius 3: the minimum (1, 1) lies inside, so the run must still find it.
        let r = try NelderMead().minimize({ x in x[0] * x[0] + x[1] * x[1] > 9 ? .nan : rosenbrock(x) },
                                          from: [-1.2, 1])
        #expect(isClose(r.solution, [1, 1], relative: 2e-3, absolute: 2e-3))
        let zero = try NelderMead().minimize({ _ in 4.5 }, from: [])
        #expect(zero.record.reason == .zeroDimensional && zero.value == 4.5 && zero.converged)
    }

    @Test("maxEvaluations reached: reason maxEvaluations, converged false, evaluations just over the cap (as R)")
    func maxEvaluations() throws {
        let r = try NelderMead(options: .init(maxEvaluations: 50)).minimize(rosenbrock, from: [-1.2, 1])
        #expect(r.record.reason == .maxEvaluations && !r.converged)
        #expect(r.record.functionEvaluations > 50 && r.record.functionEvaluations <= 50 + 2 + 2)
    }

    @Test("Invalid options and start throw typed errors")
    func invalid() {
        #expect(throws: OptimizationError.invalidOption(name: "contraction", value: 1.5)) {
            try NelderMead(options: .init(contraction: 1.5)).minimize(rosenbrock, from: [0, 0])
        }
        #expect(throws: OptimizationError.nonFiniteStart(index: 1)) {
            try NelderMead().minimize(rosenbrock, from: [0, .nan])
        }
    }
}

/// The logistic-regression data (mtcars am ~ wt + hp/100) written by make-fixtures.R.
struct LogisticData {
    var x: [[Double]]   // rows (1, wt, hp/100)
    var y: [Double]

    static func load() -> LogisticData {
        var x: [[Double]] = [], y: [Double] = []
        for line in Fixtures.lines("logistic-data.csv").dropFirst() {
            let p = line.split(separator: ",").compactMap { Double($0) }
            guard p.count == 3 else { continue }
            x.append([1, p[0], p[1]]); y.append(p[2])
        }
        return LogisticData(x: x, y: y)
    }

    func eta(_ beta: [Double]) -> [Double] { x.map { row in zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 } } }

    /// Σ log(1 + e^η) − yη.
    func negativeLogLikelihood(_ beta: [Double]) -> Double {
        zip(eta(beta), y).reduce(0) { $0 + log1p(exp($1.0)) - $1.1 * $1.0 }
    }

    /// Xᵀ(p − y).
    func gradient(_ beta: [Double]) -> [Double] {
        let e = eta(beta)
        var g = [Double](repeating: 0, count: 3)
        for i in y.indices {
            let p = 1 / (1 + exp(-e[i]))
            for j in 0..<3 { g[j] += x[i][j] * (p - y[i]) }
        }
        return g
    }

    /// XᵀWX with W = p(1 − p).
    func hessian(_ beta: [Double]) -> [[Double]] {
        let e = eta(beta)
        var h = [[Double]](repeating: [Double](repeating: 0, count: 3), count: 3)
        for i in y.indices {
            let p = 1 / (1 + exp(-e[i]))
            for j in 0..<3 { for k in 0..<3 { h[j][k] += x[i][j] * x[i][k] * p * (1 - p) } }
        }
        return h
    }
}
