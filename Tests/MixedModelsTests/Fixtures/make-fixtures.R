# Makes the MixedModels test fixtures: data sets from lme4 as CSV and reference values from lme4 and glmmTMB.
# Run from this folder: Rscript make-fixtures.R   (lme4 1.1-31/1.1-35, glmmTMB 1.1.5 when written)
suppressPackageStartupMessages({ library(lme4); library(glmmTMB) })
f17 <- function(x) sprintf("%.17g", x)
out <- list()
add <- function(model, key, value) {
  out[[length(out) + 1]] <<- data.frame(model = model, key = key, value = f17(value), stringsAsFactors = FALSE)
}

# ---- data ----
write.csv(sleepstudy, "sleepstudy.csv", row.names = FALSE)
cb <- cbpp; cb$failures <- cb$size - cb$incidence
cb$herd <- as.integer(as.character(cb$herd)); cb$period <- as.integer(as.character(cb$period))
write.csv(cb[, c("herd", "incidence", "size", "failures", "period")], "cbpp.csv", row.names = FALSE)
gt <- grouseticks
gt$height <- (gt$HEIGHT - mean(gt$HEIGHT)) / 100   # centred, in hundreds of metres
gt$year <- as.integer(as.character(gt$YEAR))
gt$location <- as.integer(as.character(gt$LOCATION))
write.csv(data.frame(ticks = gt$TICKS, year = gt$year, height = f17(gt$height), location = gt$location),
          "grouseticks.csv", row.names = FALSE, quote = FALSE)
d2 <- Dyestuff2; d2$Batch <- as.character(d2$Batch)
write.csv(d2, "dyestuff2.csv", row.names = FALSE)

# ---- linear mixed models (tight bobyqa so that the optimum is found to ~1e-10) ----
lctl <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5))
lmmRefs <- function(name, fit, profileCI = TRUE) {
  add(name, "loglik", as.numeric(logLik(fit)))
  add(name, "deviance", if (isREML(fit)) fit@devcomp$cmp[["REML"]] else deviance(fit))
  add(name, "AIC", AIC(fit))
  add(name, "sigma", sigma(fit))
  th <- getME(fit, "theta"); for (i in seq_along(th)) add(name, paste0("theta", i), th[i])
  fe <- fixef(fit); se <- sqrt(diag(as.matrix(vcov(fit))))
  for (i in seq_along(fe)) { add(name, paste0("beta:", names(fe)[i]), fe[i]); add(name, paste0("se:", names(fe)[i]), se[i]) }
  vc <- as.data.frame(VarCorr(fit))
  for (i in seq_len(nrow(vc))) {
    key <- paste(vc$grp[i], vc$var1[i], ifelse(is.na(vc$var2[i]), "", vc$var2[i]), sep = ":")
    add(name, paste0("vcov:", key), vc$vcov[i]); add(name, paste0("sdcor:", key), vc$sdcor[i])
  }
  re <- ranef(fit, condVar = TRUE)[[1]]; pv <- attr(re, "postVar")
  for (j in seq_len(nrow(re))) for (k in seq_len(ncol(re))) {
    add(name, paste0("ranef:", rownames(re)[j], ":", colnames(re)[k]), re[j, k])
    add(name, paste0("condsd:", rownames(re)[j], ":", colnames(re)[k]), sqrt(pv[k, k, j]))
  }
  if (profileCI) {
    # Profile-likelihood intervals for the standard deviations, correlation and sigma (lme4 interpolates the
    # profile by splines, so these carry ~1e-4 of interpolation error).
    pci <- suppressWarnings(confint(fit, method = "profile", parm = "theta_", oldNames = FALSE))
    for (i in seq_len(nrow(pci))) { add(name, paste0("plo:", rownames(pci)[i]), pci[i, 1]); add(name, paste0("phi:", rownames(pci)[i]), pci[i, 2]) }
  }
  wci <- confint(fit, method = "Wald", parm = "beta_")
  for (i in seq_len(nrow(wci))) { add(name, paste0("lo:", rownames(wci)[i]), wci[i, 1]); add(name, paste0("hi:", rownames(wci)[i]), wci[i, 2]) }
}
lmmRefs("sleep_slopes_reml", lmer(Reaction ~ Days + (Days | Subject), sleepstudy, REML = TRUE, control = lctl))
lmmRefs("sleep_slopes_ml", lmer(Reaction ~ Days + (Days | Subject), sleepstudy, REML = FALSE, control = lctl))
lmmRefs("sleep_int_reml", lmer(Reaction ~ Days + (1 | Subject), sleepstudy, REML = TRUE, control = lctl))
lmmRefs("sleep_int_ml", lmer(Reaction ~ Days + (1 | Subject), sleepstudy, REML = FALSE, control = lctl))
lmmRefs("dyestuff2_reml", suppressMessages(lmer(Yield ~ 1 + (1 | Batch), Dyestuff2, control = lctl)), profileCI = FALSE)

