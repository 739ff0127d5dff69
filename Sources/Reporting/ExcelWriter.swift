import _CXLSXWriter
import Foundation

/// Writes tables to an Excel workbook (.xlsx) with libxlsxwriter (1.1.x), one worksheet per table.
///
/// Each sheet holds the title in bold (row 1), a blank row, the bold header row, the body, a blank row and the
/// footnotes, one per row. Numbers are stored as numbers with a display format matching the text output
/// (``NumberFormatting/excelFormat(_:significantDigits:)``; p-values show "<0.001"); libxlsxwriter writes stored
/// values with 16 significant digits (`%.16G`), more than the 15 Excel computes with. Non-finite numbers, which
/// Excel cannot store, are written as the text "NaN", "Inf", "-Inf"; missing cells are left empty; suppressed
/// cells hold their marker as right-aligned text. Sheet names are made valid and unique by ``ExcelSheetName``.
///
/// On any libxlsxwriter error the partly written file is removed and ``ExcelError/library(code:message:)`` is
/// thrown. Complexity: O(cells); libxlsxwriter keeps the workbook in memory until it is closed.
public enum ExcelWriter {
    /// Excel's sheet limits.
    public static let maximumRows = 1_048_576
    public static let maximumColumns = 16_384

    /// Writes one table to `path` (overwriting it).
    public static func write(_ table: Table, to path: String) throws(ExcelError) {
        try write([table], to: path)
    }

    /// Writes each table to its own sheet of a new workbook at `path` (overwriting it). Sheet names come from the
    /// titles (or "Table N" for an untitled table).
    public static func write(_ tables: [Table], to path: String) throws(ExcelError) {
        guard !tables.isEmpty else { throw .noTables }
        let titles = tables.enumerated().map { $0.element.title.isEmpty ? "Table \($0.offset + 1)" : $0.element.title }
        let names = ExcelSheetName.uniqueNames(for: titles)
        for (table, name) in zip(tables, names) {
            let usedRows = table.rows.count + table.footnotes.count + 5
            if usedRows > maximumRows || max(table.columns.count, 1) > maximumColumns { throw .tableTooLarge(sheet: name) }
        }
        // libxlsxwriter reports a missing directory only at close, and prints to stderr when it does; check first.
        var isDirectory: ObjCBool = false
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw .cannotCreateWorkbook(path: path)
        }
        guard let workbook = workbook_new(path) else { throw .cannotCreateWorkbook(path: path) }
        var writer = SheetWriter(workbook: workbook)
        var failure: ExcelError?
        for (table, name) in zip(tables, names) {
            if let error = writer.add(table, name: name) { failure = error; break }
        }
        let closed = workbook_close(workbook)   // frees the workbook whatever happened
        if failure == nil, closed != LXW_NO_ERROR { failure = ExcelError(closed) }
        if let failure {
            try? FileManager.default.removeItem(atPath: path)
            throw failure
        }
    }
}

extension ExcelError {
    init(_ error: lxw_error) {
        let message = lxw_strerror(error).map { String(cString: $0) } ?? "unknown libxlsxwriter error"
        self = .library(code: Int(error.rawValue), message: message)
    }
}

/// Writes tables into an open workbook; formats are created once per number-format code.
private struct SheetWriter {
    let workbook: UnsafeMutablePointer<lxw_workbook>
    let title: UnsafeMutablePointer<lxw_format>?
    let header: UnsafeMutablePointer<lxw_format>?
    let rightText: UnsafeMutablePointer<lxw_format>?
    let note: UnsafeMutablePointer<lxw_format>?
    var numberFormats: [String: UnsafeMutablePointer<lxw_format>?] = [:]

    init(workbook: UnsafeMutablePointer<lxw_workbook>) {
        self.workbook = workbook
        title = workbook_add_format(workbook)
        if let title { format_set_bold(title); format_set_font_size(title, 12) }
        header = workbook_add_format(workbook)
        if let header { format_set_bold(header); format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue)) }
        rightText = workbook_add_format(workbook)
        if let rightText { format_set_align(rightText, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
        note = workbook_add_format(workbook)
        if let note { format_set_italic(note) }
    }

    mutating func numberFormat(_ code: String) -> UnsafeMutablePointer<lxw_format>? {
        if let f = numberFormats[code] { return f }
        let f = workbook_add_format(workbook)
        if let f { format_set_num_format(f, code) }
        numberFormats[code] = f
        return f
    }

    /// Adds one sheet; returns the first error instead of throwing so the caller can still close the workbook.
    mutating func add(_ table: Table, name: String) -> ExcelError? {
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            return .library(code: Int(LXW_ERROR_PARAMETER_VALIDATION.rawValue), message: "cannot add worksheet \(name)")
        }
        func check(_ e: lxw_error) -> ExcelError? { e == LXW_NO_ERROR ? nil : ExcelError(e) }
        var row: UInt32 = 0
        if !table.title.isEmpty {
            if let e = check(worksheet_write_string(sheet, row, 0, table.title, title)) { return e }
            row += 2
        }
        for (j, column) in table.columns.enumerated() {
            if let e = check(worksheet_write_string(sheet, row, UInt16(j), column.header, header)) { return e }
        }
        row += 1
        var widths = table.columns.map { $0.header.count }
        for cells in table.rows {
            for (j, cell) in cells.enumerated() where j < table.columns.count {
                let col = UInt16(j)
                let status: lxw_error
                switch cell {
                case .text(let s):
                    status = worksheet_write_string(sheet, row, col, s, nil)
                    widths[j] = max(widths[j], s.count)
                case .integer(let i):
                    status = worksheet_write_number(sheet, row, col, Double(i), numberFormat(NumberFormatting.excelIntegerFormat))
                    widths[j] = max(widths[j], String(i).count)
                case let .number(x, digits):
                    if x.isFinite {
                        status = worksheet_write_number(sheet, row, col, x,
                                                        numberFormat(NumberFormatting.excelFormat(x, significantDigits: digits)))
                    } else {
                        status = worksheet_write_string(sheet, row, col, NumberFormatting.human(x), rightText)
                    }
                    widths[j] = max(widths[j], NumberFormatting.human(x, significantDigits: digits).count)
                case .pValue(let p):
                    if p.isFinite {
                        status = worksheet_write_number(sheet, row, col, p, numberFormat(NumberFormatting.excelPValueFormat))
                    } else {
                        status = worksheet_write_string(sheet, row, col, NumberFormatting.human(p), rightText)
                    }
                    widths[j] = max(widths[j], 6)
                case .missing:
                    status = LXW_NO_ERROR
                case .suppressed(let marker):
                    status = worksheet_write_string(sheet, row, col, marker, rightText)
                    widths[j] = max(widths[j], marker.count)
                }
                if let e = check(status) { return e }
            }
            row += 1
        }
        if !table.footnotes.isEmpty {
            row += 1
            for footnote in table.footnotes {
                if let e = check(worksheet_write_string(sheet, row, 0, footnote, note)) { return e }
                row += 1
            }
        }
        for (j, width) in widths.enumerated() {
            // Character count plus padding, capped so a long text cell does not make a huge column.
            let w = Double(min(max(width, 8), 60)) + 2
            if let e = check(worksheet_set_column(sheet, UInt16(j), UInt16(j), w, nil)) { return e }
        }
        return nil
    }
}
