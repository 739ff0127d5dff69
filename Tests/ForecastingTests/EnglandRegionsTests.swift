import Testing
@testable import Forecasting

/// The built-in English LA → region list (DfE children looked after 2019 LA file plus the successor codes of the
/// 2019–2023 reorganisations; see scripts/make_england_regions.py). Checked against facts stated by DfE/ONS.
@Suite struct EnglandRegionsTests {
    @Test func theListHasEveryRegionAndTheAuthoritiesOfTheDfEFile() {
        #expect(EnglandRegions.regionTable.count == 9)
        // 152 authorities in the 2019 file + 9 successor codes.
        #expect(EnglandRegions.authorityTable.count == 161)
        #expect(Set(EnglandRegions.authorityTable.map(\.code)).count == 161)
        #expect(EnglandRegions.region(of: "E06000001")?.name == "North East")     // Hartlepool
        #expect(EnglandRegions.region(of: "E09000001")?.name == "London")         // City of London
        #expect(EnglandRegions.region(of: "E06000053")?.name == "South West")     // Isles of Scilly
        #expect(EnglandRegions.region(of: "E08000025")?.name == "West Midlands")  // Birmingham
        let londonBoroughs = EnglandRegions.authorityTable.filter { $0.region == "E12000007" }.count
        #expect(londonBoroughs == 33)
    }

    /// Old codes that changed map, old and new: Dorset/Bournemouth/Poole (2019), Buckinghamshire (2020),
    /// Northamptonshire's split (2021), Cumbria, North Yorkshire and Somerset (2023).
    @Test func reorganisedAuthoritiesMapOldAndNew() {
        for (code, region) in [("E06000028", "South West"), ("E06000029", "South West"), ("E10000009", "South West"),
                               ("E06000058", "South West"), ("E06000059", "South West"),
                               ("E10000002", "South East"), ("E06000060", "South East"),
                               ("E10000021", "East Midlands"), ("E06000061", "East Midlands"), ("E06000062", "East Midlands"),
                               ("E10000006", "North West"), ("E06000063", "North West"), ("E06000064", "North West"),
                               ("E10000023", "Yorkshire and The Humber"), ("E06000065", "Yorkshire and The Humber"),
                               ("E10000027", "South West"), ("E06000066", "South West")] {
            #expect(EnglandRegions.region(of: code)?.name == region, "\(code)")
        }
    }

    /// Units not in the list are returned, never dropped; the hierarchy holds only the regions that have units.
    @Test func unplacedUnitsAreReturned() throws {
        let (h, unplaced) = try EnglandRegions.hierarchy(units: ["E06000001", "W06000001", "E09000001", "X"])
        #expect(unplaced == ["W06000001", "X"])
        #expect(h.bottom == ["E06000001", "E09000001"])
        #expect(h.nodes == ["England", "North East", "London", "E06000001", "E09000001"])
        #expect(throws: ForecastError.self) { try EnglandRegions.hierarchy(units: ["W06000001"]) }
    }
}