# ---- GLMMs: glmer with a tight second-stage bobyqa, and glmmTMB with tight nlminb tolerances ----
gctl <- glmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5), tolPwrss = 1e-12)
tctl <- glmmTMBControl(optCtrl = list(iter.max = 1e4, eval.max = 1e4, rel.tol = 1e-15, x.tol = 1e-12))
glmerRefs <- function(name, fit) {
  add(name, "loglik", as.numeric(logLik(fit)))
  add(name, "AIC", AIC(fit))
  add(name, "theta1", getME(fit, "theta"))
  fe <- fixef(fit); se <- sqrt(diag(as.matrix(vcov(fit))))
  for (i in seq_along(fe)) { add(name, paste0("beta:", names(fe)[i]), fe[i]); add(name, paste0("se:", names(fe)[i]), se[i]) }
  re <- ranef(fit, condVar = TRUE)[[1]]; pv <- attr(re, "postVar")
  for (j in seq_len(nrow(re))) {
    add(name, paste0("ranef:", rownames(re)[j], ":(Intercept)"), re[j, 1])
    add(name, paste0("condsd:", rownames(re)[j], ":(Intercept)"), sqrt(pv[1, 1, j]))
  }
}
# lme4's nAGQ > 1 deviance sums deviance residuals instead of -2 log f (lme4's C++ glmerAGQ), so its logLik is
# the marginal log-likelihood minus the saturated model's log-likelihood. Record that constant, and an independent
# check of the marginal log-likelihood at glmer's nAGQ = 10 estimates by integrate() over each group's intercept.
agqChecks <- function(name, fit, family, y, n = NULL) {
  sat <- if (family == "binomial") sum(dbinom(y, n, ifelse(n > 0, y / n, 0), log = TRUE)) else sum(dpois(y, y, log = TRUE))
  add(name, "satloglik", sat)
  eta0 <- drop(getME(fit, "X") %*% fixef(fit)); g <- getME(fit, "flist")[[1]]; th <- getME(fit, "theta")
  tot <- 0
  for (lev in levels(g)) {
    i <- which(g == lev)
    f <- function(u) sapply(u, function(uu) {
      eta <- eta0[i] + th * uu
      ll <- if (family == "binomial") sum(dbinom(y[i], n[i], plogis(eta), log = TRUE)) else sum(dpois(y[i], exp(eta), log = TRUE))
      exp(ll + dnorm(uu, log = TRUE))
    })
    tot <- tot + log(integrate(f, -12, 12, rel.tol = 1e-13, abs.tol = 0, subdivisions = 1000)$value)
  }
  add(name, "loglik_integrate", tot)
}
tmbRefs <- function(name, fit) {
  add(name, "loglik", as.numeric(logLik(fit)))
  add(name, "AIC", AIC(fit))
  fe <- fixef(fit)$cond; se <- sqrt(diag(vcov(fit)$cond))
  for (i in seq_along(fe)) { add(name, paste0("beta:", names(fe)[i]), fe[i]); add(name, paste0("se:", names(fe)[i]), se[i]) }
  add(name, "sd1", attr(VarCorr(fit)$cond[[1]], "stddev"))
  # Wald interval for the SD, computed on the log-SD scale and transformed back (glmmTMB's confint).
  ci <- confint(fit, parm = "theta_", method = "wald")
  add(name, "sdlo", ci[1, 1]); add(name, "sdhi", ci[1, 2])
}
cbf <- cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)
glmerRefs("cbpp_laplace_glmer", glmer(cbf, cbpp, binomial, control = gctl))
cbAGQ <- glmer(cbf, cbpp, binomial, nAGQ = 10, control = gctl)
glmerRefs("cbpp_agq10_glmer", cbAGQ)
agqChecks("cbpp_agq10_glmer", cbAGQ, "binomial", cbpp$incidence, cbpp$size)
tmbRefs("cbpp_laplace_tmb", glmmTMB(cbf, cbpp, binomial, control = tctl))
gt$fyear <- factor(gt$year)
gtf <- TICKS ~ fyear + height + (1 | location)
glmerRefs("ticks_laplace_glmer", glmer(gtf, gt, poisson, control = gctl))
tkAGQ <- glmer(gtf, gt, poisson, nAGQ = 10, control = gctl)
glmerRefs("ticks_agq10_glmer", tkAGQ)
agqChecks("ticks_agq10_glmer", tkAGQ, "poisson", gt$TICKS)
tmbRefs("ticks_laplace_tmb", glmmTMB(gtf, gt, poisson, control = tctl))

ref <- do.call(rbind, out)
write.csv(ref, "reference.csv", row.names = FALSE, quote = TRUE)
cat(sprintf("wrote %d reference values\n", nrow(ref)))
cat(sprintf("lme4 %s, glmmTMB %s\n", packageVersion("lme4"), packageVersion("glmmTMB")))
