
/// One row of the SSDA903 Header table (the child's characteristics), as read: codes are kept as written
/// (upper-cased) so that validation can report invalid ones; typed accessors return nil for unknown codes.
public struct SSDA903Child: Sendable, Hashable {
    /// The file line − 2: the 0-based data row, unless unreadable rows before it were set aside.
    public var row: Int
    public var child: String?
    /// Local authority (project extension column `LA`; "" when absent).
    public var la: String
    public var sexCode: String?
    public var dob: DateField
    public var ethnicCode: String?
    public var upn: String?

    public init(row: Int, child: String?, la: String = "", sexCode: String?, dob: DateField, ethnicCode: String?,
                upn: String? = nil) {
        self.row = row
        self.child = child
        self.la = la
        self.sexCode = sexCode
        self.dob = dob
        self.ethnicCode = ethnicCode
        self.upn = upn
    }

    public var sex: Sex? { sexCode.flatMap(Sex.parse) }
    public var ethnicity: Ethnicity? { ethnicCode.flatMap(Ethnicity.parse) }
}
