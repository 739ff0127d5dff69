import _CReadStat
import Foundation

/// Reads Stata `.dta`, SPSS `.sav` and SAS `.sas7bdat` files into a ``DataFrame`` with the ReadStat C library
/// (Evan Miller, https://github.com/WizardMac/ReadStat; Debian libreadstat 1.1.8).
///
/// What becomes what (chosen to match what R's haven gives after `as_factor(levels = "default")`):
/// - Numeric variables become double columns; Stata byte/int/long storage becomes integer columns.
/// - Every missing value becomes a missing entry: system missing (Stata `.`, SPSS sysmis, SAS `.`), Stata's
///   tagged missing `.a`–`.z` and SAS `.A`–`.Z`/`._`, and SPSS user-missing values and ranges. (Which tag a value
///   had is not kept.)
/// - A variable with value labels becomes a categorical column. Its levels are all labels of non-missing values
///   plus the text of present values that have no label, **ordered by the labelled value** (so codes 0 < 1 < 2 give
///   levels in that order whatever the alphabet says); a text shared by two values is one level. Labels attached
///   to Stata tagged missing values are dropped, since those entries are missing.
/// - Dates: Stata `%td` (days since 1960-01-01), SPSS DATE/ADATE/EDATE/JDATE/SDATE (seconds since 1582-10-14),
///   SAS DATE, YYMMDD, MMDDYY, DDMMYY, E8601DA, … (days since 1960-01-01) become date columns. Datetimes
///   (Stata `%tc`, SPSS DATETIME, SAS DATETIME/E8601DT) also become date columns holding the calendar day (UTC),
///   because the table model has no datetime kind yet; the time of day is dropped.
/// - String variables become string columns (an empty Stata string is the empty string, not missing, as haven).
///
/// The C callbacks reach their state through a class instance passed as ReadStat's context pointer
/// (`Unmanaged`), never global state, so concurrent reads of different files are independent.
/// Complexity: O(rows × variables), one pass over the file.
public enum ReadStatReader {
    /// Reads the file at `path`, in `format` or the format its extension names.
    public static func read(path: String, format: StatFileFormat? = nil) throws(ReadStatError) -> DataFrame {
        guard let format = format ?? StatFileFormat(pathExtension: (path as NSString).pathExtension) else {
            throw .unknownFormat(path: path)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .fileNotFound(path: path)
        }
        guard let parser = readstat_parser_init() else {
            throw .readStat(path: path, code: Int(READSTAT_ERROR_MALLOC.rawValue), message: "cannot allocate a parser")
        }
        defer { readstat_parser_free(parser) }
        let box = ReadStatContext(format: format)
        _ = readstat_set_metadata_handler(parser, readStatMetadataHandler)
        _ = readstat_set_variable_handler(parser, readStatVariableHandler)
        _ = readstat_set_value_handler(parser, readStatValueHandler)
        _ = readstat_set_value_label_handler(parser, readStatValueLabelHandler)
        _ = readstat_set_error_handler(parser, readStatErrorHandler)
        let status: readstat_error_t = withExtendedLifetime(box) {
            let ctx = Unmanaged.passUnretained(box).toOpaque()
            switch format {
            case .stata: return readstat_parse_dta(parser, path, ctx)
            case .spss: return readstat_parse_sav(parser, path, ctx)
            case .sas: return readstat_parse_sas7bdat(parser, path, ctx)
            }
        }
        if status != READSTAT_OK {
            var message = String(cString: readstat_error_message(status))
            if !box.errors.isEmpty { message += " — " + box.errors.joined(separator: "; ") }
            let code = Int(status.rawValue)
            if status == READSTAT_ERROR_OPEN { throw .fileNotFound(path: path) }
            let invalid: [readstat_error_t] = [
                READSTAT_ERROR_READ, READSTAT_ERROR_PARSE, READSTAT_ERROR_SEEK, READSTAT_ERROR_UNSUPPORTED_COMPRESSION,
                READSTAT_ERROR_COLUMN_COUNT_MISMATCH, READSTAT_ERROR_ROW_COUNT_MISMATCH, READSTAT_ERROR_ROW_WIDTH_MISMATCH,
                READSTAT_ERROR_BAD_FORMAT_STRING, READSTAT_ERROR_VALUE_TYPE_MISMATCH,
                READSTAT_ERROR_UNSUPPORTED_FILE_FORMAT_VERSION, READSTAT_ERROR_CONVERT, READSTAT_ERROR_CONVERT_BAD_STRING,
                READSTAT_ERROR_CONVERT_SHORT_STRING, READSTAT_ERROR_CONVERT_LONG_STRING,
            ]
            if invalid.contains(status) { throw .invalidFile(path: path, format: format, code: code, message: message) }
            throw .readStat(path: path, code: code, message: message)
        }
        do {
            return try DataFrame(columns: box.columns())
        } catch {
            throw .table(error)
        }
    }
}

