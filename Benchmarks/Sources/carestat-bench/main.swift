// One benchmark job per process: build the job's data (untimed), run it once to warm up (page faults, BLAS
// buffers), then time `--reps` runs and print one JSON line with the median seconds and a checksum that the
// runner compares with the peer's, so both sides are seen to compute the same answer.
//
//   carestat-bench dgemm --n 1000 [--reps 3]
//   carestat-bench cholesky-solve --n 1000 [--reps 3]
//   carestat-bench glm --n 1000000 --data PATH [--reps 3]
//
// Data are the same in the C peer (peers/c/blas_peer.c): a[i] = (i·2654435761 mod 2³²)/2³² − 0.5, column-major.
import Foundation
import LinearAlgebra
import Tabular
import Regression

func deterministicMatrix(_ n: Int, offset: UInt32 = 0) -> Matrix {
    var e = [Double](repeating: 0, count: n * n)
    for i in 0..<(n * n) {
        let h = (UInt32(truncatingIfNeeded: i) &+ offset) &* 2_654_435_761
        e[i] = Double(h) / 4_294_967_296.0 - 0.5
    }
    return Matrix(rows: n, columns: n, columnMajor: e)
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("carestat-bench: \(message)\n".utf8))
    exit(1)
}

var args = Array(CommandLine.arguments.dropFirst())
guard let job = args.first else { fail("usage: carestat-bench JOB --n N [--reps R]") }
args.removeFirst()
var n = 1000, reps = 3
var dataPath = ""
while !args.isEmpty {
    let flag = args.removeFirst()
    if flag == "--data" {
        guard let path = args.first else { fail("--data needs a path") }
        args.removeFirst()
        dataPath = path
        continue
    }
    guard let value = args.first.flatMap(Int.init) else { fail("\(flag) needs an integer") }
    args.removeFirst()
    switch flag {
    case "--n": n = value
    case "--reps": reps = value
    default: fail("unknown option \(flag)")
    }
}

var times: [Double] = []
var checksum = 0.0
do {
    switch job {
    case "dgemm":
        let a = deterministicMatrix(n), b = deterministicMatrix(n, offset: 7)
        for r in 0...reps {
            let t0 = now()
            let c = try Matrix.product(a, b)
            let t1 = now()
            if r > 0 { times.append(t1 - t0) }
            checksum = c.elements.reduce(0, +)
        }
    case "cholesky-solve":
        // S = AᵀA/n + I is symmetric positive definite; solve S·x = 1 (factor and solve are timed).
        let a = deterministicMatrix(n)
        var s = try a.crossProduct()
        s.withUnsafeMutableBufferPointer { p in
            for j in 0..<n { for i in 0..<n { p[i + j * n] /= Double(n) }; p[j + j * n] += 1 }
        }
        let rhs = Vector(count: n, repeating: 1)
        for r in 0...reps {
            let t0 = now()
            let x = try Cholesky(s).solve(rhs)
            let t1 = now()
            if r > 0 { times.append(t1 - t0) }
            checksum = x.reduce(0, +)
        }
    case "glm":
        // Logistic GLM y ~ x1 + ... + x8 + g (12 design columns) on peers/data/make_glm_data.py's file: the data
        // frame is built untimed; each timed run is what a user's fit is (model frame, design matrix, IRLS).
        // The file's bytes are released before timing; only the data frame stays (as R keeps its data.frame).
        let rows = n
        let data = try { () throws -> DataFrame in
            let n = rows
            guard let raw = FileManager.default.contents(atPath: dataPath), raw.count == 10 * n * 8 else {
                fail("glm: cannot read \(10 * n) doubles from \(dataPath)")
            }
            func col(_ k: Int) -> [Double] {
                raw.withUnsafeBytes { b in Array(b.bindMemory(to: Double.self)[(k * n)..<((k + 1) * n)]) }
            }
            var columns = [DataColumn(name: "y", values: .double(col(0)))]
            for k in 1...8 { columns.append(DataColumn(name: "x\(k)", values: .double(col(k)))) }
            columns.append(DataColumn(name: "g", values: .categorical(codes: col(9).map { Int32($0) },
                                                                      levels: ["g0", "g1", "g2", "g3"], ordered: false)))
            return try DataFrame(columns: columns)
        }()
        let model = try GeneralizedLinearModel("y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + g", family: .binomial())
        for r in 0...reps {
            let t0 = now()
            let fit = try model.fit(data)
            let t1 = now()
            if r > 0 { times.append(t1 - t0) }
            checksum = fit.estimates.reduce(0) { $0 + ($1 ?? 0) }
            if r == reps {
                FileHandle.standardError.write(Data("glm: \(fit.iterations) iterations, converged \(fit.converged)\n".utf8))
            }
        }
    default:
        fail("unknown job \(job)")
    }
} catch {
    fail("\(error)")
}
print("{\"job\":\"\(job)\",\"n\":\(n),\"seconds\":\(median(times)),\"checksum\":\(checksum),\"threads\":\(BLASConfiguration.threads),\"core\":\"\(BLASConfiguration.coreName)\"}")
