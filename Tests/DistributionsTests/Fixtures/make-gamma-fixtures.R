#!/usr/bin/env Rscript
# Reference values from R (base stats: dnorm/pnorm/qnorm, pgamma/dgamma/qgamma, dchisq/pchisq/qchisq,
# dpois/ppois/qpois) for the Distributions tests. Every number is written with sprintf("%.17g"), i.e. as
# the exact double R computed. Run from this directory:  Rscript make-gamma-fixtures.R
# Files: normal.csv, normal-quantile.csv, incomplete-gamma.csv, gamma.csv, gamma-quantile.csv,
#        chisq.csv, chisq-quantile.csv, poisson.csv, poisson-quantile.csv
f <- function(v) sprintf("%.17g", v)
write_fix <- function(df, file) {
  out <- as.data.frame(lapply(df, function(col) if (is.numeric(col)) f(col) else col))
  write.csv(out, file, row.names = FALSE, quote = FALSE)
  cat(file, nrow(out), "rows\n")
}
tailp <- c(1e-300, 1e-250, 1e-200, 1e-150, 1e-100, 1e-50, 1e-20, 1e-10, 1e-5, 1e-3, 0.05, 0.3)

## Normal ---------------------------------------------------------------------------------------------
zs <- c(0, 1e-300, 1e-20, 0.1, 0.5, 0.66291, 0.7, 1, 1.5, 2.5, 4, 5.65, 5.66, 7.5, 10, 20, 30, 37, 38.4,
        40, 49.9, 50, 60, 100, 1e3, 1e5)
zs <- c(zs, -zs[-1])
rows <- list()
for (ms in list(c(0, 1), c(3, 2.5), c(-1000, 1e-3))) {
  m <- ms[1]; s <- ms[2]; x <- m + s * zs
  rows[[length(rows) + 1]] <- data.frame(mean = m, sd = s, x = x,
    density = dnorm(x, m, s), logDensity = dnorm(x, m, s, log = TRUE),
    cdf = pnorm(x, m, s), upperTail = pnorm(x, m, s, lower.tail = FALSE),
    logCDF = pnorm(x, m, s, log.p = TRUE), logUpperTail = pnorm(x, m, s, lower.tail = FALSE, log.p = TRUE))
}
write_fix(do.call(rbind, rows), "normal.csv")

ps <- c(4.9406564584124654e-324, 1e-310, 1e-300, 1e-250, 1e-100, 1e-20, 1e-16, 2.2e-16, 1e-10, 1.4e-11,
        1e-5, 0.001, 0.02425, 0.075, 0.1, 0.3, 0.425, 0.5, 0.575, 0.7, 0.9, 0.925, 0.99, 1 - 1e-10)
rows <- list()
for (ms in list(c(0, 1), c(3, 2.5))) {
  m <- ms[1]; s <- ms[2]
  rows[[length(rows) + 1]] <- data.frame(mean = m, sd = s, p = ps,
    quantile = qnorm(ps, m, s), upperQuantile = qnorm(ps, m, s, lower.tail = FALSE))
}
write_fix(do.call(rbind, rows), "normal-quantile.csv")

## Incomplete gamma / Gamma distribution --------------------------------------------------------------
shapes <- c(1e-300, 1e-10, 1e-3, 0.1, 0.5, 0.9, 1, 1.5, 2, 3.7, 10, 15.3, 50.5, 100, 199, 250, 1000,
            12345.6, 1e6, 1e10)
gx <- function(a) {
  x <- c(1e-300, 1e-100, 1e-10, 1e-3, 0.5, 0.99, 1, 1.01, 2, 10, 100, 1e4,
         qgamma(tailp, a), qgamma(tailp, a, lower.tail = FALSE),
         a * c(0.1, 0.5, 0.79, 0.81, 0.9, 0.99, 1, 1.01, 1.1, 1.24, 1.26, 2, 10),
         pmax(a + sqrt(a) * c(-5, -2, -1, -0.5, 0.5, 1, 2, 5), 1e-300), a - 1, a + 1)
  x <- x[is.finite(x) & x > 0]
  sort(unique(signif(x, 15)))
}
rows <- list()
for (a in shapes) {
  x <- gx(a)
  rows[[length(rows) + 1]] <- data.frame(a = a, x = x,
    P = pgamma(x, a), Q = pgamma(x, a, lower.tail = FALSE),
    logP = pgamma(x, a, log.p = TRUE), logQ = pgamma(x, a, lower.tail = FALSE, log.p = TRUE),
    density = dgamma(x, a), logDensity = dgamma(x, a, log = TRUE))
}
write_fix(do.call(rbind, rows), "incomplete-gamma.csv")

rows <- list()
for (a in c(1e-3, 0.5, 1, 2.5, 10, 100, 1e6)) for (rate in c(1, 0.25, 32)) {
  x <- gx(a) / rate
  rows[[length(rows) + 1]] <- data.frame(shape = a, rate = rate, x = x,
    density = dgamma(x, a, rate), logDensity = dgamma(x, a, rate, log = TRUE),
    cdf = pgamma(x, a, rate), upperTail = pgamma(x, a, rate, lower.tail = FALSE),
    logCDF = pgamma(x, a, rate, log.p = TRUE), logUpperTail = pgamma(x, a, rate, lower.tail = FALSE, log.p = TRUE))
}
write_fix(do.call(rbind, rows), "gamma.csv")

