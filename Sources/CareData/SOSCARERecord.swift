/// One row of a SOSCARE module file, as read: the identifiers, the dates of the module (by column name) and
/// its other fields as text.
public struct SOSCARERecord: Sendable, Hashable {
    public var module: SOSCAREModule
    /// 0-based data row in the module file.
    public var row: Int
    /// Anonymised Health and Care Number; often missing.
    public var hcn: String?
    public var soscareID: String?
    public var trust: String
    public var sequence: Int?
    public var dates: [String: DateField]
    public var fields: [String: String]
    /// The linked person id (see ``SOSCAREData/link(_:)``): "H:" + HCN, or "S:" + trust + ":" + SOSCARE_ID when
    /// no HCN is known for that identifier.
    public var personID: String

    public init(module: SOSCAREModule, row: Int, hcn: String?, soscareID: String?, trust: String, sequence: Int?,
                dates: [String: DateField], fields: [String: String]) {
        self.module = module
        self.row = row
        self.hcn = hcn
        self.soscareID = soscareID
        self.trust = trust
        self.sequence = sequence
        self.dates = dates
        self.fields = fields
        self.personID = ""
    }

    var recordText: String {
        var parts = ["HCN=\(hcn ?? "")", "SOSCARE_ID=\(soscareID ?? "")", "TRUST=\(trust)",
                     "SEQ=\(sequence.map(String.init) ?? "")"]
        for (k, v) in dates.sorted(by: { $0.key < $1.key }) {
            let t: String = switch v { case .missing: ""; case .valid(let d): d.isoString; case .invalid(let s): s }
            parts.append("\(k)=\(t)")
        }
        for (k, v) in fields.sorted(by: { $0.key < $1.key }) { parts.append("\(k)=\(v)") }
        return parts.joined(separator: "; ")
    }
}

/// The SOSCARE modules of one extract, linked into persons.
public struct SOSCAREData: Sendable {
    public var records: [SOSCARERecord]

    public init(records: [SOSCARERecord]) { self.records = SOSCAREData.link(records) }

    /// Assigns person ids. The Health and Care Number links modules but is often missing; the SOSCARE identifier
    /// is stable within a Trust. A record without HCN takes the HCN seen on any other record with the same Trust
    /// and SOSCARE_ID (in any module); records with no HCN anywhere for their identifier are linked by Trust and
    /// SOSCARE_ID alone. (If one identifier carries two HCNs, the first in module, row order is used.)
    /// Complexity: O(n).
    public static func link(_ records: [SOSCARERecord]) -> [SOSCARERecord] {
        var hcnOf: [String: String] = [:]
        for r in records {
            if let h = r.hcn, let id = r.soscareID, hcnOf["\(r.trust):\(id)"] == nil { hcnOf["\(r.trust):\(id)"] = h }
        }
        return records.map { r in
            var r = r
            if let h = r.hcn { r.personID = "H:" + h }
            else if let id = r.soscareID { r.personID = hcnOf["\(r.trust):\(id)"].map { "H:" + $0 } ?? "S:\(r.trust):\(id)" }
            else { r.personID = "" }
            return r
        }
    }

    /// Number of distinct linked persons with at least one record in `module`.
    public func personCount(in module: SOSCAREModule) -> Int {
        Set(records.filter { $0.module == module && !$0.personID.isEmpty }.map(\.personID)).count
    }
}
