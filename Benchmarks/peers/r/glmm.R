# Peer for the glmm jobs: glmmTMB (Laplace, joint optimisation by nlminb with TMB's exact gradient) on the
# random-intercept logistic model y ~ level + x + (1 | la), or with SLOPES = "slopes" the correlated random slope
# y ~ level + x + (1 + x | la).
#   Rscript Benchmarks/peers/r/glmm.R FILE REPS [slopes]
# The data are read untimed (data.table::fread); the fit alone is timed, as on the CareStat side. Prints one JSON
# line: median seconds and the log-likelihood as the checksum that the runner compares with CareStat's.
suppressPackageStartupMessages({ library(data.table); library(glmmTMB) })
args <- commandArgs(trailingOnly = TRUE)
file <- args[1]; reps <- as.integer(args[2])
slopes <- length(args) >= 3 && args[3] == "slopes"
form <- if (slopes) y ~ level + x + (1 + x | la) else y ~ level + x + (1 | la)
d <- fread(file, nThread = 1L, showProgress = FALSE)
d[, level := factor(level)]; d[, la := factor(la)]
times <- numeric(0)
for (r in 0:reps) {
  gc()
  t0 <- proc.time()[["elapsed"]]
  fit <- glmmTMB(form, data = d, family = binomial)
  t1 <- proc.time()[["elapsed"]]
  if (r > 0) times <- c(times, t1 - t0)
}
cat(sprintf('{"job":"%s","seconds":%.6f,"checksum":%.17g,"rows":%d}\n', if (slopes) "glmm-slopes" else "glmm",
            median(times), as.numeric(logLik(fit)), nrow(d)))