// MARK: - C callbacks (no captures; state lives in the context box)

private func context(_ ctx: UnsafeMutableRawPointer?) -> ReadStatContext? {
    ctx.map { Unmanaged<ReadStatContext>.fromOpaque($0).takeUnretainedValue() }
}

private let readStatMetadataHandler: readstat_metadata_handler = { metadata, ctx in
    guard let box = context(ctx), let metadata else { return 1 }
    box.rowCountHint = Int(readstat_get_row_count(metadata))
    return 0
}

private let readStatVariableHandler: readstat_variable_handler = { index, variable, labelSet, ctx in
    guard let box = context(ctx), let variable else { return 1 }
    let name = readstat_variable_get_name(variable).map { String(cString: $0) } ?? "V\(index + 1)"
    let format = readstat_variable_get_format(variable).map { String(cString: $0) } ?? ""
    let type = readstat_variable_get_type(variable)
    var v = ReadStatVariable(name: name, format: format,
                             isString: readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_STRING,
                             isIntegerStorage: type == READSTAT_TYPE_INT8 || type == READSTAT_TYPE_INT16 || type == READSTAT_TYPE_INT32,
                             labelSet: labelSet.map { String(cString: $0) })
    v.reserve(max(0, box.rowCountHint))
    let i = Int(index)
    while box.variables.count <= i { box.variables.append(ReadStatVariable(name: "V\(box.variables.count + 1)")) }
    box.variables[i] = v
    return 0
}

private let readStatValueHandler: readstat_value_handler = { obsIndex, variable, value, ctx in
    guard let box = context(ctx), let variable else { return 1 }
    let i = Int(readstat_variable_get_index(variable))
    guard i >= 0, i < box.variables.count else { return 1 }
    let row = Int(obsIndex)
    let missing = readstat_value_is_missing(value, variable) != 0
    if box.variables[i].isString {
        let text = missing ? nil : readstat_string_value(value).map { String(cString: $0) }
        box.variables[i].set(row: row, string: text)
    } else {
        box.variables[i].set(row: row, number: missing ? nil : readstat_double_value(value))
    }
    return 0
}

private let readStatValueLabelHandler: readstat_value_label_handler = { labelSet, value, label, ctx in
    guard let box = context(ctx), let labelSet, let label else { return 1 }
    // Labels of system or tagged missing values name entries that are missing anyway: skip them.
    if readstat_value_is_system_missing(value) != 0 || readstat_value_is_tagged_missing(value) != 0 { return 0 }
    let key: ReadStatLabelKey
    if readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING {
        key = .text(readstat_string_value(value).map { String(cString: $0) } ?? "")
    } else {
        key = .number(readstat_double_value(value))
    }
    box.labelSets[String(cString: labelSet), default: []].append((key, String(cString: label)))
    return 0
}

private let readStatErrorHandler: readstat_error_handler = { message, ctx in
    guard let box = context(ctx), let message else { return }
    box.errors.append(String(cString: message))
}

// MARK: - State collected during a parse

enum ReadStatLabelKey {
    case number(Double)
    case text(String)
}

/// One variable's values as they arrive (row by row), before conversion to a typed column.
struct ReadStatVariable {
    var name: String
    var format = ""
    var isString = false
    var isIntegerStorage = false
    var labelSet: String?
    var numbers: [Double] = []
    var strings: [String] = []
    var valid: [Bool] = []

