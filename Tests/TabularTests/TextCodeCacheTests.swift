import Testing
@testable import Tabular

/// The CSV reader's text codes (``TextCodeCache``) against the strings they stand for. Laws, exact (codes and
/// strings are compared as integers and bytes): for every text column read serially or in two parts,
/// (1) `spellings[codes[i]]` is the row's String byte for byte, missing rows ("") included; (2) `textCodes(rows:)`
/// with the cache equals ``TextCodes/encode(_:rows:)`` on the strings, for all rows, a subset, reversed order,
/// and rows with repeats; (3) `describe`'s tally is the same with and without it; (4) setting the values drops
/// it, and equality ignores it. Columns: few ASCII levels with missing cells, spellings canonically equivalent to
/// ASCII ones (U+212A KELVIN SIGN ≡ "K"), an empty-string level next to missing ones, and a column with more
/// distinct values than a cache holds (none is made).
struct TextCodeCacheTests {
    static let text: String = {
        var lines = ["sex,band,kelvin,id,note"]
        for i in 0..<3000 {
            let sex = ["F", "M", "NA", "U"][i % 4]
            let band = i % 13 == 0 ? "" : ["0-4", "5-9", "10-15", "16+"][(i / 3) % 4]
            let kelvin = ["K", "\u{212A}", "x", "é", "e\u{301}"][(i * 7) % 5]
            let note = i % 17 == 0 ? "NA" : "n\(i % 3)"
            lines.append("\(sex),\(band),\(kelvin),id\(i),\(note)")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    static func reads() throws -> [(String, DataFrame)] {
        let source = CSVReaderSource(bytes: Array(text.utf8))
        let serial = try CSVParse(source: source, name: "f.csv", options: CSVReadOptions()).run().frame
        let split = try #require(CSVParallelRead.splitPoint(source, minimumBytes: 0))
        let joined = try #require(CSVParallelRead.readParts(source: source, name: "f.csv", options: CSVReadOptions(),
                                                            split: split)).frame
        #expect(joined == serial)
        return [("serial", serial), ("two parts", joined)]
    }

    static func same(_ a: (codes: [Int32], values: [String])?, _ b: (codes: [Int32], values: [String])?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.codes == b.codes && a.values.count == b.values.count
            && zip(a.values, b.values).allSatisfy { Array($0.utf8) == Array($1.utf8) }
    }

    @Test func cacheSpellsEveryRowsString() throws {
        for (label, frame) in try Self.reads() {
            for name in ["sex", "band", "kelvin", "note"] {
                let column = try #require(frame.column(named: name))
                guard case .string(let v) = column.values else { Issue.record("\(label) \(name) not text"); continue }
                let cache = try #require(column.textCodeCache, "\(label): \(name) has no cache")
                #expect(cache.codes.count == v.count)
                #expect(Set(cache.spellings.map { Array($0.utf8) }).count == cache.spellings.count, "\(label) \(name)")
                for i in v.indices where Array(cache.spellings[Int(cache.codes[i])].utf8) != Array(v[i].utf8) {
                    Issue.record("\(label) \(name) row \(i): cache '\(cache.spellings[Int(cache.codes[i])])', string '\(v[i])'")
                    break
                }
            }
            // 3,000 distinct identifiers: more than a cache holds.
            #expect(try #require(frame.column(named: "id")).textCodeCache == nil, "\(label)")
        }
    }

    @Test func textCodesWithTheCacheEqualTheHashingPass() throws {
        for (label, frame) in try Self.reads() {
            for name in ["sex", "band", "kelvin", "note", "id"] {
                let column = try #require(frame.column(named: name))
                guard case .string(let v) = column.values else { continue }
                let all = Array(v.indices)
                let subsets = [all, all.filter { $0 % 3 != 1 }, Array(all.reversed()), [5, 5, 2, 2999, 0, 5], []]
                for rows in subsets {
                    #expect(Self.same(column.textCodes(rows: rows), TextCodes.encode(v, rows: rows)), "\(label) \(name)")
                }
                let valid = ColumnSummary.tally(v, validity: column.validity, cache: column.textCodeCache)
                let plain = ColumnSummary.tally(v, validity: column.validity)
                #expect(valid.map(\.count) == plain.map(\.count), "\(label) \(name)")
                #expect(valid.map { Array($0.value.utf8) } == plain.map { Array($0.value.utf8) }, "\(label) \(name)")
            }
        }
    }

    @Test func settingValuesDropsTheCacheAndEqualityIgnoresIt() throws {
        let frame = try #require(try Self.reads().first?.1)
        var column = try #require(frame.column(named: "sex"))
        #expect(column.textCodeCache != nil)
        var bare = DataColumn(name: column.name, values: column.values, validity: column.validity)
        #expect(bare == column)
        guard case .string(var v) = column.values else { Issue.record("sex is not text"); return }
        v[0] = "changed"
        column.values = .string(v)
        #expect(column.textCodeCache == nil)
        #expect(column.textCodes(rows: [0, 1])?.values == ["changed", "M"])
        bare.name = "other"
        #expect(bare != column)
    }
}
