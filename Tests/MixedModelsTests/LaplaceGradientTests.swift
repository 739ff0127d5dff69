import Testing
import Formulas
@testable import MixedModels

/// The exact Laplace gradient (implicit-function theorem for û) against central differences of the Laplace
/// objective itself, at a point away from the optimum; step 1e-5 carries a truncation error h²·f‴/6 of about 1e-6 relative here, so the tolerance is 1e-5.
@Suite struct LaplaceGradientTests {
    @Test(arguments: [("cbpp.csv", "cbind(incidence, failures) ~ factor(period) + (1 | herd)", MixedModelFamily.binomial),
                      ("grouseticks.csv", "ticks ~ factor(year) + height + (1 | location)", MixedModelFamily.poisson)])
    func gradientMatchesDifferences(_ file: String, _ formula: String, _ family: MixedModelFamily) throws {
        let frame = try ModelFrame(formula: try Formula(parsing: formula), data: try Fixtures.data(file))
        let d = try MixedModelData(frame: frame, family: family)
        let obj = try GroupedGLMMObjective(data: d, family: family, nAGQ: 1)
        var modes = [Double](repeating: 0, count: d.groupCount), curv = modes
        let par = (0..<d.p).map { 0.1 * Double($0) - 0.3 } + [0.8]
        let (v, g) = obj.laplaceValueAndGradient(par, modes: &modes)
        #expect(abs(v - obj.negativeLogLikelihood(par, modes: &modes, curvatures: &curv)) <= 1e-10 * abs(v))
        for k in par.indices {
            let h = 1e-5
            var a = par, b = par
            a[k] += h; b[k] -= h
            let fd = (obj.negativeLogLikelihood(a, modes: &modes, curvatures: &curv)
                      - obj.negativeLogLikelihood(b, modes: &modes, curvatures: &curv)) / (2 * h)
            #expect(abs(g[k] - fd) <= 1e-5 * max(1, abs(fd)), "parameter \(k): \(g[k]) vs \(fd)")
        }
    }
}
