import Testing
import Foundation
import TestSupport

// Reference values from R 4.2.2, printed with sprintf("%.17g"):
//   dt(2.228,10) pt(2.228,10) pt(2.228,10,lower.tail=FALSE) qt(0.975,10) qnorm(1e-300,lower.tail=FALSE)
//   dpois(2,3.5) ppois(2,3.5) ppois(2,3.5,lower.tail=FALSE) qbinom(0.5,20,0.3) pchisq(3.84,1,lower.tail=FALSE)
// The JSON output carries full precision, so the comparison is at 1e-13 relative (the Distributions module's
// stated body accuracy).

private func rows(_ json: String) throws -> [[String: Any]] {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    if let tables = object?["tables"] as? [[String: Any]] { return tables.flatMap { ($0["rows"] as? [[String: Any]]) ?? [] } }
    return (object?["rows"] as? [[String: Any]]) ?? []
}

@Suite struct DistributionCommandTests {
    @Test func studentTMatchesR() throws {
        let r = try CareStatBinary.run(["distribution", "t", "--df", "10", "--at", "2.228", "--p", "0.975", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rs = try rows(r.stdout)
        #expect(rs.count == 2)
        #expect(isClose(rs[0]["density"], 0.042394624706439947, relative: 1e-13))
        #expect(isClose(rs[0]["lower_tail"], 0.97499411409144432, relative: 1e-13))
        #expect(isClose(rs[0]["upper_tail"], 0.025005885908555663, relative: 1e-13))
        #expect(isClose(rs[1]["lower_quantile"], 2.2281388519862739, relative: 1e-13))
    }

    @Test func farTailQuantileAndDiscreteFamilies() throws {
        let n = try rows(try CareStatBinary.run(["distribution", "normal", "--p", "1e-300", "--format", "json"]).stdout)
        #expect(isClose(n[0]["upper_quantile"], 37.047096299361201, relative: 1e-13))
        let p = try rows(try CareStatBinary.run(["distribution", "poisson", "--lambda", "3.5", "--at", "2", "--format", "json"]).stdout)
        #expect(isClose(p[0]["density"], 0.18495897346170084, relative: 1e-13))
        #expect(isClose(p[0]["lower_tail"], 0.32084719886213409, relative: 1e-13))
        #expect(isClose(p[0]["upper_tail"], 0.67915280113786591, relative: 1e-13))
        let b = try rows(try CareStatBinary.run(["distribution", "binomial", "--trials", "20", "--prob", "0.3", "--p", "0.5", "--format", "json"]).stdout)
        #expect(b[0]["lower_quantile"] as? Double == 6)
        let c = try rows(try CareStatBinary.run(["distribution", "chisq", "--df", "1", "--at", "3.84", "--format", "json"]).stdout)
        #expect(isClose(c[0]["upper_tail"], 0.050043521248705224, relative: 1e-13))
    }

    @Test func textOutputIsATable() throws {
        let r = try CareStatBinary.run(["distribution", "t", "--df", "10", "--at", "1.812,2.228", "--p", "0.95"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Student's t (df = 10): density and tail probabilities\n"))
        #expect(r.stdout.contains("Student's t (df = 10): quantiles"))
    }

    @Test(arguments: [
        ["distribution", "t", "--at", "1"],                              // missing --df
        ["distribution", "normal", "--sd=-1", "--at", "1"],              // invalid parameter
        ["distribution", "normal", "--at", "1,abc"],                     // not a number
        ["distribution", "normal", "--p", "1.5"],                        // not a probability
        ["distribution", "normal"],                                      // nothing to compute
        ["distribution", "cauchy", "--at", "1"],                         // unknown family
    ])
    func userErrors(arguments: [String]) throws {
        let r = try CareStatBinary.run(arguments)
        #expect(r.status == 1 && r.exitedNormally, "\(arguments): \(r.status) \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.hasPrefix("carestat: error: "), "\(r.stderr)")
    }
}
