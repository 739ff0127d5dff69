import Formulas
import Foundation
import LinearAlgebra
import Regression
import Reporting
import Tabular
import Testing
import TestSupport

/// Cluster-robust and HC0 sandwich variances of the ordered and multinomial logit models against R
/// (Fixtures/make-robust-categorical.R: 3,000 rows in 60 clusters, 25 rows with a missing cluster).
/// Ordered: `sandwich::vcovCL(clm_fit, cluster = la)` (defaults: HC0, cadjust = TRUE → G/(G − 1)) and
/// `sandwich::sandwich(clm_fit)`; multinomial: the same sandwich written out in R from the per-row scores (sandwich
/// has no multinom methods). Tolerances: estimates 1e-9 relative, standard errors and covariances 1e-7 relative
/// (the brief's tolerance; R's clm stops at gradient 1e-10), the n/(n − 1) law 1e-10 relative (same fit, two
/// computations of one formula).
struct CategoricalRobustVarianceTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func csv(_ name: String) -> (header: [String], rows: [[String]]) {
        let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard let first = lines.first else { return ([], []) }
        let split = { (l: String) in l.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (split(first), lines.dropFirst().map(split))
    }

    /// The fixture data; `completeOnly` keeps the rows with an `la` (those R fitted). Adds `row` (1…n), a
    /// column with every row its own cluster.
    static func data(completeOnly: Bool = false) throws -> DataFrame {
        let (header, all) = csv("robust-categorical.csv")
        let rows = completeOnly ? all.filter { $0[header.firstIndex(of: "la") ?? 0] != "NA" } : all
        let col = { (name: String) in rows.map { $0[header.firstIndex(of: name) ?? 0] } }
        return try DataFrame(columns: [
            DataColumn(name: "y", categories: col("y"), levels: ["none", "one", "two", "three"], ordered: true),
            DataColumn(name: "m", categories: col("m"), levels: ["none", "custody", "community"]),
            DataColumn(name: "la", strings: col("la").map { $0 == "NA" ? nil : $0 }),
            DataColumn(name: "dep", doubles: col("dep").map { Double($0) }),
            DataColumn(name: "grp", categories: col("grp"), levels: ["a", "b", "c"]),
            DataColumn(name: "age", doubles: col("age").map { Double($0) }),
            DataColumn(name: "w", doubles: col("w").map { Double($0) }),
            DataColumn(name: "row", doubles: rows.indices.map { Double($0 + 1) }),
        ])
    }

    /// R values keyed "model/link/quantity/name".
    static let reference: [String: Double] = {
        var out: [String: Double] = [:]
        for r in csv("robust-categorical-reference.csv").rows { out[r[0...3].joined(separator: "/")] = Double(r[4]) ?? .nan }
        return out
    }()

    static func ref(_ model: String, _ link: String, _ quantity: String, _ name: String) -> Double {
        reference["\(model)/\(link)/\(quantity)/\(name)"] ?? .nan
    }

    static func rel(_ a: Double, _ b: Double) -> Double { b == 0 ? abs(a) : abs(a - b) / abs(b) }

    static let rhs = "dep + grp + age"

    static func ordered(_ link: OrderedLogitLink, _ formula: String = "y ~ dep + grp + age",
                        variance: CategoricalVariance, completeOnly: Bool = false) throws -> OrderedLogitFit {
        try OrderedLogitSpec(formula: try Formula(parsing: formula), link: link, variance: variance)
            .fit(try data(completeOnly: completeOnly))
    }

    static func multinomial(_ formula: String = "m ~ dep + grp + age", variance: CategoricalVariance,
                            completeOnly: Bool = false) throws -> MultinomialLogitFit {
        try MultinomialLogitSpec(formula: try Formula(parsing: formula), variance: variance)
            .fit(try data(completeOnly: completeOnly))
    }

    // MARK: Ordered logit

    @Test(arguments: OrderedLogitLink.allCases)
    func orderedClusterMatchesVcovCL(_ link: OrderedLogitLink) throws {
        let r = try Self.ordered(link, variance: .cluster("la"))
        let l = link.rawValue
        #expect(r.variance == .cluster("la"))
        #expect(r.clusterCount == Int(Self.ref("meta", "", "clusters", "")))
        #expect(r.observationCount == Int(Self.ref("meta", "", "rows", "")))
        #expect(r.converged)
        let names = r.thresholds.map(\.term) + r.coefficients.map(\.term)
        for (k, c) in (r.thresholds + r.coefficients).enumerated() {
            let est = Self.ref("ologit", l, "estimate", c.term)
            #expect(Self.rel(c.estimate, est) < 1e-9, "\(l) \(c.term) \(c.estimate) vs \(est)")
            let se = Self.ref("ologit", l, "cluster_se", c.term)
            #expect(Self.rel(c.standardError, se) < 1e-7, "\(l) cluster SE \(c.term) \(c.standardError) vs \(se)")
            let model = Self.ref("ologit", l, "model_se", c.term)
            #expect(Self.rel(r.modelCovariance[k, k].squareRoot(), model) < 1e-7, "\(l) model SE \(c.term)")
            #expect(abs(c.statistic - c.estimate / se) < 1e-6 * abs(c.statistic), "z uses the cluster SE")
        }
        let dep = try #require(names.firstIndex(of: "dep")), age = try #require(names.firstIndex(of: "age"))
        #expect(Self.rel(r.covariance[dep, age], Self.ref("ologit", l, "cluster_cov", "dep:age")) < 1e-7)
        #expect(Self.rel(r.covariance[0, dep], Self.ref("ologit", l, "cluster_cov", "none|one:dep")) < 1e-7)
        // The clustering matters here: the cluster-level covariate's SE is about 3 times the model-based one.
        #expect(r.coefficients[0].standardError > 2 * r.modelCovariance[dep, dep].squareRoot())
    }

