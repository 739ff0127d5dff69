/// The compact limited-memory BFGS representation of Byrd, Nocedal & Schnabel (1994, *Math. Programming* 63:129–156)
/// as used by L-BFGS-B (Byrd, Lu, Nocedal & Zhu 1995, eq. 3.2–3.4):
///
///     B = θ·I − W·M·Wᵀ,   W = [Y  θS],   M = [[−D, Lᵀ], [L, θ·SᵀS]]⁻¹,
///
/// with S, Y the n×k matrices of the last k ≤ m corrections s = x₊ − x, y = g₊ − g (oldest first),
/// D = diag(sᵢᵀyᵢ), L the strictly lower triangle of SᵀY, and θ = yᵀy / sᵀy of the newest pair.
///
/// Storage O(n·m); ``append(s:y:)`` costs O(n·m + m³).
struct LimitedMemoryBFGS: Sendable {
    let capacity: Int
    private(set) var s: [[Double]] = []
    private(set) var y: [[Double]] = []
    private(set) var theta: Double = 1
    /// M, 2k×2k.
    private(set) var middle: [[Double]] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Number of stored pairs k.
    var count: Int { s.count }
    /// Dimension of W's columns, 2k.
    var width: Int { 2 * s.count }

    /// Forgets all pairs (θ = 1, B = I).
    mutating func reset() {
        s = []; y = []; theta = 1; middle = []
    }

    /// Adds a correction pair (dropping the oldest when full) and recomputes θ and M.
    /// Returns `false` (and resets) if M cannot be formed.
    @discardableResult
    mutating func append(s newS: [Double], y newY: [Double]) -> Bool {
        if s.count == capacity {
            s.removeFirst(); y.removeFirst()
        }
        s.append(newS); y.append(newY)
        theta = dot(newY, newY) / dot(newS, newY)
        let k = s.count
        var kMatrix = [[Double]](repeating: [Double](repeating: 0, count: 2 * k), count: 2 * k)
        for i in 0..<k {
            kMatrix[i][i] = -dot(s[i], y[i])
            for j in 0..<k {
                if i > j {
                    let lij = dot(s[i], y[j])       // L[i][j]
                    kMatrix[k + i][j] = lij         // lower-left block L
                    kMatrix[j][k + i] = lij         // upper-right block Lᵀ
                }
                kMatrix[k + i][k + j] = theta * dot(s[i], s[j])
            }
        }
        var identity = [[Double]](repeating: [Double](repeating: 0, count: 2 * k), count: 2 * k)
        for i in 0..<(2 * k) { identity[i][i] = 1 }
        guard theta.isFinite, theta > 0, let inverse = solveSmallDense(kMatrix, identity) else {
            reset()
            return false
        }
        middle = inverse
        return true
    }

    /// Row i of W: (y₁[i], …, y_k[i], θ·s₁[i], …, θ·s_k[i]).
    func row(_ i: Int) -> [Double] {
        var w = [Double](repeating: 0, count: width)
        let k = count
        for j in 0..<k {
            w[j] = y[j][i]
            w[k + j] = theta * s[j][i]
        }
        return w
    }

    /// Wᵀ·v.
    func transposeTimes(_ v: [Double]) -> [Double] {
        let k = count
        var out = [Double](repeating: 0, count: width)
        for j in 0..<k {
            out[j] = dot(y[j], v)
            out[k + j] = theta * dot(s[j], v)
        }
        return out
    }

    /// M·v.
    func middleTimes(_ v: [Double]) -> [Double] {
        multiply(middle, v)
    }
}
