import Foundation
import Tabular

/// The `sequences` derivation written to a CSV file child by child, never held as a table: the same bytes as
/// ``CSVWriter`` writes for ``CareSequences/long(_:)`` or ``CareSequences/wide(_:)``, at national scale (about
/// 4.8 million children × 216 months from a synthetic England's CIN census and SSDA903 files, a 4–5 GB file).
///
/// Children are cut into blocks of ``blockSize``; `threads` workers format one block each at a time (state
/// codes → pre-escaped bytes, so a cell costs a copy of a few bytes), and the blocks are written in order, so
/// the file does not depend on the thread count. Memory: the inputs plus about `2 × threads` blocks of text.
/// Cost O(children × positions × records per child) / threads, plus the writing.
public enum CareSequenceCSV {
    /// Children per block (about 2 MB of wide text for monthly sequences from birth to 18).
    public static let blockSize = 2048

    /// Writes the long (`wide` false) or wide table of `children` to `path` (through ``StreamedFile``: the file
    /// takes its name only when complete) and returns the number of data rows. `progress` is told the children
    /// done so far and the total, about every million children.
    public static func write(_ children: CareSequenceChildren, wide: Bool, to path: String, threads: Int = 1,
                             progress: ((Int, Int) -> Void)? = nil) throws(CareDataError) -> Int {
        let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
        func field(_ s: String) -> [UInt8] {
            var out: [UInt8] = []
            CSVWriter.appendField(Array(s.utf8), to: &out, delimiter: comma, forceQuote: false)
            return out
        }
        let states = children.stateNames.map(field)
        let columns = wide ? children.positions : 0..<0
        let prefix = children.step == .month ? "m" : "w"
        let names = wide ? ["la", "child"] + columns.map { "\(prefix)\($0)" }
                         : ["la", "child", children.step.columnName, "date", "state"]
        var header = names.map(field).joined(separator: [comma]).map { $0 }
        header.append(newline)

        let format = BlockFormatter(children: children, wide: wide, columns: columns, states: states)
        do {
            let file = try StreamedFile(path: path)
            try file.write(header)
            let blocks = (children.count + blockSize - 1) / blockSize
            let workers = Swift.max(1, threads)
            var rows = 0, next = 0, reported = 0
            while next < blocks {
                let batch = Swift.min(2 * workers, blocks - next)
                let texts = BlockSlots(count: batch)
                let first = next
                if workers == 1 {
                    for j in 0..<batch { texts.set(j, format.block(first + j)) }
                } else {
                    DispatchQueue.concurrentPerform(iterations: batch) { j in texts.set(j, format.block(first + j)) }
                }
                for j in 0..<batch {
                    let (text, n) = texts.get(j)
                    try file.write(text)
                    rows += n
                }
                next += batch
                let done = Swift.min(children.count, next * blockSize)
                if let progress, done - reported >= 1_000_000 || done == children.count {
                    progress(done, children.count)
                    reported = done
                }
            }
            try file.finish()
            return rows
        } catch {
            throw .unwritableFile(path: path, reason: error.reason)
        }
    }

    /// Formats blocks of children (read-only, shared by the workers).
    private struct BlockFormatter: Sendable {
        let children: CareSequenceChildren
        let wide: Bool
        let columns: Range<Int>
        /// Each state's CSV field.
        let states: [[UInt8]]

        /// The text of block `b` (children `b × blockSize ..< (b + 1) × blockSize`) and its row count.
        func block(_ b: Int) -> ([UInt8], Int) {
            let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
            var out: [UInt8] = [], rows = 0
            var days: [Int32] = [], codes: [UInt16] = []
            let end = Swift.min(children.count, (b + 1) * blockSize)
            for i in (b * blockSize)..<end {
                let r = children.observed(i)
                guard !r.isEmpty else { continue }
                children.states(i, days: &days, codes: &codes)
                var id: [UInt8] = []
                CSVWriter.appendField(Array(children.keys[i].la.utf8), to: &id, delimiter: comma, forceQuote: false)
                id.append(comma)
                CSVWriter.appendField(Array(children.keys[i].child.utf8), to: &id, delimiter: comma, forceQuote: false)
                if wide {
                    out += id
                    for p in columns {
                        out.append(comma)
                        if r.contains(p) { out += states[Int(codes[p - r.lowerBound])] }
                    }
                    out.append(newline)
                    rows += 1
                } else {
                    for (k, d) in days.enumerated() {
                        out += id
                        out.append(comma)
                        appendInteger(r.lowerBound + k, to: &out)
                        out.append(comma)
                        appendISODate(d, to: &out)
                        out.append(comma)
                        out += states[Int(codes[k])]
                        out.append(newline)
                    }
                    rows += days.count
                }
            }
            return (out, rows)
        }
    }

    /// Blocks' texts filled by the workers (each slot by one worker) and read after they finish.
    private final class BlockSlots: @unchecked Sendable {
        private var slots: [([UInt8], Int)]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: ([], 0), count: count) }
        func set(_ i: Int, _ value: ([UInt8], Int)) { lock.lock(); slots[i] = value; lock.unlock() }
        func get(_ i: Int) -> ([UInt8], Int) { lock.lock(); defer { lock.unlock() }; return slots[i] }
    }

    /// Appends the decimal digits of `v` (non-negative).
    private static func appendInteger(_ v: Int, to out: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = v, count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0 && count < 10
            for k in stride(from: count - 1, through: 0, by: -1) { out.append(d[k]) }
        }
    }

    /// Appends day number `d` as yyyy-mm-dd (the year zero-padded to four digits, as ``CivilDate/isoString``).
    private static func appendISODate(_ d: Int32, to out: inout [UInt8]) {
        let c = CivilDate(daysSinceEpoch: Int(d))
        func two(_ x: Int) { out.append(UInt8(ascii: "0") + UInt8(x / 10)); out.append(UInt8(ascii: "0") + UInt8(x % 10)) }
        guard (0...9999).contains(c.year) else { out += Array(c.isoString.utf8); return }
        two(c.year / 100)
        two(c.year % 100)
        out.append(UInt8(ascii: "-"))
        two(c.month)
        out.append(UInt8(ascii: "-"))
        two(c.day)
    }
}