    @Test(arguments: OrderedLogitLink.allCases)
    func orderedFormulaClusterTermSelectsClustering(_ link: OrderedLogitLink) throws {
        let byTerm = try Self.ordered(link, "y ~ dep + grp + age + cluster(la)", variance: .model)
        let byOption = try Self.ordered(link, variance: .cluster("la"))
        let same = try Self.ordered(link, "y ~ dep + grp + age + cluster(la)", variance: .cluster("la"))
        #expect(byTerm.variance == .cluster("la"))
        #expect(byTerm.covariance == byOption.covariance)
        #expect(same.covariance == byOption.covariance)
        #expect(byTerm.coefficients.map(\.term) == byOption.coefficients.map(\.term))
    }

    @Test(arguments: OrderedLogitLink.allCases)
    func orderedRobustMatchesSandwich(_ link: OrderedLogitLink) throws {
        let r = try Self.ordered(link, variance: .robust, completeOnly: true)
        #expect(r.variance == .robust && r.clusterCount == nil)
        for c in r.thresholds + r.coefficients {
            let se = Self.ref("ologit", link.rawValue, "hc0_se", c.term)
            #expect(Self.rel(c.standardError, se) < 1e-7, "\(link) HC0 SE \(c.term) \(c.standardError) vs \(se)")
        }
    }

    /// Law: with every row its own cluster, vcovCL = HC0 · n/(n − 1) (sandwich's cadjust G/(G − 1), G = n).
    @Test(arguments: OrderedLogitLink.allCases)
    func orderedRowClustersEqualScaledHC0(_ link: OrderedLogitLink) throws {
        let hc0 = try Self.ordered(link, variance: .robust, completeOnly: true)
        let rows = try Self.ordered(link, variance: .cluster("row"), completeOnly: true)
        let n = Double(rows.observationCount)
        #expect(rows.clusterCount == rows.observationCount)
        let p = hc0.covariance.rows
        for i in 0..<p { for j in 0..<p {
            let expected = hc0.covariance[i, j] * n / (n - 1)
            #expect(Self.rel(rows.covariance[i, j], expected) < 1e-10, "\(i),\(j)")
        } }
    }

    @Test func orderedModelVarianceIsUnchanged() throws {
        let r = try Self.ordered(.logit, variance: .model, completeOnly: true)
        #expect(r.variance == .model && r.clusterCount == nil)
        #expect(r.covariance == r.modelCovariance)
        for c in r.thresholds + r.coefficients {
            #expect(Self.rel(c.standardError, Self.ref("ologit", "logit", "model_se", c.term)) < 1e-7)
        }
        let fields = Rendered(try r.summary()).fields
        #expect(fields.first { $0.0 == "variance" }?.1 == .string("model"))
        #expect(!fields.contains { $0.0 == "clusters" })
    }

    @Test func orderedReportsSayClusterRobust() throws {
        let r = try Self.ordered(.logit, variance: .cluster("la"))
        let rendered = Rendered(try r.summary())
        let fields = rendered.fields
        #expect(fields.first { $0.0 == "variance" }?.1 == .string("cluster"))
        #expect(fields.first { $0.0 == "cluster" }?.1 == .string("la"))
        #expect(fields.first { $0.0 == "clusters" }?.1 == .number(60))
        #expect(rendered.tables[0].footnotes.contains { $0.contains("cluster-robust standard errors (60 clusters of la)") })
        // The 25 rows without an la are reported as dropped (a count of people: through the gate).
        #expect(r.warnings.contains { $0.contains("la") && $0.contains("25") }, "\(r.warnings)")
        #expect(rendered.field("warnings") == .array([.string("25 rows dropped for missing values (la: 25)")]))
    }

