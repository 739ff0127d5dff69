import Foundation
import Testing
import TestSupport
@testable import Forecasting

/// Benchmark methods and transforms against R forecast 8.20 (`naive`, `rwf(drift = TRUE)`, `meanf`, `snaive`, with
/// `lambda = 0 | 0.5` and `biasadj = FALSE | TRUE`), values from Fixtures/make_benchmark_fixtures.R on ten LA-panel
/// series and AirPassengers. Tolerance: 1e-10 relative (absolute below 1).
@Suite struct BenchmarkReferenceTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Splits a CSV line written by R's write.csv (every field quoted).
    static func fields(_ line: Substring) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        }
    }

    static func series() throws -> [String: TimeSeries] {
        let text = try String(contentsOf: directory.appendingPathComponent("benchmark_series.csv"), encoding: .utf8)
        var values: [String: [Double]] = [:], meta: [String: (Int, Double)] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = fields(line)
            values[f[0], default: []].append(Double(f[4])!)
            meta[f[0]] = (Int(f[1])!, Double(f[2])!)
        }
        return values.reduce(into: [:]) { out, kv in
            out[kv.key] = TimeSeries(name: kv.key, values: kv.value, start: meta[kv.key]!.1, frequency: meta[kv.key]!.0)
        }
    }

    struct Row { var h: Int; var mean, l80, u80, l95, u95: Double }

    static func reference() throws -> [String: [Row]] {
        let text = try String(contentsOf: directory.appendingPathComponent("benchmark_forecasts.csv"), encoding: .utf8)
        var out: [String: [Row]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = fields(line)
            let d = f[1...].map { Double($0)! }
            out[f[0], default: []].append(Row(h: Int(d[0]), mean: d[1], l80: d[2], u80: d[3], l95: d[4], u95: d[5]))
        }
        return out
    }

    @Test func benchmarksAndTransformsMatchR() throws {
        let data = try Self.series()
        let reference = try Self.reference()
        #expect(reference.count == 10 * 15 + 3)
        var compared = 0
        for (key, rows) in reference {
            let parts = key.split(separator: "|").map(String.init)
            let series = try #require(data[parts[0]])
            let method = try #require(BenchmarkMethod(rawValue: parts[1]))
            let transform: ForecastTransform = parts[2] == "none" ? .none : (parts[2] == "0" ? .log : .boxCox(lambda: 0.5))
            let spec = TransformedSpec(BenchmarkSpec(method), transform: transform, biasAdjusted: parts[3] == "biasadj")
            let f = try spec.fit(series).forecast(horizon: rows.count, levels: [80, 95])
            let i80 = try #require(f.interval(at: 80)), i95 = try #require(f.interval(at: 95))
            for r in rows {
                let k = r.h - 1
                let pairs = [(f.mean[k], r.mean), (i80.lower[k], r.l80), (i80.upper[k], r.u80),
                             (i95.lower[k], r.l95), (i95.upper[k], r.u95)]
                for (mine, theirs) in pairs {
                    #expect(isClose(mine, theirs, relative: 1e-10, absolute: 1e-10), "\(key) h=\(r.h): \(mine) vs R \(theirs)")
                    compared += 1
                }
            }
        }
        #expect(compared == 5 * (150 * 5 + 90))
    }
}
