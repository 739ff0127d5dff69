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

/// The group loops split across threads (``GroupedGLMMObjective/forEachBlock(_:)``) sum each group's terms in
/// group order, so one, two and three threads give the same value, gradient, modes and curvatures. Tolerance 0:
/// the same operations in the same order, by construction (not a numerical claim).
@Suite struct GroupedGLMMThreadsTests {
    @Test(arguments: [("cbpp.csv", "cbind(incidence, failures) ~ factor(period) + (1 | herd)", MixedModelFamily.binomial, 1),
                      ("cbpp.csv", "cbind(incidence, failures) ~ factor(period) + (1 | herd)", MixedModelFamily.binomial, 5),
                      ("grouseticks.csv", "ticks ~ factor(year) + height + (1 | location)", MixedModelFamily.poisson, 1)])
    func threadsGiveTheSameResult(_ file: String, _ formula: String, _ family: MixedModelFamily, _ nAGQ: Int) throws {
        let frame = try ModelFrame(formula: try Formula(parsing: formula), data: try Fixtures.data(file))
        let d = try MixedModelData(frame: frame, family: family)
        let serial = try GroupedGLMMObjective(data: d, family: family, nAGQ: nAGQ, threads: 1)
        #expect(serial.blocks.count == 1)
        let par = (0..<d.p).map { 0.1 * Double($0) - 0.3 } + [0.8]
        var m1 = [Double](repeating: 0, count: d.groupCount), c1 = m1
        let v1 = serial.negativeLogLikelihood(par, modes: &m1, curvatures: &c1)
        var g1 = [Double](repeating: 0, count: d.groupCount)
        let (lv1, lg1) = serial.laplaceValueAndGradient(par, modes: &g1)
        for threads in [2, 3] {
            let parallel = try GroupedGLMMObjective(data: d, family: family, nAGQ: nAGQ, threads: threads, minimumParallelRows: 0)
            #expect(parallel.blocks.count == threads)
            #expect(parallel.blocks.map(\.count).reduce(0, +) == d.groupCount)
            var m2 = [Double](repeating: 0, count: d.groupCount), c2 = m2
            #expect(parallel.negativeLogLikelihood(par, modes: &m2, curvatures: &c2) == v1)
            #expect(m2 == m1 && c2 == c1)
            var g2 = [Double](repeating: 0, count: d.groupCount)
            let (lv2, lg2) = parallel.laplaceValueAndGradient(par, modes: &g2)
            #expect(lv2 == lv1 && lg2 == lg1 && g2 == g1)
        }
    }
}
