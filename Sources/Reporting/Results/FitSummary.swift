/// A fit statistic (log-likelihood, AIC, BIC, deviance, degrees of freedom, θ, concordance, ...): its JSON key,
/// its label, its value and the counts of people it reveals (BIC = −2ℓ + k·log n and residual df = n − p reveal n).
public struct FitStatistic: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case number(Double)
        case integer(Int)
        case text(String)
        case bool(Bool)
    }

    public var key: String
    public var label: String
    public var value: Value
    public var reveals: [CountID]

    public init(_ key: String, _ label: String, _ value: Value, reveals: [CountID] = []) {
        self.key = key
        self.label = label
        self.value = value
        self.reveals = reveals
    }

    public static func number(_ key: String, _ label: String, _ x: Double, reveals: [CountID] = []) -> FitStatistic {
        FitStatistic(key, label, .number(x), reveals: reveals)
    }

    public static func integer(_ key: String, _ label: String, _ k: Int, reveals: [CountID] = []) -> FitStatistic {
        FitStatistic(key, label, .integer(k), reveals: reveals)
    }

    var cell: Cell {
        switch value {
        case .number(let x): return x.isNaN ? .missing : .number(x, significantDigits: 6)
        case .integer(let k): return .integer(k)
        case .text(let s): return .text(s)
        case .bool(let b): return .text(b ? "yes" : "no")
        }
    }

    var json: JSONValue {
        switch value {
        case .number(let x): return .number(x)
        case .integer(let k): return .number(Double(k))
        case .text(let s): return .string(s)
        case .bool(let b): return .bool(b)
        }
    }
}

/// A typed caveat of a fit (generalising Cox's typed warnings): non-convergence, aliased terms, separation, a
/// singular fit, rows dropped (with their counts in the ledger, never in prose), or another warning in words.
public enum Diagnostic: Sendable, Equatable {
    case notConverged(String)
    case aliased(terms: [String])
    case separation(String)
    case singularFit(String)
    /// Rows dropped, as a note whose counts are published through the gate.
    case rowsDropped(CountNote)
    /// Any other warning, free of counts of people.
    case warning(String)

    public func text(_ d: CountDecisions) -> String {
        switch self {
        case .notConverged(let s): return "did not converge: " + s
        case .aliased(let terms): return "aliased (not estimable, R: NA): " + terms.joined(separator: ", ")
        case .separation(let s): return "separation: " + s
        case .singularFit(let s): return "singular fit: " + s
        case .rowsDropped(let note): return d.text(note)
        case .warning(let s): return s
        }
    }
}

/// The record of a fit's optimisation: method, whether it converged, iterations and function evaluations.
public struct FitConvergence: Sendable, Equatable {
    public var method: String
    public var converged: Bool
    public var iterations: Int
    public var evaluations: Int?
    public var message: String?

    public init(method: String, converged: Bool, iterations: Int, evaluations: Int? = nil, message: String? = nil) {
        self.method = method
        self.converged = converged
        self.iterations = iterations
        self.evaluations = evaluations
        self.message = message
    }

    var sentence: String {
        (converged ? "converged" : "did NOT converge") + " after \(iterations) \(method) iterations"
            + (evaluations.map { " (\($0) function evaluations)" } ?? "") + (message.map { "; " + $0 } ?? "")
    }
}

/// What every fitted model exposes (issue 10): the coefficient table, the typed counts of people in its own ledger,
/// fit statistics that declare which counts they reveal, typed diagnostics, the optimisation record, count-free
/// notes and model-specific sections. ``CountDecisions/tables(_:)`` and ``CountDecisions/json(_:)`` render it —
/// the JSON contract of DESIGN.md written once for every model.
public struct FitSummary: Sendable {
    /// The JSON `model` value ("coxph", "glm", "glmer", ...).
    public var model: String
    public var title: String
    public var formula: String?
    public var ledger: CountLedger
    /// Rows used.
    public var n: CountID
    /// Events, for models that have them.
    public var events: CountID?
    public var coefficients: CoefficientTable
    /// Residual degrees of freedom (n − rank) where defined: model output with fewer than the policy's threshold
    /// is withheld (ACRO's `safe_dof_threshold`).
    public var residualDF: Int?
    /// Log-likelihood and AIC go to the contract's `loglik` and `aic` keys; any other statistic follows them.
    public var statistics: [FitStatistic]
    public var convergence: FitConvergence
    public var diagnostics: [Diagnostic]
    /// Count-free notes (covariance type, interval method, ...).
    public var notes: [String]
    /// Model-specific tables (random effects, thresholds, tests); their JSON key is their ``ResultTable/name``.
    public var sections: [ResultTable]
    /// Count-free model-specific JSON keys.
    public var extraJSON: [(String, JSONValue)]

    public init(model: String, title: String, formula: String?, ledger: CountLedger, n: CountID, events: CountID? = nil,
                coefficients: CoefficientTable, residualDF: Int? = nil, statistics: [FitStatistic],
                convergence: FitConvergence, diagnostics: [Diagnostic] = [], notes: [String] = [],
                sections: [ResultTable] = [], extraJSON: [(String, JSONValue)] = []) {
        self.model = model
        self.title = title
        self.formula = formula
        self.ledger = ledger
        self.n = n
        self.events = events
        self.coefficients = coefficients
        self.residualDF = residualDF
        self.statistics = statistics
        self.convergence = convergence
        self.diagnostics = diagnostics
        self.notes = notes
        self.sections = sections
        self.extraJSON = extraJSON
    }

    /// A statistic by key.
    public func statistic(_ key: String) -> FitStatistic? { statistics.first { $0.key == key } }
}
