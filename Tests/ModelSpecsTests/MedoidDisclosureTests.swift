import Testing
import Reporting
import Sequences
@testable import ModelSpecs

/// A medoid is one person's own sequence (microdata): it is shown only when at least the disclosure threshold of
/// people have exactly that sequence — in the table and in the figure (the attack: a cluster of 12 whose medoid is
/// unique must not show it).
@Suite struct MedoidDisclosureTests {
    static func run(copiesOfMedoid: Int) throws -> PublishedRun {
        // 12 people: `copiesOfMedoid` share the sequence a-a-b-b, the others each have their own variant.
        var states: [[Int]] = Array(repeating: [0, 0, 1, 1], count: copiesOfMedoid)
        for k in 0..<(12 - copiesOfMedoid) { states.append([0, 0, 1, 1] + Array(repeating: k % 2, count: k + 1)) }
        let data = try StateSequences(alphabet: try Alphabet(["a", "b"]), ids: states.indices.map { "p\($0)" }, states: states)
        let palette = try StatePalette(labels: ["a", "b"], colours: ["#1b9e77", "#d95f02"])
        var output = RunOutput(population: "test")
        _ = SequenceFigureRuns.representatives(data, palette: palette, unit: "month",
                                               rows: [(label: "Cluster 1", states: [0, 0, 1, 1], size: 12)],
                                               name: "medoids", title: "Cluster medoids", proportional: false,
                                               individual: true, into: &output)
        return try DisclosureGate(policy: .standard).publish(output)
    }

    @Test func aMedoidSharedByFewerThanTheThresholdIsWithheldInTableAndFigure() throws {
        let unique = try Self.run(copiesOfMedoid: 1)
        let text = unique.tables.map { $0.table.render(as: .text) }.joined()
        #expect(!text.contains("a (2) – b (2)"), "\(text)")
        #expect(text.contains("[c]"))
        #expect(!unique.figures[0].svg.contains("Cluster 1 (n = 12)"), "the figure must not draw the medoid")
        let shared = try Self.run(copiesOfMedoid: 10)
        let shown = shared.tables.map { $0.table.render(as: .text) }.joined()
        #expect(shown.contains("a (2) – b (2)"), "\(shown)")
        #expect(shared.figures[0].svg.contains("Cluster 1 (n = 12)"))
    }
}
