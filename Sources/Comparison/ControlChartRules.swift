/// NHS England "Making Data Count" (MDC) rules for special-cause variation on a control chart ("Making Data Count:
/// Strengthening your decisions", NHS Improvement 2019, and the MDC SPC tool), each with its length stated:
/// 1. a single point beyond a process limit;
/// 2. a **shift**: a run of ``runLength`` (default 7) or more consecutive points all above, or all below, the centre
///    line (a point on the centre line breaks the run);
/// 3. a **trend**: ``trendLength`` (default 6) or more consecutive points each higher (or each lower) than the one
///    before (6 points, i.e. 5 consecutive rises, as MDC; some SPC texts use 7 — configurable);
/// 4. **two of three** consecutive points beyond 2σ from the centre (the outer third of the limits) on the same side.
///
/// Every point taking part in a pattern is marked. A direction is "high" above the centre or rising, "low" below or
/// falling. Rules are evaluated within a phase (rebasing starts a new run).
public struct ControlChartRules: Sendable, Equatable {
    public var runLength: Int
    public var trendLength: Int
    public var twoOfThree: Bool

    public init(runLength: Int = 7, trendLength: Int = 6, twoOfThree: Bool = true) {
        self.runLength = runLength
        self.trendLength = trendLength
        self.twoOfThree = twoOfThree
    }

    /// The signals of each point.
    func evaluate(_ p: [ControlChartPoint]) -> [[ControlChartSignal]] {
        var out = [[ControlChartSignal]](repeating: [], count: p.count)
        func mark(_ i: Int, _ s: ControlChartSignal) { if !out[i].contains(s) { out[i].append(s) } }
        for i in p.indices {
            if p[i].value > p[i].upper { mark(i, .init(rule: .beyondLimits, direction: .high)) }
            if p[i].value < p[i].lower { mark(i, .init(rule: .beyondLimits, direction: .low)) }
        }
        // Runs and trends, within a phase.
        var start = 0
        while start < p.count {
            var end = start
            while end + 1 < p.count, p[end + 1].phase == p[start].phase { end += 1 }
            let idx = Array(start...end)
            // Shift: maximal stretches on one side of the centre.
            var k = 0
            while k < idx.count {
                let side = sign(p[idx[k]].value - p[idx[k]].centre)
                var j = k
                while j + 1 < idx.count, side != 0, sign(p[idx[j + 1]].value - p[idx[j + 1]].centre) == side { j += 1 }
                if side != 0, j - k + 1 >= runLength {
                    for m in k...j { mark(idx[m], .init(rule: .shift, direction: side > 0 ? .high : .low)) }
                }
                k = j + 1
            }
            // Trend: maximal strictly monotone stretches.
            k = 0
            while k + 1 < idx.count {
                let dir = sign(p[idx[k + 1]].value - p[idx[k]].value)
                var j = k + 1
                while j + 1 < idx.count, dir != 0, sign(p[idx[j + 1]].value - p[idx[j]].value) == dir { j += 1 }
                if dir != 0, j - k + 1 >= trendLength {
                    for m in k...j { mark(idx[m], .init(rule: .trend, direction: dir > 0 ? .high : .low)) }
                }
                k = dir == 0 ? k + 1 : j
            }
            // Two of three beyond 2σ on the same side.
            if twoOfThree, idx.count >= 3 {
                for w in 0...(idx.count - 3) {
                    for (side, dir) in [(1.0, ControlChartSignal.Direction.high), (-1.0, .low)] {
                        let near = idx[w..<(w + 3)].filter { side * (p[$0].value - p[$0].centre) > 2 * p[$0].sigma }
                        if near.count >= 2 { for m in near { mark(m, .init(rule: .twoOfThree, direction: dir)) } }
                    }
                }
            }
            start = end + 1
        }
        return out
    }

    private func sign(_ x: Double) -> Int { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}

/// One special-cause pattern a point belongs to.
public struct ControlChartSignal: Sendable, Equatable, Hashable {
    public enum Rule: String, Sendable {
        case beyondLimits = "beyond limits", shift, trend, twoOfThree = "two of three near a limit"
    }
    public enum Direction: String, Sendable { case high, low }
    public var rule: Rule
    public var direction: Direction
}
