import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a CIN census XML message (CIN XSD 2022, domain-notes §2.2) with Foundation's `XMLParser` into the
/// same records as the flat CSV: one ``CINEpisode`` per `CINdetails`. The LA is the header's `LEA`, the census
/// year the year of `ReferenceDate` (else `Year`). Within an episode the first assessment and the child
/// protection plan with the latest `CPPstartDate` are kept (the flat layout holds one of each).
/// Complexity: O(size of the document).
public enum CINXMLReader {
    /// Episodes from the XML text.
    public static func episodes(xml: String, source: String = "CIN census XML") throws(CareDataError) -> [CINEpisode] {
        let delegate = CINXMLDelegate()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = delegate
        // swift-corelibs' parse() can return true for a truncated document while setting parserError.
        guard parser.parse(), parser.parserError == nil, !delegate.failed else {
            throw .malformedXML(source: source, reason: parser.parserError.map { "\($0.localizedDescription)" } ?? "parse error")
        }
        guard delegate.sawMessage else { throw .malformedXML(source: source, reason: "no <Message> root element") }
        return delegate.finish()
    }

    /// Reads a CIN census XML file.
    public static func read(path: String) throws(CareDataError) -> [CINEpisode] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
        return try episodes(xml: String(decoding: data, as: UTF8.self), source: path)
    }
}

/// SAX-style collector: remembers the text of leaf elements inside the current Child / CINdetails.
private final class CINXMLDelegate: NSObject, XMLParserDelegate {
    var sawMessage = false
    var failed = false
    var la = ""
    var year: Int?
    var text = ""
    var path: [String] = []
    var childFields: [String: String] = [:]
    var disabilities: [String] = []
    var details: [String: String] = [:]
    var plan: [String: String] = [:]
    var bestPlan: [String: String] = [:]
    var sawAssessment = false
    var pending: [([String: String], [String: String], [String])] = []  // details, child fields, disabilities
    var childStart = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "Message" { sawMessage = true }
        path.append(name)
        text = ""
        switch name {
        case "Child": childFields = [:]; disabilities = []; childStart = pending.count
        case "CINdetails": details = [:]; bestPlan = [:]; sawAssessment = false
        case "ChildProtectionPlans": plan = [:]
        default: break
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { failed = true }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        path.removeLast()
        text = ""
        let inDetails = path.contains("CINdetails")
        switch name {
        case "LEA": if path.contains("Header") { la = value }
        case "ReferenceDate": if path.contains("Header"), let d = DateField.parse(value).date { year = d.year }
        case "Year": if path.contains("Header"), year == nil { year = Int(value) }
        case "Disability": disabilities.append(value)
        case "ChildProtectionPlans":
            let s = plan["CPPstartDate"] ?? "", b = bestPlan["CPPstartDate"] ?? ""
            if bestPlan.isEmpty || s >= b { bestPlan = plan }
        case "Assessments": sawAssessment = true
        case "CINdetails":
            var d = details
            for (k, v) in bestPlan { d[k] = v }
            pending.append((d, [:], []))
        case "Child":
            for i in childStart..<pending.count { pending[i].1 = childFields; pending[i].2 = disabilities }
        default:
            if path.contains("ChildProtectionPlans") {
                if plan[name] == nil { plan[name] = value }
            } else if inDetails {
                if path.last == "Assessments" && sawAssessment { break } // keep the first assessment only
                if details[name] == nil { details[name] = value }
            } else if path.contains("Child") {
                childFields[name] = value
            }
        }
    }

    func finish() -> [CINEpisode] {
        func date(_ v: String?) -> DateField { DateField.parse(v ?? "", style: .iso) }
        func code(_ v: String?) -> String? {
            guard let t = v?.trimmedBlanks, !t.isEmpty else { return nil }
            return t.uppercased()
        }
        return pending.enumerated().map { i, p in
            let (d, c, dis) = p
            let nfa: Bool? = switch d["ReferralNFA"]?.lowercased() {
            case "true", "1": true
            case "false", "0": false
            default: nil
            }
            return CINEpisode(
                row: i, la: la, child: c["LAchildID"].map { $0.trimmedBlanks }.flatMap { $0.isEmpty ? nil : $0 },
                referralDate: date(d["CINreferralDate"]), referralSource: code(d["ReferralSource"]),
                primaryNeed: code(d["PrimaryNeedCode"]), referralNFA: nfa,
                assessmentStartDate: date(d["AssessmentActualStartDate"]),
                assessmentAuthorisationDate: date(d["AssessmentAuthorisationDate"]),
                cinPlanStartDate: date(d["CINPlanStartDate"]), cinPlanEndDate: date(d["CINPlanEndDate"]),
                s47StartDate: date(d["S47ActualStartDate"]), cppStartDate: date(d["CPPstartDate"]),
                cppEndDate: date(d["CPPendDate"]), initialCategoryOfAbuse: code(d["InitialCategoryOfAbuse"]),
                latestCategoryOfAbuse: code(d["LatestCategoryOfAbuse"]), closureDate: date(d["CINclosureDate"]),
                reasonForClosure: code(d["ReasonForClosure"]), upn: code(c["UPN"]),
                birthDate: date(c["PersonBirthDate"]), gender: code(c["GenderCurrent"]),
                ethnicity: code(c["Ethnicity"]), disabilities: dis.compactMap(code), censusYear: year)
        }
    }
}
