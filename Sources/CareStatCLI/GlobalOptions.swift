public import ArgumentParser
public import Reporting

extension OutputFormat: ExpressibleByArgument {}
extension DisclosureSymbols: ExpressibleByArgument {}

/// Options every command takes (DESIGN.md: `--format`, `--seed`, `--disclosure-threshold`,
/// `--no-disclosure-control`).
public struct GlobalOptions: ParsableArguments {
    @Option(help: "Output format: text, markdown, csv or json.")
    public var format: OutputFormat = .text

    @Option(help: "Seed for every random step (printed with the output).")
    public var seed: UInt64?

    @Option(parsing: .unconditional, help: "Counts of people below this are suppressed (statistical disclosure control).")
    public var disclosureThreshold: Int = 10

    @Flag(help: "Turn statistical disclosure control off (the output says so).")
    public var noDisclosureControl = false

    @Option(parsing: .unconditional, help: "Also round every published count of people to the nearest multiple of this base (e.g. 5).")
    public var roundTo: Int?

    @Option(help: "Symbols for withheld values: carestat ([c]) or dfe (c withheld, z not applicable, k rounds to zero).")
    public var sdcSymbols: DisclosureSymbols = .carestat

    @Option(help: "Also write every table to this Excel workbook (.xlsx; one sheet per table, footnotes kept).")
    public var xlsx: String?

    @Option(help: "Write the output-checking record (each withheld or rounded cell with its rule and reason, the population, the totals shown) to this JSON file.")
    public var sdcReport: String?

    /// The disclosure-control policy these options ask for (DESIGN.md: on by default, threshold 10).
    public var disclosurePolicy: DisclosurePolicy {
        noDisclosureControl ? .disabled : DisclosurePolicy(threshold: disclosureThreshold, roundingBase: roundTo, symbols: sdcSymbols)
    }

    public init() {}

    public func validate() throws {
        guard disclosureThreshold >= 1 else {
            throw ValidationError("--disclosure-threshold must be at least 1, got \(disclosureThreshold)")
        }
        if let base = roundTo, base < 2 { throw ValidationError("--round-to must be at least 2, got \(base)") }
    }
}
