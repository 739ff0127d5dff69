# glmmTMB reference fits of the outcome specs' mixed models on the synthetic outcomes cohort.
#
# Input (not committed: regenerate it, the generator is deterministic): the standard synthetic set, generator
# format version 2, seed 20240331, and its outcomes cohort written by
#   carestat derive outcome-cohort --level-before-age 16 --out cohort.csv
# (64,683 children). The factor levels are set as CareStat declares them: level no_contact first, sex female
# first, ethnicity White first.
# Output: synthetic-glmm-reference.csv (model, key, value at %.17g): loglik, beta:TERM, se:TERM (glmmTMB's Wald
# SEs from the joint Hessian, the reference for the LA-level term), sd (LA SD), with CareStat's term names, at
# glmmTMB's optimum polished by Newton steps (see below).
# Run: Rscript make-synthetic-glmm-reference.R path/to/cohort.csv
suppressMessages(library(glmmTMB))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(if (length(args)) args[1] else "cohort.csv")
d$level <- factor(d$level, levels = c("no_contact", "referral_only", "cin", "cpp", "looked_after"))
d$sex <- factor(d$sex, levels = c("female", "male"))
d$ethnicity <- factor(d$ethnicity, levels = c("White", "Mixed", "Asian", "Black", "Other", "Unknown"))
ctl <- glmmTMBControl(optCtrl = list(iter.max = 1e4, eval.max = 1e4, rel.tol = 1e-14))
rhs <- "level + sex + ethnicity + sen + deprivation + la_deprivation + (1 | la)"
name <- function(n) {
  n <- sub("^level", "level=", n); n <- sub("^sex", "sex=", n); sub("^ethnicity", "ethnicity=", n)
}
out <- list()
for (m in c("attainment", "any_conviction")) {
  fit <- glmmTMB(as.formula(paste(m, "~", rhs)), data = d, family = binomial, control = ctl)
  # nlminb stops where the Laplace likelihood is flat to ~1e-7 but the coefficients still move by ~5e-5
  # (lme4's glmer stops elsewhere in the same flat region), so the optimum is polished by Newton steps on TMB's
  # exact gradient with a finite-difference Hessian of it, and the SEs are taken from sdreport at that point.
  obj <- fit$obj; p <- fit$fit$par
  for (i in 1:6) {
    H <- optimHess(p, obj$fn, obj$gr)
    step <- solve(H, obj$gr(p))
    p <- p - step
    if (max(abs(step)) < 1e-10) break
  }
  cat(m, ": Newton polish moved the parameters by", max(abs(p - fit$fit$par)), "; gradient", max(abs(obj$gr(p))), "\n")
  rep <- TMB::sdreport(obj, par.fixed = p, hessian.fixed = optimHess(p, obj$fn, obj$gr))
  nb <- length(fixef(fit)$cond)
  b <- p[1:nb]; se <- sqrt(diag(rep$cov.fixed))[1:nb]
  names(b) <- names(se) <- names(fixef(fit)$cond)
  theta <- p[names(p) == "theta"]
  out[[length(out) + 1]] <- data.frame(model = m, key = c("loglik", paste0("beta:", name(names(b))),
    paste0("se:", name(names(se))), "sd"),
    value = sprintf("%.17g", c(-obj$fn(p), b, se, exp(theta))))
}
write.csv(do.call(rbind, out), "synthetic-glmm-reference.csv", row.names = FALSE)
