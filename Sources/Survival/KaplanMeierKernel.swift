/// The Kaplan–Meier / Nelson–Aalen kernel over one stratum of sorted ``SurvivalData``.
///
/// For each distinct exit time t (event or censoring) of the stratum, with weighted counts
/// n(t) = Σ w over rows with entry < t ≤ exit, d(t) = Σ w over events at t and c(t) = Σ w over censorings at t:
/// - S(t) = Π_{u ≤ t} (n − d)/n (Kaplan & Meier 1958);
/// - Var(log S(t)) = Σ_{u ≤ t} d/(n(n − d)) (Greenwood 1926; +∞ once n = d, so that S = 0 has SE NaN·0 as in R);
/// - H(t) = Σ_{u ≤ t} d/n (Nelson 1972, Aalen 1978) with Var H(t) = Σ d/n² (R survfit `ctype = 1`);
/// - only times with d > 0 change S and H (R's `survfitkm.c` rule).
/// n(t) is accumulated backwards from the last time (as R does), so weighted sums round as R's.
///
/// Preconditions (guaranteed by ``SurvivalData``): the stratum's rows are contiguous and sorted by exit time;
/// `entryOrder`'s slice for the stratum lists its rows by ascending entry time.
/// Complexity: O(m) time and memory for a stratum of m rows (two passes plus the entry merge).
enum KaplanMeierKernel {
    struct Steps: Sendable, Equatable {
        var time: [Double] = []
        var nRisk: [Double] = []
        var nEvent: [Double] = []
        var nCensor: [Double] = []
        var survival: [Double] = []
        var varianceLog: [Double] = []
        var cumulativeHazard: [Double] = []
        var varianceHazard: [Double] = []
    }

    static func steps(_ data: SurvivalData, stratum s: Int) -> Steps {
        let range = data.rows(ofStratum: s)
        var out = Steps()
        guard !range.isEmpty else { return out }
        // Pass 1 (forward): distinct times with weighted event/censor/total per time.
        var groupWeight: [Double] = []
        let capacity = range.count
        out.time.reserveCapacity(capacity)
        out.nEvent.reserveCapacity(capacity)
        out.nCensor.reserveCapacity(capacity)
        groupWeight.reserveCapacity(capacity)
        data.time.withUnsafeBufferPointer { t in
            data.event.withUnsafeBufferPointer { e in
                var i = range.lowerBound
                let end = range.upperBound
                if let weights = data.weight {
                    weights.withUnsafeBufferPointer { w in
                        while i < end {
                            let ti = t[i]
                            var de = 0.0, dc = 0.0
                            repeat {
                                if e[i] { de += w[i] } else { dc += w[i] }
                                i += 1
                            } while i < end && t[i] == ti
                            out.time.append(ti); out.nEvent.append(de); out.nCensor.append(dc)
                            groupWeight.append(de + dc)
                        }
                    }
                } else {
                    while i < end {
                        let ti = t[i]
                        var de = 0, dc = 0
                        repeat {
                            if e[i] { de += 1 } else { dc += 1 }
                            i += 1
                        } while i < end && t[i] == ti
                        out.time.append(ti); out.nEvent.append(Double(de)); out.nCensor.append(Double(dc))
                        groupWeight.append(Double(de + dc))
                    }
                }
            }
        }
        let k = out.time.count
        // Pass 2 (backward): number at risk; with entry times, remove rows whose entry >= t.
        out.nRisk = [Double](repeating: 0, count: k)
        var atRisk = 0.0
        if let entry = data.entry, let order = data.entryOrder {
            // This stratum's entries occupy the same position range in entryOrder (stratum-major order).
            var j = range.upperBound - 1
            for g in stride(from: k - 1, through: 0, by: -1) {
                atRisk += groupWeight[g]
                let tg = out.time[g]
                while j >= range.lowerBound && entry[order[j]] >= tg {
                    atRisk -= data.weight(at: order[j])
                    j -= 1
                }
                out.nRisk[g] = atRisk
            }
        } else {
            for g in stride(from: k - 1, through: 0, by: -1) {
                atRisk += groupWeight[g]
                out.nRisk[g] = atRisk
            }
        }
        // Pass 3 (forward): product-limit, Greenwood, Nelson–Aalen.
        out.survival = [Double](repeating: 0, count: k)
        out.varianceLog = [Double](repeating: 0, count: k)
        out.cumulativeHazard = [Double](repeating: 0, count: k)
        out.varianceHazard = [Double](repeating: 0, count: k)
        var km = 1.0, v1 = 0.0, h = 0.0, v2 = 0.0
        for g in 0..<k {
            let d = out.nEvent[g]
            if d > 0 {
                let n = out.nRisk[g]
                km *= (n - d) / n
                v1 += d / (n * (n - d))
                h += d / n
                v2 += d / (n * n)
            }
            out.survival[g] = km
            out.varianceLog[g] = v1
            out.cumulativeHazard[g] = h
            out.varianceHazard[g] = v2
        }
        return out
    }
}
