import Foundation

/// The reference values in Fixtures/funnel_reference.json, made by Fixtures/make_funnel_fixtures.py: an
/// independent scipy implementation of the published formulas (Spiegelhalter 2005 appendix A.1.1; FunnelPlotR;
/// PHE's Wilson limits; DerSimonian–Laird τ²).
enum FunnelReference {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    nonisolated(unsafe) static let root: [String: Any] = {
        let data = try! Data(contentsOf: directory.appendingPathComponent("funnel_reference.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func rows(_ key: String) -> [[String: Any]] { root[key] as! [[String: Any]] }
    static func object(_ key: String) -> [String: Any] { root[key] as! [String: Any] }
}

extension Dictionary where Key == String, Value == Any {
    func double(_ k: String) -> Double { (self[k] as! NSNumber).doubleValue }
    func pair(_ k: String) -> (Double, Double) {
        let a = self[k] as! [NSNumber]
        return (a[0].doubleValue, a[1].doubleValue)
    }
    func sub(_ k: String) -> [String: Any] { self[k] as! [String: Any] }
}

/// |a − b| ≤ tol·max(1, |b|): absolute near 0, relative for large values (rates per 10,000).
func close(_ a: Double, _ b: Double, _ tol: Double) -> Bool { abs(a - b) <= tol * max(1, abs(b)) }
