import Testing
import Foundation
import Reporting
import TestSupport

// Expected strings are written out by hand from the rules in NumberFormatting and TableRendering.

@Test func humanNumbersRoundToSignificantDigits() {
    #expect(NumberFormatting.human(3.14159265) == "3.142")
    #expect(NumberFormatting.human(1234.5678) == "1235")
    #expect(NumberFormatting.human(0.000123456) == "0.0001235")
    #expect(NumberFormatting.human(0.5) == "0.5")             // trailing zeros dropped, as R prints
    #expect(NumberFormatting.human(12_345_678) == "1.235e+07")
    #expect(NumberFormatting.human(1.5e-9) == "1.500e-09")
    #expect(NumberFormatting.human(-0.00001) == "-1.000e-05")
    #expect(NumberFormatting.human(.nan) == "NaN" && NumberFormatting.human(-.infinity) == "-Inf")
    #expect(NumberFormatting.pValue(0.0004) == "<0.001" && NumberFormatting.pValue(0.04567) == "0.046")
}

@Test func machineNumbersRoundTrip() {
    for x in [0.1, 1.0 / 3.0, 1e-300, 123456789.123, -2.5e17, Double.leastNonzeroMagnitude, 42] {
        let s = NumberFormatting.roundTrip(x)!
        #expect(Double(s) == x, "\(s) must parse back to \(x)")
    }
    #expect(NumberFormatting.roundTrip(42) == "42")
    #expect(NumberFormatting.roundTrip(.nan) == nil)
}

private let sample = Table(
    title: "Demo",
    columns: [Column("term", alignment: .left), Column("estimate"), Column("p")],
    rows: [["age, years", .number(0.123456), .pValue(0.0001)], ["sex=\"F\"", .number(-12.5), .missing]],
    footnotes: ["A note."])

@Test func textIsAligned() {
    let expected = """
    Demo

    term        estimate       p
    ----------------------------
    age, years    0.1235  <0.001
    sex="F"        -12.5

    Note: A note.

    """
    #expect(sample.render(as: .text) == expected)
}

@Test func csvQuotesAndKeepsFullPrecision() {
    let expected = "term,estimate,p\n\"age, years\",0.123456,0.0001\n\"sex=\"\"F\"\"\",-12.5,\n"
    #expect(sample.render(as: .csv) == expected)
}

@Test func jsonIsValidOrderedAndFullPrecision() throws {
    let json = sample.render(as: .json)
    #expect(json.hasPrefix("{\"title\":\"Demo\",\"columns\":[\"term\",\"estimate\",\"p\"]"))
    let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    let rows = parsed?["rows"] as? [[String: Any]]
    #expect(rows?.count == 2)
    // Foundation's JSON parser on Linux can be 1–2 ulp off the nearest double: 1e-15 relative.
    #expect(isClose(rows?[0]["estimate"] as? Double, 0.123456, relative: 1e-15))
    #expect(rows?[1]["p"] is NSNull)
    #expect(JSONValue.array([.number(.infinity), .string("a\"\n\u{1}")]).serialized() == "[null,\"a\\\"\\n\\u0001\"]")
}

@Test func markdownEscapesPipes() {
    let t = Table(title: "", columns: [Column("a|b", alignment: .left)], rows: [["x|y"]])
    #expect(t.render(as: .markdown) == "| a\\|b |\n| :--- |\n| x\\|y |\n")
}
