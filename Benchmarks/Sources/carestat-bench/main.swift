// One benchmark job per process: build the job's data (untimed), run it once to warm up (page faults, BLAS
// buffers), then time `--reps` runs and print one JSON line with the median seconds and a checksum that the
// runner compares with the peer's, so both sides are seen to compute the same answer.
//
//   carestat-bench dgemm --n 1000 [--reps 3]
//   carestat-bench cholesky-solve --n 1000 [--reps 3]
//   carestat-bench km --n 1000000 --file FILE [--reps 3]
//   carestat-bench csv-load --file PATH [--reps 3]
//   carestat-bench glm --n 1000000 --file FILE [--reps 3]
//   carestat-bench cox --n 1000000 --file Benchmarks/.build/data/cox-1000000.f64 [--reps 3]
//
// cox: Survival's CoxSpec (Efron ties, 8 covariates) on the rows written by data/make_cox_data.py
// (n × 10 float64: time, status, x1..x8); building the DataFrame is untimed, the fit (formula, model frame,
// sort, Newton iterations, tests) is timed; checksum = sum of the coefficients.
//   carestat-bench glmm --file PATH [--reps 3]
//   carestat-bench glmm-slopes --file PATH [--reps 3]
//
// Data are the same in the C peer (peers/c/blas_peer.c): a[i] = (i·2654435761 mod 2³²)/2³² − 0.5, column-major.
import CareData
import Foundation
import LinearAlgebra
import Regression
import Survival
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
var file = "", header = ""
while !args.isEmpty {
    let flag = args.removeFirst()
    if flag == "--file" || flag == "--header" {
        guard let f = args.first else { fail("\(flag) needs a path") }
        args.removeFirst()
        if flag == "--file" { file = f } else { header = f }
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
    case "dgemm-into":
        // The same product through the non-owning view API into a result matrix reused across runs (what the
        // C peer does with its buffer): the layer's call overhead without a fresh n² allocation per product.
        let a = deterministicMatrix(n), b = deterministicMatrix(n, offset: 7)
        var c = Matrix(rows: n, columns: n)
        for r in 0...reps {
            let t0 = now()
            try a.withView { (av: MatrixView) throws(LinearAlgebraError) in
                try b.withView { (bv: MatrixView) throws(LinearAlgebraError) in
                    try c.withMutableView { (cv: MutableMatrixView) throws(LinearAlgebraError) in try BLAS.gemm(av, bv, into: cv) }
                }
            }
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
    case "cox":
        guard let raw = FileManager.default.contents(atPath: file), raw.count >= n * 80 else {
            fail("cox needs --file FILE with \(n) rows of 10 float64 (data/make_cox_data.py)")
        }
        var values = [Double](repeating: 0, count: n * 10)
        _ = values.withUnsafeMutableBytes { raw.copyBytes(to: $0, count: n * 80) }
        let names = ["time", "status"] + (1...8).map { "x\($0)" }
        let columns = names.enumerated().map { j, name in
            DataColumn(name: name, values: .double((0..<n).map { values[$0 * 10 + j] }))
        }
        let frame = try DataFrame(columns: columns)
        let model = try CoxSpec("Surv(time, status) ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8", ties: .efron)
        for r in 0...reps {
            let t0 = now()
            let fit = try model.fit(frame)
            let t1 = now()
            if r > 0 { times.append(t1 - t0) }
            checksum = fit.coefficients.reduce(0, +)
        }
    case "km":
        // Kaplan–Meier on 2n float64 (times, then statuses) from data/make_km_data.py. Timed: SurvivalData
        // (validation, sort and R's timefix, which survfit also applies) plus KaplanMeier.fit (curve, Greenwood SE,
        // log CIs, Nelson–Aalen), as R's survfit.
        guard let bytes = FileManager.default.contents(atPath: file), bytes.count >= 16 * n else {
            fail("km needs --file FILE with \(2 * n) float64 values")
        }
        var values = [Double](repeating: 0, count: 2 * n)
        _ = values.withUnsafeMutableBytes { bytes.copyBytes(to: $0, count: 16 * n) }
        let time = Array(values[0..<n])
        let event = values[n..<(2 * n)].map { $0 == 1 }
        for r in 0...reps {
            let t0 = now()
            let data = try SurvivalData(time: time, event: event, timefix: true)
            let fit = try KaplanMeier.fit(data)
            let t1 = now()
            if r > 0 { times.append(t1 - t0) }
            checksum = fit.curves[0].survival.reduce(0, +)
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
    case "glm":
        // Logistic GLM y ~ x1 + ... + x8 + g (12 design columns) on data/make_glm_data.py's file: the data
        // frame is built untimed; each timed run is what a user's fit is (model frame, design matrix, IRLS).
        // The file's bytes are released before timing; only the data frame stays (as R keeps its data.frame).
        let rows = n
        let data = try { () throws -> DataFrame in
            let n = rows
            guard let raw = FileManager.default.contents(atPath: file), raw.count == 10 * n * 8 else {
                fail("glm: cannot read \(10 * n) doubles from \(file)")
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
        let model = try GLMSpec("y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + g", family: .binomial())
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
    case "derive-return-to-care":
        // Issue 4's scale job: what `carestat derive return-to-care` does (read and validate the episodes and
        // header, periods of care, exits at risk with covariates), all timed; checksum = rows + Σ days.
        for r in 0...reps {
            let t0 = now()
            let derived = try CareDataInputs(ssda903Path: file, headerPath: header).derive(.returnToCare)
            let t1 = now()
            if r > 0 { times.append(t1 - t0) }
            let frame = derived.tables[0].1
            var sum = Double(frame.rowCount)
            if let days = frame.column(named: "days") { for i in 0..<frame.rowCount { sum += days.numericValue(at: i) ?? 0 } }
            checksum = sum
        }
    case "glmm", "glmm-slopes":
        let (t, c, rows) = try runGLMMJob(file: file, reps: reps, slopes: job == "glmm-slopes")
        print("{\"job\":\"\(job)\",\"rows\":\(rows),\"seconds\":\(median(t)),\"checksum\":\(c)}")
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
