import Foundation
import Forecasting

/// R forecast 8.20's `ets()` results written by Fixtures/make_ets_fixtures.R (Fixtures/ets_reference.json):
/// per series, fixed models and the automatic `ets(y)`, each with parameters, initial states, loglik, criteria,
/// σ², and h-step forecasts with 80/95% bounds.
enum ETSReferenceFixtures {
    struct Reference {
        let model: ETSModel
        let parameters: ETSParameters
        let initialStates: [Double]
        let loglik: Double
        let aic: Double
        let aicc: Double
        let bic: Double
        let sigma2: Double
        let residuals: [Double]
        let mean: [Double]
        let lower80: [Double], upper80: [Double], lower95: [Double], upper95: [Double]
    }

    struct Case {
        let name: String
        let series: TimeSeries
        let horizon: Int
        /// Model code ("AAdN") → R's fit, or the error R gave.
        let fixed: [(code: String, reference: Reference?, error: String?)]
        let auto: Reference
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func load() throws -> [Case] {
        let data = try Data(contentsOf: directory.appendingPathComponent("ets_reference.json"))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return try root.keys.sorted().map { name in
            let entry = root[name] as! [String: Any]
            let y = (entry["y"] as! [Any]).map(number)
            let series = TimeSeries(name: name, values: y, start: number(entry["start"]!),
                                    frequency: Int(number(entry["frequency"]!)))
            let fixedEntries = entry["fixed"] as! [String: Any]
            let order = ["ANN", "AAN", "AAdN", "MNN", "MAN", "MAdN", "ANA", "AAA", "MNM", "MAM", "MNA", "MAdM"]
            let fixed = try order.compactMap { code -> (code: String, reference: Reference?, error: String?)? in
                guard let e = fixedEntries[code] as? [String: Any] else { return nil }
                if let message = e["error"] as? String { return (code, nil, message) }
                return (code, try reference(e), nil)
            }
            return Case(name: name, series: series, horizon: Int(number(entry["h"]!)), fixed: fixed,
                        auto: try reference(entry["auto"] as! [String: Any]))
        }
    }

    static func number(_ any: Any) -> Double {
        switch any {
        case let d as Double: return d
        case let i as Int: return Double(i)
        case let n as NSNumber: return n.doubleValue
        default: return .nan
        }
    }

    static func reference(_ e: [String: Any]) throws -> Reference {
        let components = e["components"] as! [String]
        let error: ETSErrorType = components[0] == "A" ? .additive : .multiplicative
        let damped = components[3] == "TRUE"
        let trend: ETSTrendType = components[1] == "N" ? .none : (damped ? .damped : .additive)
        let season: ETSSeasonType = components[2] == "N" ? .none : (components[2] == "A" ? .additive : .multiplicative)
        let par = e["par"] as! [String: Any]
        let parameters = ETSParameters(alpha: number(par["alpha"]!), beta: par["beta"].map(number),
                                       gamma: par["gamma"].map(number), phi: par["phi"].map(number))
        // R's jsonlite writes a length-1 vector (ANN's single initial state) as a scalar.
        func array(_ key: String) -> [Double] {
            if let list = e[key] as? [Any] { return list.map(number) }
            return e[key].map { [number($0)] } ?? []
        }
        return Reference(model: ETSModel(error: error, trend: trend, season: season), parameters: parameters,
                         initialStates: array("initstate"), loglik: number(e["loglik"]!), aic: number(e["aic"]!),
                         aicc: number(e["aicc"]!), bic: number(e["bic"]!), sigma2: number(e["sigma2"]!),
                         residuals: array("residuals"), mean: array("mean"), lower80: array("lower80"),
                         upper80: array("upper80"), lower95: array("lower95"), upper95: array("upper95"))
    }
}