qps <- c(1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-10, 1e-5, 0.001, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999)
rows <- list()
for (a in c(1e-3, 0.1, 0.5, 1, 2.5, 10, 100, 1000, 1e6)) for (rate in c(1, 3)) {
  rows[[length(rows) + 1]] <- data.frame(shape = a, rate = rate, p = qps,
    quantile = qgamma(qps, a, rate), upperQuantile = qgamma(qps, a, rate, lower.tail = FALSE))
}
write_fix(do.call(rbind, rows), "gamma-quantile.csv")

## Chi-squared ----------------------------------------------------------------------------------------
rows <- list()
for (df in c(0.01, 1, 2, 3, 10, 55.5, 1000)) {
  x <- 2 * gx(df / 2)
  rows[[length(rows) + 1]] <- data.frame(df = df, x = x,
    density = dchisq(x, df), logDensity = dchisq(x, df, log = TRUE),
    cdf = pchisq(x, df), upperTail = pchisq(x, df, lower.tail = FALSE),
    logCDF = pchisq(x, df, log.p = TRUE), logUpperTail = pchisq(x, df, lower.tail = FALSE, log.p = TRUE))
}
write_fix(do.call(rbind, rows), "chisq.csv")
rows <- list()
for (df in c(0.01, 1, 2, 3, 10, 55.5, 1000)) {
  rows[[length(rows) + 1]] <- data.frame(df = df, p = qps,
    quantile = qchisq(qps, df), upperQuantile = qchisq(qps, df, lower.tail = FALSE))
}
write_fix(do.call(rbind, rows), "chisq-quantile.csv")

## Poisson --------------------------------------------------------------------------------------------
lambdas <- c(0, 1e-10, 0.5, 1, 3.3, 10, 100, 1000.5, 1e5, 1e8)
rows <- list()
for (l in lambdas) {
  k <- c(0:5, qpois(tailp, l), qpois(tailp, l, lower.tail = FALSE),
         round(l + sqrt(l) * c(-5, -2, -1, 0, 1, 2, 5)), round(l * c(0.5, 0.8, 1.2, 2, 10)), 100, 1000)
  k <- sort(unique(k[is.finite(k) & k >= 0 & k < 2^31]))
  rows[[length(rows) + 1]] <- data.frame(lambda = l, k = k,
    probability = dpois(k, l), logProbability = dpois(k, l, log = TRUE),
    cdf = ppois(k, l), upperTail = ppois(k, l, lower.tail = FALSE),
    logCDF = ppois(k, l, log.p = TRUE), logUpperTail = ppois(k, l, lower.tail = FALSE, log.p = TRUE))
}
write_fix(do.call(rbind, rows), "poisson.csv")
pq <- c(0, 1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999, 1 - 1e-10, 1)
rows <- list()
for (l in lambdas) {
  rows[[length(rows) + 1]] <- data.frame(lambda = l, p = pq,
    quantile = qpois(pq, l), upperQuantile = qpois(pq, l, lower.tail = FALSE))
}
# Probabilities exactly at the cdf values (tests the left-continuity fuzz).
for (l in c(3.3, 100)) {
  pk <- ppois(0:20 + round(l) - 10, l); pk <- pk[pk > 0 & pk < 1]
  rows[[length(rows) + 1]] <- data.frame(lambda = l, p = pk,
    quantile = qpois(pk, l), upperQuantile = qpois(pk, l, lower.tail = FALSE))
}
write_fix(do.call(rbind, rows), "poisson-quantile.csv")

## Extreme parameters (quantile searches far outside the grids above) ---------------------------------
ex <- rbind(
  data.frame(dist = "gamma", param = 1e15, p = 0.5, upper = 0, value = qgamma(0.5, 1e15)),
  data.frame(dist = "gamma", param = 1e-20, p = 1e-300, upper = 1, value = qgamma(1e-300, 1e-20, lower.tail = FALSE)),
  data.frame(dist = "gamma", param = 1e-20, p = 0.99999, upper = 0, value = qgamma(0.99999, 1e-20)),
  data.frame(dist = "gamma", param = 1e-300, p = 1e-10, upper = 1, value = qgamma(1e-10, 1e-300, lower.tail = FALSE)),
  data.frame(dist = "gamma", param = 1e12, p = 1e-300, upper = 0, value = qgamma(1e-300, 1e12)),
  data.frame(dist = "poisson", param = 1e12, p = 0.5, upper = 0, value = qpois(0.5, 1e12)),
  data.frame(dist = "poisson", param = 1e15, p = 1e-300, upper = 1, value = qpois(1e-300, 1e15, lower.tail = FALSE)),
  data.frame(dist = "poisson", param = 1e-300, p = 1e-300, upper = 1, value = qpois(1e-300, 1e-300, lower.tail = FALSE)),
  data.frame(dist = "poisson", param = 1e6, p = 1e-300, upper = 0, value = qpois(1e-300, 1e6)))
write_fix(ex, "extreme-quantiles.csv")
