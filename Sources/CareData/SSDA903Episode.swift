
/// One row of the SSDA903 Episodes table, as read. Codes are kept as written (upper-cased) so that validation
/// can report invalid ones; the typed accessors return nil for blank or unknown codes.
public struct SSDA903Episode: Sendable, Hashable {
    /// The file line − 2: the 0-based data row, unless unreadable rows before it were set aside.
    public var row: Int
    public var child: String?
    /// Local authority (project extension column `LA`; "" when absent).
    public var la: String
    public var decom: DateField
    public var dec: DateField
    // Codes as written; the typed values are parsed once, when a code is set.
    public var rneCode: String? { didSet { reasonNewEpisode = rneCode.flatMap(ReasonNewEpisode.parse) } }
    public var lsCode: String? { didSet { legalStatus = lsCode.flatMap(LegalStatus.parse) } }
    public var cinCode: String? { didSet { categoryOfNeed = cinCode.flatMap(CategoryOfNeed.parse) } }
    public var placeCode: String? { didSet { placement = placeCode.flatMap(PlacementType.parse) } }
    public var placeProviderCode: String? { didSet { placementProvider = placeProviderCode.flatMap(PlacementProvider.parse) } }
    public var recCode: String? { didSet { reasonCeased = recCode.flatMap(ReasonEpisodeCeased.parse) } }
    public var reasonPlaceChangeCode: String? { didSet { reasonPlaceChange = reasonPlaceChangeCode.flatMap(ReasonPlaceChange.parse) } }
    /// RNE as a code, nil when blank or not in the list.
    public private(set) var reasonNewEpisode: ReasonNewEpisode?
    public private(set) var legalStatus: LegalStatus?
    public private(set) var categoryOfNeed: CategoryOfNeed?
    public private(set) var placement: PlacementType?
    public private(set) var placementProvider: PlacementProvider?
    public private(set) var reasonCeased: ReasonEpisodeCeased?
    public private(set) var reasonPlaceChange: ReasonPlaceChange?
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
        reasonNewEpisode = rne.flatMap(ReasonNewEpisode.parse)
        legalStatus = ls.flatMap(LegalStatus.parse)
        categoryOfNeed = cin.flatMap(CategoryOfNeed.parse)
        placement = place.flatMap(PlacementType.parse)
        placementProvider = placeProvider.flatMap(PlacementProvider.parse)
        reasonCeased = rec.flatMap(ReasonEpisodeCeased.parse)
        self.reasonPlaceChange = reasonPlaceChange.flatMap(ReasonPlaceChange.parse)
    }

    /// A code as written (upper-cased) with its parsed value, converted once per distinct code by the reader.
    struct Code<L: CodeList> {
        var text: String?
        var value: L?
    }

    /// An episode from codes already parsed (the reader's path: no parsing per row).
    init(row: Int, child: String?, la: String, decom: DateField, dec: DateField, rne: Code<ReasonNewEpisode>,
         ls: Code<LegalStatus>, cin: Code<CategoryOfNeed>, place: Code<PlacementType>,
         placeProvider: Code<PlacementProvider>, rec: Code<ReasonEpisodeCeased>,
         reasonPlaceChange: Code<ReasonPlaceChange>, year: Int?) {
        self.row = row
        self.child = child
        self.la = la
        self.decom = decom
        self.dec = dec
        self.rneCode = rne.text
        self.lsCode = ls.text
        self.cinCode = cin.text
        self.placeCode = place.text
        self.placeProviderCode = placeProvider.text
        self.recCode = rec.text
        self.reasonPlaceChangeCode = reasonPlaceChange.text
        self.year = year
        reasonNewEpisode = rne.value
        legalStatus = ls.value
        categoryOfNeed = cin.value
        placement = place.value
        placementProvider = placeProvider.value
        reasonCeased = rec.value
        self.reasonPlaceChange = reasonPlaceChange.value
    }

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
