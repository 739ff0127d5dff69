import Foundation
import Testing
import TestSupport
@testable import Forecasting

/// The STL decomposition and seasonal strength behind auto.arima's seasonal differencing, against R's
/// `stl(x, s.window = 11)` and forecast's `seas.heuristic` / `nsdiffs` (Fixtures/arima/make_seasonal_strength_fixtures.R).
/// Tolerance 1e-10 relative to the series' scale: the same arithmetic as R's Fortran, in a different order.
@Suite struct ARIMASeasonalStrengthTests {
    struct Case: Decodable {
        let name: String
        let values: [Double]
        let frequency: Int
        let strength: Double
        let nsdiffs: Int
        let seasonal: [Double]
        let trend: [Double]
    }

    static func load() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/arima/seasonal_strength_reference.json")
        return try JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }

    @Test func stlMatchesR() throws {
        for c in try Self.load() {
            let scale = c.values.map(abs).max()!
            let (seasonal, trend) = ARIMASeasonalStrength.stl(c.values, period: c.frequency, seasonalWindow: 11)
            for i in c.values.indices {
                #expect(isClose(seasonal[i], c.seasonal[i], absolute: 1e-10 * scale), "\(c.name) seasonal[\(i)]")
                #expect(isClose(trend[i], c.trend[i], absolute: 1e-10 * scale), "\(c.name) trend[\(i)]")
            }
        }
    }

    @Test func strengthAndNsdiffsMatchR() throws {
        for c in try Self.load() {
            #expect(isClose(ARIMASeasonalStrength.strength(c.values, period: c.frequency), c.strength, relative: 1e-9), "\(c.name)")
            #expect(ARIMASeasonalStrength.seasonalDifferences(c.values, period: c.frequency) == c.nsdiffs, "\(c.name)")
        }
    }
}
