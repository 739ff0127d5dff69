# Peer for the `km` benchmark job: R survival's survfit (Kaplan-Meier with Greenwood SE and log CIs).
#   Rscript km.R DATAFILE N REPS
# Data: 2N float64 (times, then statuses) from Benchmarks/data/make_km_data.py. Timed: survfit(Surv(time, status)
# ~ 1), which sorts, counts and computes the curve, its SE and CI. Prints one JSON line; checksum = sum(fit$surv).
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[2]); reps <- as.integer(args[3])
x <- readBin(args[1], "double", 2 * n, endian = "little")
time <- x[1:n]; status <- x[(n + 1):(2 * n)]
times <- numeric(0)
for (r in 0:reps) {
  t0 <- proc.time()[["elapsed"]]
  fit <- survfit(Surv(time, status) ~ 1)
  t1 <- proc.time()[["elapsed"]]
  if (r > 0) times <- c(times, t1 - t0)
}
cat(sprintf('{"job":"km","n":%d,"seconds":%.6f,"checksum":%.17g}\n', n, median(times), sum(fit$surv)))