    @Test func conflictsAndTooFewClustersThrow() throws {
        #expect(throws: CategoricalOutcomeError.self) {
            try Self.ordered(.logit, "y ~ dep + cluster(la)", variance: .robust)
        }
        #expect(throws: CategoricalOutcomeError.self) {
            try Self.ordered(.logit, "y ~ dep + cluster(la)", variance: .cluster("grp"))
        }
        #expect(throws: CategoricalOutcomeError.self) {
            try Self.multinomial("m ~ dep + cluster(la)", variance: .cluster("row"))
        }
        // An unknown cluster column is a formula error with the nearest name.
        #expect(throws: CategoricalOutcomeError.formula(.unknownColumn("lla", suggestion: "la"))) {
            try Self.ordered(.logit, variance: .cluster("lla"))
        }
        // One cluster: G/(G − 1) is undefined.
        var d = try Self.data(completeOnly: true)
        try d.setColumn(DataColumn(name: "one", strings: [String?](repeating: "x", count: d.rowCount)))
        #expect(throws: CategoricalOutcomeError.self) {
            try OrderedLogitSpec(formula: try Formula(parsing: "y ~ dep"), variance: .cluster("one")).fit(d)
        }
    }

    @Test func parallelLinesTestKeepsTheClusterVariance() throws {
        let spec = OrderedLogitSpec(formula: try Formula(parsing: "y ~ dep + grp + age"), variance: .cluster("la"))
        let t = try ParallelLinesTest(spec: spec, data: try Self.data())
        let direct = try spec.fit(try Self.data())
        #expect(t.base.covariance == direct.covariance)
        #expect(t.base.clusterCount == 60)
    }

    /// Frequency weights: each row's score is multiplied by its weight (sandwich's estfun for a weighted clm).
    @Test(arguments: OrderedLogitLink.allCases)
    func orderedWeightedClusterMatchesVcovCL(_ link: OrderedLogitLink) throws {
        let r = try OrderedLogitSpec(formula: try Formula(parsing: "y ~ dep + grp + age + cluster(la)"), link: link,
                                     weights: "w").fit(try Self.data())
        for c in r.thresholds + r.coefficients {
            let est = Self.ref("ologit", link.rawValue, "weighted_estimate", c.term)
            #expect(Self.rel(c.estimate, est) < 1e-9, "\(link) \(c.term) \(c.estimate) vs \(est)")
            let se = Self.ref("ologit", link.rawValue, "weighted_cluster_se", c.term)
            #expect(Self.rel(c.standardError, se) < 1e-7, "\(link) weighted cluster SE \(c.term) \(c.standardError) vs \(se)")
        }
    }

    // MARK: Multinomial logit

    @Test func multinomialWeightedClusterMatchesHandSandwich() throws {
        let r = try MultinomialLogitSpec(formula: try Formula(parsing: "m ~ dep + grp + age"), weights: "w",
                                         variance: .cluster("la")).fit(try Self.data())
        for c in r.coefficients {
            let name = (c.responseLevel ?? "") + "|" + c.term
            #expect(Self.rel(c.estimate, Self.ref("mlogit", "", "weighted_estimate", name)) < 1e-9, "\(name)")
            let se = Self.ref("mlogit", "", "weighted_cluster_se", name)
            #expect(Self.rel(c.standardError, se) < 1e-7, "weighted cluster SE \(name) \(c.standardError) vs \(se)")
        }
    }

    @Test func multinomialClusterMatchesHandSandwich() throws {
        let r = try Self.multinomial(variance: .cluster("la"))
        #expect(r.variance == .cluster("la") && r.clusterCount == 60)
        #expect(r.observationCount == Int(Self.ref("meta", "", "rows", "")))
        #expect(r.coefficients.count == 10)
        for (k, c) in r.coefficients.enumerated() {
            let name = (c.responseLevel ?? "") + "|" + c.term
            let est = Self.ref("mlogit", "", "estimate", name)
            #expect(Self.rel(c.estimate, est) < 1e-9, "\(name) \(c.estimate) vs \(est)")
            let se = Self.ref("mlogit", "", "cluster_se", name)
            #expect(Self.rel(c.standardError, se) < 1e-7, "cluster SE \(name) \(c.standardError) vs \(se)")
            let model = Self.ref("mlogit", "", "model_se", name)
            #expect(Self.rel(r.modelCovariance[k, k].squareRoot(), model) < 1e-7, "model SE \(name)")
        }
        let byTerm = try Self.multinomial("m ~ dep + grp + age + cluster(la)", variance: .model)
        #expect(byTerm.covariance == r.covariance)
        let rendered = Rendered(try r.summary())
        #expect(rendered.field("variance") == .string("cluster"))
        #expect(rendered.field("clusters") == .number(60))
        #expect(rendered.tables[0].footnotes.contains { $0.contains("cluster-robust standard errors (60 clusters of la)") })
    }

    @Test func multinomialRobustAndRowClusterLaw() throws {
        let hc0 = try Self.multinomial(variance: .robust, completeOnly: true)
        for c in hc0.coefficients {
            let name = (c.responseLevel ?? "") + "|" + c.term
            let se = Self.ref("mlogit", "", "hc0_se", name)
            #expect(Self.rel(c.standardError, se) < 1e-7, "HC0 SE \(name) \(c.standardError) vs \(se)")
        }
        let rows = try Self.multinomial(variance: .cluster("row"), completeOnly: true)
        let n = Double(rows.observationCount)
        for i in 0..<hc0.covariance.rows { for j in 0..<hc0.covariance.columns {
            #expect(Self.rel(rows.covariance[i, j], hc0.covariance[i, j] * n / (n - 1)) < 1e-10)
        } }
    }
}
