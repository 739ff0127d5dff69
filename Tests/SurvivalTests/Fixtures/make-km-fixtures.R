# Reference values for the Kaplan-Meier, log-rank and competing-risks tests (SurvivalTests).
# Run from this directory:  Rscript make-km-fixtures.R
# R survival 3.x (3.5.3 when written) and cmprsk. Writes the data sets and R's results as CSV, full precision.
suppressMessages({ library(survival); library(cmprsk) })
f17 <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
wcsv <- function(df, file) {
  for (j in seq_along(df)) if (is.numeric(df[[j]])) df[[j]] <- f17(df[[j]])
  write.csv(df, file, row.names = FALSE, quote = FALSE)
}

# ---- data sets -------------------------------------------------------------------------------------------
lung1 <- data.frame(time = survival::lung$time, status = survival::lung$status - 1, sex = survival::lung$sex)
vet <- data.frame(time = survival::veteran$time, status = survival::veteran$status, trt = survival::veteran$trt,
                  celltype = as.character(survival::veteran$celltype))
ova <- data.frame(futime = survival::ovarian$futime, fustat = survival::ovarian$fustat, rx = survival::ovarian$rx)
# Synthetic: heavy ties (integer times 1..15), three groups, two strata, integer case weights, and
# counting-process rows (start, stop] with delayed entry.
set.seed(20261121)
n <- 300
g <- sample(c("a", "b", "c"), n, replace = TRUE)
s <- sample(1:2, n, replace = TRUE)
stop <- sample(1:15, n, replace = TRUE)
start <- pmin(stop - 1, sample(0:6, n, replace = TRUE))
status <- rbinom(n, 1, 0.6)
w <- sample(1:3, n, replace = TRUE)
syn <- data.frame(start = start, stop = stop, status = status, g = g, s = s, w = w)
# Tiny curves with exact flat stretches at S = 0.5 (quantile midpoint rules).
flat <- data.frame(time = c(1, 2, 3, 5, 6, 8, 1, 2, 3, 4, 5, 6), status = c(1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1),
                   grp = c(rep("end", 6), rep("mid", 6)))
wcsv(lung1, "lung.csv"); wcsv(vet, "veteran.csv"); wcsv(ova, "ovarian.csv"); wcsv(syn, "synthetic.csv")
wcsv(flat, "flat.csv")
# Times at and below 0 (no origin row is inserted by survfit0 when the first time is min(0, times)).
neg <- data.frame(time = c(-2, -1, 0, 1, 3), status = c(1, 1, 0, 1, 1))
wcsv(neg, "negative.csv")
# Times equal up to rounding (merged by survfit's default timefix = TRUE, i.e. aeqSurv).
near <- data.frame(time = c(1, 1 + 1e-10, 2, 0.1 + 0.2, 0.3, 5, 5 - 1e-9, 7, 3 * 1.1, 3.3),
                   status = c(1, 1, 0, 1, 1, 1, 0, 1, 1, 0),
                   start = c(0, 0, 1, 0, 0, 1 + 1e-10, 2, 3, 0.1 + 0.2, 1))
wcsv(near, "nearties.csv")

