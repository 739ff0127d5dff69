/// A regularly spaced series of observations: annual, quarterly or monthly counts for one unit (an LA, a region,
/// England).
///
/// Time is indexed as R's `ts` does: observation `i` (0-based) sits at `start + i / frequency`, so an annual series
/// starting in 2010 has times 2010, 2011, …, and a quarterly series starting in 2010 Q2 has `start = 2010.25`.
/// Missing observations are `nil`; models that cannot take gaps say so (`ForecastError.missingValues`) rather than
/// skipping them.
public struct TimeSeries: Sendable, Equatable {
    /// Name of the series (LA code, region, "England").
    public var name: String
    /// Observations in time order; `nil` is missing.
    public var values: [Double?]
    /// Time of the first observation, in years (R's `start(x)` as a decimal).
    public var start: Double
    /// Observations per year: 1 (annual), 4 (quarterly) or 12 (monthly). Seasonal models use it as the period.
    public var frequency: Int

    public init(name: String, values: [Double?], start: Double, frequency: Int = 1) {
        self.name = name
        self.values = values
        self.start = start
        self.frequency = frequency
    }

    /// A series with no missing values.
    public init(name: String, values: [Double], start: Double, frequency: Int = 1) {
        self.init(name: name, values: values.map { Optional($0) }, start: start, frequency: frequency)
    }

    public var count: Int { values.count }

    /// The time of observation `index` (0-based); indices past the end give forecast times.
    public func time(at index: Int) -> Double { start + Double(index) / Double(frequency) }

    /// The observations, or `ForecastError.missingValues` naming the first missing time.
    public func complete() throws(ForecastError) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(values.count)
        for (i, v) in values.enumerated() {
            guard let v else { throw .missingValues(series: name, time: time(at: i)) }
            out.append(v)
        }
        return out
    }
}
