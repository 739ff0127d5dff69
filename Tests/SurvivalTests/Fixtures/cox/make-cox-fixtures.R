# Reference values for the Cox tests (Tests/SurvivalTests/Cox*Tests.swift), from R's survival package.
# Run from anywhere:  Rscript Tests/SurvivalTests/Fixtures/cox/make-cox-fixtures.R
# Writes beside this script: lung.csv, veteran.csv, ovarian.csv, ties.csv, counting.csv, monotone.csv (data)
# and reference.csv (case, quantity, index, value) with every value printed with %.17g.
suppressMessages(library(survival))
args <- commandArgs(FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
setwd(here)
cat("survival", as.character(packageVersion("survival")), "\n")

wcsv <- function(d, f) write.csv(d, f, row.names = FALSE, na = "", quote = FALSE)
f17 <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

# ---- data --------------------------------------------------------------------------------------------------
lung2 <- survival::lung
lung2$status <- lung2$status - 1                 # 0/1 events
lung2$w <- 1 + (seq_len(nrow(lung2)) %% 3) / 2   # case weights 1, 1.5, 2
lung2$off <- 0.01 * lung2$age                    # an offset column
lung2$agesex <- lung2$age + 2 * lung2$sex        # collinear with age + sex
lung2 <- lung2[, c("inst", "time", "status", "age", "sex", "ph.ecog", "ph.karno", "wt.loss", "w", "off", "agesex")]
wcsv(lung2, "lung.csv")

vet <- survival::veteran
vet$celltype <- as.character(vet$celltype)
wcsv(vet, "veteran.csv")

ova <- survival::ovarian
wcsv(ova, "ovarian.csv")

# Heavy ties: 500 rows, integer times 1..12, 3 strata, 120 clusters, case weights.
set.seed(20261121)
n <- 500
ties <- data.frame(x1 = round(rnorm(n), 3), x2 = rbinom(n, 1, 0.4),
                   g = sample(c("a", "b", "c"), n, replace = TRUE), id = sample(1:120, n, replace = TRUE),
                   w = round(runif(n, 0.5, 2), 2))
lp <- 0.5 * ties$x1 - 0.7 * ties$x2
ties$time <- pmin(ceiling(rexp(n, 0.15 * exp(lp))), 12)
ties$status <- ifelse(ties$time == 12, 0L, rbinom(n, 1, 0.8))
wcsv(ties, "ties.csv")

# Counting process: 200 subjects, delayed entry 0..3, 1-4 intervals each, a time-varying covariate z,
# events only at the end of a subject's last interval, integer stop times (ties), 2 strata, case weights.
set.seed(7)
rows <- list()
for (i in 1:200) {
  entry <- sample(0:3, 1)
  k <- sample(1:4, 1)
  cuts <- entry + cumsum(sample(1:5, k, replace = TRUE))
  x <- round(rnorm(1), 3)
  s <- sample(c("u", "v"), 1)
  w <- round(runif(1, 0.5, 2), 2)
  z <- round(rnorm(k, x / 2), 3)
  st <- c(entry, head(cuts, -1))
  ev <- c(rep(0L, k - 1), rbinom(1, 1, plogis(x)))
  rows[[i]] <- data.frame(id = i, start = st, stop = cuts, status = ev, x = x, z = z, s = s, w = w)
}
cp <- do.call(rbind, rows)
wcsv(cp, "counting.csv")

# Monotone likelihood: every subject with x = 1 dies before every subject with x = 0.
mono <- data.frame(time = 1:20, status = rep(c(1L, 1L, 0L, 1L), 5), x = rep(c(1, 0), each = 10))
wcsv(mono, "monotone.csv")

# ---- fits --------------------------------------------------------------------------------------------------
out <- list()
put <- function(case, q, v) out[[length(out) + 1]] <<- data.frame(case = case, quantity = q,
                                                                 index = seq_along(v), value = f17(v))

record <- function(case, fit, zph = TRUE, conc = TRUE, resid = FALSE) {
  put(case, "coef", unname(coef(fit)))
  put(case, "se", unname(sqrt(diag(fit$var))))
  put(case, "naive_se", unname(sqrt(diag(if (is.null(fit$naive.var)) fit$var else fit$naive.var))))
  put(case, "loglik", fit$loglik)
  put(case, "iter", fit$iter)
  put(case, "n", fit$n)
  put(case, "nevent", fit$nevent)
  s <- summary(fit)
  put(case, "lr", unname(s$logtest[1:2]))
  put(case, "wald", c(unname(fit$wald.test), sum(!is.na(coef(fit)))))  # summary() rounds waldtest
  put(case, "score", unname(s$sctest[1:2]))
  if (!is.null(fit$rscore)) put(case, "rscore", unname(s$robscore[1:2]))
  put(case, "aic", AIC(fit))
  if (zph) {
    z <- cox.zph(fit)
    put(case, "zph_chisq", unname(z$table[, 1]))
    put(case, "zph_df", unname(z$table[, 2]))
    put(case, "zph_p", unname(z$table[, 3]))
  }
  if (resid) {
    put(case, "resid_martingale", unname(residuals(fit, type = "martingale")))
    put(case, "resid_score", as.vector(residuals(fit, type = "score")))   # column-major n x p
  }
  if (conc) {
    cc <- concordance(fit)
    put(case, "concordance", c(cc$concordance, sqrt(cc$var)))
  }
}

record("lung_efron", f1 <- coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung2), resid = TRUE)
record("lung_breslow", coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung2, ties = "breslow"))
record("lung_strata", f3 <- coxph(Surv(time, status) ~ age + ph.ecog + strata(sex), data = lung2))
record("lung_cluster", coxph(Surv(time, status) ~ age + sex + ph.karno + cluster(inst), data = lung2))
record("lung_wt_off", coxph(Surv(time, status) ~ sex + ph.ecog + offset(off), data = lung2, weights = w))
record("lung_aliased", coxph(Surv(time, status) ~ age + sex + agesex, data = lung2), zph = FALSE)
record("veteran", coxph(Surv(time, status) ~ trt + celltype + karno + diagtime + age + prior, data = vet))
record("veteran_breslow_strata", coxph(Surv(time, status) ~ karno + age + strata(trt), data = vet, ties = "breslow"))
record("ovarian", coxph(Surv(futime, fustat) ~ age + ecog.ps + rx, data = ova))
record("ovarian_robust", coxph(Surv(futime, fustat) ~ age + ecog.ps + rx, data = ova, robust = TRUE))
record("ties_efron", coxph(Surv(time, status) ~ x1 + x2 + strata(g) + cluster(id), data = ties, weights = w))
record("ties_breslow", coxph(Surv(time, status) ~ x1 + x2 + strata(g) + cluster(id), data = ties, weights = w,
                             ties = "breslow"), resid = TRUE)
