import Testing
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reporting

// The workbook is read back with `unzip`; the expected cell values are the ones the test writes (libxlsxwriter
// stores numbers with printf "%.16G", so 16 significant digits).

private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("carestat-xlsx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private func unzip(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "unzip \(arguments) failed")
    return String(decoding: data, as: UTF8.self)
}

/// The `<v>` values of the cells in a sheet, keyed by reference ("A1"); shared strings resolved.
private func cellValues(sheetXML: String, sharedStrings: String) -> [String: String] {
    final class Collector: NSObject, XMLParserDelegate {
        var values: [String: String] = [:]
        var strings: [String] = []
        var reference = "", type = "", text = "", inValue = false, inString = false
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "c": reference = attributes["r"] ?? ""; type = attributes["t"] ?? ""
            case "v": inValue = true; text = ""
            case "t": inString = true; text = ""
            default: break
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue || inString { text += string } }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "v" { inValue = false; values[reference] = type == "s" ? "s:" + text : text }
            if name == "t" { inString = false; strings.append(text) }
        }
    }
    let shared = Collector()
    let p1 = XMLParser(data: Data(sharedStrings.utf8)); p1.delegate = shared; _ = p1.parse()
    let sheet = Collector()
    let p2 = XMLParser(data: Data(sheetXML.utf8)); p2.delegate = sheet
    #expect(p2.parse(), "sheet XML must parse")
    var out: [String: String] = [:]
    for (k, v) in sheet.values {
        if v.hasPrefix("s:"), let i = Int(v.dropFirst(2)), i < shared.strings.count { out[k] = shared.strings[i] } else { out[k] = v }
    }
    return out
}

@Test func workbookHoldsTitleHeaderValuesAndFootnotes() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("out.xlsx").path
    let third = 1.0 / 3.0
    let t1 = Table(title: "Model: a/b [test]", columns: [Column("term", alignment: .left), Column("estimate"), Column("p"), Column("n")],
                   rows: [["age", .number(0.123456), .pValue(0.0001), .suppressed()],
                          ["sex", .number(third), .missing, .integer(42)]],
                   footnotes: ["Counts below 10 suppressed."])
    let t2 = Table(title: "Model: a/b [test]", columns: [Column("x")], rows: [[.number(.nan)]])
    try ExcelWriter.write([t1, t2], to: path)

    let listing = try unzip(["-l", path])
    #expect(listing.contains("xl/worksheets/sheet1.xml"))
    #expect(listing.contains("xl/worksheets/sheet2.xml"))
    let workbookXML = try unzip(["-p", path, "xl/workbook.xml"])
    // "/", "[" and "]" are not allowed in sheet names; the second, equal title gets " (2)".
    #expect(workbookXML.contains("name=\"Model_ a_b _test_\""))
    #expect(workbookXML.contains("name=\"Model_ a_b _test_ (2)\""))

    let sheet1 = try unzip(["-p", path, "xl/worksheets/sheet1.xml"])
    let strings = try unzip(["-p", path, "xl/sharedStrings.xml"])
    let v = cellValues(sheetXML: sheet1, sharedStrings: strings)
    #expect(v["A1"] == "Model: a/b [test]")              // title, row 1
    #expect(v["A3"] == "term" && v["D3"] == "n")          // header, row 3 after a blank row
    #expect(v["A4"] == "age" && v["B4"] == "0.123456" && v["C4"] == "0.0001" && v["D4"] == "[c]")
    #expect(v["C5"] == nil)                               // missing stays empty
    #expect(v["D5"] == "42")
    // 1/3 is stored with 16 significant digits: relative error below 1e-15.
    let stored = try #require(v["B5"].flatMap(Double.init))
    #expect(abs(stored - third) / third < 1e-15)
    #expect(v["A7"] == "Counts below 10 suppressed.")     // footnote after a blank row
    #expect(v.count == 13)   // 1 title + 4 headers + 4 + 3 body cells + 1 footnote

    let sheet2 = try unzip(["-p", path, "xl/worksheets/sheet2.xml"])
    #expect(cellValues(sheetXML: sheet2, sharedStrings: strings)["A4"] == "NaN")

    // Display formats: 0.123456 with 4 significant digits shows 4 decimals; p-values use the conditional format.
    let styles = try unzip(["-p", path, "xl/styles.xml"])
    #expect(styles.contains("formatCode=\"0.0000\""))
    #expect(styles.contains("formatCode=\"[&lt;0.001]&quot;&lt;0.001&quot;;0.000\""))
}

@Test func sheetNamesFollowExcelRules() {
    #expect(ExcelSheetName.sanitized("a[b]c:d*e?f/g\\h") == "a_b_c_d_e_f_g_h")
    #expect(ExcelSheetName.sanitized("'quoted'") == "quoted")
    #expect(ExcelSheetName.sanitized("") == "Sheet")
    #expect(ExcelSheetName.sanitized("History") == "History_")
    let long = String(repeating: "x", count: 40)
    #expect(ExcelSheetName.sanitized(long) == String(repeating: "x", count: 31))
    #expect(ExcelSheetName.uniqueNames(for: [long, long, "A", "a"])
            == [String(repeating: "x", count: 31), String(repeating: "x", count: 27) + " (2)", "A", "a (2)"])
}

@Test func excelDisplayFormatsMatchTextRounding() {
    // Same digit rule as NumberFormatting.human: 4 significant digits.
    #expect(NumberFormatting.excelFormat(3.14159265) == "0.000")
    #expect(NumberFormatting.excelFormat(1234.5678) == "0")
    #expect(NumberFormatting.excelFormat(0.000123456) == "0.0000000")
    #expect(NumberFormatting.excelFormat(12_345_678) == "0.000E+00")
    #expect(NumberFormatting.excelFormat(.nan) == "General")
}

@Test func libraryErrorsBecomeTypedErrors() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // Excel strings hold at most 32,767 characters; libxlsxwriter returns LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED.
    let path = dir.appendingPathComponent("long.xlsx").path
    let t = Table(title: "T", columns: [Column("a")], rows: [[.text(String(repeating: "y", count: 40_000))]])
    do {
        try ExcelWriter.write(t, to: path)
        Issue.record("expected an error")
    } catch {
        guard case .library(_, let message) = error else { Issue.record("wrong error \(error)"); return }
        #expect(message.lowercased().contains("32767") || message.lowercased().contains("string"))
    }
    #expect(!FileManager.default.fileExists(atPath: path))   // partial file removed
    #expect(throws: ExcelError.cannotCreateWorkbook(path: "/nonexistent-dir/x.xlsx")) {
        try ExcelWriter.write(t, to: "/nonexistent-dir/x.xlsx")
    }
    #expect(throws: ExcelError.noTables) { try ExcelWriter.write([], to: dir.appendingPathComponent("e.xlsx").path) }
}
