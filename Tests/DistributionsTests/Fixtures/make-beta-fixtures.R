# Reference values for the incomplete-beta family (Distributions module, branch distributions-beta).
# Run from this directory:  Rscript make-beta-fixtures.R
# Every number is written with sprintf("%.17g") so the Swift tests read back the exact doubles R used.
# R's pbeta/pt/pf/pbinom/pnbinom use TOMS 708 bratio (Didonato & Morris 1992); dt/dbinom/dnbinom use
# Loader's (2000) saddle point.
options(warn = 1)
f17 <- function(v) sprintf("%.17g", v)
write_fix <- function(df, file) {
  out <- as.data.frame(lapply(df, function(col) if (is.numeric(col)) f17(col) else col))
  write.csv(out, file, row.names = FALSE, quote = FALSE)
}
probs <- c(1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 1e-5, 1e-3, 0.05, 0.3, 0.5)

# ---- Beta: x chosen as quantiles of both tails, plus near-mode points ----
shapes <- c(1e-3, 0.1, 0.5, 1, 2.5, 10, 55.5, 200, 1e3, 1e5)
rows <- list()
for (a in shapes) for (b in shapes) {
  xs <- c(suppressWarnings(qbeta(probs, a, b)), suppressWarnings(qbeta(probs, a, b, lower.tail = FALSE)))
  if (a > 1 && b > 1) { m <- (a - 1) / (a + b - 2); xs <- c(xs, m, m * (1 + 1e-3), m * (1 - 1e-3)) }
  xs <- unique(xs[is.finite(xs) & xs > 0 & xs < 1])
  for (x in xs) rows[[length(rows) + 1]] <- data.frame(
    x = x, a = a, b = b,
    p = pbeta(x, a, b), q = pbeta(x, a, b, lower.tail = FALSE),
    logp = pbeta(x, a, b, log.p = TRUE), logq = pbeta(x, a, b, lower.tail = FALSE, log.p = TRUE),
    logd = dbeta(x, a, b, log = TRUE))
}
write_fix(do.call(rbind, rows), "beta-cdf.csv")

# Quantiles: only where qbeta itself is trustworthy (it warns when it is not; such rows are dropped).
# 'pback' is R's own cdf at R's quantile: the tests use it to tell where R's quantile is itself inaccurate.
rows <- list()
qshapes <- c(0.1, 0.5, 1, 2.5, 10, 55.5, 200, 1e3)
for (a in qshapes) for (b in qshapes) for (p in probs) for (lower in c(TRUE, FALSE)) {
  ok <- TRUE
  v <- withCallingHandlers(qbeta(p, a, b, lower.tail = lower), warning = function(w) { ok <<- FALSE; invokeRestart("muffleWarning") })
  if (ok && is.finite(v) && v > 0 && v < 1) rows[[length(rows) + 1]] <- data.frame(p = p, a = a, b = b, lower = as.integer(lower), x = v,
    pback = pbeta(v, a, b, lower.tail = lower))
}
write_fix(do.call(rbind, rows), "beta-quantile.csv")

# log Beta function
ab <- expand.grid(a = c(1e-300, 1e-10, 1e-3, 0.1, 0.5, 1, 2.5, 9.99, 10, 55.5, 1e3, 1e5, 1e10, 1e200),
                  b = c(1e-3, 0.5, 1, 7.5, 15, 1e3, 1e5, 1e10))
ab$lbeta <- lbeta(ab$a, ab$b)
write_fix(ab, "lbeta.csv")

# ---- Student t ----
dfs <- c(0.1, 0.5, 1, 2, 3, 4.5, 10, 30, 1e3, 1e6, 1e10)
rows <- list()
for (n in dfs) {
  xs <- c(suppressWarnings(qt(probs, n)), 0, 1e-3, 0.5, 1, 2, 5, 40, 1e3, 1e8, 1e20, 1e100)
  xs <- unique(c(xs, -xs)); xs <- xs[is.finite(xs)]
  for (x in xs) rows[[length(rows) + 1]] <- data.frame(x = x, df = n,
    p = pt(x, n), q = pt(x, n, lower.tail = FALSE), logp = pt(x, n, log.p = TRUE),
    logq = pt(x, n, lower.tail = FALSE, log.p = TRUE), logd = dt(x, n, log = TRUE), d = dt(x, n))
}
write_fix(do.call(rbind, rows), "t-cdf.csv")
rows <- list()
for (n in dfs) for (p in c(probs, 0.7, 0.99)) {
  ok <- TRUE
  v <- withCallingHandlers(qt(p, n), warning = function(w) { ok <<- FALSE; invokeRestart("muffleWarning") })
  if (ok && is.finite(v)) rows[[length(rows) + 1]] <- data.frame(p = p, df = n, x = v, pback = pt(v, n))
}
write_fix(do.call(rbind, rows), "t-quantile.csv")

