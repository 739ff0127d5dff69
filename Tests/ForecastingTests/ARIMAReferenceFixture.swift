import Foundation
@testable import Forecasting

/// R's values from Fixtures/arima/make_arima_fixtures.R (R forecast 8.20): fixed-order `Arima` fits with forecasts,
/// `auto.arima`'s choice and `ndiffs`, for LA panel series (at31_cla, at31_cpp, 2010–2022) and R datasets.
struct ARIMAReferenceFixture: Decodable {
    /// jsonlite writes length-1 vectors as scalars (`auto_unbox`); this reads either form.
    struct Numbers: Decodable {
        let values: [Double]
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let one = try? c.decode(Double.self) { values = [one] } else { values = try c.decode([Double].self) }
        }
    }

    struct Strings: Decodable {
        let values: [String]
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            // NULL (no coefficients) comes out as an empty object.
            if let one = try? c.decode(String.self) { values = [one] } else { values = (try? c.decode([String].self)) ?? [] }
        }
    }

    struct Fit: Decodable {
        let order: [Int]
        let seasonal: [Int]
        let drift: Bool
        let mean: Bool
        let failed: Bool
        let coef_names: Strings?
        let coef: Numbers?
        let var_coef_diag: Numbers?
        let loglik: Double?
        let aic: Double?
        let aicc: Double?
        let bic: Double?
        let sigma2: Double?
        let method: String?
        let forecastMean: Numbers?
        let lower80: Numbers?
        let upper80: Numbers?
        let lower95: Numbers?
        let upper95: Numbers?

        enum CodingKeys: String, CodingKey {
            case order, seasonal, drift, mean, failed, coef_names, coef, var_coef_diag, loglik, aic, aicc, bic, sigma2
            case method, lower80, upper80, lower95, upper95
            case forecastMean = "forecast_mean"
        }

        var spec: ARIMASpec {
            ARIMASpec(order: ARIMAOrder(p: order[0], d: order[1], q: order[2], seasonalP: seasonal[0],
                                        seasonalD: seasonal[1], seasonalQ: seasonal[2]),
                      includeDrift: drift, includeMean: mean)
        }
    }

    struct Auto: Decodable {
        let d: Int
        let D: Int
        let coef_names: Strings?
        let coef: Numbers?
        let loglik: Double
        let aicc: Double
        let method: String
    }

    struct Case: Decodable {
        let name: String
        let values: [Double]
        let start: Double
        let frequency: Int
        let ndiffs: Int
        let nsdiffs: Int
        let fits: [Fit]
        let auto: Auto

        var series: TimeSeries { TimeSeries(name: name, values: values, start: start, frequency: frequency) }
    }

    let generator: String
    let cases: [Case]

    static func load() throws -> ARIMAReferenceFixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/arima/arima_reference.json")
        return try JSONDecoder().decode(ARIMAReferenceFixture.self, from: Data(contentsOf: url))
    }
}
