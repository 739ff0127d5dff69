public import ArgumentParser
public import Reporting

extension OutputFormat: ExpressibleByArgument {}

/// Options every command takes (DESIGN.md: `--format`, `--seed`, `--disclosure-threshold`,
/// `--no-disclosure-control`).
public struct GlobalOptions: ParsableArguments {
    @Option(help: "Output format: text, markdown, csv or json.")
    public var format: OutputFormat = .text

    @Option(help: "Seed for every random step (printed with the output).")
    public var seed: UInt64?

    @Option(help: "Counts of people below this are suppressed (statistical disclosure control).")
    public var disclosureThreshold: Int = 10

    @Flag(help: "Turn statistical disclosure control off (the output says so).")
    public var noDisclosureControl = false

    public init() {}

    public func validate() throws {
        guard disclosureThreshold >= 1 else {
            throw ValidationError("--disclosure-threshold must be at least 1, got \(disclosureThreshold)")
        }
    }
}
