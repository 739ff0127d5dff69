
/// One row of the SSDA903 Episodes table, as read. Codes are kept as written (upper-cased) so that validation
/// can report invalid ones; the typed accessors return nil for blank or unknown codes.
public struct SSDA903Episode: Sendable, Hashable {
    /// 0-based data row in the source file.
    public var row: Int
    public var child: String?
    /// Local authority (project extension column `LA`; "" when absent).
    public var la: String
    public var decom: DateField
    public var dec: DateField
    public var rneCode: String?
    public var lsCode: String?
    public var cinCode: String?
    public var placeCode: String?
    public var placeProviderCode: String?
    public var recCode: String?
    public var reasonPlaceChangeCode: String?
    /// Collection year of the return the row came from (project extension column `YEAR`).
    public var year: Int?

    public init(row: Int, child: String?, la: String = "", decom: DateField, dec: DateField = .missing,
                rne: String?, ls: String?, cin: String? = nil, place: String?, placeProvider: String? = nil,
                rec: String? = nil, reasonPlaceChange: String? = nil, year: Int? = nil) {
        self.row = row
        self.child = child
        self.la = la
        self.decom = decom
        self.dec = dec
        self.rneCode = rne
        self.lsCode = ls
        self.cinCode = cin
        self.placeCode = place
        self.placeProviderCode = placeProvider
        self.recCode = rec
        self.reasonPlaceChangeCode = reasonPlaceChange
        self.year = year
    }

    public var reasonNewEpisode: ReasonNewEpisode? { rneCode.flatMap(ReasonNewEpisode.parse) }
    public var legalStatus: LegalStatus? { lsCode.flatMap(LegalStatus.parse) }
    public var categoryOfNeed: CategoryOfNeed? { cinCode.flatMap(CategoryOfNeed.parse) }
    public var placement: PlacementType? { placeCode.flatMap(PlacementType.parse) }
    public var placementProvider: PlacementProvider? { placeProviderCode.flatMap(PlacementProvider.parse) }
    public var reasonCeased: ReasonEpisodeCeased? { recCode.flatMap(ReasonEpisodeCeased.parse) }
    public var reasonPlaceChange: ReasonPlaceChange? { reasonPlaceChangeCode.flatMap(ReasonPlaceChange.parse) }

    /// The child key within the data: LA and CHILD (a child moving LA gets a new CHILD id).
    public var key: ChildKey { ChildKey(la: la, child: child ?? "") }
}

/// A child's identity across files: local authority code and the LA-assigned child id.
public struct ChildKey: Sendable, Hashable, Comparable {
    public var la: String
    public var child: String

    public init(la: String, child: String) {
        self.la = la
        self.child = child
    }

    public static func < (a: ChildKey, b: ChildKey) -> Bool { (a.la, a.child) < (b.la, b.child) }
}