    mutating func reserve(_ n: Int) {
        valid.reserveCapacity(n)
        if isString { strings.reserveCapacity(n) } else { numbers.reserveCapacity(n) }
    }

    mutating func set(row: Int, number: Double?) {
        while numbers.count < row { numbers.append(0); valid.append(false) }
        if numbers.count == row { numbers.append(number ?? 0); valid.append(number != nil) } else {
            numbers[row] = number ?? 0
            valid[row] = number != nil
        }
    }

    mutating func set(row: Int, string: String?) {
        while strings.count < row { strings.append(""); valid.append(false) }
        if strings.count == row { strings.append(string ?? ""); valid.append(string != nil) } else {
            strings[row] = string ?? ""
            valid[row] = string != nil
        }
    }
}

/// The parse's mutable state, reached from the C callbacks through ReadStat's context pointer. Used by one
/// parse on one thread only, and never escapes `ReadStatReader.read`.
final class ReadStatContext {
    let format: StatFileFormat
    var rowCountHint = 0
    var variables: [ReadStatVariable] = []
    var labelSets: [String: [(ReadStatLabelKey, String)]] = [:]
    var errors: [String] = []

    init(format: StatFileFormat) { self.format = format }

    /// The typed columns, padded to a common row count (missing) if a variable received fewer values.
    func columns() -> [DataColumn] {
        let n = variables.map(\.valid.count).max() ?? 0
        return variables.map { v in
            var v = v
            if v.isString {
                while v.valid.count < n { v.strings.append(""); v.valid.append(false) }
            } else {
                while v.valid.count < n { v.numbers.append(0); v.valid.append(false) }
            }
            return column(v)
        }
    }

    private func column(_ v: ReadStatVariable) -> DataColumn {
        let mask = ValidityMask(v.valid)
        if let set = v.labelSet, let labels = labelSets[set], !labels.isEmpty {
            return categorical(v, labels: labels)
        }
        if v.isString { return DataColumn(name: v.name, values: .string(v.strings), validity: mask) }
        if let kind = ReadStatDateFormat.kind(of: v.format, in: format) {
            var valid = v.valid
            let days: [Int32] = v.numbers.indices.map { i in
                guard valid[i], let d = kind.daysSinceUnixEpoch(v.numbers[i]) else { valid[i] = false; return 0 }
                return d
            }
            return DataColumn(name: v.name, values: .date(days), validity: ValidityMask(valid))
        }
        if v.isIntegerStorage {
            return DataColumn(name: v.name, values: .integer(v.numbers.map { Int($0) }), validity: mask)
        }
        return DataColumn(name: v.name, values: .double(v.numbers), validity: mask)
    }

    /// Levels ordered by labelled value; present values without a label get their own text as the level.
    private func categorical(_ v: ReadStatVariable, labels: [(ReadStatLabelKey, String)]) -> DataColumn {
        if v.isString {
            var entries: [(String, String)] = []
            for case let (.text(t), l) in labels { entries.append((t, l)) }
            let labelled = Set(entries.map(\.0))
            for i in v.strings.indices where v.valid[i] && !labelled.contains(v.strings[i]) { entries.append((v.strings[i], v.strings[i])) }
            entries.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            return build(v.name, entries, keys: v.strings, valid: v.valid)
        }
        var entries: [(Double, String)] = []
        for case let (.number(x), l) in labels { entries.append((x, l)) }
        let labelled = Set(entries.map(\.0))
        var extra = Set<Double>()
        for i in v.numbers.indices where v.valid[i] && !labelled.contains(v.numbers[i]) && extra.insert(v.numbers[i]).inserted {
            entries.append((v.numbers[i], ReadStatContext.valueText(v.numbers[i])))
        }
        entries.sort { $0.0 < $1.0 }
        return build(v.name, entries, keys: v.numbers, valid: v.valid)
    }

