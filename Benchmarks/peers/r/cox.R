# Peer for the "cox" benchmark job: survival::coxph, Efron ties, 8 covariates.
#   Rscript Benchmarks/peers/r/cox.R DATA.f64 N REPS
# DATA.f64: N rows x 10 float64 (time, status, x1..x8), row-major (data/make_cox_data.py). Loading is untimed;
# one warm-up fit, then REPS timed fits; prints one JSON line: median seconds and checksum = sum of coefficients.
suppressMessages(library(survival))
a <- commandArgs(TRUE)
n <- as.integer(a[2]); reps <- as.integer(a[3])
m <- matrix(readBin(a[1], "double", n * 10, size = 8, endian = "little"), ncol = 10, byrow = TRUE)
d <- data.frame(m)
names(d) <- c("time", "status", paste0("x", 1:8))
f <- Surv(time, status) ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8
fit <- coxph(f, data = d, ties = "efron")
times <- numeric(reps)
for (r in seq_len(reps)) {
  t0 <- proc.time()[["elapsed"]]
  fit <- coxph(f, data = d, ties = "efron")
  times[r] <- proc.time()[["elapsed"]] - t0
}
cat(sprintf('{"seconds": %.6f, "checksum": %.17g, "iterations": %d}\n', median(times), sum(coef(fit)), fit$iter))
