/// The data-quality rules checked by ``Validation``. A rule that `excludesRecord` removes the failing record from
/// the cleaned data (it cannot be used safely); the others keep the record and only report it. Either way the
/// record is written to the quarantine file with the rule, so nothing is dropped silently.
public enum ValidationRule: String, CaseIterable, Sendable, Hashable {
    case malformedRow = "malformed-row"
    case missingID = "missing-id"
    case missingLA = "missing-la"
    case missingLinkID = "missing-link-id"
    case missingDate = "missing-date"
    case invalidDate = "invalid-date"
    case impossibleDate = "impossible-date"
    case afterDataEnd = "after-data-end"
    case yearMismatch = "year-mismatch"
    case invertedDates = "inverted-dates"
    case birthAfterStart = "dob-after-decom"
    case invalidCode = "invalid-code"
    case missingCode = "missing-code"
    case duplicateRecord = "duplicate-record"
    case repeatedAcrossReturns = "repeated-across-returns"
    case overlappingEpisodes = "overlapping-episodes"
    case continuityBreak = "continuity-388"
    case missingHeader = "missing-header"
    case missingClosureDate = "missing-closure-date"
    case incompleteHistory = "incomplete-history"

    public var description: String {
        switch self {
        case .malformedRow: "Row not readable (wrong number of fields, unterminated quote, invalid UTF-8)"
        case .missingID: "Child identifier missing"
        case .missingLA: "LA blank while the file's other records name their LA"
        case .missingLinkID: "Linking identifier (Health and Care Number) missing"
        case .missingDate: "Required date missing (DECOM, CINreferralDate, DOB)"
        case .invalidDate: "Date not readable (SSDA903 dd/mm/yyyy, CIN yyyy-mm-dd)"
        case .impossibleDate: "Date before 1900"
        case .afterDataEnd: "Date or return year after the data's end (collection year, --end-date, or latest DECOM/census)"
        case .yearMismatch: "YEAR or CensusYear differs from the return the file holds (the file's year is used)"
        case .invertedDates: "End date before start date"
        case .birthAfterStart: "Date of birth after the episode started (DOB after DECOM)"
        case .invalidCode: "Code not in the code list"
        case .missingCode: "Required code blank, or DEC and REC not both given"
        case .duplicateRecord: "Same record key twice in one return (the last row is kept)"
        case .repeatedAcrossReturns: "Record repeated in an earlier return, superseded by the latest one"
        case .overlappingEpisodes: "Episode starts before the child's previous episode ended"
        case .continuityBreak: "Rule 388: X1 without a same-day next episode, same-day next episode without X1, or last episode X1"
        case .missingHeader: "Episode's child not in the SSDA903 header (date of birth unknown)"
        case .missingClosureDate: "Closed episode without a closure date"
        case .incompleteHistory: "Child's episodes left out: one was excluded, or an X1 or open episode is followed by a gap"
        }
    }

    /// Whether a record failing this rule is left out of the cleaned data.
    public var excludesRecord: Bool {
        switch self {
        case .malformedRow, .missingID, .missingLA, .missingDate, .invalidDate, .impossibleDate, .afterDataEnd,
             .invertedDates, .birthAfterStart, .duplicateRecord, .repeatedAcrossReturns, .incompleteHistory: true
        case .missingLinkID, .invalidCode, .missingCode, .overlappingEpisodes, .continuityBreak, .missingHeader,
             .missingClosureDate, .yearMismatch: false
        }
    }

    /// Whether the rule records the expected shape of the data rather than a fault: an episode repeated in
    /// every return (SSDA903) or census year (CIN) while it is open is how these collections work, so the
    /// superseded copies are reported as de-duplication, not as failed checks.
    public var isExpected: Bool { self == .repeatedAcrossReturns }

    /// Whether excluding a record for this rule leaves its child's SSDA903 history with a hole (so the child's
    /// periods of care cannot be built safely). De-duplication leaves a copy standing in; a record without a
    /// child or LA belongs to no known child.
    var breaksHistory: Bool {
        switch self {
        case .missingDate, .invalidDate, .impossibleDate, .afterDataEnd, .invertedDates, .birthAfterStart: true
        default: false
        }
    }
}

/// One failed check on one record.
public struct ValidationIssue: Sendable, Hashable {
    /// The table the record came from ("episodes", "header", "cin", or a SOSCARE module name).
    public var source: String
    /// The file, when a source spans several files (CIN census years); "" otherwise.
    public var file: String
    /// 0-based data row in the source (the CSV line number is row + 2).
    public var row: Int
    public var la: String
    public var child: String
    public var rule: ValidationRule
    /// The column concerned ("" for record-level rules).
    public var field: String
    /// What was found, e.g. "PLACE = Q9".
    public var detail: String
    /// Whether this issue removed the record from the cleaned data.
    public var excluded: Bool
    /// The record's values as `NAME=value` pairs.
    public var record: String

    public init(source: String, file: String = "", row: Int, la: String, child: String, rule: ValidationRule,
                field: String = "", detail: String, excluded: Bool? = nil, record: String = "") {
        self.source = source
        self.file = file
        self.row = row
        self.la = la
        self.child = child
        self.rule = rule
        self.field = field
        self.detail = detail
        self.excluded = excluded ?? rule.excludesRecord
        self.record = record
    }
}
