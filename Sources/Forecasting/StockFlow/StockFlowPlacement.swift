public import CareData

/// The placement types of the stock–flow demand model: foster, residential, supported/independent and other, so
/// that unit costs attach to them. They follow the project's ``PlacementGroup`` (CareData) so that the derived
/// datasets and this model agree:
/// - foster: U1–U6 (all foster placements, kinship and unrelated carers);
/// - residential: K1, K2, R1, R2, R3, R5, S1 (children's homes, secure, residential care and schools, NHS/health,
///   family centres, young offender institutions);
/// - supported: H5, K3, P2, P3 (semi-independent, supported accommodation, independent living, residential
///   employment);
/// - other: A3–A6 (placed for adoption), P1 (placed with parents), T0–T4 (temporary), Z1, and a blank or unknown
///   code.
public enum StockFlowPlacement: Int, CaseIterable, Sendable, Hashable, Comparable {
    case foster = 0, residential, supported, other

    /// The group of a placement code (nil — blank or unknown — is `other`).
    public init(_ placement: PlacementType?) {
        switch placement?.group {
        case .foster?: self = .foster
        case .residential?: self = .residential
        case .independentLiving?: self = .supported
        case .placedForAdoption?, .withParents?, .other?, nil: self = .other
        }
    }

    /// The name used in tables, JSON, `--costs` files and scenarios.
    public var name: String {
        switch self {
        case .foster: "foster"
        case .residential: "residential"
        case .supported: "supported"
        case .other: "other"
        }
    }

    /// The group named `name` (as ``name``; case-insensitive).
    public init?(name: String) {
        guard let g = StockFlowPlacement.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = g
    }

    public static func < (a: StockFlowPlacement, b: StockFlowPlacement) -> Bool { a.rawValue < b.rawValue }
}

/// How a child leaves care before 18 (the competing exits of the stock–flow model), grouped as the `periods`
/// derivation's `exit` column: home (E4A, E4B, E13), adoption (E11, E12), special guardianship or child
/// arrangements order, and every other reason. Reaching 18 is not one of these: the model ages children out.
public enum CareExitRoute: Int, CaseIterable, Sendable, Hashable {
    case home = 0, adoption, sgoCAO, other

    /// The route of a period's end reason.
    public init(_ reason: ReasonEpisodeCeased?) {
        guard let r = reason else { self = .other; return }
        self = r.isReturnHome ? .home : r.isAdoption ? .adoption : r.isSGOOrCAO ? .sgoCAO : .other
    }

    public var name: String {
        switch self {
        case .home: "home"
        case .adoption: "adoption"
        case .sgoCAO: "sgo_cao"
        case .other: "other"
        }
    }
}

/// The state space of the stock–flow model: DfE age band × placement group, with age kept in completed months
/// (0..<216) inside the projection so that ageing is exact.
public enum StockFlowStates {
    public static let bands = AgeBand.allCases.count
    public static let groups = StockFlowPlacement.allCases.count
    public static let routes = CareExitRoute.allCases.count
    /// Band × group states.
    public static let count = bands * groups
    /// Age in completed months runs 0..<216; the 18th birthday leaves care.
    public static let ageMonths = 18 * 12

    /// The state index of a band and group.
    @inlinable public static func index(band: Int, group: Int) -> Int { band * groups + group }

    /// The DfE band index (0: under 1, 1: 1–4, 2: 5–9, 3: 10–15, 4: 16–17) of an age in completed years.
    @inlinable public static func band(ageYears a: Int) -> Int { a < 1 ? 0 : a < 5 ? 1 : a < 10 ? 2 : a < 16 ? 3 : 4 }

    /// The band of each age in completed months.
    public static let bandOfAgeMonth: [Int] = (0..<ageMonths).map { band(ageYears: $0 / 12) }

    /// Band labels as DfE prints them.
    public static let bandLabels = ["under 1", "1-4", "5-9", "10-15", "16-17"]
    /// First age in years of each band, and one past its last.
    public static let bandYears: [Range<Int>] = [0..<1, 1..<5, 5..<10, 10..<16, 16..<18]
}
