public import Tabular

/// The CSV text of a derived table, as Tabular's ``CSVWriter`` writes it (missing values empty; dates ISO;
/// booleans TRUE/FALSE; doubles in shortest round-trip form).
public func csvText(of frame: DataFrame) -> String { CSVWriter.string(frame) }

/// Writes `frame` as CSV (``CSVWriter``) to `path`.
public func writeCSV(_ frame: DataFrame, to path: String) throws(CareDataError) {
    do { try CSVWriter.write(frame, to: path) } catch { throw .unwritableFile(path: path, reason: error.reason) }
}
