/// What running one command of a notebook cell produced: its standard output in the format it printed, the SVG
/// figures it wrote, and the output-checking record of the run (the disclosure rule and every cell withheld or
/// rounded), read back from the command's `--sdc-report`.
public struct NotebookCellResult: Sendable {
    /// One withheld or rounded cell of the record.
    public struct Withheld: Sendable, Equatable {
        public var output: String
        public var row: String
        public var column: String
        public var rule: String
        public var reason: String
        public init(output: String, row: String, column: String, rule: String, reason: String) {
            self.output = output
            self.row = row
            self.column = column
            self.rule = rule
            self.reason = reason
        }
    }

    public var command: NotebookDocument.Command
    public var stdout: String
    /// What the command wrote to standard error (notes, warnings), shown apart from its output.
    public var stderr: String
    public var format: OutputFormat
    public var figures: [(name: String, svg: String)]
    /// The disclosure rule the command applied (its record's `rule`), or nil when it wrote no record.
    public var rule: String?
    public var withheld: [Withheld]

    public init(command: NotebookDocument.Command, stdout: String, stderr: String = "", format: OutputFormat,
                figures: [(name: String, svg: String)] = [], rule: String? = nil, withheld: [Withheld] = []) {
        self.command = command
        self.stdout = stdout
        self.stderr = stderr
        self.format = format
        self.figures = figures
        self.rule = rule
        self.withheld = withheld
    }
}

/// The provenance a rendered notebook states at its top.
public struct NotebookContext: Sendable {
    public var source: String
    public var version: String
    public var seed: String
    public var data: String
    public init(source: String, version: String, seed: String, data: String) {
        self.source = source
        self.version = version
        self.seed = seed
        self.data = data
    }
}
