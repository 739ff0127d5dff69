extension SubstitutionCosts {
    /// A user substitution matrix from CSV text (TraMineR's `sm` given as a matrix): the first row is a corner cell
    /// then the state labels, each further row a label then its costs, e.g.
    ///   ,care,home
    ///   care,0,2
    ///   home,2,0
    /// Rows and columns are matched to `alphabet` by label, in any order; every state of the alphabet must have a row
    /// and a column (states in the file that the data never take are ignored: they change no distance). Validated:
    /// each value a finite number ≥ 0, a zero diagonal, symmetric (exactly, as written). Errors name `source`, the
    /// line and column (1-based) and the value.
    public static func fromCSV(_ text: String, alphabet: Alphabet, source: String) throws(SequenceError) -> SubstitutionCosts {
        func fail(_ s: String) -> SequenceError { .badCost("\(source): \(s)") }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .enumerated().filter { !$0.element.trimmingSpaces.isEmpty }
        guard let header = lines.first else { throw fail("the substitution matrix file is empty") }
        func cells(_ s: Substring) -> [String] { s.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces } }
        let columns = Array(cells(header.element).dropFirst())
        var columnOf: [String: Int] = [:]
        for (c, label) in columns.enumerated() {
            guard columnOf.updateValue(c, forKey: label) == nil else {
                throw fail("line \(header.offset + 1), column \(c + 2): state '\(label)' appears twice in the header")
            }
        }
        var rows: [String: (line: Int, values: [Double])] = [:]
        for (offset, line) in lines.dropFirst() {
            let f = cells(line)
            guard f.count == columns.count + 1 else {
                throw fail("line \(offset + 1): \(f.count) cells, the header has \(columns.count + 1)")
            }
            var values: [Double] = []
            for (c, cell) in f.dropFirst().enumerated() {
                guard let v = Double(cell), v.isFinite, v >= 0 else {
                    throw fail("line \(offset + 1), column \(c + 2) (\(f[0]) → \(columns[c])): '\(cell)' is not a finite number ≥ 0")
                }
                values.append(v)
            }
            guard rows.updateValue((offset + 1, values), forKey: f[0]) == nil else {
                throw fail("line \(offset + 1): state '\(f[0])' has two rows")
            }
        }
        let a = alphabet.count
        var out = [Double](repeating: 0, count: a * a)
        for (i, label) in alphabet.labels.enumerated() {
            guard let row = rows[label] else { throw fail("no row for state '\(label)' (the file's rows: \(rows.keys.sorted().joined(separator: ", ")))") }
            for (j, other) in alphabet.labels.enumerated() {
                guard let c = columnOf[other] else { throw fail("no column for state '\(other)' in the header") }
                out[i * a + j] = row.values[c]
            }
            guard out[i * a + i] == 0 else {
                throw fail("line \(row.line), column \(columnOf[label]! + 2): the cost of '\(label)' with itself is \(out[i * a + i]), must be 0")
            }
        }
        for i in 0..<a { for j in (i + 1)..<a where out[i * a + j] != out[j * a + i] {
            let (x, y) = (alphabet.labels[i], alphabet.labels[j])
            throw fail("not symmetric: cost \(x) → \(y) is \(out[i * a + j]) (line \(rows[x]!.line)) but \(y) → \(x) is \(out[j * a + i]) (line \(rows[y]!.line))")
        } }
        return try SubstitutionCosts(size: a, values: out)
    }
}

extension Substring {
    var trimmingSpaces: String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" || f == "\"" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\"" { s = s.dropLast() }
        return String(s)
    }
}
