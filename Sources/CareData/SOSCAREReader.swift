import Foundation
public import Tabular

/// Reads SOSCARE module files (``SOSCAREModule``, ``SOSCAREColumn``; dates ISO or dd/mm/yyyy).
public enum SOSCAREReader {
    /// Records of one module from a table. Throws only when a required column is absent.
    public static func records(from frame: DataFrame, module: SOSCAREModule) throws(CareDataError) -> [SOSCARERecord] {
        let f = try FrameFields(frame, format: module.format, source: module.rawValue)
        let dateCols = module.columns.filter { $0.type == .date }
        let textCols = module.columns.filter { ![.hcn, .soscareID, .trust, .sequence].contains($0) && $0.type != .date }
        return (0..<f.rowCount).map { r in
            var dates: [String: DateField] = [:]
            for c in dateCols { dates[c.name] = f.date(c.name, r) }
            var fields: [String: String] = [:]
            for c in textCols { if let t = f.text(c.name, r) { fields[c.name] = t } }
            return SOSCARERecord(module: module, row: r, hcn: f.text(SOSCAREColumn.hcn.name, r),
                                 soscareID: f.text(SOSCAREColumn.soscareID.name, r),
                                 trust: f.text(SOSCAREColumn.trust.name, r) ?? "",
                                 sequence: f.integer(SOSCAREColumn.sequence.name, r), dates: dates, fields: fields)
        }
    }

    /// Reads every `<module>.csv` present in `directory` (at least one must exist) and links the records.
    public static func read(directory: String) throws(CareDataError) -> SOSCAREData {
        var all: [SOSCARERecord] = []
        var found = false
        for m in SOSCAREModule.allCases {
            let path = (directory as NSString).appendingPathComponent(m.rawValue + ".csv")
            guard FileManager.default.fileExists(atPath: path) else { continue }
            found = true
            all += try records(from: CSVText.read(path: path), module: m)
        }
        guard found else {
            throw .unreadableFile(path: directory, reason: "no SOSCARE module file (" +
                SOSCAREModule.allCases.map { $0.rawValue + ".csv" }.joined(separator: ", ") + ")")
        }
        return SOSCAREData(records: all)
    }
}

extension Validation {
    /// Validates SOSCARE records: SOSCARE_ID present (else `missing-id`, excluded), Health and Care Number present
    /// (else `missing-link-id`, kept and linked by Trust and SOSCARE_ID), dates readable and between 1900 and
    /// `referenceDate` (when given), and end dates not before start dates (closure after referral, outcome after
    /// referral, deregistration after registration, discharge after episode start).
    public static func soscare(_ data: SOSCAREData, referenceDate: CivilDate? = nil) -> Validation {
        var issues: [ValidationIssue] = []
        var counts: [RecordCountKey: Int] = [:]
        var keep: [SOSCARERecord] = []
        let pairs: [(String, String)] = [("REFERRAL_DATE", "CLOSURE_DATE"), ("REFERRAL_DATE", "OUTCOME_DATE"),
                                         ("REGISTRATION_DATE", "DEREGISTRATION_DATE"), ("EPISODE_START", "DISCHARGE_DATE")]
        for r in data.records {
            let source = r.module.rawValue
            counts[RecordCountKey(source: source, la: r.trust), default: 0] += 1
            var bad = false
            func fail(_ rule: ValidationRule, _ field: String, _ detail: String) {
                issues.append(ValidationIssue(source: source, row: r.row, la: r.trust, child: r.personID, rule: rule,
                                              field: field, detail: detail, record: r.recordText))
                if rule.excludesRecord { bad = true }
            }
            if r.soscareID == nil { fail(.missingID, "SOSCARE_ID", "SOSCARE_ID blank") }
            if r.hcn == nil { fail(.missingLinkID, "HCN", "HCN blank") }
            for (name, f) in r.dates.sorted(by: { $0.key < $1.key }) {
                if case .invalid(let t) = f { fail(.invalidDate, name, "\(name) = \(t)") }
                if let d = f.date, d < earliestPlausibleDate {
                    fail(.impossibleDate, name, "\(name) = \(d.isoString)")
                } else if let d = f.date, let end = referenceDate, d > end {
                    fail(.afterDataEnd, name, "\(name) \(d.isoString) after the data's end \(end.isoString)")
                }
            }
            for (a, b) in pairs {
                if let s = r.dates[a]?.date, let e = r.dates[b]?.date, e < s {
                    fail(.invertedDates, b, "\(b) \(e.isoString) before \(a) \(s.isoString)")
                }
            }
            if !bad { keep.append(r) }
        }
        return Validation(issues: issues, recordCounts: counts, soscare: SOSCAREData(records: keep))
    }
}
