# Reference values for the competing-risks (Aalen-Johansen) tests (SurvivalTests/CompetingRisksTests.swift).
# Run from this directory:  Rscript make-cr-fixtures.R      (R survival 3.x, 3.5.3 when written; cmprsk)
# Synthetic leaving-care data: time in months (heavy ties), exit cause censored / returned home / adopted /
# turned 18, two local authorities, integer case weights, and delayed entry (start, stop].
suppressMessages({ library(survival); library(cmprsk) })
f17 <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
wcsv <- function(df, file) {
  for (j in seq_along(df)) if (is.numeric(df[[j]])) df[[j]] <- f17(df[[j]])
  write.csv(df, file, row.names = FALSE, quote = FALSE)
}
set.seed(18)
n <- 400
time <- sample(1:36, n, replace = TRUE)
cause <- sample(0:3, n, replace = TRUE, prob = c(0.35, 0.35, 0.15, 0.15))
la <- sample(c("north", "south"), n, replace = TRUE)
w <- sample(1:3, n, replace = TRUE)
start <- pmin(time - 1, sample(0:12, n, replace = TRUE))
cr <- data.frame(start = start, time = time, cause = cause, la = la, w = w)
# A tiny set where everyone still at risk has an event at the last time (S reaches 0).
tiny <- data.frame(time = c(1, 2, 2, 3, 4, 4), cause = c(1, 0, 2, 1, 2, 1), la = "all", w = 1, start = 0)
wcsv(cr, "competing.csv"); wcsv(tiny, "competing_tiny.csv")

lab <- c("censored", "returned", "adopted", "age18")
state <- function(d) factor(d$cause, 0:3, labels = lab)
fits <- list(
  cr_plain = function() survfit(Surv(time, state(cr)) ~ 1, data = cr),
  cr_strata = function() survfit(Surv(time, state(cr)) ~ la, data = cr),
  cr_weights = function() survfit(Surv(time, state(cr)) ~ 1, data = cr, weights = w),
  cr_entry = function() survfit(Surv(start, time, state(cr)) ~ 1, data = cr, id = seq_len(nrow(cr))),
  cr_entry_weights = function() survfit(Surv(start, time, state(cr)) ~ la, data = cr, weights = w,
                                        id = seq_len(nrow(cr))),
  cr_tiny = function() survfit(Surv(time, factor(cause, 0:3, labels = lab)) ~ 1, data = tiny)
)
out <- list()
for (case in names(fits)) {
  fit <- fits[[case]]()
  k <- if (is.null(fit$strata)) length(fit$time) else fit$strata
  st <- rep(if (is.null(fit$strata)) "" else sub(".*=", "", names(fit$strata)), k)
  states <- fit$states
  for (j in seq_along(states)) {
    out[[length(out) + 1]] <- data.frame(case = case, strata = st, state = states[j], time = fit$time,
      n_risk = fit$n.risk[, 1], n_event = fit$n.event[, j], n_censor = fit$n.censor, pstate = fit$pstate[, j],
      std_err = fit$std.err[, j], lower = fit$lower[, j], upper = fit$upper[, j])
  }
}
wcsv(do.call(rbind, out), "cr_survfit.csv")

# cmprsk::cuminc (Gray's variance) on the unweighted right-censored data; the step corners are reduced to one
# row per event time of each cause (the value after the jump).
ci <- cuminc(cr$time, cr$cause, cencode = 0)
cu <- list()
for (nm in names(ci)[grepl("^1 ", names(ci))]) {
  e <- ci[[nm]]
  keep <- c(diff(e$time) != 0, TRUE) & e$time > 0
  cu[[length(cu) + 1]] <- data.frame(cause = sub("^1 ", "", nm), time = e$time[keep], est = e$est[keep],
                                     var = e$var[keep])
}
wcsv(do.call(rbind, cu), "cr_cuminc.csv")
