/// The outputs of one command or one spec run before disclosure control: tables and fitted models on one
/// ``CountLedger``, plus figures drawn from the gate's decisions. ``DisclosureGate/publish(_:)`` turns it into what
/// the user sees, in every format, together with the output-checking record.
public struct RunOutput: Sendable {
    public enum Item: Sendable {
        /// A table that may show counts (its identifiers refer to the run's ledger).
        case table(ResultTable)
        /// A fitted model (its identifiers refer to the run's ledger after ``RunOutput/add(_:)-fit``).
        case fit(FitSummary)
        /// A table with no counts of people at all (distribution values, data dictionary, ...).
        case countFree(Table)
        /// A survival or incidence step function, published coarsened by the gate (``CoarsenedStepFunction``);
        /// its group n and events refer to the run's ledger.
        case steps(StepFunction)
    }

    /// A figure: its file stem, and how to draw it from the gate's decisions (an SVG document).
    public struct Figure: Sendable {
        public var name: String
        public var draw: @Sendable (CountDecisions) throws -> String
        public init(name: String, draw: @escaping @Sendable (CountDecisions) throws -> String) {
            self.name = name
            self.draw = draw
        }
    }

    public var ledger = CountLedger()
    public private(set) var items: [Item] = []
    public private(set) var figures: [Figure] = []
    /// The population and filters the outputs describe, for the output-checking record ("rows of FILE with no
    /// missing value in the model's columns").
    public var population: String
    /// Builds the command's JSON from the decisions when its contract is not the default (one fit's object, or
    /// `{"tables": [...]}`).
    public var json: (@Sendable (CountDecisions) -> JSONValue)?
    /// Notes about the whole run (the data read, rows derived), added under the first table; their counts go
    /// through the gate like any other.
    public var notes: [CountNote] = []

    public init(population: String) { self.population = population }

    /// Adds a table whose counts are already in ``ledger``.
    public mutating func add(_ table: ResultTable) { items.append(.table(table)) }

    /// Adds a table with no counts of people.
    public mutating func add(countFree table: Table) { items.append(.countFree(table)) }

    /// Adds a fitted model: its ledger joins the run's, and the returned summary's identifiers refer to the run's
    /// ledger (use them to relate its counts to other outputs' counts).
    @discardableResult
    public mutating func add(_ fit: FitSummary) -> FitSummary {
        let offset = ledger.append(fit.ledger)
        let shifted = fit.shifted(by: offset, into: ledger)
        items.append(.fit(shifted))
        return shifted
    }

    /// Adds a figure.
    public mutating func add(figure: Figure) { figures.append(figure) }

    /// Adds a step function (its table is published coarsened under disclosure control; figures and JSON read
    /// the published steps from ``CountDecisions/stepFunctions``). Names must be unique within the run.
    public mutating func add(steps: StepFunction) { items.append(.steps(steps)) }

    /// Moves the tables named `name` before every other item (e.g. a study's published comparison, for
    /// `carestat reproduce NAME`); the order of the rest is kept.
    public mutating func putFirst(tableNamed name: String) {
        func matches(_ item: Item) -> Bool { if case .table(let t) = item { t.name == name } else { false } }
        items = items.filter(matches) + items.filter { !matches($0) }
    }

    /// The fits of the run, in order.
    public var fits: [FitSummary] {
        items.compactMap { if case .fit(let f) = $0 { f } else { nil } }
    }
}

extension FitSummary {
    /// The summary with its count identifiers moved by `offset` and its ledger replaced by `ledger`.
    func shifted(by offset: Int, into ledger: CountLedger) -> FitSummary {
        func s(_ id: CountID) -> CountID { CountID(id.index + offset) }
        var out = self
        out.ledger = ledger
        out.n = s(n)
        out.events = events.map(s)
        out.coefficients.rows = coefficients.rows.map { r in
            var r = r
            r.levelCount = r.levelCount.map(s)
            r.cellCounts = r.cellCounts.map(s)
            return r
        }
        out.statistics = statistics.map { st in
            var st = st
            st.reveals = st.reveals.map(s)
            return st
        }
        out.diagnostics = diagnostics.map { d in
            if case .rowsDropped(let note) = d { return .rowsDropped(note.shifted(by: offset)) }
            return d
        }
        out.sections = sections.map { $0.shifted(by: offset) }
        return out
    }
}

