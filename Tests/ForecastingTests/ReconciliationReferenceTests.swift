import Foundation
import Testing
import TestSupport
@testable import Forecasting

/// Reconciliation against the formulas, computed with numpy by Fixtures/make_reconciliation_fixtures.py (R's hts and
/// fable are not installable here), plus the laws every reconciliation must satisfy. Tolerance: 1e-10 relative
/// (absolute below 1).
@Suite struct ReconciliationReferenceTests {
    struct Fixture: Decodable {
        struct Case: Decodable { var method: String; var fixed_top: Bool; var reconciled: [[Double]] }
        var nodes: [String]
        var pairs: [[String]]
        var base: [[Double]]
        var residuals: [[Double]]
        var lambda: Double
        var cases: [Case]
    }

    static func fixture() throws -> Fixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/reconciliation_fixtures.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test func matchesTheFormulas() throws {
        let fx = try Self.fixture()
        let h = try Hierarchy(pairs: fx.pairs.map { ($0[0], $0[1]) })
        #expect(h.nodes == fx.nodes)
        #expect(fx.cases.count == 8)
        for c in fx.cases {
            let method = try #require(ReconciliationMethod(rawValue: c.method))
            let r = try ForecastReconciliation.reconcile(fx.base, hierarchy: h, method: method, residuals: fx.residuals,
                                                         fixedTop: c.fixed_top, nonNegative: false)
            for i in 0..<fx.nodes.count {
                for t in 0..<3 {
                    #expect(isClose(r.values[i][t], c.reconciled[i][t], relative: 1e-10, absolute: 1e-10),
                            "\(c.method) fixed=\(c.fixed_top) \(fx.nodes[i]) step \(t + 1)")
                }
            }
            if method == .mintShrink { #expect(isClose(r.shrinkage, fx.lambda, relative: 1e-10)) }
        }
    }

    /// Coherence: every reconciled node equals the sum of its reconciled leaves; bottom-up of coherent forecasts is
    /// the identity (and so is every projection method).
    @Test func coherenceAndIdentityOnCoherentForecasts() throws {
        let fx = try Self.fixture()
        let h = try Hierarchy(pairs: fx.pairs.map { ($0[0], $0[1]) })
        let leafRows = h.bottom.map { h.nodes.firstIndex(of: $0)! }
        for method in ReconciliationMethod.allCases {
            let r = try ForecastReconciliation.reconcile(fx.base, hierarchy: h, method: method, residuals: fx.residuals)
            for t in 0..<3 {
                let agg = h.aggregate(leafRows.map { r.values[$0][t] })
                for i in agg.indices { #expect(isClose(r.values[i][t], agg[i], relative: 1e-12, absolute: 1e-12)) }
            }
            // Coherent input: S·b.
            let b = leafRows.map { fx.base[$0] }
            let coherent = (0..<h.nodes.count).map { i in (0..<3).map { t in h.aggregate(b.map { $0[t] })[i] } }
            let again = try ForecastReconciliation.reconcile(coherent, hierarchy: h, method: method, residuals: fx.residuals)
            for i in coherent.indices { for t in 0..<3 {
                #expect(isClose(again.values[i][t], coherent[i][t], relative: 1e-10, absolute: 1e-10), "\(method)")
            } }
        }
    }

    /// Attack: all-zero leaves (zero residual variance, singular covariance) and a base forecast far below zero:
    /// the result is finite, non-negative and coherent, and it terminates.
    @Test func allZeroAndNegativeAreSafe() throws {
        let h = try Hierarchy(pairs: [("A", "T"), ("B", "T"), ("C", "T")])
        let base: [[Double]] = [[10, 10], [0, 0], [0, 0], [-50, 12]]
        let residuals: [[Double]] = [[1, -1, 2, 0], [0, 0, 0, 0], [0, 0, 0, 0], [1, -1, 2, 0]]
        for method in ReconciliationMethod.allCases {
            for fixed in [false, true] {
                let r = try ForecastReconciliation.reconcile(base, hierarchy: h, method: method, residuals: residuals, fixedTop: fixed)
                for row in r.values { #expect(row.allSatisfy { $0.isFinite && $0 >= 0 }, "\(method) \(fixed)") }
                for t in 0..<2 {
                    #expect(isClose(r.values[0][t], r.values[1][t] + r.values[2][t] + r.values[3][t], relative: 1e-12, absolute: 1e-12))
                }
                if fixed { #expect(isClose(r.values[0][0], 10, relative: 1e-12)) }
            }
        }
    }

    @Test func hierarchyRefusesTwoTopsAndCycles() {
        #expect(throws: ForecastError.self) { try Hierarchy(pairs: [("A", "T"), ("B", "U")]) }
        #expect(throws: ForecastError.self) { try Hierarchy(pairs: [("A", "B"), ("B", "A")]) }
        #expect(throws: ForecastError.self) { try Hierarchy(pairs: [("A", "T"), ("A", "U"), ("U", "T")]) }
    }
}
