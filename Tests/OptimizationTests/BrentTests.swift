import Foundation
import Testing
@testable import Optimization

@Suite("Brent minimisation (R optimize) and root finding (R uniroot)")
struct BrentTests {
    @Test("optimize((x - 1/3)^2, c(0, 1)) with R's default tol: minimum within tol of R's, value within 1e-8")
    func quadraticDefaultTolerance() throws {
        let r = try BrentMinimizer().minimize({ ($0 - 1.0 / 3) * ($0 - 1.0 / 3) }, lower: 0, upper: 1)
        // Same algorithm and tolerance as R: agreement to rounding is expected; test against R's tol (1.2e-4).
        #expect(abs(r.minimum - Fixtures.value("optimize_quad", "minimum")) < 1e-10)
        #expect(abs(r.value - Fixtures.value("optimize_quad", "objective")) < 1e-8)
        #expect(r.converged)
        #expect(r.record.reason == .intervalTolerance)
        #expect(r.record.objectiveTrace.count == r.record.iterations + 1)
    }

    @Test("optimize(sin(x) + cos(2x), c(0, 3), tol = 1e-10) and x log x − x: minimum to 1e-8, value to 1e-14")
    func tighterTolerance() throws {
        let m = BrentMinimizer(options: .init(tolerance: 1e-10))
        let a = try m.minimize({ sin($0) + cos(2 * $0) }, lower: 0, upper: 3)
        #expect(abs(a.minimum - Fixtures.value("optimize_trig", "minimum")) < 1e-8)
        #expect(abs(a.minimum - Double.pi / 2) < 1e-8)  // hand: f' = cos x (1 − 4 sin x) = 0 at π/2, f(π/2) = 0
        #expect(abs(a.value - Fixtures.value("optimize_trig", "objective")) < 1e-14)
        let b = try BrentMinimizer(options: .init(tolerance: 1e-12)).minimize(
            { $0 * log($0) - $0 }, lower: 0.1, upper: 5)
        #expect(abs(b.minimum - Fixtures.value("optimize_xlogx", "minimum")) < 1e-7)  // f flat: x known to √ε
        #expect(abs(b.value - (-1)) < 1e-14)  // hand: minimum of x log x − x at x = 1, value −1
    }

    @Test("Non-finite objective: NaN/Inf are treated as worst; −Inf stops with nonFiniteObjective")
    func nonFinite() throws {
        // f is NaN for x < 0.2; the minimum (x = 0.5) is still found.
        let r = try BrentMinimizer(options: .init(tolerance: 1e-9)).minimize(
            { $0 < 0.2 ? .nan : ($0 - 0.5) * ($0 - 0.5) }, lower: 0, upper: 1)
        #expect(abs(r.minimum - 0.5) < 1e-8)
        let s = try BrentMinimizer().minimize({ _ in -.infinity }, lower: 0, upper: 1)
        #expect(s.record.reason == .nonFiniteObjective)
        #expect(!s.converged)
    }

    @Test("Invalid intervals and options throw typed errors")
    func invalidInput() {
        #expect(throws: OptimizationError.invalidInterval(lower: 1, upper: 0)) {
            try BrentMinimizer().minimize({ $0 }, lower: 1, upper: 0)
        }
        #expect(throws: OptimizationError.invalidInterval(lower: 0, upper: .infinity)) {
            try BrentRootFinder().findRoot({ $0 }, lower: 0, upper: .infinity)
        }
        #expect(throws: OptimizationError.invalidOption(name: "tolerance", value: 0)) {
            try BrentMinimizer(options: .init(tolerance: 0)).minimize({ $0 }, lower: 0, upper: 1)
        }
    }

    @Test("Max iterations reached: reason maxIterations, converged false")
    func maxIterations() throws {
        let r = try BrentMinimizer(options: .init(tolerance: 1e-12, maxIterations: 3)).minimize(
            { cos($0) }, lower: 0, upper: 6)
        #expect(r.record.reason == .maxIterations)
        #expect(!r.converged)
        #expect(r.record.iterations == 3)
        let z = try BrentRootFinder(options: .init(tolerance: 1e-14, maxIterations: 2)).findRoot(
            { $0 * $0 * $0 - $0 - 1 }, lower: 1, upper: 2)
        #expect(z.record.reason == .maxIterations)
        #expect(!z.converged)
    }

    @Test("uniroot(x^3 − x − 1, c(1, 2), tol = 1e-12): root to 1e-12; cos x − x and pnorm(x) − 0.975 to 1e-12")
    func roots() throws {
        let finder = BrentRootFinder(options: .init(tolerance: 1e-13))
        let cubic = try BrentRootFinder(options: .init(tolerance: 1e-12)).findRoot(
            { $0 * $0 * $0 - $0 - 1 }, lower: 1, upper: 2)
        #expect(abs(cubic.root - Fixtures.value("uniroot_cubic", "root")) < 1e-12)
        #expect(cubic.converged)
        let c = try finder.findRoot({ cos($0) - $0 }, lower: 0, upper: 1)
        #expect(abs(c.root - Fixtures.value("uniroot_cos", "root")) < 1e-12)
        // pnorm(x) − 0.975 via erfc: Φ(x) = erfc(−x/√2)/2. Root is qnorm(0.975).
        let p = try finder.findRoot({ erfc(-$0 / 2.0.squareRoot()) / 2 - 0.975 }, lower: 0, upper: 5)
        #expect(abs(p.root - Fixtures.value("uniroot_pnorm", "root")) < 1e-12)
    }

    @Test("uniroot default tol: root and estim.prec match R (same algorithm) to 1e-12")
    func rootDefaultTolerance() throws {
        let c = try BrentRootFinder().findRoot({ cos($0) - $0 }, lower: 0, upper: 1)
        #expect(abs(c.root - Fixtures.value("uniroot_cos_default", "root")) < 1e-12)
        #expect(abs(c.estimatedPrecision - Fixtures.value("uniroot_cos_default", "estimprec")) < 1e-12)
    }

    @Test("Root edge cases: no sign change, exact root at an end, NaN inside")
    func rootEdgeCases() throws {
        let none = try BrentRootFinder().findRoot({ $0 * $0 + 1 }, lower: -1, upper: 1)
        #expect(none.record.reason == .noSignChange)
        #expect(none.root.isNaN && !none.converged)
        let exact = try BrentRootFinder().findRoot({ $0 - 2 }, lower: 0, upper: 2)
        #expect(exact.root == 2 && exact.record.reason == .exactSolution)
        let nan = try BrentRootFinder().findRoot({ $0 > 0.3 && $0 < 0.7 ? .nan : $0 - 0.5 }, lower: 0, upper: 1)
        #expect(nan.record.reason == .nonFiniteObjective && !nan.converged)
    }
}