/// A run's outputs after disclosure control.
public struct PublishedRun: Sendable {
    public var decisions: CountDecisions
    /// Every table, in order, each with a stable name (for CSV block labels and Excel sheets).
    public var tables: [(name: String, table: Table)]
    /// The JSON of the run: the command's own contract, one fit's object, or `{"tables": [...]}`.
    public var json: JSONValue
    /// Figures as SVG documents, by name.
    public var figures: [(name: String, svg: String)]
    /// The output-checking record.
    public var record: SDCRecord
}

extension DisclosureGate {
    /// Publishes a run: decides every count once for all its outputs, renders the tables, the JSON and the
    /// figures from those decisions, and writes the output-checking record.
    public func publish(_ run: RunOutput) throws -> PublishedRun {
        // Step functions are coarsened here, where the policy is known, and their published counts join the
        // ledger before anything is decided.
        var ledger = run.ledger
        var coarsened: [String: CoarsenedStepFunction] = [:]
        for item in run.items {
            guard case .steps(let f) = item else { continue }
            coarsened[f.name] = CoarsenedStepFunction(f, minimumLeavers: policy.isEnabled ? policy.threshold : nil,
                                                      ledger: &ledger)
        }
        var d = decide(ledger)
        d.stepFunctions = coarsened
        var tables: [(String, Table)] = []
        var jsonItems: [JSONValue] = []
        var recordOutputs: [SDCRecord.Output] = []
        // A step function is published as the table of its coarsened steps, like any other table.
        let items = run.items.map { item -> RunOutput.Item in
            guard case .steps(let f) = item, let c = coarsened[f.name] else { return item }
            return .table(c.table(d))
        }
        for item in items {
            switch item {
            case .table(let t):
                let rendered = d.table(t)
                tables.append((t.name, rendered))
                jsonItems.append(Self.named(t.name, rendered))
                recordOutputs.append(SDCRecord.Output(name: t.name, title: t.title, cells: d.recordCells(t)))
            case .fit(let f):
                let rendered = d.tables(f)
                let sectionNames = f.sections.map(\.name)
                tables.append((f.model, rendered[0]))
                for (k, t) in rendered.dropFirst().enumerated() { tables.append((sectionNames[k], t)) }
                jsonItems.append(d.json(f))
                recordOutputs.append(SDCRecord.Output(name: f.model, title: f.title, cells: d.recordCells(f)))
            case .steps:
                break   // published as tables above
            case .countFree(let t):
                tables.append((t.title, t))
                jsonItems.append(Self.named(t.title, t))
                recordOutputs.append(SDCRecord.Output(name: t.title, title: t.title, cells: []))
            }
        }
        if !run.notes.isEmpty, !tables.isEmpty { tables[0].1.footnotes += run.notes.map(d.text) }
        var figures: [(String, String)] = []
        for f in run.figures {
            figures.append((f.name, try f.draw(d)))
            recordOutputs.append(SDCRecord.Output(name: f.name, title: "figure", cells: [], note:
                "figure drawn from published counts only (curves of withheld groups omitted; steps coarsened)"))
        }
        let json: JSONValue
        if let build = run.json {
            json = build(d)
        } else if jsonItems.count == 1 {
            json = jsonItems[0]
        } else {
            json = .object([("tables", .array(jsonItems))])
        }
        let record = SDCRecord(policy: policy, population: run.population, outputs: recordOutputs,
                               totalsShown: d.totalsShown())
        return PublishedRun(decisions: d, tables: tables, json: json, figures: figures, record: record)
    }

    /// A published table's JSON object with its name first.
    static func named(_ name: String, _ t: Table) -> JSONValue {
        guard case .object(let fields) = t.jsonValue else { return t.jsonValue }
        return .object([("name", .string(name))] + fields)
    }
}