    private func build<K: Hashable>(_ name: String, _ entries: [(K, String)], keys: [K], valid: [Bool]) -> DataColumn {
        var levels: [String] = []
        var levelIndex: [String: Int32] = [:]
        var codeOf: [K: Int32] = [:]
        for (k, l) in entries where codeOf[k] == nil {
            if levelIndex[l] == nil { levelIndex[l] = Int32(levels.count); levels.append(l) }
            codeOf[k] = levelIndex[l]
        }
        var validity = valid
        let codes: [Int32] = keys.indices.map { i in
            guard valid[i], let c = codeOf[keys[i]] else { validity[i] = false; return 0 }
            return c
        }
        return DataColumn(name: name, values: .categorical(codes: codes, levels: levels, ordered: false),
                          validity: ValidityMask(validity))
    }

    /// A number as R's `as.character` writes it for typical codes: integers without a decimal point.
    static func valueText(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }
}

/// Date and datetime display formats of the three packages, and their epochs.
enum ReadStatDateFormat {
    case days(epochOffset: Int)
    case seconds(epochOffset: Int)
    case milliseconds(epochOffset: Int)

    /// 1960-01-01 (Stata, SAS) and 1582-10-14 (SPSS) as days since 1970-01-01.
    static let stataSASEpoch = -3653
    static let spssEpoch = -141_428

    /// Days since 1970-01-01 for a stored value (floor for datetimes), or nil if out of the Int32 range or not
    /// finite.
    func daysSinceUnixEpoch(_ x: Double) -> Int32? {
        guard x.isFinite else { return nil }
        let d: Double
        switch self {
        case .days(let e): d = x.rounded(.down) + Double(e)
        case .seconds(let e): d = (x / 86_400).rounded(.down) + Double(e)
        case .milliseconds(let e): d = (x / 86_400_000).rounded(.down) + Double(e)
        }
        guard d >= Double(Int32.min), d <= Double(Int32.max) else { return nil }
        return Int32(d)
    }

    /// The date kind a variable's display format names, if any. Stata: `%td…`, `%d…` (days), `%tc…`/`%tC…`
    /// (milliseconds). SPSS: DATE, ADATE, EDATE, JDATE, SDATE (seconds), DATETIME, YMDHMS (seconds). SAS: DATE,
    /// YYMMDD, MMDDYY, DDMMYY, E8601DA, B8601DA, WEEKDATE, WORDDATE, JULIAN, … (days), DATETIME, E8601DT,
    /// B8601DT (seconds).
    static func kind(of format: String, in file: StatFileFormat) -> ReadStatDateFormat? {
        let f = format.uppercased()
        switch file {
        case .stata:
            if f.hasPrefix("%TD") || f.hasPrefix("%D") { return .days(epochOffset: stataSASEpoch) }
            if f.hasPrefix("%TC") { return .milliseconds(epochOffset: stataSASEpoch) }
            return nil
        case .spss:
            let stem = String(f.prefix { $0.isLetter })
            if ["DATE", "ADATE", "EDATE", "JDATE", "SDATE"].contains(stem) { return .seconds(epochOffset: spssEpoch) }
            if ["DATETIME", "YMDHMS"].contains(stem) { return .seconds(epochOffset: spssEpoch) }
            return nil
        case .sas:
            // Longest names first, so DATETIME is not taken for DATE; a name is followed by a width or nothing.
            func named(_ names: [String]) -> Bool {
                names.sorted { $0.count > $1.count }.contains { n in
                    guard f.hasPrefix(n) else { return false }
                    let rest = f.dropFirst(n.count)
                    return rest.first.map { $0.isNumber || $0 == "." } ?? true
                }
            }
            if named(["DATETIME", "E8601DT", "B8601DT", "DATEAMPM"]) { return .seconds(epochOffset: stataSASEpoch) }
            if named(["DATE", "YYMMDD", "MMDDYY", "DDMMYY", "E8601DA", "B8601DA", "WEEKDATE", "WORDDATE", "JULIAN",
                      "YYMMDDN", "MMDDYYN", "DDMMYYN", "YYMMDDS", "MMDDYYS", "DDMMYYS", "YYMMDDD", "MMDDYYD", "DDMMYYD",
                      "YYMMDDP", "MMDDYYP", "DDMMYYP", "MONYY", "YYMON", "WEEKDATX", "WORDDATX"]) {
                return .days(epochOffset: stataSASEpoch)
            }
            return nil
        }
    }
}
