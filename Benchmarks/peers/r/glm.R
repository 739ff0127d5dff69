# R peer for the `glm` benchmark job: logistic glm(y ~ x1 + ... + x8 + g) on the data of
# data/make_glm_data.py (10 float64 columns, column after column).
#   Rscript glm.R DATA.bin N REPS
# Builds the data frame untimed, warms up once, times REPS fits (model frame, model matrix and IRLS, as a user's
# glm() call does) and prints one JSON line: median seconds and the sum of the coefficients as checksum.
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; n <- as.integer(args[2]); reps <- as.integer(args[3])
v <- readBin(path, what = "double", n = 10 * n, size = 8, endian = "little")
col <- function(k) v[(k * n + 1):((k + 1) * n)]
d <- data.frame(y = col(0))
for (k in 1:8) d[[paste0("x", k)]] <- col(k)
d$g <- factor(paste0("g", col(9)), levels = paste0("g", 0:3))
rm(v); invisible(gc())
f <- y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + g
times <- numeric(0)
for (r in 0:reps) {
  t0 <- proc.time()[["elapsed"]]
  m <- glm(f, family = binomial, data = d)
  t1 <- proc.time()[["elapsed"]]
  if (r > 0) times <- c(times, t1 - t0)
  checksum <- sum(coef(m))
}
cat(sprintf('{"job":"glm","n":%d,"seconds":%.6f,"checksum":%.17g,"iterations":%d}\n', n, median(times), checksum, m$iter))
