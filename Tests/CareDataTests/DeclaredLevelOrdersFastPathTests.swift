import Testing
import Tabular
@testable import CareData

/// ``DeclaredLevelOrders/apply(to:)`` codes a text column by its bytes after screening its first values; the
/// reference is the row-by-row path it replaced (a `Set<String>` of the valid rows' values, then
/// `DataColumn(categories:levels:ordered:)`), kept here verbatim. Columns: a vocabulary column with missing
/// values, one whose foreign value comes after the screened rows (must stay text), one with a value that is
/// equal as a String but not in bytes (é decomposed is not in any vocabulary, so the column stays text either
/// way), a categorical column with an unused foreign level, one already in the declared order, and plain text.
/// Codes and levels are compared exactly (integers and strings).
struct DeclaredLevelOrdersFastPathTests {
    static func reference(_ frame: DataFrame) throws -> (frame: DataFrame, changed: [String]) {
        let known = Set(DeclaredLevelOrders.vocabularies.joined())
        var out = frame
        var changed: [String] = []
        for column in frame.columns {
            switch column.values {
            case .string, .categorical: break
            default: continue
            }
            var present = Set<String>()
            var foreign = false
            for i in 0..<frame.rowCount where !column.isMissing(i) {
                guard let v = column.stringValue(at: i) else { continue }
                guard known.contains(v) else { foreign = true; break }
                present.insert(v)
            }
            if foreign { continue }
            guard let levels = DeclaredLevelOrders.vocabularies.first(where: { present.count >= 2 && present.isSubset(of: $0) }) else { continue }
            if case let .categorical(_, existing, ordered) = column.values, ordered, existing == levels { continue }
            let values = (0..<frame.rowCount).map { column.isMissing($0) ? nil : column.stringValue(at: $0) }
            try out.setColumn(DataColumn(name: column.name, categories: values, levels: levels, ordered: true))
            changed.append(column.name)
        }
        return (out, changed)
    }

    @Test func equalsTheRowByRowPath() throws {
        let n = 500
        let cycle = ["none", "referral", "cin", "cpp", "cla"]
        var level: [String?] = (0..<n).map { $0 % 7 == 3 ? nil : cycle[($0 * 3) % 5] }
        level[0] = nil
        var late: [String?] = (0..<n).map { cycle[$0 % 5] }
        late[n - 1] = "other"                       // foreign value after the screened rows
        let accent: [String?] = (0..<n).map { $0 == 200 ? "caf\u{65}\u{301}" : ["one", "none", "two_plus"][$0 % 3] }
        let frame = try DataFrame(columns: [
            DataColumn(name: "level", strings: level),
            DataColumn(name: "late", strings: late),
            DataColumn(name: "accent", strings: accent),
            DataColumn(name: "conv", categories: (0..<n).map { ["one", "none"][$0 % 2] },
                       levels: ["foreign", "none", "one"]),
            DataColumn(name: "declared", categories: (0..<n).map { cycle[$0 % 5] }, levels: cycle, ordered: true),
            DataColumn(name: "intervention", strings: (0..<n).map { ["no_contact", "cin", "looked_after"][$0 % 3] }),
            DataColumn(name: "sex", strings: (0..<n).map { $0 % 2 == 0 ? "F" : "M" }),
        ])
        let fast = try DeclaredLevelOrders.apply(to: frame)
        let ref = try Self.reference(frame)
        #expect(fast.changed == ref.changed)
        #expect(fast.changed == ["level", "conv", "intervention"])
        #expect(fast.frame.columns == ref.frame.columns)
    }
}
