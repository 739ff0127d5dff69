# Reference values for the cause-specific Cox tests (Tests/SurvivalTests/CauseSpecificCoxTests.swift), from R's
# survival package: for each cause k, coxph(Surv(time, status == k) ~ ...), the other causes counting as
# censored. Run from anywhere:  Rscript Tests/SurvivalTests/Fixtures/causespecific/make-cause-specific-fixtures.R
# Writes beside this script: mgus2.csv, simulated.csv (data) and reference.csv (case, cause, quantity, index,
# value) with every value printed with %.17g.
suppressMessages(library(survival))
args <- commandArgs(FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
setwd(here)
cat("survival", as.character(packageVersion("survival")), "\n")

wcsv <- function(d, f) write.csv(d, f, row.names = FALSE, na = "", quote = FALSE)
f17 <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

# mgus2 with the competing-risks outcome of the survival package's compete vignette: time to progression
# (pcm) or death without progression, whichever comes first. mspike has 11 missing values (rows dropped).
m <- survival::mgus2
m$etime <- ifelse(m$pstat == 0, m$futime, m$ptime)
m$event <- factor(ifelse(m$pstat == 0, 2 * m$death, 1), 0:2, labels = c("censor", "pcm", "death"))
m <- m[, c("id", "age", "sex", "mspike", "etime", "event")]
wcsv(m, "mgus2.csv")

# Simulated leaving-care data with heavy ties: integer times 1..15, numeric status 0 = censored, 1..3 = causes
# with different covariate effects, 2 strata, non-integer case weights.
set.seed(20261121)
n <- 600
s <- data.frame(x1 = round(rnorm(n), 3), x2 = rbinom(n, 1, 0.45), g = sample(c("east", "west"), n, replace = TRUE),
                w = round(runif(n, 0.5, 2), 2))
h <- cbind(0.05 * exp(0.6 * s$x1), 0.04 * exp(-0.8 * s$x2), 0.03 * exp(0.3 * s$x1 + 0.5 * s$x2))
tk <- apply(h, 2, function(r) rexp(n, r))
t <- apply(tk, 1, min)
cause <- apply(tk, 1, which.min)
cens <- runif(n, 0, 30)
s$time <- pmin(ceiling(pmin(t, cens)), 15)
s$status <- ifelse(t <= cens & ceiling(t) < 15, cause, 0L)
wcsv(s, "simulated.csv")

out <- list()
put <- function(case, cause, q, v) out[[length(out) + 1]] <<- data.frame(
  case = case, cause = cause, quantity = q, index = seq_along(v), value = f17(v))
record <- function(case, cause, fit) {
  put(case, cause, "coef", unname(coef(fit)))
  put(case, cause, "se", unname(sqrt(diag(fit$var))))
  put(case, cause, "loglik", fit$loglik)
  put(case, cause, "n", fit$n)
  put(case, cause, "nevent", fit$nevent)
}
for (ties in c("efron", "breslow")) {
  for (k in c("pcm", "death")) {
    record(paste0("mgus_", ties), k,
           coxph(Surv(etime, event == k) ~ age + sex + mspike, data = m, ties = ties))
  }
}
for (k in 1:3) {
  record("sim_strata", k, coxph(Surv(time, status == k) ~ x1 + x2 + strata(g), data = s))
  record("sim_weights", k, coxph(Surv(time, status == k) ~ x1 + x2, data = s, weights = w))
}
write.csv(do.call(rbind, out), "reference.csv", row.names = FALSE, quote = FALSE)
