import Formulas
import MixedModels
import Tabular

/// The glmm jobs: a logistic mixed model by the Laplace approximation on the generated file
/// (Benchmarks/data/make_glmm_csv.py): `y ~ level + x + (1 | la)` (glmm), or with a correlated random slope
/// `y ~ level + x + (1 + x | la)` (glmm-slopes, `slopes: true`). The CSV is read untimed; each timed run is one
/// `MixedModelSpec.fit`. Returns the run times, the log-likelihood (the checksum the runner compares with
/// glmmTMB's, peers/r/glmm.R) and the row count.
func runGLMMJob(file: String, reps: Int, slopes: Bool = false) throws -> (times: [Double], checksum: Double, rows: Int) {
    let frame = try CSVReader.read(path: file).frame
    let formula = slopes ? "y ~ level + x + (1 + x | la)" : "y ~ level + x + (1 | la)"
    let spec = MixedModelSpec(formula: try Formula(parsing: formula), family: .binomial)
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
