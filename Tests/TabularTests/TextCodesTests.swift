import Testing
@testable import Tabular

/// ``TextCodes`` skips the String-equality merge of its distinct byte strings when all of them are ASCII. The
/// reference is the `[String: Int]` tally it replaced (String equality, first spelling seen names the value): the
/// values and counts must be the same, in order of first appearance, for an all-ASCII column (the shortcut),
/// and for columns where a non-ASCII spelling is canonically equivalent to an ASCII one (U+212A KELVIN SIGN ≡
/// "K", U+037E GREEK QUESTION MARK ≡ ";"), which must still be merged. Counts are integers, compared exactly.
struct TextCodesTests {
    static func reference(_ v: [String]) -> [(String, Int)] {
        var index: [String: Int] = [:], out: [(String, Int)] = []
        for s in v {
            if let k = index[s] { out[k].1 += 1 } else { index[s] = out.count; out.append((s, 1)) }
        }
        return out
    }

    static func fast(_ v: [String]) -> [(String, Int)] {
        let (codes, values) = TextCodes.encode(v, rows: v.indices)
        var counts = [Int](repeating: 0, count: values.count)
        for c in codes { counts[Int(c)] += 1 }
        return values.indices.map { (values[$0], counts[$0]) }
    }

    static func same(_ a: [(String, Int)], _ b: [(String, Int)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { Array($0.0.utf8) == Array($1.0.utf8) && $0.1 == $1.1 }
    }

    @Test func asciiShortcutEqualsTheStringTally() {
        var v: [String] = ["", "a value longer than eight bytes", "K", "k", ";"]
        for k in 0..<5000 { v.append("PF\(k * 7919 % 1700) 3GN") }
        #expect(Self.same(Self.fast(v), Self.reference(v)))
    }

    @Test func nonASCIISpellingsEquivalentToASCIIAreStillMerged() {
        #expect("K" == "\u{212A}")   // the premise: Swift's String equality merges them
        for v in [["K", "x", "\u{212A}", "K"], ["\u{212A}", "K", "x"], ["a;", "a\u{37E}", "b", "a;"]] {
            let f = Self.fast(v)
            #expect(Self.same(f, Self.reference(v)))
            #expect(f.count == 2)
        }
    }
}
