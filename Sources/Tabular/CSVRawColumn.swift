/// One part's column of numbers, booleans or dates as the reader wrote it (``CSVColumnBuilder/finishRaw(rows:)``):
/// the values in the builder's own buffer, which this object owns and frees. The two-part read
/// (``CSVParallelRead``) joins two of these straight into the final column, so each value is copied once
/// (builder → column) instead of twice (builder → part's column → joined column), and half as many fresh pages
/// are faulted: on `carestat glm` at n = 10⁶ the kernel zeroing fresh pages was the largest single cost.
final class CSVRawColumn: @unchecked Sendable {
    enum Kind: Sendable { case integer, double, boolean, date }

    let name: String
    let kind: Kind
    /// `rows` values of the kind's type (Int, Double, Bool, Int32); entries of missing rows are placeholders.
    let data: UnsafeMutableRawPointer
    let rows: Int
    let validity: ValidityMask

    init(name: String, kind: Kind, data: UnsafeMutableRawPointer, rows: Int, validity: ValidityMask) {
        self.name = name
        self.kind = kind
        self.data = data
        self.rows = rows
        self.validity = validity
    }

    deinit { data.deallocate() }

    /// `a`'s rows followed by `b`'s as one column; nil when their kinds differ. Large columns are copied by two
    /// threads, each part by one (its fresh pages faulted on its own core: ``CSVParallelRead/joinedArray(_:_:_:_:_:)``).
    /// O(rows).
    static func joined(_ a: CSVRawColumn, _ b: CSVRawColumn) -> DataColumn? {
        guard a.kind == b.kind else { return nil }
        let validity = ValidityMask(joining: a.validity, b.validity)
        let values: ColumnValues
        switch a.kind {
        case .integer: values = .integer(copied(Int.self, a, b))
        case .double: values = .double(copied(Double.self, a, b))
        case .boolean: values = .boolean(copied(Bool.self, a, b))
        case .date: values = .date(copied(Int32.self, a, b))
        }
        return DataColumn(name: a.name, values: values, validity: validity)
    }

    private static func copied<T: BitwiseCopyable>(_: T.Type, _ a: CSVRawColumn, _ b: CSVRawColumn) -> [T] {
        CSVParallelRead.joinedArray(T.self, UnsafeRawPointer(a.data), a.rows, UnsafeRawPointer(b.data), b.rows)
    }
}
