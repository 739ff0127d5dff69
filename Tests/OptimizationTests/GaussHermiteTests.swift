import Foundation
import Testing
@testable import Optimization

struct HermiteReference {
    var numpyNodes: [Double] = [], numpyWeights: [Double] = [], nodes: [Double] = [], weights: [Double] = []

    /// Rows of gauss-hermite.csv (written by make-gauss-hermite.py) for order n.
    static func load(_ n: Int) -> HermiteReference {
        var r = HermiteReference()
        for line in Fixtures.lines("gauss-hermite.csv").dropFirst() {
            let p = line.split(separator: ",").map(String.init)
            guard p.count == 6, Int(p[0]) == n else { continue }
            r.numpyNodes.append(Double(p[2]) ?? .nan); r.numpyWeights.append(Double(p[3]) ?? .nan)
            r.nodes.append(Double(p[4]) ?? .nan); r.weights.append(Double(p[5]) ?? .nan)
        }
        return r
    }
}

@Suite("Gauss–Hermite rules against numpy hermgauss and 40-digit mpmath values")
struct GaussHermiteTests {
    static let orders = [1, 2, 3, 4, 5, 10, 20, 32, 50, 64, 100]

    @Test("Nodes within 2e-15·max(1, |x|) and weights within 1e-13 relative of mpmath; within 1e-12 of numpy",
          arguments: orders)
    func againstReferences(n: Int) throws {
        let rule = try GaussHermiteRule(order: n)
        let ref = HermiteReference.load(n)
        #expect(ref.nodes.count == n)
        for i in 0..<n {
            #expect(abs(rule.nodes[i] - ref.nodes[i]) <= 2e-15 * max(1, abs(ref.nodes[i])))
            #expect(abs(rule.weights[i] - ref.weights[i]) <= 1e-13 * ref.weights[i])
            #expect(abs(rule.nodes[i] - ref.numpyNodes[i]) <= 1e-13 * max(1, abs(ref.numpyNodes[i])))
            #expect(abs(rule.weights[i] - ref.numpyWeights[i]) <= 1e-12 * ref.numpyWeights[i])
        }
    }

    @Test("Σ w = √π and exactness for monomials up to degree 2n − 1 (∫x^{2k}e^{−x²} = Γ(k + ½)), to 1e-13 relative",
          arguments: [1, 2, 5, 10, 20, 40])
    func polynomialExactness(n: Int) throws {
        let rule = try GaussHermiteRule(order: n)
        #expect(abs(rule.weights.reduce(0, +) - Double.pi.squareRoot()) < 1e-14 * Double.pi.squareRoot())
        for degree in 0...(2 * n - 1) {
            let approx = rule.integrate { pow($0, Double(degree)) }
            // Hand: odd moments vanish; even moments are Γ((d + 1)/2).
            let exact = degree % 2 == 1 ? 0 : tgamma(Double(degree + 1) / 2)
            // Odd moments cancel between ± nodes up to rounding of the largest term.
            let scale = rule.integrate { pow(abs($0), Double(degree)) }
            #expect(abs(approx - exact) <= 1e-13 * scale, "n=\(n) degree=\(degree)")
        }
    }

    @Test("Standard-normal form: Σ w = 1, E[Z²] = 1, E[Z⁴] = 3, E[cos Z] = e^{−1/2} (hand), to 1e-14")
    func standardNormal() throws {
        let rule = try GaussHermiteRule(order: 30, weight: .standardNormal)
        #expect(abs(rule.weights.reduce(0, +) - 1) < 1e-14)
        #expect(abs(rule.integrate { $0 * $0 } - 1) < 1e-14)
        #expect(abs(rule.integrate { $0 * $0 * $0 * $0 } - 3) < 1e-13)
        #expect(abs(rule.integrate { cos($0) } - exp(-0.5)) < 1e-14)
        let physicists = try GaussHermiteRule(order: 30)
        for i in 0..<30 {
            #expect(abs(rule.nodes[i] - 2.0.squareRoot() * physicists.nodes[i]) <= 1e-15 * max(1, abs(rule.nodes[i])))
        }
    }

    @Test("Large orders 500 and 1000: finite ascending nodes, finite log-weights where weights underflow, Σ w = √π to 1e-13",
          arguments: [500, 1000])
    func largeOrder(n: Int) throws {
        let rule = try GaussHermiteRule(order: n)
        #expect(rule.nodes.allSatisfy(\.isFinite) && rule.logWeights.allSatisfy(\.isFinite))
        #expect(abs(rule.weights.reduce(0, +) - Double.pi.squareRoot()) < 1e-13)
        #expect(zip(rule.nodes, rule.nodes.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("Invalid order throws")
    func invalidOrder() {
        #expect(throws: OptimizationError.invalidOrder(0)) { try GaussHermiteRule(order: 0) }
        #expect(throws: OptimizationError.invalidOrder(1001)) { try GaussHermiteRule(order: 1001) }
    }

    @Test("logSumExp: hand values and extreme inputs")
    func logSumExpValues() {
        #expect(abs(logSumExp([log(2), log(3)]) - log(5)) < 1e-15)
        #expect(abs(logSumExp([-1000, -1000]) - (-1000 + log(2))) < 1e-12)
        #expect(logSumExp([]) == -.infinity)
        #expect(logSumExp([-.infinity, 1]) == 1)
        #expect(logSumExp([1, .nan]).isNaN)
    }
}
