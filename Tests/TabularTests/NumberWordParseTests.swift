import Testing
@testable import Tabular
import Sampling

/// The reader's word-at-a-time number parse (``NumberSyntax/parseDoubleWord(_:_:)``) against the byte loop it
/// stands in for (``NumberSyntax/parseDouble(_:_:)``, itself checked against `strtod` in CSVReaderTests): the same
/// result, bit for bit (or both not a number), for every field. Each field is followed by bytes of a next field
/// (digits, points, commas: what the word load reads past the field's end), so the test also shows that nothing
/// past the field changes the value. Fields: short and 8-byte numbers with and without a point, signs, leading
/// zeros, a lone point or sign, two points, exponents, `Inf`/`NaN`, letters and non-ASCII bytes in every position,
/// 9+ byte fields, and 100,000 random mixes of those bytes.
struct NumberWordParseTests {
    static func same(_ field: [UInt8], after tail: [UInt8]) -> Bool {
        let bytes = field + tail + [UInt8](repeating: UInt8(ascii: "7"), count: 8)
        return bytes.withUnsafeBufferPointer { b -> Bool in
            guard let p = b.baseAddress else { return false }
            let fast = NumberSyntax.parseDoubleWord(p, field.count), plain = NumberSyntax.parseDouble(p, field.count)
            switch (fast, plain) {
            case (nil, nil): return true
            case let (f?, q?): return f.bitPattern == q.bitPattern || (f.isNaN && q.isNaN)
            default: return false
            }
        }
    }

    static let tails: [[UInt8]] = [[], Array(",1.5".utf8), Array("9999999".utf8), Array("..".utf8), [0x80, 0xFF], Array("\n".utf8)]

    @Test func listedFieldsParseAsTheByteLoop() {
        let fields = ["0", "1", "-1", "+1", "-0", "+0", "0.0", "-0.0", "0.0043", "-1.4857", "1.3652", "12345678",
                      "-12345678", "1234.567", "0000001", "00000000", "9999.9999", ".5", "-.5", "5.", "-5.", ".",
                      "-", "+", "", "1.2.3", "1..2", "1e5", "1E-3", "-1e+2", "Inf", "-Inf", "NaN", "inf", "1,5", " 1",
                      "1 ", "1a", "a1", "0x10", "123456789", "1234567.89", "-9.8765432", "1.0e", "--1", "+-1",
                      "\u{00E9}1", "1\u{00E9}", "12\u{0}4", "99999999", "0.00000001", "10000000.", ".0000001"]
        for f in fields {
            for t in Self.tails {
                #expect(Self.same(Array(f.utf8), after: t), "field '\(f)' before '\(String(decoding: t, as: UTF8.self))'")
            }
        }
    }

    @Test func randomFieldsParseAsTheByteLoop() {
        var rng = SplitMix64(seed: 20261207)
        let alphabet = Array("0123456789".utf8) + Array("0123456789".utf8) + Array(".-+eE,aN \u{7F}".utf8) + [0x80, 0xC3, 0x00]
        var failures = 0
        for _ in 0..<100_000 {
            let length = Int(rng.next() % 11)
            var field: [UInt8] = []
            for _ in 0..<length { field.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            let tail = Self.tails[Int(rng.next() % UInt64(Self.tails.count))]
            if !Self.same(field, after: tail) {
                failures += 1
                if failures <= 5 { Issue.record("field bytes \(field) before \(tail)") }
            }
        }
        #expect(failures == 0)
    }

    @Test func numericFieldsOfEveryShapeParseAsTheByteLoop() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<100_000 {
            let whole = Int(rng.next() % 9), frac = Int(rng.next() % 9)
            var s = ["", "-", "+"][Int(rng.next() % 3)]
            for _ in 0..<whole { s += String(rng.next() % 10) }
            if rng.next() % 4 != 0 { s += "." }
            for _ in 0..<frac { s += String(rng.next() % 10) }
            #expect(Self.same(Array(s.utf8), after: Array(",3".utf8)), "field '\(s)'")
        }
    }
}
