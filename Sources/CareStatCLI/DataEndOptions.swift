public import ArgumentParser
import CareData

/// The data's end, as `validate` and `derive` take it: `--end-date` or `--collection-year`; neither means
/// CareData infers it from the data (latest return year, else latest DECOM / census date) and says so.
public struct DataEndOptions: ParsableArguments {
    @Option(help: "Last day the data cover, yyyy-mm-dd; later dates are validation failures (default: inferred and stated).")
    public var endDate: String?
    @Option(help: "Collection year the data end with (its 31 March is the data's end), e.g. 2024.")
    public var collectionYear: Int?

    public init() {}

    public func validate() throws {
        if endDate != nil && collectionYear != nil { throw ValidationError("give --end-date or --collection-year, not both") }
        if let s = endDate, DateField.parse(s).date == nil { throw ValidationError("--end-date: not a date: \(s)") }
        if let y = collectionYear, !(1900...2999).contains(y) {
            throw ValidationError("--collection-year must be a year such as 2024, got \(y)")
        }
    }

    /// The end given, or nil to infer it.
    var dataEnd: DataEnd? {
        if let s = endDate, let d = DateField.parse(s).date { return .given(d) }
        return collectionYear.map(DataEnd.collectionYear)
    }
}
