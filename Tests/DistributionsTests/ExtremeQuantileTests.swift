import Foundation
import Testing
@testable import Distributions

/// Quantile searches for extreme parameters (shape 1e-300 … 1e15, λ up to 1e15, probabilities 1e-300)
/// against R 4.2.2 (Fixtures/make-gamma-fixtures.R → extreme-quantiles.csv): gamma 1e-13 relative
/// (exactly 0 where R underflows to 0), Poisson exact.
@Test func extremeQuantilesAgainstR() throws {
    let rows = try Fixtures.rows("extreme-quantiles.csv")
    #expect(rows.count == 9)
    for row in rows {
        let param = Fixtures.number(row["param"]), p = Fixtures.number(row["p"])
        let upper = row["upper"] == "1"
        let expected = Fixtures.number(row["value"])
        if row["dist"] == "gamma" {
            let g = try GammaDistribution(shape: param)
            let x = upper ? g.upperQuantile(p) : g.quantile(p)
            #expect(relativeError(x, expected) <= 1e-13, "gamma \(param) p=\(p) upper=\(upper): \(x) vs \(expected)")
        } else {
            let d = try Poisson(mean: param)
            let k = upper ? d.upperQuantile(p) : d.quantile(p)
            #expect(k == expected, "poisson \(param) p=\(p) upper=\(upper): \(k) vs \(expected)")
        }
    }
}
