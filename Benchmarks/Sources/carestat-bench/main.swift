// One benchmark job per process: build the job's data (untimed), run it once to warm up (page faults, BLAS
// buffers), then time `--reps` runs and print one JSON line with the median seconds and a checksum that the
// runner compares with the peer's, so both sides are seen to compute the same answer.
//
//   carestat-bench dgemm --n 1000 [--reps 3]
//   carestat-bench cholesky-solve --n 1000 [--reps 3]
//   carestat-bench csv-load --file PATH [--reps 3]
//   carestat-bench glmm --file PATH [--reps 3]
//
// Data are the same in the C peer (peers/c/blas_peer.c): a[i] = (i·2654435761 mod 2³²)/2³² − 0.5, column-major.
import Foundation
import LinearAlgebra
import Tabular

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
var file = ""
while !args.isEmpty {
    let flag = args.removeFirst()
    if flag == "--file" {
        guard let f = args.first else { fail("--file needs a path") }
        args.removeFirst()
        file = f
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
    case "csv-load":
        // Reads the generated episodes file (Benchmarks/data/make_episodes_csv.py) with default options; the
        // checksum (rows + sum of CHILD + sum of PLACE_DISTANCE) matches the R peer's (peers/r/csv_load.R).
        for r in 0...reps {
            let t0 = now()
            let result = try CSVReader.read(path: file)
            let t1 = now()
            if r > 0 { times.append(t1 - t0) }
            let frame = result.frame
            var sum = Double(frame.rowCount)
            for name in ["CHILD", "PLACE_DISTANCE"] {
                guard let c = frame.column(named: name) else { fail("no column \(name)") }
                for i in 0..<frame.rowCount { sum += c.numericValue(at: i) ?? 0 }
            }
            checksum = sum
            n = frame.rowCount
        }
    case "glmm":
        let (t, c, rows) = try runGLMMJob(file: file, reps: reps)
        print("{\"job\":\"glmm\",\"rows\":\(rows),\"seconds\":\(median(t)),\"checksum\":\(c)}")
        exit(0)
    default:
        fail("unknown job \(job)")
    }
} catch {
    fail("\(error)")
}
if job == "csv-load" {
    print("{\"job\":\"\(job)\",\"rows\":\(n),\"seconds\":\(median(times)),\"checksum\":\(checksum)}")
    exit(0)
}
print("{\"job\":\"\(job)\",\"n\":\(n),\"seconds\":\(median(times)),\"checksum\":\(checksum),\"threads\":\(BLASConfiguration.threads),\"core\":\"\(BLASConfiguration.coreName)\"}")
