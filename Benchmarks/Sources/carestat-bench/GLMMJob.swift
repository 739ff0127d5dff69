import Formulas
import MixedModels
import Tabular

/// The glmm job: a random-intercept logistic model `y ~ level + x + (1 | la)` by the Laplace approximation on
/// the generated file (Benchmarks/data/make_glmm_csv.py). The CSV is read untimed; each timed run is one
/// `MixedModelSpec.fit`. Returns the run times, the log-likelihood (the checksum the runner compares with
/// glmmTMB's, peers/r/glmm.R) and the row count.
func runGLMMJob(file: String, reps: Int) throws -> (times: [Double], checksum: Double, rows: Int) {
    let frame = try CSVReader.read(path: file).frame
    let spec = MixedModelSpec(formula: try Formula(parsing: "y ~ level + x + (1 | la)"), family: .binomial)
    var times: [Double] = []
    var checksum = 0.0
    for r in 0...reps {
        let t0 = now()
        let fit = try spec.fit(frame)
        let t1 = now()
        if r > 0 { times.append(t1 - t0) }
        checksum = fit.logLikelihood
    }
    return (times, checksum, frame.rowCount)
}