# ---- F ----
fdfs <- c(0.5, 1, 2, 3, 7.5, 30, 1e3, 1e6)
rows <- list()
for (m in fdfs) for (n in fdfs) {
  xs <- c(suppressWarnings(qf(probs, m, n)), suppressWarnings(qf(probs, m, n, lower.tail = FALSE)), 1e-3, 1, 4)
  xs <- unique(xs[is.finite(xs) & xs > 0])
  for (x in xs) rows[[length(rows) + 1]] <- data.frame(x = x, df1 = m, df2 = n,
    p = pf(x, m, n), q = pf(x, m, n, lower.tail = FALSE), logp = pf(x, m, n, log.p = TRUE),
    logq = pf(x, m, n, lower.tail = FALSE, log.p = TRUE), logd = df(x, m, n, log = TRUE))
}
write_fix(do.call(rbind, rows), "f-cdf.csv")
rows <- list()
for (m in c(1, 3, 7.5, 30, 1e3)) for (n in c(1, 3, 7.5, 30, 1e3)) for (p in c(1e-100, 1e-10, 0.01, 0.5, 0.99)) for (lower in c(TRUE, FALSE)) {
  ok <- TRUE
  v <- withCallingHandlers(qf(p, m, n, lower.tail = lower), warning = function(w) { ok <<- FALSE; invokeRestart("muffleWarning") })
  if (ok && is.finite(v) && v > 0) rows[[length(rows) + 1]] <- data.frame(p = p, df1 = m, df2 = n, lower = as.integer(lower), x = v,
    pback = pf(v, m, n, lower.tail = lower))
}
write_fix(do.call(rbind, rows), "f-quantile.csv")

# F with an infinite degree of freedom (R's chi-squared limits)
rows <- list()
for (dd in list(c(3, Inf), c(0.5, Inf), c(Inf, 5), c(Inf, 0.7))) for (x in c(1e-3, 0.2, 1, 3.5, 40)) {
  m <- dd[1]; n <- dd[2]
  rows[[length(rows) + 1]] <- data.frame(x = x, df1 = m, df2 = n, p = pf(x, m, n), q = pf(x, m, n, lower.tail = FALSE),
    logd = df(x, m, n, log = TRUE), qlow = qf(min(0.3, x / 50), m, n), qup = qf(min(0.3, x / 50), m, n, lower.tail = FALSE),
    pq = min(0.3, x / 50))
}
write_fix(do.call(rbind, rows), "f-infinite.csv")

# ---- Binomial ----
rows <- list(); qrows <- list()
for (n in c(1, 5, 20, 137, 1000, 100000)) for (pr in c(1e-10, 1e-3, 0.1, 0.37, 0.5, 0.9, 0.999)) {
  ks <- unique(round(c(0, 1, 2, n * pr + c(-3, 0, 3) * sqrt(n * pr * (1 - pr)), n * pr, n - 1, n, n / 2, qbinom(c(1e-12, 1 - 1e-12), n, pr))))
  ks <- ks[ks >= 0 & ks <= n]
  for (k in ks) rows[[length(rows) + 1]] <- data.frame(k = k, n = n, prob = pr,
    logd = dbinom(k, n, pr, log = TRUE), p = pbinom(k, n, pr), q = pbinom(k, n, pr, lower.tail = FALSE),
    logp = pbinom(k, n, pr, log.p = TRUE), logq = pbinom(k, n, pr, lower.tail = FALSE, log.p = TRUE))
  for (p in c(0, 1e-300, 1e-15, 1e-6, 0.01, 0.2, 0.5, 0.8, 0.99, 1 - 1e-9, 1))
    qrows[[length(qrows) + 1]] <- data.frame(p = p, n = n, prob = pr, k = qbinom(p, n, pr), kupper = qbinom(p, n, pr, lower.tail = FALSE))
}
write_fix(do.call(rbind, rows), "binom.csv")
write_fix(do.call(rbind, qrows), "binom-quantile.csv")

# ---- Negative binomial: (size, prob) and (size, mu) parametrisations ----
rows <- list(); qrows <- list()
for (size in c(1e-3, 0.37, 1, 2.5, 10, 1e3, 1e6)) for (mu in c(1e-3, 0.5, 3, 40, 1e4)) {
  pr <- size / (size + mu)
  ks <- unique(round(c(0, 1, 2, 5, mu, mu + 3 * sqrt(mu + mu^2 / size), 10 * mu + 50, 1e4, 1e6)))
  for (k in ks) rows[[length(rows) + 1]] <- data.frame(k = k, size = size, mu = mu, prob = pr,
    logd_mu = dnbinom(k, size, mu = mu, log = TRUE), p_mu = pnbinom(k, size, mu = mu),
    q_mu = pnbinom(k, size, mu = mu, lower.tail = FALSE),
    logp_mu = pnbinom(k, size, mu = mu, log.p = TRUE), logq_mu = pnbinom(k, size, mu = mu, lower.tail = FALSE, log.p = TRUE),
    logd = dnbinom(k, size, pr, log = TRUE), p = pnbinom(k, size, pr), q = pnbinom(k, size, pr, lower.tail = FALSE))
  for (p in c(0, 1e-300, 1e-15, 1e-6, 0.01, 0.2, 0.5, 0.8, 0.99, 1 - 1e-9, 1))
    qrows[[length(qrows) + 1]] <- data.frame(p = p, size = size, mu = mu,
      k = qnbinom(p, size, mu = mu), kupper = qnbinom(p, size, mu = mu, lower.tail = FALSE))
}
write_fix(do.call(rbind, rows), "nbinom.csv")
write_fix(do.call(rbind, qrows), "nbinom-quantile.csv")