record("counting_efron", coxph(Surv(start, stop, status) ~ x + z + strata(s) + cluster(id), data = cp),
       resid = TRUE)
record("counting_breslow_weights", coxph(Surv(start, stop, status) ~ x + z, data = cp, weights = w,
                                         ties = "breslow"))
mfit <- suppressWarnings(coxph(Surv(time, status) ~ x, data = mono))
record("monotone", mfit, zph = FALSE, conc = FALSE)

# Predicted survival (survfit.coxph, newdata) at horizons.
nd <- data.frame(age = c(50, 70), sex = c(1, 2), ph.ecog = c(0, 2))
sf <- summary(survfit(f1, newdata = nd), times = c(100, 365, 700))
put("lung_efron", "pred_times", c(100, 365, 700))
put("lung_efron", "pred_surv", as.vector(sf$surv))        # column-major: times within profile
put("lung_efron", "pred_cumhaz", as.vector(sf$cumhaz))
sf3 <- summary(survfit(f3, newdata = data.frame(age = 60, ph.ecog = 1, sex = 2)), times = c(100, 365))
put("lung_strata", "pred_times", c(100, 365))
put("lung_strata", "pred_surv", as.vector(sf3$surv))

ref <- do.call(rbind, out)
write.csv(ref, "reference.csv", row.names = FALSE, quote = FALSE)
cat("wrote", nrow(ref), "reference values\n")