# ---- Kaplan-Meier ----------------------------------------------------------------------------------------
fits <- list(
  lung_all = function(ct) survfit(Surv(time, status) ~ 1, data = lung1, conf.type = ct),
  lung_sex = function(ct) survfit(Surv(time, status) ~ sex, data = lung1, conf.type = ct),
  veteran_trt = function(ct) survfit(Surv(time, status) ~ trt, data = vet, conf.type = ct),
  ovarian_rx = function(ct) survfit(Surv(futime, fustat) ~ rx, data = ova, conf.type = ct),
  synth_g = function(ct) survfit(Surv(stop, status) ~ g, data = syn, conf.type = ct),
  synth_gw = function(ct) survfit(Surv(stop, status) ~ g, data = syn, weights = w, conf.type = ct),
  synth_ct = function(ct) survfit(Surv(start, stop, status) ~ g, data = syn, conf.type = ct),
  synth_ctw = function(ct) survfit(Surv(start, stop, status) ~ g, data = syn, weights = w, conf.type = ct),
  flat = function(ct) survfit(Surv(time, status) ~ grp, data = flat, conf.type = ct),
  negative = function(ct) survfit(Surv(time, status) ~ 1, data = neg, conf.type = ct),
  nearties = function(ct) survfit(Surv(time, status) ~ 1, data = near, conf.type = ct),
  nearties_ct = function(ct) survfit(Surv(start, time, status) ~ 1, data = near, conf.type = ct)
)
times <- c(-3, -2, -1.5, -1, 0, 1, 2, 2.5, 3, 7, 10, 15, 30, 90, 180, 365, 500, 730, 1000)
probs <- c(0.1, 0.25, 0.5, 0.75, 0.9)
curves <- list(); quants <- list(); at <- list(); meds <- list()
for (case in names(fits)) for (ct in c("log", "plain", "log-log")) {
  fit <- fits[[case]](ct)
  k <- if (is.null(fit$strata)) length(fit$time) else fit$strata
  sname <- if (is.null(fit$strata)) "" else sub(".*=", "", names(fit$strata))
  st <- rep(sname, k)
  curves[[length(curves) + 1]] <- data.frame(case = case, conftype = ct, strata = st, time = fit$time,
    n_risk = fit$n.risk, n_event = fit$n.event, n_censor = fit$n.censor, surv = fit$surv, std_err = fit$std.err,
    cumhaz = fit$cumhaz, std_chaz = fit$std.chaz, lower = fit$lower, upper = fit$upper)
  q <- quantile(fit, probs)
  qq <- as.matrix(q$quantile); ql <- as.matrix(q$lower); qu <- as.matrix(q$upper)
  if (is.null(fit$strata)) { qq <- t(qq); ql <- t(ql); qu <- t(qu) }
  for (i in seq_along(sname)) quants[[length(quants) + 1]] <- data.frame(case = case, conftype = ct,
    strata = sname[i], p = probs, quantile = qq[i, ], lower = ql[i, ], upper = qu[i, ])
  sm <- summary(fit, times = times)
  sst <- if (is.null(sm$strata)) rep("", length(sm$time)) else sub(".*=", "", as.character(sm$strata))
  at[[length(at) + 1]] <- data.frame(case = case, conftype = ct, strata = sst, time = sm$time, n_risk = sm$n.risk,
    n_event = sm$n.event, n_censor = sm$n.censor, surv = sm$surv, std_err = sm$std.err, lower = sm$lower,
    upper = sm$upper, cumhaz = sm$cumhaz)
  tab <- summary(fit)$table
  if (is.null(dim(tab))) tab <- t(as.matrix(tab))
  meds[[length(meds) + 1]] <- data.frame(case = case, conftype = ct, strata = sname, n = tab[, "records"],
    events = tab[, "events"], median = tab[, "median"], lcl = tab[, 8], ucl = tab[, 9])
}
wcsv(do.call(rbind, curves), "km_curves.csv")
wcsv(do.call(rbind, quants), "km_quantiles.csv")
wcsv(do.call(rbind, at), "km_times.csv")
wcsv(do.call(rbind, meds), "km_medians.csv")

# ---- log-rank / Fleming-Harrington ------------------------------------------------------------------------
tests <- list(
  lung_sex = function(r) survdiff(Surv(time, status) ~ sex, data = lung1, rho = r),
  veteran_celltype = function(r) survdiff(Surv(time, status) ~ celltype, data = vet, rho = r),
  veteran_trt_by_celltype = function(r) survdiff(Surv(time, status) ~ trt + strata(celltype), data = vet, rho = r),
  ovarian_rx = function(r) survdiff(Surv(futime, fustat) ~ rx, data = ova, rho = r),
  synth_g = function(r) survdiff(Surv(stop, status) ~ g, data = syn, rho = r),
  synth_g_by_s = function(r) survdiff(Surv(stop, status) ~ g + strata(s), data = syn, rho = r)
)
lr <- list()
for (case in names(tests)) for (r in c(0, 0.5, 1)) {
  d <- tests[[case]](r)
  obs <- if (is.matrix(d$obs)) rowSums(d$obs) else d$obs
  ex <- if (is.matrix(d$exp)) rowSums(d$exp) else d$exp
  df <- sum(ex > 0) - 1
  lr[[length(lr) + 1]] <- data.frame(case = case, rho = r, group = sub(".*=", "", names(d$n)), n = as.vector(d$n),
    observed = obs, expected = ex, variance = diag(d$var), chisq = d$chisq, df = df,
    p = pchisq(d$chisq, df, lower.tail = FALSE))
}
wcsv(do.call(rbind, lr), "logrank.csv")
