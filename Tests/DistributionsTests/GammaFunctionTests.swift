import Foundation
import Testing
@testable import Distributions
import TestSupport

/// Special functions against mpmath (60 digits; Fixtures/make-special-fixtures.py → special-functions.csv)
/// and against hand-computable values.
@Suite struct GammaFunctionTests {
    /// Relative tolerance per function. 1e-14 is a few ulps of headroom over the errors seen (reported by
    /// the test on failure); erfc near its underflow threshold (x > 26) has its own, looser bound because the
    /// result is subnormal-adjacent and exp(−x²) amplifies the rounding of x itself by 2x² ≈ 1400.
    static let tolerance: [String: Double] = [
        "logGamma": 1e-14, "logGamma1p": 1e-14, "log1pmx": 1e-14, "stirlingError": 1e-14, "bd0": 1e-14,
        "digamma": 1e-14, "trigamma": 1e-14, "erf": 1e-15, "erfc": 1e-14,
    ]

    static func evaluate(_ name: String, _ x: Double, _ y: Double) -> Double {
        switch name {
        case "logGamma": return SpecialFunctions.logGamma(x)
        case "logGamma1p": return SpecialFunctions.logGamma1p(x)
        case "log1pmx": return SpecialFunctions.log1pmx(x)
        case "stirlingError": return SpecialFunctions.stirlingError(x)
        case "bd0": return SpecialFunctions.bd0(x, y)
        case "digamma": return SpecialFunctions.digamma(x)
        case "trigamma": return SpecialFunctions.trigamma(x)
        case "erf": return SpecialFunctions.erf(x)
        case "erfc": return SpecialFunctions.erfc(x)
        default: return .nan
        }
    }

    @Test func againstMpmath() throws {
        let rows = try Fixtures.rows("special-functions.csv")
        #expect(rows.count > 200)
        var worst: [String: (Double, Double)] = [:]
        for row in rows {
            let name = row["function"] ?? ""
            let x = Fixtures.number(row["x"])
            let y = Fixtures.number(row["y"])
            let expected = Fixtures.number(row["value"])
            let actual = Self.evaluate(name, x, y)
            let err = relativeError(actual, expected)
            var tol = Self.tolerance[name] ?? 0
            // Near the underflow threshold erfc(x) ~ 1e-300…1e-308: conditioning 2x²·eps ≈ 1.6e-13.
            if name == "erfc" && x > 26 { tol = 1e-12 }
            // Reflection formula next to a pole: the problem itself has condition number ~ |x|·|ψ(x)|.
            if (name == "logGamma" || name == "digamma" || name == "trigamma") && x < -2 { tol = 1e-13 }
            #expect(err <= tol, "\(name)(\(x), \(y)) = \(actual), expected \(expected), rel err \(err)")
            if err > (worst[name]?.0 ?? -1) { worst[name] = (err, x) }
        }
        for (name, w) in worst.sorted(by: { $0.key < $1.key }) {
            testReport("max rel err \(name): \(w.0) at x = \(w.1)")
        }
    }

    @Test func handComputable() {
        // Γ(n) = (n − 1)!: log Γ(5) = log 24, log Γ(11) = log 3628800.
        #expect(abs(SpecialFunctions.logGamma(5) - log(24.0)) <= 1e-15 * log(24.0))
        #expect(abs(SpecialFunctions.logGamma(11) - log(3_628_800.0)) <= 1e-15 * log(3_628_800.0))
        // Γ(1) = Γ(2) = 1 exactly; Γ(½) = √π.
        #expect(SpecialFunctions.logGamma(1) == 0)
        #expect(SpecialFunctions.logGamma(2) == 0)
        #expect(abs(SpecialFunctions.logGamma(0.5) - 0.5 * log(Double.pi)) <= 2e-16)
        // ψ(1) = −γ, ψ′(1) = π²/6, ψ(½) = −γ − 2 log 2, ψ′(½) = π²/2.
        let gamma = 0.577_215_664_901_532_860_6
        #expect(abs(SpecialFunctions.digamma(1) + gamma) <= 1e-15)
        #expect(abs(SpecialFunctions.trigamma(1) - Double.pi * Double.pi / 6) <= 2e-16 * 1.7)
        #expect(abs(SpecialFunctions.digamma(0.5) - (-gamma - 2 * log(2.0))) <= 1e-15 * 2)
        #expect(abs(SpecialFunctions.trigamma(0.5) - Double.pi * Double.pi / 2) <= 1e-15 * 5)
        // erf(0) = 0, erfc(0) = 1, erf odd, erf(∞) = 1.
        #expect(SpecialFunctions.erf(0) == 0)
        #expect(SpecialFunctions.erfc(0) == 1)
        #expect(isClose(SpecialFunctions.erf(-0.3), -SpecialFunctions.erf(0.3), relative: 1e-16))
        #expect(SpecialFunctions.erf(.infinity) == 1)
        #expect(SpecialFunctions.erfc(.infinity) == 0)
        #expect(SpecialFunctions.erfc(-.infinity) == 2)
        // Stirling error at 1: log 1! − log(√(2π) e⁻¹) = 1 − log √(2π).
        #expect(abs(SpecialFunctions.stirlingError(1) - (1 - 0.918_938_533_204_672_741_78)) <= 1e-16)
        // bd0(x, x) = 0; log1pmx(0) = 0.
        #expect(SpecialFunctions.bd0(7.5, 7.5) == 0)
        #expect(SpecialFunctions.log1pmx(0) == 0)
    }

    @Test func edgeCases() {
        #expect(SpecialFunctions.logGamma(.nan).isNaN)
        #expect(SpecialFunctions.logGamma(0) == .infinity)
        #expect(SpecialFunctions.logGamma(-3) == .infinity)
        #expect(SpecialFunctions.logGamma(.infinity) == .infinity)
        #expect(SpecialFunctions.logGamma(-.infinity) == .infinity)
        #expect(SpecialFunctions.digamma(0).isNaN)
        #expect(SpecialFunctions.digamma(-2).isNaN)
        #expect(SpecialFunctions.trigamma(-2) == .infinity)
        #expect(SpecialFunctions.erf(.nan).isNaN)
        #expect(SpecialFunctions.erfc(.nan).isNaN)
        #expect(SpecialFunctions.log1pmx(-1) == -.infinity)
        #expect(SpecialFunctions.log1pmx(-2).isNaN)
        #expect(SpecialFunctions.stirlingError(-1).isNaN)
        #expect(SpecialFunctions.bd0(-1, 2).isNaN)
    }
}
